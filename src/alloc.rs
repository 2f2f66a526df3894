//! The module's memory allocator: power-of-two size classes with one free list each, carved
//! from pages the module grows itself.
//!
//! A consent widget allocates little and briefly (strings crossing to JavaScript, a record, a
//! few lists), on one thread. The standard allocator (dlmalloc) is general and about 6 KB of
//! code; this one is a few hundred bytes. Every block is a power of two from 16 bytes up and is
//! aligned to its own size (or to 64 KiB, the page, when larger), so any alignment up to the
//! block size holds. Freed blocks go back to their class's list and are reused as they are; a
//! block is never split or merged, which at most doubles what a request takes.

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;
use core::ptr;

const PAGE: usize = 65_536;
/// Smallest block: 16 bytes (2^4).
const MIN_SHIFT: u32 = 4;
/// Number of classes: 16 bytes … 1 GiB.
const CLASSES: usize = 27;

struct State {
    /// Head of each class's free list (0 when empty); a free block holds the next one's address.
    free: [usize; CLASSES],
    /// The unused rest of the last pages grown: `next..end`.
    next: usize,
    end: usize,
}

/// The allocator. The module runs on one thread (wasm32 without threads), so the state needs
/// no lock.
pub struct Allocator(UnsafeCell<State>);

// SAFETY: wasm32-unknown-unknown without the atomics feature has exactly one thread.
unsafe impl Sync for Allocator {}

impl Allocator {
    /// An allocator with nothing allocated yet.
    pub const fn new() -> Self {
        Allocator(UnsafeCell::new(State {
            free: [0; CLASSES],
            next: 0,
            end: 0,
        }))
    }
}

impl Default for Allocator {
    fn default() -> Self {
        Self::new()
    }
}

/// The class of a layout, or `None` when no class holds it.
fn class(layout: Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(1 << MIN_SHIFT);
    let shift = size.checked_next_power_of_two()?.trailing_zeros();
    let class = (shift - MIN_SHIFT) as usize;
    (class < CLASSES).then_some(class)
}

impl State {
    /// A fresh block of `size` bytes (a power of two), aligned to `min(size, PAGE)`.
    fn carve(&mut self, size: usize) -> *mut u8 {
        let align = size.min(PAGE);
        let mut start = (self.next + align - 1) & !(align - 1);
        if start < self.next || start.checked_add(size).is_none_or(|end| end > self.end) {
            // Grow by whole pages; the new pages follow the old ones unless the memory was
            // grown by someone else, in which case the rest of the old pages is given up.
            let pages = size.div_ceil(PAGE) + 1;
            let old = wasm32::memory_grow(0, pages);
            if old == usize::MAX {
                return ptr::null_mut();
            }
            let base = old * PAGE;
            if base != self.end {
                self.next = base;
            }
            self.end = base + pages * PAGE;
            start = (self.next + align - 1) & !(align - 1);
            if start + size > self.end {
                return ptr::null_mut();
            }
        }
        self.next = start + size;
        start as *mut u8
    }
}

// SAFETY: blocks are handed out once until freed; each is at least `layout.size()` bytes and
// aligned to at least `layout.align()` (see `class` and `carve`).
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class(layout) else {
            return ptr::null_mut();
        };
        // SAFETY: one thread, and no call re-enters the allocator while this borrow lives.
        let state = unsafe { &mut *self.0.get() };
        let head = state.free[class];
        if head != 0 {
            // SAFETY: a free block's first word holds the address of the next free block.
            state.free[class] = unsafe { *(head as *const usize) };
            return head as *mut u8;
        }
        state.carve(1 << (class as u32 + MIN_SHIFT))
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let Some(class) = class(layout) else {
            return;
        };
        // SAFETY: as in `alloc`; `block` came from `alloc` with this layout, so it is at least
        // 16 bytes and word-aligned.
        unsafe {
            let state = &mut *self.0.get();
            *(block as *mut usize) = state.free[class];
            state.free[class] = block as usize;
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
            return ptr::null_mut();
        };
        if class(new_layout) == class(layout) {
            return block;
        }
        // SAFETY: the caller's guarantees for `realloc` are those of `alloc` and `dealloc`.
        unsafe {
            let new = self.alloc(new_layout);
            if !new.is_null() {
                ptr::copy_nonoverlapping(block, new, layout.size().min(new_size));
                self.dealloc(block, layout);
            }
            new
        }
    }
}
