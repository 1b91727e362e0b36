//! Main text and metadata out of news web pages.
//!
//! [`extract`] parses the page with the HTML5 parser
//! (html5ever, via `scraper`), reads metadata from `<meta>`, JSON-LD,
//! `<link rel=canonical>`, `<time>` and headings, and finds the main text
//! with a readability-style scoring of block containers (see `body`). A
//! long JSON-LD `articleBody` replaces the DOM text when the DOM text misses
//! most of it, and pages rendered client-side fall back to prose found in
//! inline script data (see `scripts`).
//!
//! All passes over the document are iterative, so any input, however deeply
//! nested, is handled without risk of stack overflow; a linear pre-scan
//! (see `guard`, over the tag stream that `tags` reads) flattens nesting
//! beyond 512 levels and drops attributes past the 256th of a tag before
//! parsing, which keeps the HTML5 parser itself out of quadratic time. A
//! page over 8 MiB is parsed in pieces, so memory stays bounded by the
//! piece, not the page.

mod body;
mod classes;
mod date;
mod dom;
mod guard;
mod lines;
mod meta;
mod scripts;
mod tags;

pub use date::normalize_date;
pub use meta::fold_quotes;

use scraper::Html;

use super::RawArticle;

/// What was extracted from one page.
#[derive(Debug, Default, Clone)]
pub struct HtmlArticle {
    /// JSON-LD article headline, og:title, `<h1>`, `<title>`; minus the
    /// site name (" - Site", " | Site").
    pub title: Option<String>,
    /// JSON-LD author(s) joined with ", ", meta author, rel=author, byline
    /// elements ("By …").
    pub byline: Option<String>,
    /// ISO 8601: `2020-08-02` or `2020-08-02T14:03:00+00:00` (offset only
    /// when the source gives one); from JSON-LD, meta tags, `<time>`, the URL.
    pub published: Option<String>,
    /// og:site_name, JSON-LD publisher name.
    pub site_name: Option<String>,
    /// Canonical link / og:url.
    pub url: Option<String>,
    /// `<html lang>` or content-language (validated as a language tag).
    pub language: Option<String>,
    /// Main text; paragraphs separated by "\n\n".
    pub body: String,
}

/// The page as a raw article for the rest of the pipeline.
pub fn parse(html: &str) -> RawArticle {
    let a = extract(html);
    RawArticle {
        record: None,
        title: a.title,
        byline: a.byline,
        published: a.published,
        source: a.site_name,
        url: a.url,
        language: a.language,
        body: a.body,
    }
}

/// Pages longer than this are parsed in pieces: the parsed tree of a page
/// takes about ten times its size in memory.
pub const MAX_TREE_BYTES: usize = 8 << 20;

/// About how long each piece of a page over [`MAX_TREE_BYTES`] is.
const PIECE_BYTES: usize = 4 << 20;

/// Extract main text and metadata from a decoded HTML page. Never panics.
///
/// A page over [`MAX_TREE_BYTES`] is cut into pieces of about
/// [`PIECE_BYTES`] before block-level tags: metadata and text come from the
/// first piece as from a whole page, the main text of each further piece is
/// appended, and reading stops once the body is longer than the longest
/// kept (which the caller then cuts, with a warning).
pub fn extract(html: &str) -> HtmlArticle {
    if html.len() <= MAX_TREE_BYTES {
        return extract_whole(html);
    }
    let mut bounds = vec![0];
    bounds.extend(cut_points(html, PIECE_BYTES));
    bounds.push(html.len());
    let mut pieces = bounds.windows(2).map(|w| &html[w[0]..w[1]]);
    let mut article = pieces.next().map(extract_whole).unwrap_or_default();
    for piece in pieces {
        if article.body.len() > super::MAX_BODY_BYTES {
            break;
        }
        let doc = Html::parse_document(&guard::limit(piece));
        let text = body::extract(&dom::Dom::build(&doc), None);
        if !text.is_empty() && !article.body.is_empty() {
            article.body.push_str("\n\n");
        }
        article.body.push_str(&text);
    }
    article
}

/// Where to cut a large page into pieces of about `size` bytes: before the
/// first block-level tag past each `size` bytes (before any tag when none
/// comes within another `size`), never inside a tag, comment or raw text.
fn cut_points(html: &str, size: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut next = size;
    let mut tags = tags::Scanner::new(html);
    while let Some(tag) = tags.next_tag(|_, _| usize::MAX) {
        if tag.start < next {
            continue;
        }
        let name = html[tag.name_start..tag.name_end].to_ascii_lowercase();
        if body::is_block(&name) || tag.start >= next + size {
            cuts.push(tag.start);
            next = tag.start + size;
        }
    }
    cuts
}

/// [`extract`] on a page parsed whole.
fn extract_whole(html: &str) -> HtmlArticle {
    let doc = Html::parse_document(&guard::limit(html));
    let dom = dom::Dom::build(&doc);
    let sig = meta::collect(&dom);
    let site_name = meta::site_name(&sig);
    let url = meta::url(&sig);
    let title = meta::title(&sig, site_name.as_deref());
    let published = meta::published(&sig, url.as_deref());
    let byline = meta::byline(&sig);
    let language = sig.lang.clone().filter(|l| is_language_tag(l)).or_else(|| {
        sig.meta(&["content-language", "language", "og:locale", "dc.language"])
            .filter(|l| is_language_tag(l))
            .map(str::to_string)
    });
    let mut body = body::extract(&dom, title.as_deref());
    if let Some(ld_body) = sig.ld.article_body.as_deref()
        && let Some(better) = prefer_ld_body(&body, ld_body)
    {
        body = better;
    }
    if body.chars().count() < 200
        && let Some(text) = scripts::article_from_scripts(&dom)
        && text.len() > body.len() * 2
    {
        body = text;
    }
    HtmlArticle {
        title,
        byline,
        published,
        site_name,
        url,
        language,
        body,
    }
}

/// A BCP 47-like tag: `en`, `en-US`, `pt_BR`, `zh-Hant-TW`.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Decide whether the JSON-LD `articleBody` should replace the DOM text:
/// when it is long and the DOM text misses much of it.
fn prefer_ld_body(dom_body: &str, ld_body: &str) -> Option<String> {
    let ld_text = if ld_body.contains('<') && ld_body.contains('>') {
        let frag = Html::parse_fragment(ld_body);
        let d = dom::Dom::build(&frag);
        body::extract(&d, None)
    } else {
        // Wrapped lines flow together; the others are paragraphs of their own.
        super::text::reflow(ld_body)
            .split('\n')
            .map(dom::normalize_ws)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    if ld_text.len() < 500 {
        return None;
    }
    let ld_words: Vec<&str> = ld_text.split_whitespace().collect();
    let dom_words: std::collections::HashSet<&str> = dom_body.split_whitespace().collect();
    let covered = ld_words.iter().filter(|w| dom_words.contains(*w)).count();
    let recall = covered as f32 / ld_words.len().max(1) as f32;
    (recall < 0.6).then_some(ld_text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> String {
        crate::parse::decode(bytes.to_vec(), true)
    }

    const PARA1: &str = "The council voted on Tuesday to approve the new budget, which includes funding for roads, schools and parks across the district.";
    const PARA2: &str = "Opponents argued that the plan, drafted in a hurry, would raise property taxes for thousands of residents over the next decade.";
    const PARA3: &str = "The mayor said the vote was a turning point, and that construction on the first projects would begin in the spring of next year.";

    fn page(head: &str, body: &str) -> String {
        format!("<!doctype html><html lang=\"en\"><head>{head}</head><body>{body}</body></html>")
    }

    fn article_body() -> String {
        format!(
            "<article><h1>Council approves budget</h1><p>{PARA1}</p><p>{PARA2}</p><p>{PARA3}</p></article>"
        )
    }

    #[test]
    fn boilerplate_is_dropped_and_paragraphs_kept() {
        let cases: &[(&str, &str)] = &[
            (
                "nav",
                "<nav><a href=/a>Home</a> <a href=/b>World news section</a> Navigation menu text here</nav>",
            ),
            (
                "footer",
                "<footer>Copyright 2020 Example Media Group, all rights reserved worldwide.</footer>",
            ),
            (
                "share",
                "<div class=\"share-buttons\">Share this story on Facebook, Twitter and by email today</div>",
            ),
            (
                "comments",
                "<section id=\"comments\"><p>Great article, thanks for writing it, I learned a lot today.</p></section>",
            ),
            (
                "cookie",
                "<div class=\"cookie-banner\">We use cookies to improve your experience, accept or reject them.</div>",
            ),
            (
                "related",
                "<div class=\"related-articles\"><h3><a href=/x>Other story one</a></h3><h3><a href=/y>Other story two</a></h3></div>",
            ),
            (
                "newsletter",
                "<div class=\"newsletterSignup\">Sign up for our newsletter, delivered daily to your inbox for free.</div>",
            ),
            (
                "aside",
                "<aside>Most read: a list of popular stories, updated every hour, from around the site.</aside>",
            ),
            (
                "hidden",
                "<div style=\"display: none\">Hidden promotional text that should never appear in the output.</div>",
            ),
            (
                "script",
                "<script>var tracking = 'should not appear, ever, in text';</script>",
            ),
        ];
        for (name, junk) in cases {
            let html = page("", &format!("{junk}{}{junk}", article_body()));
            let a = extract(&html);
            let expected = format!("{PARA1}\n\n{PARA2}\n\n{PARA3}");
            assert_eq!(a.body, expected, "case {name}");
        }
    }

    #[test]
    fn headings_and_list_items_are_paragraphs() {
        let body = format!(
            "<main><div class=\"story-body\"><p>{PARA1}</p><h2>What happens next</h2><p>{PARA2}</p><ul><li>First item of the list</li><li>Second item</li></ul><p>{PARA3}</p></div></main>"
        );
        let a = extract(&page("", &body));
        assert_eq!(
            a.body,
            format!(
                "{PARA1}\n\nWhat happens next\n\n{PARA2}\n\nFirst item of the list\n\nSecond item\n\n{PARA3}"
            )
        );
    }

    #[test]
    fn br_separated_text_in_a_div() {
        let body = format!(
            "<div class=\"menu\"><a href=/>Home</a></div><div>{PARA1}<br><br>{PARA2}<br>{PARA3}</div>"
        );
        let a = extract(&page("", &body));
        assert_eq!(a.body, format!("{PARA1}\n\n{PARA2}\n\n{PARA3}"));
    }

    #[test]
    fn titles() {
        let cases: &[(&str, &str, &str)] = &[
            // The social title and the visible heading agree: an SEO headline in JSON-LD
            // yields, and the social title keeps its own spelling.
            (
                "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Best budget laptops in 2024, tested\"}</script><meta property=\"og:title\" content=\"The 'best' budget laptops | Example | by A. Writer\">",
                "<h1>The \u{2018}best\u{2019} budget laptops</h1>",
                "The 'best' budget laptops",
            ),
            (
                "<meta property=\"og:title\" content=\"Budget approved\"><title>Budget approved | Daily Example</title>",
                "",
                "Budget approved",
            ),
            (
                "<title>Council approves new budget | Daily Example</title>",
                "",
                "Council approves new budget",
            ),
            (
                "<title>Council approves new budget - The Example Times</title>",
                "",
                "Council approves new budget",
            ),
            (
                "<meta property=\"og:site_name\" content=\"Example News\"><title>Example News - Council approves new budget</title>",
                "",
                "Council approves new budget",
            ),
            (
                "<title>Council approves new budget | Example</title>",
                "<h1>Council approves new budget</h1>",
                "Council approves new budget",
            ),
            (
                "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Council &amp; mayor agree\"}</script><title>x | y</title>",
                "",
                "Council & mayor agree",
            ),
            (
                "<meta property=\"og:site_name\" content=\"Example\"><meta property=\"og:title\" content=\"Example\"><title>Council approves new budget | Example</title>",
                "",
                "Council approves new budget",
            ),
            (
                "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Council approves new budget after a long…\"}</script><meta property=\"og:title\" content=\"Council approves new budget after a long night of debate\">",
                "",
                "Council approves new budget after a long night of debate",
            ),
        ];
        for (head, body, want) in cases {
            let a = extract(&page(head, body));
            assert_eq!(a.title.as_deref(), Some(*want), "head {head}");
        }
    }

    #[test]
    fn json_ld_shapes() {
        let cases: &[(&str, &str)] = &[
            (
                "object",
                r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Storm hits coast","author":{"@type":"Person","name":"Ann Lee"},"datePublished":"2020-08-02T14:03:00Z","publisher":{"@type":"Organization","name":"Example Post"}}"#,
            ),
            (
                "array",
                r#"[{"@type":"WebSite","name":"Example Post"},{"@type":"NewsArticle","headline":"Storm hits coast","author":[{"@type":"Person","name":"Ann Lee"}],"datePublished":"2020-08-02T14:03:00+00:00","publisher":{"name":"Example Post"}}]"#,
            ),
            (
                "graph",
                r#"{"@context":"https://schema.org","@graph":[{"@type":"Organization","name":"Example Post"},{"@type":["Article","NewsArticle"],"headline":"Storm hits coast","author":"Ann Lee","datePublished":"2020-08-02T14:03:00.000+00:00","publisher":{"@type":"Organization","name":"Example Post"}}]}"#,
            ),
        ];
        for (name, json) in cases {
            let head = format!("<script type=\"application/ld+json\">{json}</script>");
            let a = extract(&page(&head, ""));
            assert_eq!(a.title.as_deref(), Some("Storm hits coast"), "{name}");
            assert_eq!(a.byline.as_deref(), Some("Ann Lee"), "{name}");
            assert_eq!(
                a.published.as_deref(),
                Some("2020-08-02T14:03:00+00:00"),
                "{name}"
            );
            assert_eq!(a.site_name.as_deref(), Some("Example Post"), "{name}");
        }
        // Several authors are joined.
        let head = r#"<script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"Ann Lee"},{"name":"Bo Chen"}]}</script>"#;
        assert_eq!(
            extract(&page(head, "")).byline.as_deref(),
            Some("Ann Lee, Bo Chen")
        );
        // Broken JSON-LD is ignored.
        let head = r#"<script type="application/ld+json">{"@type":"NewsArticle", "headline": </script><title>Fallback title here</title>"#;
        assert_eq!(
            extract(&page(head, "")).title.as_deref(),
            Some("Fallback title here")
        );
    }

    #[test]
    fn dates() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "<meta property=\"article:published_time\" content=\"2020-08-02T14:03:00+0000\">",
                "",
                "2020-08-02T14:03:00+00:00",
            ),
            (
                "<meta name=\"pubdate\" content=\"20200802\">",
                "",
                "2020-08-02",
            ),
            (
                "<meta name=\"date\" content=\"Sun, 02 Aug 2020 14:03:00 GMT\">",
                "",
                "2020-08-02T14:03:00+00:00",
            ),
            (
                "",
                "<article><time datetime=\"2020-08-02\">2 August</time></article>",
                "2020-08-02",
            ),
            (
                "",
                "<time datetime=\"2020-08-02T09:30:00-04:00\" pubdate>Aug 2</time>",
                "2020-08-02T09:30:00-04:00",
            ),
            (
                "<link rel=\"canonical\" href=\"https://news.example.com/2020/08/02/storm-hits-coast/\">",
                "",
                "2020-08-02",
            ),
            (
                "<meta property=\"og:url\" content=\"https://example.com/news/20200802/storm/\">",
                "",
                "2020-08-02",
            ),
            (
                "<meta itemprop=\"datePublished\" content=\"August 2, 2020\">",
                "",
                "2020-08-02",
            ),
        ];
        for (head, body, want) in cases {
            let a = extract(&page(head, body));
            assert_eq!(
                a.published.as_deref(),
                Some(*want),
                "head {head} body {body}"
            );
        }
        assert_eq!(normalize_date("not a date"), None);
        assert_eq!(
            normalize_date("28.04.2024, 09:36 Uhr"),
            Some("2024-04-28".to_string())
        );
        assert_eq!(normalize_date("04/28/2024"), Some("2024-04-28".to_string()));
        assert_eq!(normalize_date("04/05/2024"), None);
        assert_eq!(normalize_date("2020-02-30"), None);
        assert_eq!(
            normalize_date("2 August 2020"),
            Some("2020-08-02".to_string())
        );
    }

    #[test]
    fn url_site_and_language() {
        let head = "<link rel=\"canonical\" href=\"https://example.com/a\"><meta property=\"og:url\" content=\"https://example.com/b\"><meta property=\"og:site_name\" content=\"Example\">";
        let a = extract(&page(head, ""));
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.site_name.as_deref(), Some("Example"));
        assert_eq!(a.language.as_deref(), Some("en"));
        let a = extract(
            "<html><head><meta http-equiv=\"content-language\" content=\"de\"></head></html>",
        );
        assert_eq!(a.language.as_deref(), Some("de"));
    }

    #[test]
    fn bylines() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "<meta name=\"author\" content=\"Jane Doe\">",
                "",
                "Jane Doe",
            ),
            (
                "",
                "<a rel=\"author\" href=\"/jane\">Jane Doe</a>",
                "Jane Doe",
            ),
            (
                "",
                "<div class=\"article-byline\">By Jane Doe | Staff writer</div>",
                "Jane Doe",
            ),
            (
                "",
                "<span itemprop=\"author\">By Jane Doe and John Roe</span>",
                "Jane Doe and John Roe",
            ),
            (
                "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":\"Ann Lee\"}</script><meta name=\"author\" content=\"Jane Doe\">",
                "",
                "Ann Lee",
            ),
        ];
        for (head, body, want) in cases {
            assert_eq!(extract(&page(head, body)).byline.as_deref(), Some(*want));
        }
    }

    #[test]
    fn decoding() {
        // Windows-1252 curly quotes declared in a meta tag.
        let mut bytes = b"<html><head><meta charset=windows-1252></head><body><p>".to_vec();
        bytes.extend_from_slice(&[0x93, b'H', b'i', 0x94, b' ', 0xe9]);
        bytes.extend_from_slice(b"</p></body></html>");
        let text = decode(&bytes);
        assert!(text.contains("\u{201c}Hi\u{201d} \u{e9}"), "{text}");
        // http-equiv form.
        let mut bytes =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
                .to_vec();
        bytes.push(0xe9);
        assert!(decode(&bytes).ends_with('\u{e9}'));
        // UTF-16 with BOM, both byte orders.
        let s = "<p>caf\u{e9} \u{201c}ok\u{201d}</p>";
        let mut le = vec![0xff, 0xfe];
        le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le), s);
        let mut be = vec![0xfe, 0xff];
        be.extend(s.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be), s);
        // UTF-8 BOM and plain UTF-8.
        assert_eq!(decode("\u{feff}<p>\u{e9}</p>".as_bytes()), "<p>\u{e9}</p>");
        assert_eq!(decode("<p>\u{e9}</p>".as_bytes()), "<p>\u{e9}</p>");
        // Undeclared invalid UTF-8 falls back to Windows-1252.
        assert_eq!(decode(b"<p>\x93x\x94</p>"), "<p>\u{201c}x\u{201d}</p>");
        // Declared UTF-8 but invalid bytes: replacement, no panic.
        let t = decode(b"<meta charset=\"utf-8\"><p>\xff\xfe\xc3</p>");
        assert!(t.contains('\u{fffd}'));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"\xff\xfe\x00".to_vec(),
            b"<".to_vec(),
            b"<html".to_vec(),
            b"</div></div></p>".to_vec(),
            b"<script type=application/ld+json>[[[[[[</script>".to_vec(),
            b"<meta charset=><meta charset".to_vec(),
            b"<time datetime=\"9999-99-99\">x</time><meta name=date content=\"99999999999999\">"
                .to_vec(),
            (0u8..=255).collect(),
            "<p>\u{0}\u{fffd}&#xD800;&#99999999;</p>"
                .as_bytes()
                .to_vec(),
        ];
        for bytes in inputs {
            let a = extract(&decode(&bytes));
            let _ = a.body.len();
        }
    }

    #[test]
    fn deep_nesting_is_linear_and_safe() {
        for (n, open, close) in [
            (100_000, "<div>", "</div>"),
            (100_000, "<span>", "</span>"),
            (100_000, "<section><div>", "</div></section>"),
            (30_000, "<ul><li>", "</li></ul>"),
            (30_000, "<table><tr><td>", "</td></tr></table>"),
        ] {
            let mut html = String::from("<html><body>");
            for _ in 0..n {
                html.push_str(open);
            }
            html.push_str("<p>Deep text, with a comma, at the bottom of the tree.</p>");
            for _ in 0..n {
                html.push_str(close);
            }
            let start = std::time::Instant::now();
            let a = extract(&html);
            assert_eq!(
                a.body,
                "Deep text, with a comma, at the bottom of the tree."
            );
            // Generous bound for debug builds; quadratic behaviour takes minutes.
            assert!(
                start.elapsed().as_secs() < 30,
                "{open} took {:?}",
                start.elapsed()
            );
        }
    }

    #[test]
    fn large_pages_are_cut_before_block_tags_outside_raw_text() {
        let html =
            "<p>one</p><script>'<p>' + '<p>'</script><b>two</b><!-- <p> <p> --><div>three</div>";
        let cuts = cut_points(html, 25);
        let at: Vec<&str> = cuts.iter().map(|&c| &html[c..c + 5]).collect();
        assert_eq!(at, ["<div>"]);
        // Past another piece's length without a block tag, any tag will do.
        let html = format!("{}<b>x</b>", "y".repeat(20));
        assert_eq!(cut_points(&html, 5), [20]);
    }

    #[test]
    fn large_pages_keep_every_paragraph_in_order() {
        let paras: Vec<String> = (0..160_000)
            .map(|i| format!("Paragraph {i} of the long story, with a comma."))
            .collect();
        let html = page(
            "<title>A very long story</title>",
            &format!("<article><p>{}</p></article>", paras.join("</p>\n<p>")),
        );
        assert!(html.len() > MAX_TREE_BYTES);
        let a = extract(&html);
        assert_eq!(a.title.as_deref(), Some("A very long story"));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert!(a.body == paras.join("\n\n"), "paragraphs lost or split");
    }

    #[test]
    fn json_ld_article_body_used_when_dom_misses_it() {
        let long: String = (0..40)
            .map(|i| format!("Sentence number {i} of the article body. "))
            .collect();
        let head = format!(
            "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"articleBody\":\"{long}\"}}</script>"
        );
        let a = extract(&page(&head, "<div id=app></div>"));
        assert_eq!(a.body, long.trim());
    }

    #[test]
    fn language_tags_are_validated() {
        let a = extract(
            "<html lang=\"utf-8\"><head><meta http-equiv=\"content-language\" content=\"pt-BR\"></head></html>",
        );
        assert_eq!(a.language.as_deref(), Some("pt-BR"));
        let a = extract(
            "<html><head><meta http-equiv=\"content-language\" content=\"utf-8\"></head></html>",
        );
        assert_eq!(a.language, None);
    }

    #[test]
    fn teaser_lists_inside_the_article_are_dropped() {
        let teasers = "<div class=\"grid\"><h3><a href=/1>Another headline about something</a></h3><p>Short teaser one.</p><h3><a href=/2>A second headline for a story</a></h3><p>Short teaser two.</p></div>";
        let body =
            format!("<article><p>{PARA1}</p><p>{PARA2}</p><p>{PARA3}</p>{teasers}</article>");
        assert_eq!(
            extract(&page("", &body)).body,
            format!("{PARA1}\n\n{PARA2}\n\n{PARA3}")
        );
    }

    #[test]
    fn hidden_container_holding_the_article_is_kept() {
        let body = format!(
            "<div>Loading</div><div hidden id=\"S:1\"><p>{PARA1}</p><p>{PARA2}</p><p>{PARA3}</p></div>"
        );
        assert_eq!(
            extract(&page("", &body)).body,
            format!("{PARA1}\n\n{PARA2}\n\n{PARA3}")
        );
    }

    #[test]
    fn script_payload_used_for_client_rendered_pages() {
        let html_body = format!("<p>{PARA1}</p><p>{PARA2}</p><p>{PARA3}</p><p>{PARA1}</p>");
        let state = serde_json::json!({"article": {"id": 7, "content": html_body}}).to_string();
        let body = format!(
            "<div id=root></div><script id=\"__NEXT_DATA__\" type=\"application/json\">{state}</script>"
        );
        assert_eq!(
            extract(&page("", &body)).body,
            format!("{PARA1}\n\n{PARA2}\n\n{PARA3}\n\n{PARA1}")
        );
    }

    #[test]
    fn table_rows_and_repeated_labels() {
        let body = format!(
            "<article><p>{PARA1}</p><p>Article content</p><p>{PARA2}</p><p>Article content</p>\
             <table><tr><th>Team</th><th>Points</th></tr><tr><td>Reds</td><td>12</td></tr></table>\
             <p>Article content</p><p>{PARA3}</p></article>"
        );
        assert_eq!(
            extract(&page("", &body)).body,
            format!("{PARA1}\n\n{PARA2}\n\nTeam Points\n\nReds 12\n\n{PARA3}")
        );
    }
}
