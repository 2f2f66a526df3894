//! Script start tags in HTML a page writes with `document.write`: the browser runs a written
//! script before any observer can see it, so a tracker's tag has to be changed in the text.

/// One `<script …>` start tag in written HTML.
#[derive(Debug, PartialEq)]
pub struct ScriptTag<'a> {
    /// Byte offset just after `<script`, where attributes can be inserted. The HTML parser keeps
    /// the first of duplicate attributes, so inserted ones win over the tag's own.
    pub at: usize,
    /// The `src` attribute, if any (first occurrence, as the parser reads it).
    pub src: Option<&'a str>,
    /// The `type` attribute, if any.
    pub ty: Option<&'a str>,
}

/// The complete script start tags of `html`, in order; the text inside scripts is skipped.
///
/// ```
/// use bzconsent::core::markup::script_tags;
/// let tags = script_tags("<p>x</p><SCRIPT async src='https://t.example/a.js'></SCRIPT>");
/// assert_eq!(tags[0].src, Some("https://t.example/a.js"));
/// assert_eq!(tags[0].at, "<p>x</p><SCRIPT".len());
/// ```
pub fn script_tags(html: &str) -> Vec<ScriptTag<'_>> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(start) = find_ci(bytes, i, b"<script") {
        let at = start + b"<script".len();
        if !matches!(bytes.get(at), Some(b) if b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        {
            i = at;
            continue;
        }
        let Some((tag, end)) = attributes(html, at) else {
            break; // an unfinished tag: left as written
        };
        tags.push(ScriptTag { at, ..tag });
        i = find_ci(bytes, end, b"</script").unwrap_or(bytes.len());
    }
    tags
}

/// Reads the attributes from `i` to the tag's `>`: the tag (its `at` unset) and where it ends.
/// Every boundary is an ASCII byte, so slicing `html` there is always on a character boundary.
fn attributes(html: &str, mut i: usize) -> Option<(ScriptTag<'_>, usize)> {
    let bytes = html.as_bytes();
    let mut tag = ScriptTag {
        at: 0,
        src: None,
        ty: None,
    };
    loop {
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            i += 1;
        }
        if *bytes.get(i)? == b'>' {
            return Some((tag, i + 1));
        }
        let name_start = i;
        while bytes
            .get(i)
            .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>' | b'='))
            || i == name_start && bytes.get(i) == Some(&b'=')
        {
            i += 1;
        }
        let name = html.get(name_start..i)?;
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let mut value = None;
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let (v, next) = match *bytes.get(i)? {
                q @ (b'"' | b'\'') => {
                    let close = i + 1 + bytes[i + 1..].iter().position(|b| *b == q)?;
                    (html.get(i + 1..close)?, close + 1)
                }
                _ => {
                    let end = bytes[i..]
                        .iter()
                        .position(|b| b.is_ascii_whitespace() || *b == b'>')
                        .map_or(bytes.len(), |p| i + p);
                    (html.get(i..end)?, end)
                }
            };
            value = Some(v);
            i = next;
        }
        let slot = if name.eq_ignore_ascii_case("src") {
            &mut tag.src
        } else if name.eq_ignore_ascii_case("type") {
            &mut tag.ty
        } else {
            continue;
        };
        if slot.is_none() {
            *slot = Some(value.unwrap_or(""));
        }
    }
}

/// The first offset at or after `from` where `needle` (lower-case ASCII) starts, any case.
fn find_ci(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn srcs(html: &str) -> Vec<(Option<&str>, Option<&str>)> {
        script_tags(html)
            .into_iter()
            .map(|t| (t.src, t.ty))
            .collect()
    }

    fn some(s: &str) -> Option<&str> {
        Some(s)
    }

    #[test]
    fn reads_quoted_unquoted_and_bare_attributes_in_any_case() {
        let html = r#"<script async SRC="https://a.example/x.js?a=1&amp;b=2" Type='module'></script><script src=//b.example/y.js defer></script><script>inline()</script>"#;
        assert_eq!(
            srcs(html),
            vec![
                (some("https://a.example/x.js?a=1&amp;b=2"), some("module")),
                (some("//b.example/y.js"), None),
                (None, None),
            ]
        );
    }

    #[test]
    fn insertion_point_is_just_after_the_tag_name() {
        let html = "x<ScRiPt\tsrc=a.js>";
        let tags = script_tags(html);
        assert_eq!(&html[..tags[0].at], "x<ScRiPt");
    }

    #[test]
    fn first_of_duplicate_attributes_counts_as_in_the_parser() {
        assert_eq!(
            srcs("<script type=text/plain src=a.js type=text/javascript src=b.js>"),
            vec![(some("a.js"), some("text/plain"))]
        );
    }

    #[test]
    fn script_text_and_other_tags_are_not_read_as_tags() {
        let html = r#"<scripts src=no.js><script>document.write("<script src=inner.js><\/script>")</script><script src=after.js></script>"#;
        assert_eq!(srcs(html), vec![(None, None), (some("after.js"), None)]);
    }

    #[test]
    fn unfinished_tags_are_left_alone() {
        assert_eq!(srcs("<script src=\"a.js"), vec![]);
        assert_eq!(srcs("<script src=a.js"), vec![]);
        assert_eq!(srcs("<script"), vec![]);
        assert_eq!(srcs(""), vec![]);
    }

    #[test]
    fn attribute_without_value_and_odd_names_do_not_confuse_it() {
        assert_eq!(
            srcs("<script defer =x nomodule src = 'a b.js' / >"),
            vec![(some("a b.js"), None)]
        );
        assert_eq!(srcs("<script =src src=a.js>"), vec![(some("a.js"), None)]);
    }
}
