//! A linear scan of the tag stream, as the HTML tokenizer sees it.
//!
//! [`Scanner`] yields start and end tags with their attribute count, and
//! steps over what the tokenizer does not read as tags: comments,
//! doctypes and other `<!…>`/`<?…>` declarations, CDATA sections in SVG
//! and MathML, and the text of raw-text elements (`<script>`, `<style>`,
//! `<title>`, `<textarea>`, …, which hold no tags outside SVG and MathML).
//! Attributes are read with the tokenizer's rules (quoted values may hold
//! `>`), so a tag ends where the parser will end it. The scan allocates
//! nothing; the guards and the splitting of large pages run it before the
//! HTML5 parser.

/// One tag found by the scan. Positions are byte offsets into the input.
pub struct Tag {
    /// The `<`.
    pub start: usize,
    /// Just past the closing `>` (the input's end when the tag is unterminated).
    pub end: usize,
    /// Where the closing `>` or `/>` starts (`end` when unterminated).
    pub tail: usize,
    pub closing: bool,
    pub self_closing: bool,
    pub name_start: usize,
    pub name_end: usize,
    /// Attributes written in the tag, duplicates included.
    pub attrs: usize,
    /// Where the first attribute past the number the caller keeps starts.
    pub cut: Option<usize>,
}

/// What a `<` opens.
enum Markup {
    Tag {
        closing: bool,
        name_start: usize,
    },
    /// Not a tag: resume scanning here.
    Skip(usize),
}

/// Iterates over the tags of a document.
pub struct Scanner<'a> {
    b: &'a [u8],
    pos: usize,
    /// Open `<svg>` and `<math>` elements; inside them no element holds raw text.
    foreign: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_one_of(name: &[u8], names: &[&str]) -> bool {
    names
        .iter()
        .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
}

/// Elements whose content the parser reads as text (scripting on).
pub fn is_raw_text(name: &[u8]) -> bool {
    is_one_of(
        name,
        &[
            "script",
            "style",
            "textarea",
            "title",
            "xmp",
            "iframe",
            "noembed",
            "noframes",
            "noscript",
            "plaintext",
        ],
    )
}

/// HTML start tags that end SVG or MathML content.
fn breaks_out_of_foreign(name: &[u8]) -> bool {
    is_one_of(
        name,
        &[
            "b",
            "big",
            "blockquote",
            "body",
            "br",
            "center",
            "code",
            "dd",
            "div",
            "dl",
            "dt",
            "em",
            "embed",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "head",
            "hr",
            "i",
            "img",
            "li",
            "listing",
            "menu",
            "meta",
            "nobr",
            "ol",
            "p",
            "pre",
            "ruby",
            "s",
            "small",
            "span",
            "strong",
            "strike",
            "sub",
            "sup",
            "table",
            "tt",
            "u",
            "ul",
            "var",
        ],
    )
}

impl<'a> Scanner<'a> {
    pub fn new(html: &'a str) -> Scanner<'a> {
        Scanner {
            b: html.as_bytes(),
            pos: 0,
            foreign: 0,
        }
    }

    /// The next tag. `keep` gets the tag's name and whether it is an end
    /// tag, and says how many attributes the caller keeps: [`Tag::cut`]
    /// marks the first one past them.
    pub fn next_tag(&mut self, keep: impl FnOnce(&[u8], bool) -> usize) -> Option<Tag> {
        loop {
            let lt = self.pos + memchr::memchr(b'<', self.b.get(self.pos..)?)?;
            match self.markup_at(lt) {
                Markup::Skip(next) => self.pos = next,
                Markup::Tag {
                    closing,
                    name_start,
                } => {
                    let tag = self.tag(lt, closing, name_start, keep);
                    self.pos = tag.end;
                    self.enter(&tag);
                    return Some(tag);
                }
            }
        }
    }

    fn markup_at(&self, lt: usize) -> Markup {
        let b = self.b;
        let rest = &b[lt..];
        let after_declaration = || {
            memchr::memchr(b'>', rest)
                .map(|e| lt + e + 1)
                .unwrap_or(b.len())
        };
        match rest.get(1).copied() {
            Some(c) if c.is_ascii_alphabetic() => Markup::Tag {
                closing: false,
                name_start: lt + 1,
            },
            Some(b'!') if rest.starts_with(b"<!--") => Markup::Skip(comment_end(b, lt + 4)),
            Some(b'!') if self.foreign > 0 && rest.starts_with(b"<![CDATA[") => Markup::Skip(
                memchr::memmem::find(rest, b"]]>")
                    .map(|e| lt + e + 3)
                    .unwrap_or(b.len()),
            ),
            Some(b'!' | b'?') => Markup::Skip(after_declaration()),
            Some(b'/') => match rest.get(2).copied() {
                Some(c) if c.is_ascii_alphabetic() => Markup::Tag {
                    closing: true,
                    name_start: lt + 2,
                },
                Some(b'>') => Markup::Skip(lt + 3),
                Some(_) => Markup::Skip(after_declaration()),
                None => Markup::Skip(b.len()),
            },
            _ => Markup::Skip(lt + 1),
        }
    }

    fn tag(
        &self,
        start: usize,
        closing: bool,
        name_start: usize,
        keep: impl FnOnce(&[u8], bool) -> usize,
    ) -> Tag {
        let b = self.b;
        let mut name_end = name_start;
        while name_end < b.len() && !is_space(b[name_end]) && !matches!(b[name_end], b'/' | b'>') {
            name_end += 1;
        }
        let keep = keep(&b[name_start..name_end], closing);
        let (attrs, cut, tail, end, self_closing) = attributes(b, name_end, keep);
        Tag {
            start,
            end,
            tail,
            closing,
            self_closing,
            name_start,
            name_end,
            attrs,
            cut,
        }
    }

    /// Follow the tag into SVG or MathML content, out of it, or over the
    /// text of a raw-text element.
    fn enter(&mut self, tag: &Tag) {
        let name = &self.b[tag.name_start..tag.name_end];
        let foreign_root = is_one_of(name, &["svg", "math"]);
        if tag.closing {
            if foreign_root {
                self.foreign = self.foreign.saturating_sub(1);
            }
            return;
        }
        if breaks_out_of_foreign(name) {
            self.foreign = 0;
        }
        if foreign_root && !tag.self_closing {
            self.foreign += 1;
        } else if self.foreign == 0 && is_raw_text(name) {
            self.pos = raw_text_end(self.b, self.pos, name);
        }
    }
}

/// Read the attributes from `i` (just past the tag name) to the end of the
/// tag: (count, where attribute number `keep` starts, tail, end,
/// self-closing).
fn attributes(b: &[u8], mut i: usize, keep: usize) -> (usize, Option<usize>, usize, usize, bool) {
    let skip_space = |mut i: usize| {
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        i
    };
    let mut count = 0;
    let mut cut = None;
    loop {
        i = skip_space(i);
        match b.get(i) {
            None => return (count, cut, b.len(), b.len(), false),
            Some(b'>') => return (count, cut, i, i + 1, false),
            Some(b'/') if b.get(i + 1) == Some(&b'>') => return (count, cut, i, i + 2, true),
            Some(b'/') => {
                i += 1;
                continue;
            }
            Some(_) => {}
        }
        if count == keep {
            cut = Some(i);
        }
        count += 1;
        // The first character always belongs to the name, even a `=`.
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        i = skip_space(i);
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i = skip_space(i + 1);
        match b.get(i).copied() {
            Some(q @ (b'"' | b'\'')) => {
                i = memchr::memchr(q, &b[i + 1..])
                    .map(|e| i + 1 + e + 1)
                    .unwrap_or(b.len());
            }
            _ => {
                while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
}

/// End of a comment whose `<!--` ends just before `from`: past `-->` or
/// `--!>`; `<!-->` and `<!--->` are empty comments.
fn comment_end(b: &[u8], from: usize) -> usize {
    let rest = &b[from..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let mut at = from;
    while let Some(e) = memchr::memmem::find(&b[at..], b"--") {
        let dash = at + e;
        match &b[dash + 2..] {
            [b'>', ..] => return dash + 3,
            [b'!', b'>', ..] => return dash + 4,
            _ => at = dash + 1,
        }
    }
    b.len()
}

/// Start of the end tag closing the raw text that starts at `from` (the
/// input's end when there is none): `</name` followed by a space, `/` or
/// `>`, in any case.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    if name.eq_ignore_ascii_case(b"plaintext") {
        return b.len();
    }
    let mut at = from;
    while let Some(e) = memchr::memmem::find(&b[at..], b"</") {
        let lt = at + e;
        let after = lt + 2 + name.len();
        if b.get(lt + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && b.get(after)
                .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return lt;
        }
        at = lt + 2;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each tag as `name:attrs`, `/name` for end tags, with `@cut` when
    /// `keep` attributes are kept and there are more.
    fn tags(html: &str, keep: usize) -> Vec<String> {
        let mut s = Scanner::new(html);
        let mut out = Vec::new();
        while let Some(t) = s.next_tag(|_, _| keep) {
            let name = &html[t.name_start..t.name_end];
            let mut item = if t.closing {
                format!("/{name}:{}", t.attrs)
            } else {
                format!("{name}:{}", t.attrs)
            };
            if t.self_closing {
                item.push('/');
            }
            if let Some(c) = t.cut {
                item.push_str(&format!("@{}", &html[c..t.tail]));
            }
            out.push(item);
        }
        out
    }

    #[test]
    fn tags_and_attributes_as_the_tokenizer_reads_them() {
        let cases: &[(&str, &[&str])] = &[
            ("<p>x</p>", &["p:0", "/p:0"]),
            ("<a href=\"a>b\" title='c>d' x=e>t</a>", &["a:3", "/a:0"]),
            ("<div a b=1 c = \"2\"d=3/>", &["div:4"]),
            ("<a href=/>", &["a:1"]),
            ("<br/><img src=x />", &["br:0/", "img:1/"]),
            ("<p =x ==y>", &["p:1"]),
            ("<p a/b>", &["p:2"]),
            ("</p a b>", &["/p:2"]),
            ("<p a=\"unterminated", &["p:1"]),
            ("a < b <1 </ x> </> <p>", &["p:0"]),
            (
                "<!-- <p> --><!--><b><!---><i><!-- --!><u>",
                &["b:0", "i:0", "u:0"],
            ),
            ("<!DOCTYPE html><?xml x?><![CDATA[<p>]]><b>", &["b:0"]),
            (
                "<script>if (a<b) x = '</p>'; </scripts></script ><p>",
                &["script:0", "/script:0", "p:0"],
            ),
            ("<TITLE><b></Title><i>", &["TITLE:0", "/Title:0", "i:0"]),
            (
                "<svg><title><a x></title></svg><title><i></title>",
                &[
                    "svg:0", "title:0", "a:1", "/title:0", "/svg:0", "title:0", "/title:0",
                ],
            ),
            ("<svg><![CDATA[<p>]]></svg>", &["svg:0", "/svg:0"]),
            (
                "<svg><p><style><i></style>",
                &["svg:0", "p:0", "style:0", "/style:0"],
            ),
            ("<plaintext><p></plaintext>", &["plaintext:0"]),
        ];
        for (html, want) in cases {
            assert_eq!(tags(html, usize::MAX), *want, "{html}");
        }
    }

    #[test]
    fn cut_marks_the_first_attribute_past_the_kept_ones() {
        assert_eq!(tags("<p a b c>", 2), ["p:3@c"]);
        assert_eq!(tags("<p a=\"1\"b='2' c=3 d/>", 1), ["p:4/@b='2' c=3 d"]);
        assert_eq!(tags("<p a b>", 2), ["p:2"]);
        assert_eq!(tags("<p a b", 0), ["p:2@a b"]);
    }
}
