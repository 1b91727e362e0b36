//! Page metadata: `<meta>` tags, canonical links, JSON-LD, `<time>`,
//! headings and the document title, reduced to the article fields.

use super::date::{date_from_url, normalize_date};
use super::dom::{Dom, normalize_ws, unescape_entities};
use scraper::node::Element;
use serde_json::Value;

/// Raw signals collected in one pass over the document.
#[derive(Default)]
pub struct Signals {
    /// `<meta>` tags with a key and content, in document order.
    pub metas: Vec<MetaTag>,
    pub canonical: Option<String>,
    pub lang: Option<String>,
    pub title_tag: Option<String>,
    pub h1s: Vec<String>,
    pub rel_authors: Vec<String>,
    /// Text of small elements marked as bylines (class/id/itemprop).
    pub byline_texts: Vec<String>,
    /// `<time>` elements with a `datetime`.
    pub times: Vec<TimeTag>,
    pub itemprop_dates: Vec<String>,
    pub ld: LdInfo,
}

/// One `<meta>` tag.
pub struct MetaTag {
    /// The lowercased `property`, `name`, `itemprop` or `http-equiv`.
    pub key: String,
    /// `content` (or `datetime`), whitespace collapsed; never empty.
    pub content: String,
}

/// One `<time>` element.
pub struct TimeTag {
    /// Its `datetime`.
    pub datetime: String,
    /// Whether it is marked as the publication time (`pubdate`,
    /// `itemprop=datePublished`, a class naming publication).
    pub publication: bool,
}

/// Most `<meta>` tags kept.
const MAX_METAS: usize = 2000;
/// Most `<time>` elements kept.
const MAX_TIMES: usize = 50;
/// Most `<h1>` headings kept.
const MAX_H1S: usize = 10;
/// Most `rel=author` link texts kept.
const MAX_REL_AUTHORS: usize = 10;
/// Most byline elements kept.
const MAX_BYLINES: usize = 5;

/// Fields taken from JSON-LD blocks.
#[derive(Default)]
pub struct LdInfo {
    pub headline: Option<String>,
    pub authors: Vec<String>,
    pub date_published: Option<String>,
    pub date_created: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub article_body: Option<String>,
    /// True when the fields came from an article-typed object.
    pub from_article: bool,
}

const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
    "scholarlyarticle",
    "techarticle",
    "report",
    "socialmediaposting",
    "posting",
];

fn type_names(obj: &serde_json::Map<String, Value>) -> Vec<String> {
    match obj.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(|s| s.to_ascii_lowercase()))
            .collect(),
        _ => Vec::new(),
    }
}

fn is_article_type(types: &[String]) -> bool {
    types.iter().any(|t| {
        ARTICLE_TYPES.iter().any(|a| a.eq_ignore_ascii_case(t)) || t.ends_with("newsarticle")
    })
}

fn str_field(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => {
            let s = normalize_ws(&unescape_entities(s));
            (!s.is_empty()).then_some(s)
        }
        Value::Array(a) => a.iter().find_map(|x| str_field(Some(x))),
        Value::Object(o) => str_field(o.get("@value")),
        _ => None,
    }
}

fn names(v: Option<&Value>, out: &mut Vec<String>) {
    let Some(v) = v else { return };
    match v {
        Value::String(s) => {
            let s = normalize_ws(&unescape_entities(s));
            if !s.is_empty() && !s.starts_with("http") {
                out.push(s);
            }
        }
        Value::Array(a) => {
            for x in a.iter().take(20) {
                names(Some(x), out);
            }
        }
        Value::Object(o) => {
            if let Some(n) = str_field(o.get("name"))
                && !n.starts_with("http")
            {
                out.push(n);
            }
        }
        _ => {}
    }
}

/// Collect top-level objects of a JSON-LD value (arrays, `@graph`), with an
/// explicit worklist so nesting depth cannot exhaust the stack.
fn ld_objects(root: &Value) -> Vec<&serde_json::Map<String, Value>> {
    let mut out = Vec::new();
    let mut work = vec![root];
    while let Some(v) = work.pop() {
        if out.len() > 200 {
            break;
        }
        match v {
            Value::Array(a) => work.extend(a.iter().rev()),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    work.push(g);
                }
                if let Some(m) = o.get("mainEntity")
                    && m.is_object()
                {
                    work.push(m);
                }
                out.push(o);
            }
            _ => {}
        }
    }
    out
}

/// What a JSON-LD object is, by its `@type` and fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LdKind {
    /// An article type ([`ARTICLE_TYPES`], or any `…NewsArticle`).
    Article,
    /// A web page, or any other object with a `headline`: it fills gaps.
    Page,
    /// Anything else (an organisation, a breadcrumb list, …).
    Other,
}

impl LdKind {
    /// The kind of `obj`, whose lowercase `@type` names are `types`.
    fn of(obj: &serde_json::Map<String, Value>, types: &[String]) -> LdKind {
        if is_article_type(types) {
            LdKind::Article
        } else if types.iter().any(|t| t.ends_with("webpage")) || obj.contains_key("headline") {
            LdKind::Page
        } else {
            LdKind::Other
        }
    }
}

impl LdInfo {
    /// Take the fields of every object in one JSON-LD block (comment and
    /// CDATA wrappers allowed; a block that is no JSON gives nothing).
    fn absorb(&mut self, text: &str) {
        let Ok(v) = serde_json::from_str::<Value>(json_ld_text(text).trim()) else {
            return;
        };
        for obj in ld_objects(&v) {
            self.absorb_object(obj);
        }
    }

    /// Take one object's fields. Once an article object was read, only
    /// article objects count; the first article object overrides what
    /// weaker objects gave (but the publisher). An organisation that is no
    /// page names the site.
    fn absorb_object(&mut self, obj: &serde_json::Map<String, Value>) {
        let types = type_names(obj);
        let kind = LdKind::of(obj, &types);
        if self.from_article && kind != LdKind::Article {
            return;
        }
        if kind == LdKind::Other {
            if self.publisher.is_none()
                && types
                    .iter()
                    .any(|t| t == "organization" || t == "newsmediaorganization")
            {
                // A site-wide organisation object names the site.
                self.publisher = str_field(obj.get("name"));
            }
            return;
        }
        if kind == LdKind::Article && !self.from_article {
            *self = LdInfo {
                publisher: self.publisher.take(),
                from_article: true,
                ..LdInfo::default()
            };
        }
        self.fill_from(obj, kind);
    }

    /// Fill the fields still missing from `obj` (the publisher is always
    /// taken); the `name` stands for the headline and the `articleBody` is
    /// read only in an [`LdKind::Article`].
    fn fill_from(&mut self, obj: &serde_json::Map<String, Value>, kind: LdKind) {
        let article = kind == LdKind::Article;
        if self.headline.is_none() {
            self.headline = str_field(obj.get("headline"))
                .or_else(|| article.then(|| str_field(obj.get("name"))).flatten());
        }
        if self.authors.is_empty() {
            names(obj.get("author"), &mut self.authors);
            if self.authors.is_empty() {
                names(obj.get("creator"), &mut self.authors);
            }
        }
        if self.date_published.is_none() {
            self.date_published = str_field(obj.get("datePublished"));
        }
        if self.date_created.is_none() {
            self.date_created = str_field(obj.get("dateCreated"));
        }
        if let Some(Value::Object(p)) = obj.get("publisher")
            && let Some(n) = str_field(p.get("name"))
        {
            self.publisher = Some(n);
        }
        if self.url.is_none() {
            self.url = str_field(obj.get("url")).or_else(|| main_entity_url(obj));
        }
        if article
            && self.article_body.is_none()
            && let Some(Value::String(b)) = obj.get("articleBody")
        {
            self.article_body = Some(unescape_entities(b));
        }
    }
}

/// A JSON-LD block's text without the comment and CDATA wrappers some
/// pages put around it, control characters made spaces.
fn json_ld_text(text: &str) -> String {
    text.trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .replace("//<![CDATA[", "")
        .replace("//]]>", "")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The url of an object's `mainEntityOfPage` (its `@id` or `url` when it
/// is an object).
fn main_entity_url(obj: &serde_json::Map<String, Value>) -> Option<String> {
    match obj.get("mainEntityOfPage") {
        Some(Value::Object(m)) => str_field(m.get("@id")).or_else(|| str_field(m.get("url"))),
        other => str_field(other),
    }
}

/// Gather all metadata signals in one pass over the flattened document
/// (skipping what SVG and MathML subtrees hold).
pub fn collect(dom: &Dom) -> Signals {
    let mut signals = Signals::default();
    let mut foreign_end = 0usize;
    for (i, node) in dom.nodes.iter().enumerate() {
        let Some(el) = node.el else { continue };
        if i < foreign_end {
            continue;
        }
        if matches!(node.tag, "svg" | "math") {
            foreign_end = node.end;
        }
        signals.read_element(dom, i, el);
    }
    signals
}

impl Signals {
    /// Take what element `i` (`el`) says: by its tag, then as a byline
    /// element or a publication date marked by `itemprop`.
    fn read_element(&mut self, dom: &Dom, i: usize, el: &Element) {
        match dom.nodes[i].tag {
            "html" => self.read_lang(el),
            "meta" => self.read_meta(el),
            "link" => self.read_link(el),
            "title" if self.title_tag.is_none() => {
                self.title_tag = Some(dom.text_of(i)).filter(|t| !t.is_empty());
            }
            "h1" if self.h1s.len() < MAX_H1S => push_text(&mut self.h1s, dom.text_of(i)),
            "script" if is_json_ld(el) => self.ld.absorb(&script_text(dom, i)),
            "time" => self.read_time(el),
            "a" if is_rel_author(el) && self.rel_authors.len() < MAX_REL_AUTHORS => {
                let text = dom.text_of(i);
                if text.len() < 80 {
                    push_text(&mut self.rel_authors, text);
                }
            }
            _ => {}
        }
        let node = &dom.nodes[i];
        if self.byline_texts.len() < MAX_BYLINES && node.end - i < 200 && is_byline_element(el) {
            let text = dom.text_of(i);
            if text.len() < 120 {
                push_text(&mut self.byline_texts, text);
            }
        }
        if let Some(p) = el.attr("itemprop")
            && p.contains("datePublished")
            && node.tag != "meta"
            && let Some(d) = el.attr("datetime").or_else(|| el.attr("content"))
        {
            self.itemprop_dates.push(d.to_string());
        }
    }

    /// The first `<html lang>` (or `xml:lang`).
    fn read_lang(&mut self, el: &Element) {
        if self.lang.is_none() {
            self.lang = el
                .attr("lang")
                .or_else(|| el.attr("xml:lang"))
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty());
        }
    }

    /// A `<meta>` tag with a key and non-blank content.
    fn read_meta(&mut self, el: &Element) {
        let key = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .or_else(|| el.attr("itemprop"))
            .or_else(|| el.attr("http-equiv"));
        let content = el.attr("content").or_else(|| el.attr("datetime"));
        if let (Some(key), Some(content)) = (key, content) {
            let content = normalize_ws(content);
            if !content.is_empty() && self.metas.len() < MAX_METAS {
                self.metas.push(MetaTag {
                    key: key.trim().to_ascii_lowercase(),
                    content,
                });
            }
        }
    }

    /// The first `<link rel=canonical>`.
    fn read_link(&mut self, el: &Element) {
        let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
        if rel.split_whitespace().any(|r| r == "canonical") && self.canonical.is_none() {
            self.canonical = el
                .attr("href")
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty());
        }
    }

    /// A `<time datetime>`, and whether it is marked as the publication time.
    fn read_time(&mut self, el: &Element) {
        let Some(datetime) = el.attr("datetime") else {
            return;
        };
        let publication = el.attr("pubdate").is_some()
            || el
                .attr("itemprop")
                .is_some_and(|p| p.contains("datePublished"))
            || el.attr("class").is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("publish") || c.contains("pubdate")
            });
        if self.times.len() < MAX_TIMES {
            self.times.push(TimeTag {
                datetime: datetime.to_string(),
                publication,
            });
        }
    }
}

/// Add `text` to `list` unless it is empty.
fn push_text(list: &mut Vec<String>, text: String) {
    if !text.is_empty() {
        list.push(text);
    }
}

/// A `<script type="application/ld+json">`.
fn is_json_ld(el: &Element) -> bool {
    el.attr("type")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

/// The text inside node `i` (a script), unaltered.
fn script_text(dom: &Dom, i: usize) -> String {
    let mut text = String::new();
    for child in &dom.nodes[i + 1..dom.nodes[i].end] {
        text.push_str(child.text);
    }
    text
}

/// A link with `rel=author`.
fn is_rel_author(el: &Element) -> bool {
    el.attr("rel").is_some_and(|r| {
        r.split_whitespace()
            .any(|x| x.eq_ignore_ascii_case("author"))
    })
}

/// An element marked as a byline: `itemprop=author`, or a class or id
/// containing "byline" or the word "author".
fn is_byline_element(el: &Element) -> bool {
    if el
        .attr("itemprop")
        .is_some_and(|p| p.split_whitespace().any(|x| x == "author"))
    {
        return true;
    }
    let class = el.attr("class").unwrap_or("");
    let id = el.attr("id").unwrap_or("");
    [class, id].iter().any(|v| {
        let v = v.to_ascii_lowercase();
        v.contains("byline")
            || v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w == "author")
    })
}

/// "By Jane Doe and John Roe | Reuters" -> "Jane Doe and John Roe".
fn clean_byline(text: &str) -> Option<String> {
    let mut t = text.trim();
    for prefix in ["By ", "by ", "BY ", "Von ", "Par ", "Por "] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim();
        }
    }
    for sep in [
        " | ",
        " - ",
        " – ",
        " — ",
        " • ",
        "Updated",
        "Published",
        "Posted",
    ] {
        if let Some(pos) = t.find(sep) {
            t = t[..pos].trim();
        }
    }
    let t = t.trim_end_matches([',', ';', ':', '-']).trim();
    let words = t.split_whitespace().count();
    (!t.is_empty() && words <= 12 && !t.chars().any(|c| c.is_ascii_digit())).then(|| t.to_string())
}

impl Signals {
    /// First `<meta>` content for any of `keys`, in key priority order.
    pub fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|m| key_eq(&m.key, k))
                .map(|m| m.content.as_str())
        })
    }
}

/// Meta key equality ignoring separator spelling
/// (`article:published_time` = `article:published:time`).
fn key_eq(a: &str, b: &str) -> bool {
    let sep = |c: &char| !matches!(c, ':' | '_' | '-' | '.' | ' ');
    a.chars().filter(sep).eq(b.chars().filter(sep))
}

const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "og:published_time",
    "published_time",
    "article.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "published-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "date",
    "originalpublicationdate",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "article:modified_time",
];

/// The site name.
pub fn site_name(s: &Signals) -> Option<String> {
    s.meta(&["og:site_name", "application-name", "twitter:site"])
        .map(|x| x.trim_start_matches('@').to_string())
        .filter(|x| !x.is_empty() && !x.starts_with("http"))
        .or_else(|| s.ld.publisher.clone())
}

/// The canonical URL.
pub fn url(s: &Signals) -> Option<String> {
    s.canonical
        .clone()
        .filter(|u| u.starts_with("http"))
        .or_else(|| s.meta(&["og:url", "twitter:url"]).map(str::to_string))
        .or_else(|| s.ld.url.clone().filter(|u| u.starts_with("http")))
        .or_else(|| s.canonical.clone())
}

/// The publication date, normalised.
pub fn published(s: &Signals, url: Option<&str>) -> Option<String> {
    let ld = s.ld.date_published.as_deref().and_then(normalize_date);
    if ld.is_some() {
        return ld;
    }
    for k in PUBLISHED_KEYS {
        if *k == "article:modified_time" {
            break;
        }
        if let Some(d) = s.meta(&[k]).and_then(normalize_date) {
            return Some(d);
        }
    }
    if let Some(d) = s.itemprop_dates.iter().find_map(|d| normalize_date(d)) {
        return Some(d);
    }
    if let Some(d) = s.ld.date_created.as_deref().and_then(normalize_date) {
        return Some(d);
    }
    if let Some(d) = s
        .times
        .iter()
        .filter(|t| t.publication)
        .chain(s.times.iter())
        .find_map(|t| normalize_date(&t.datetime))
    {
        return Some(d);
    }
    if let Some(d) = url.and_then(date_from_url) {
        return Some(d);
    }
    s.meta(&[
        "article:modified_time",
        "og:updated_time",
        "datemodified",
        "last-modified",
    ])
    .and_then(normalize_date)
}

/// Author names, joined with ", ".
pub fn byline(s: &Signals) -> Option<String> {
    if !s.ld.authors.is_empty() {
        let mut seen: Vec<&str> = Vec::new();
        for a in &s.ld.authors {
            if !seen.iter().any(|x| x.eq_ignore_ascii_case(a)) {
                seen.push(a);
            }
        }
        return Some(seen.join(", "));
    }
    let meta = s
        .meta(&[
            "author",
            "article:author",
            "byl",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
        ])
        .filter(|a| !a.starts_with("http"))
        .map(|a| {
            a.trim_start_matches("By ")
                .trim_start_matches("by ")
                .to_string()
        });
    if meta.is_some() {
        return meta;
    }
    if !s.rel_authors.is_empty() {
        let mut seen: Vec<&str> = Vec::new();
        for a in &s.rel_authors {
            if !seen.contains(&a.as_str()) {
                seen.push(a);
            }
        }
        return Some(seen.join(", "));
    }
    s.byline_texts.iter().find_map(|t| clean_byline(t))
}

const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", " / ",
];

fn norm_key(s: &str) -> String {
    normalize_ws(s).to_lowercase()
}

/// The social title (`og:title`), in its own spelling, when a page heading says the same up
/// to whitespace, case and quote style; a social title that continues past a separator
/// ("Headline | Site | by Author") agrees through its first part.
fn social_matching_heading(og: &str, site: Option<&str>, h1s: &[String]) -> Option<String> {
    let key = |t: &str| fold_quotes(&norm_key(t));
    let og = normalize_ws(og);
    let stripped = strip_site(&og, site, &[]);
    for h in h1s {
        let hk = key(h);
        if hk.chars().count() < 10 {
            continue;
        }
        if key(&stripped) == hk {
            return Some(stripped);
        }
        for sep in SEPARATORS {
            for (pos, _) in og.match_indices(sep) {
                if key(&og[..pos]) == hk {
                    return Some(og[..pos].trim().to_string());
                }
            }
        }
    }
    None
}

/// Straight quotes for typographic ones.
pub fn fold_quotes(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
            c => c,
        })
        .collect()
}

/// Strip a site-name prefix or suffix (" | Site", "Site - ") from a title:
/// a heading the title begins with wins, then a side naming `site`, then a
/// short trailing segment that looks like a site name.
pub fn strip_site(title: &str, site: Option<&str>, h1s: &[String]) -> String {
    let title = normalize_ws(title);
    heading_in_title(&title, h1s)
        .or_else(|| site.and_then(|site| without_site_name(&title, site)))
        .or_else(|| without_short_tail(&title))
        .unwrap_or(title)
}

/// A heading (of ten bytes or more) that the title begins with and goes on
/// past, when the title has a separator: the headline.
fn heading_in_title(title: &str, h1s: &[String]) -> Option<String> {
    for sep in SEPARATORS {
        if !title.contains(sep) {
            continue;
        }
        for h in h1s {
            let hk = norm_key(h);
            if hk.len() >= 10 && norm_key(title).starts_with(&hk) && norm_key(title) != hk {
                return Some(normalize_ws(h));
            }
        }
    }
    None
}

/// The title without a side that names the site ("Headline | Site", "Site -
/// Headline").
fn without_site_name(title: &str, site: &str) -> Option<String> {
    let sk = norm_key(site);
    if sk.is_empty() {
        return None;
    }
    for sep in SEPARATORS {
        if let Some(pos) = title.rfind(sep) {
            let tail = &title[pos + sep.len()..];
            let tk = norm_key(tail);
            if (tk == sk || sk.contains(&tk) || tk.contains(&sk)) && pos > 0 {
                return Some(title[..pos].trim().to_string());
            }
        }
        if let Some(pos) = title.find(sep) {
            let head = &title[..pos];
            let hk = norm_key(head);
            if (hk == sk || sk.contains(&hk)) && pos + sep.len() < title.len() {
                return Some(title[pos + sep.len()..].trim().to_string());
            }
        }
    }
    None
}

/// The title without a short trailing segment after the last " | " (or a
/// dash, when the segment looks like a site name).
fn without_short_tail(title: &str) -> Option<String> {
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some(pos) = title.rfind(sep) {
            let head = &title[..pos];
            let tail = &title[pos + sep.len()..];
            let tail_words = tail.split_whitespace().count();
            let head_words = head.split_whitespace().count();
            if tail_words <= 4
                && head_words >= 3
                && tail.len() < head.len()
                && (sep == " | " || looks_like_site(tail))
            {
                return Some(head.trim().to_string());
            }
        }
    }
    None
}

fn looks_like_site(s: &str) -> bool {
    let s = s.trim();
    s.contains('.')
        || s.split_whitespace().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

fn word_set(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Share of `a`'s words that occur in `b`.
fn word_overlap(a: &str, b: &str) -> f32 {
    let wa = word_set(a);
    let wb = word_set(b);
    if wa.is_empty() {
        return 0.0;
    }
    wa.iter().filter(|w| wb.contains(w)).count() as f32 / wa.len() as f32
}

/// The article title: the JSON-LD article headline, else og:title, else an
/// `<h1>` consistent with the document title, else `<title>`; with the site
/// name removed.
pub fn title(s: &Signals, site: Option<&str>) -> Option<String> {
    // A social title that is just the site name says nothing.
    let og = s
        .meta(&["og:title", "twitter:title"])
        .filter(|t| site.is_none_or(|site| !t.trim().eq_ignore_ascii_case(site.trim())))
        .map(str::to_string);
    let reference = og.clone().or_else(|| s.title_tag.clone());
    let h1 = reference.as_deref().and_then(|r| heading_like(&s.h1s, r));
    let ld_headline =
        s.ld.headline
            .clone()
            .map(|hl| fuller_headline(hl, og.iter().chain(s.h1s.iter())));
    // The social title and the visible headline agreeing (up to quote style) outweigh a
    // JSON-LD headline, which is often an SEO variant written for search engines.
    if let Some(t) = og
        .as_deref()
        .and_then(|o| social_matching_heading(o, site, &s.h1s))
    {
        return Some(t);
    }
    let cand = ld_headline
        .clone()
        .filter(|_| s.ld.from_article)
        .or(og)
        .or(h1)
        .or(ld_headline)
        .or_else(|| {
            s.meta(&[
                "title",
                "headline",
                "dc.title",
                "sailthru.title",
                "parsely-title",
            ])
            .map(str::to_string)
        })
        .or_else(|| s.title_tag.clone())
        .or_else(|| s.h1s.first().cloned())?;
    let t = strip_site(&cand, site, &s.h1s);
    (!t.is_empty()).then_some(t)
}

/// The heading of two words or more that best shares its words with
/// `reference` (the social or document title), when it shares enough.
fn heading_like(h1s: &[String], reference: &str) -> Option<String> {
    h1s.iter()
        .filter(|h| h.split_whitespace().count() >= 2)
        .map(|h| {
            (
                h,
                word_overlap(h, reference).min(word_overlap(reference, h) + 0.5),
            )
        })
        .filter(|(_, o)| *o >= 0.6)
        .max_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
        .map(|(h, _)| h.clone())
}

/// A headline cut short ("…") yields to a fuller title among `titles` that
/// it begins.
fn fuller_headline<'t>(headline: String, mut titles: impl Iterator<Item = &'t String>) -> String {
    let stem = headline.trim_end_matches(['…', '.']).trim_end();
    if stem.len() < headline.len()
        && stem.len() >= 10
        && let Some(fuller) = titles.find(|t| t.len() > stem.len() && t.starts_with(stem))
    {
        return fuller.clone();
    }
    headline
}
