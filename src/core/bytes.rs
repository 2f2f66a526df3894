//! Searches for one ASCII byte in text. `str`'s own searches for a `char` bring the standard
//! library's character searcher (and `memchr`) into the guard's module; these cost a few bytes
//! each. A cut at an ASCII byte is always at a character boundary.

/// Where `b` first occurs in `s`.
pub fn find(s: &str, b: u8) -> Option<usize> {
    s.bytes().position(|c| c == b)
}

/// Whether `s` holds `b`.
pub fn contains(s: &str, b: u8) -> bool {
    s.bytes().any(|c| c == b)
}

/// `s` up to the first `b` (all of it when there is none).
pub fn before(s: &str, b: u8) -> &str {
    match find(s, b) {
        Some(i) => &s[..i],
        None => s,
    }
}

/// The parts of `s` between the `b`s, as `str::split` gives them.
pub fn split(s: &str, b: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    core::iter::from_fn(move || {
        let r = rest?;
        match find(r, b) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The lines of `s`, as `str::lines` gives them: none for empty text, no empty line after a
/// final newline, a `\r` before a newline dropped.
pub fn lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = (!s.is_empty()).then_some(s);
    core::iter::from_fn(move || {
        let r = rest?;
        let (line, next) = match find(r, b'\n') {
            Some(i) => {
                let line = &r[..i];
                (
                    line.strip_suffix('\r').unwrap_or(line),
                    r.get(i + 1..).filter(|n| !n.is_empty()),
                )
            }
            None => (r, None),
        };
        rest = next;
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_the_standard_library_cuts() {
        let texts = [
            "", "a", ";", "a;b", ";a;", "a;;b", "é;ü;", "\n", "a\n", "a\r\nb", "a\n\nb\n", "\r\n",
            "x\r", "\n\n",
        ];
        for t in texts {
            assert_eq!(
                split(t, b';').collect::<Vec<_>>(),
                t.split(';').collect::<Vec<_>>(),
                "{t:?}"
            );
            assert_eq!(
                lines(t).collect::<Vec<_>>(),
                t.lines().collect::<Vec<_>>(),
                "{t:?}"
            );
            assert_eq!(find(t, b';'), t.find(';'), "{t:?}");
            assert_eq!(contains(t, b'\n'), t.contains('\n'), "{t:?}");
            assert_eq!(before(t, b';'), t.split(';').next().unwrap_or(""), "{t:?}");
        }
    }
}
