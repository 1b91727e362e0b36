//! HTML pages: title, metadata from `<meta>` tags, and the visible text of the story.
//!
//! Scripts, styles, navigation, headers, footers, asides and forms are dropped. When the page
//! has an `<article>` or `<main>` element, only its text is kept.

use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

use super::{non_empty, RawArticle};

static TITLE: LazyLock<Selector> = LazyLock::new(|| Selector::parse("title").unwrap());
static META: LazyLock<Selector> = LazyLock::new(|| Selector::parse("meta").unwrap());
static CANONICAL: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("link[rel=canonical]").unwrap());
static TIME: LazyLock<Selector> = LazyLock::new(|| Selector::parse("time[datetime]").unwrap());
static H1: LazyLock<Selector> = LazyLock::new(|| Selector::parse("h1").unwrap());
static MAIN: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse("[itemprop=articleBody], article, main, [role=main]").unwrap()
});
static BODY: LazyLock<Selector> = LazyLock::new(|| Selector::parse("body").unwrap());

const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "figure", "head",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "br",
    "dd",
    "dt",
];

pub fn parse(text: &str) -> RawArticle {
    let doc = Html::parse_document(text);
    let meta = |keys: &[&str]| -> Option<String> {
        doc.select(&META).find_map(|m| {
            let e = m.value();
            let key = e.attr("property").or_else(|| e.attr("name"))?;
            keys.iter()
                .any(|k| key.eq_ignore_ascii_case(k))
                .then(|| e.attr("content"))
                .flatten()
                .and_then(non_empty)
        })
    };
    let title = meta(&["og:title", "twitter:title"])
        .or_else(|| {
            doc.select(&H1)
                .next()
                .and_then(|h| non_empty(h.text().collect::<String>()))
        })
        .or_else(|| {
            doc.select(&TITLE)
                .next()
                .and_then(|t| non_empty(t.text().collect::<String>()))
        });
    let published = meta(&[
        "article:published_time",
        "datePublished",
        "date",
        "pubdate",
        "publish-date",
        "dc.date",
        "dcterms.created",
    ])
    .or_else(|| {
        doc.select(&TIME)
            .next()
            .and_then(|t| t.value().attr("datetime").and_then(non_empty))
    });
    let root = doc
        .select(&MAIN)
        .next()
        .or_else(|| doc.select(&BODY).next());
    let body = root.map(visible_text).unwrap_or_default();
    RawArticle {
        record: None,
        title,
        byline: meta(&["author", "article:author", "byl", "dc.creator"]),
        published,
        source: meta(&["og:site_name", "application-name"]),
        url: doc
            .select(&CANONICAL)
            .next()
            .and_then(|l| l.value().attr("href").and_then(non_empty))
            .or_else(|| meta(&["og:url"])),
        body,
    }
}

/// The text under `root`, one paragraph per block element, with dropped elements skipped.
/// Walks with an explicit stack so that deeply nested pages cannot overflow it.
fn visible_text(root: ElementRef<'_>) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut stack = vec![(*root, false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) if !closing => current.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if BLOCKS.contains(&name) {
                    flush(&mut current, &mut paragraphs);
                }
                if closing || DROPPED.contains(&name) {
                    continue;
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    if let Some(p) = non_empty(&*current) {
        paragraphs.push(p);
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_with_metadata_and_chrome() {
        let page = r#"<html><head><title>Dam opens | Valley Times</title>
<meta property="og:title" content="Dam opens">
<meta name="author" content="Lena Fox">
<meta property="article:published_time" content="2022-05-06T08:00:00Z">
<meta property="og:site_name" content="Valley Times">
<link rel="canonical" href="https://valley.example/dam">
<script>var x = 1;</script></head>
<body><nav>Home | News</nav><article><h1>Dam opens</h1><p>The new dam
opened on Friday.</p><aside>Related: more dams</aside><p>Crowds cheered.</p></article>
<footer>Copyright</footer></body></html>"#;
        let a = parse(page);
        assert_eq!(a.title.as_deref(), Some("Dam opens"));
        assert_eq!(a.byline.as_deref(), Some("Lena Fox"));
        assert_eq!(a.published.as_deref(), Some("2022-05-06T08:00:00Z"));
        assert_eq!(a.source.as_deref(), Some("Valley Times"));
        assert_eq!(a.url.as_deref(), Some("https://valley.example/dam"));
        assert_eq!(
            a.body,
            "Dam opens\n\nThe new dam opened on Friday.\n\nCrowds cheered."
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = format!(
            "{}deep{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let a = parse(&page);
        assert_eq!(a.body, "deep");
    }
}
