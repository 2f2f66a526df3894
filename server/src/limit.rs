//! Per-client rate limiting in fixed memory: a table of slots, one atomic word each, indexed by
//! a keyed hash of the client's address (an IPv6 client by its /64). Each slot runs the generic
//! cell rate algorithm (a token bucket that needs only the time its bucket is next empty).
//! Clients whose hashes collide share a slot: they are limited together, never more loosely,
//! and the random key keeps anyone from choosing whom they collide with.

use std::hash::{BuildHasher, Hash};
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Slots in the table (8 bytes each: 1 MiB).
pub const SLOTS: usize = 1 << 17;

/// Allows each client `rate` requests a second on average, `burst` at once.
pub struct RateLimiter {
    slots: Box<[AtomicU64]>,
    keys: std::collections::hash_map::RandomState,
    start: Instant,
    interval_ns: u64,
    tolerance_ns: u64,
}

impl RateLimiter {
    /// A limiter for `rate` requests a second with bursts of `burst`; `None` when `rate` is 0
    /// (no limit).
    pub fn new(rate: u32, burst: u32) -> Option<RateLimiter> {
        if rate == 0 {
            return None;
        }
        let interval_ns = 1_000_000_000 / u64::from(rate);
        Some(RateLimiter {
            slots: (0..SLOTS).map(|_| AtomicU64::new(0)).collect(),
            keys: std::collections::hash_map::RandomState::new(),
            start: Instant::now(),
            interval_ns,
            tolerance_ns: interval_ns.saturating_mul(u64::from(burst.max(1)) - 1),
        })
    }

    /// Whether `client` may make a request now (and counts it if so).
    pub fn allow(&self, client: IpAddr) -> bool {
        let now = self.start.elapsed().as_nanos() as u64;
        self.allow_at(client, now)
    }

    fn allow_at(&self, client: IpAddr, now: u64) -> bool {
        let slot = &self.slots[self.slot(client)];
        let mut tat = slot.load(Ordering::Relaxed);
        loop {
            let start = tat.max(now);
            if start - now > self.tolerance_ns {
                return false;
            }
            match slot.compare_exchange_weak(
                tat,
                start + self.interval_ns,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => return true,
                Err(seen) => tat = seen,
            }
        }
    }

    fn slot(&self, client: IpAddr) -> usize {
        let mut h = self.keys.build_hasher();
        match client {
            IpAddr::V4(a) => a.octets().hash(&mut h),
            IpAddr::V6(a) => match a.to_ipv4_mapped() {
                Some(v4) => v4.octets().hash(&mut h),
                None => a.octets()[..8].hash(&mut h),
            },
        }
        (std::hash::Hasher::finish(&h) as usize) % SLOTS
    }
}

/// The address with its host part removed, for `--store-ip truncated`: an IPv4 address to its
/// /24 (`203.0.113.0`), an IPv6 address to its /48 (`2001:db8:1::`).
pub fn truncate_ip(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(a) => {
            let [x, y, z, _] = a.octets();
            IpAddr::from([x, y, z, 0])
        }
        IpAddr::V6(a) => match a.to_ipv4_mapped() {
            Some(v4) => truncate_ip(IpAddr::V4(v4)),
            None => {
                let s = a.segments();
                IpAddr::from([s[0], s[1], s[2], 0, 0, 0, 0, 0])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: u64 = 1_000_000_000;

    #[test]
    fn a_burst_is_allowed_then_the_rate() {
        let limiter = RateLimiter::new(10, 5).unwrap();
        let ip: IpAddr = "203.0.113.7".parse().unwrap();
        let t0 = 100 * SECOND;
        let allowed = (0..20).filter(|_| limiter.allow_at(ip, t0)).count();
        assert_eq!(allowed, 5);
        // A tenth of a second later, one more.
        assert!(limiter.allow_at(ip, t0 + SECOND / 10));
        assert!(!limiter.allow_at(ip, t0 + SECOND / 10));
        // Another client is not affected (barring a one-in-SLOTS collision).
        let other: IpAddr = "198.51.100.1".parse().unwrap();
        assert!(limiter.allow_at(other, t0));
    }

    #[test]
    fn ipv6_clients_are_limited_by_their_64() {
        let limiter = RateLimiter::new(1, 1).unwrap();
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2::ffff".parse().unwrap();
        assert!(limiter.allow_at(a, 10 * SECOND));
        assert!(!limiter.allow_at(b, 10 * SECOND));
    }

    #[test]
    fn no_rate_means_no_limiter() {
        assert!(RateLimiter::new(0, 10).is_none());
    }

    #[test]
    fn addresses_are_truncated() {
        let t = |s: &str| truncate_ip(s.parse().unwrap()).to_string();
        assert_eq!(t("203.0.113.77"), "203.0.113.0");
        assert_eq!(t("2001:db8:1:2:3:4:5:6"), "2001:db8:1::");
        assert_eq!(t("::ffff:203.0.113.77"), "203.0.113.0");
    }
}
