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

/// Attributes whose value the browser may fetch, navigate to or ping, with or without a
/// namespace prefix (`xlink:href`).
const URL_ATTRIBUTES: [&[u8]; 24] = [
    b"src",
    b"href",
    b"srcset",
    b"imagesrcset",
    b"poster",
    b"data",
    b"background",
    b"action",
    b"formaction",
    b"content",
    b"srcdoc",
    b"ping",
    b"manifest",
    b"codebase",
    b"cite",
    b"longdesc",
    b"lowsrc",
    b"dynsrc",
    b"usemap",
    b"archive",
    b"classid",
    b"profile",
    b"code",
    b"attributionsrc",
];

/// Whether markup given as a string (`innerHTML` and the like) can make the browser fetch
/// anything once parsed: the guard parses only such markup in an inert `<template>` first, to
/// hold what it reaches. Decided conservatively: it can when it holds a character reference or
/// a backslash (either can spell anything checked here), `url(`, `image-set(` or `@import`
/// anywhere, or a tag with an attribute of [`URL_ATTRIBUTES`] — except `href` and `ping` of a
/// link (`<a>`, `<area>`: followed only when clicked). Tags are read as the browser's tokenizer
/// reads them (comments, quoted values); where the reading could differ from the browser's — a
/// quoted value holding `<` or `>`, or left open — it can.
///
/// ```
/// use bzconsent::core::markup::may_fetch;
/// assert!(!may_fetch("<li class=\"row\"><a href=\"/p/7\">Item 7</a> in stock</li>"));
/// assert!(may_fetch("<img alt=x SRC = 'https://t.example/p.gif'>"));
/// ```
pub fn may_fetch(html: &str) -> bool {
    let b = html.as_bytes();
    if b.iter().any(|&c| c == b'&' || c == b'\\') {
        return true;
    }
    if [&b"url("[..], b"image-set(", b"@import"]
        .iter()
        .any(|n| find_ci(b, 0, n).is_some())
    {
        return true;
    }
    let mut i = 0;
    while let Some(lt) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        i += lt + 1;
        match b.get(i) {
            // A comment ends at `-->` or `--!>` (`<!-->` and `<!--->` at once); any other
            // `<!…>`, `<?…>` and `</` not followed by a letter at the first `>`.
            Some(b'!') if b[i..].starts_with(b"!--") => {
                let body = i + 3;
                i = if b[body..].starts_with(b">") || b[body..].starts_with(b"->") {
                    body
                } else {
                    let a = find_ci(b, body, b"-->").unwrap_or(b.len());
                    let c = find_ci(b, body, b"--!>").unwrap_or(b.len());
                    a.min(c)
                };
            }
            Some(b'!' | b'?') => {
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(b.len(), |p| i + p)
            }
            Some(b'/') if !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .map_or(b.len(), |p| i + p)
            }
            Some(&c) if c == b'/' || c.is_ascii_alphabetic() => match tag_fetches(b, &mut i) {
                Some(false) => {}
                _ => return true,
            },
            _ => {}
        }
    }
    false
}

/// Reads a start or end tag from its name (`i` just after `<`) to its `>`, moving `i` there:
/// `Some(true)` when an attribute may fetch, `None` when the reading is not certain.
fn tag_fetches(b: &[u8], i: &mut usize) -> Option<bool> {
    let end_tag = b[*i] == b'/';
    let name_start = *i + usize::from(end_tag);
    let mut j = name_start;
    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'/' && b[j] != b'>' {
        j += 1;
    }
    let tag = &b[name_start..j];
    let link = !end_tag && (tag.eq_ignore_ascii_case(b"a") || tag.eq_ignore_ascii_case(b"area"));
    loop {
        while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
            j += 1;
        }
        match b.get(j) {
            None => return None,
            Some(b'>') => {
                *i = j;
                return Some(false);
            }
            _ => {}
        }
        // An attribute's name (a first `=` belongs to it), then its value, if any.
        let name_start = j;
        j += 1;
        while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        let name = &b[name_start..j];
        let local = name
            .iter()
            .rposition(|&c| c == b':')
            .map_or(name, |c| &name[c + 1..]);
        let fetches = URL_ATTRIBUTES.iter().any(|a| local.eq_ignore_ascii_case(a))
            && !(link
                && (local.eq_ignore_ascii_case(b"href") || local.eq_ignore_ascii_case(b"ping")));
        let mut k = j;
        while k < b.len() && b[k].is_ascii_whitespace() {
            k += 1;
        }
        if b.get(k) == Some(&b'=') {
            k += 1;
            while k < b.len() && b[k].is_ascii_whitespace() {
                k += 1;
            }
            match b.get(k) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = b[k + 1..].iter().position(|&c| c == q)? + k + 1;
                    if b[k + 1..close].iter().any(|&c| c == b'<' || c == b'>') {
                        return None;
                    }
                    j = close + 1;
                }
                _ => {
                    while k < b.len() && !b[k].is_ascii_whitespace() && b[k] != b'>' {
                        k += 1;
                    }
                    j = k;
                }
            }
        }
        if fetches && !end_tag {
            return Some(true);
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

    #[test]
    fn markup_without_urls_cannot_fetch() {
        for quiet in [
            "",
            "plain text",
            "<div class=\"row\" id=r1 data-id=7><span title='x'>Item</span></div>",
            "<ul><li>one</li><li data-src-like=\"x\">two</li></ul>",
            "<iframe></iframe><img alt=\"\"><p style=\"color:red\">x</p>",
            "<input value=\"a=b\" disabled>",
            "<table><tr><td>1</td><td><a href=\"/products/1\">Carton box 1</a></td></tr></table>",
            "<map><area shape=rect href=/x ping=/p></map>",
            "<!-- <img src=x> -->text",
            "<p title=\"src=not really\">a</p>",
            "</p src=x>",
        ] {
            assert!(!may_fetch(quiet), "{quiet}");
        }
    }

    #[test]
    fn markup_with_anything_that_names_a_url_can_fetch() {
        for loud in [
            "<img src=x>",
            "<img SRC = 'x'>",
            "<img/src=x>",
            "<svg><image xlink:href=\"x\"></image></svg>",
            "<picture><source srcset=\"x 1x\"></picture>",
            "<link rel=preload imagesrcset=\"x 1x\">",
            "<table background=x>",
            "<form action=x>",
            "<button formaction=x>",
            "<meta http-equiv=refresh content=\"0;url=x\">",
            "<video poster=x>",
            "<object data=x>",
            "<iframe srcdoc=\"<p>\">",
            "<img attributionsrc=x>",
            "<div style=\"background:URL(x)\">",
            "<div style=\"background-image:image-set('x' 1x)\">",
            "<style>@import 'x';</style>",
            "<div style=\"background:u\\72 l(x)\">",
            "<div style=\"background:url&#40;x)\">",
            "<a href=/x><img src=y></a>",
            "<svg><image href=x></image></svg>",
            "<svg><a href=x></a><use href=y></use></svg>",
            "<base href=x>",
            // Where the reading could differ from the browser's, it can.
            "<!-- x > <a title=\" --> <link href=t rel=preload as=image>",
            "<b title=\"<link href=t>\">",
            "<a title='x",
            "<a href=/x",
            "<!-- --!> <img src=x>",
            "<!--> <img src=x>",
            "<style><img src=x></style>",
        ] {
            assert!(may_fetch(loud), "{loud}");
        }
    }

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
