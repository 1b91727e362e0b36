//! Page metadata: `<meta>` tags, canonical links, JSON-LD, `<time>`,
//! headings and the document title, reduced to the article fields.

use super::date::{date_from_url, normalize_date};
use super::dom::{Dom, normalize_ws, unescape_entities};
use serde_json::Value;

/// Raw signals collected in one pass over the document.
#[derive(Default)]
pub struct Signals {
    /// `(key, content)` of `<meta>` tags; key is the lowercased
    /// `property`, `name`, `itemprop` or `http-equiv`.
    pub metas: Vec<(String, String)>,
    pub canonical: Option<String>,
    pub lang: Option<String>,
    pub title_tag: Option<String>,
    pub h1s: Vec<String>,
    pub rel_authors: Vec<String>,
    /// Text of small elements marked as bylines (class/id/itemprop).
    pub byline_texts: Vec<String>,
    /// `datetime` of `<time>` elements, with a flag for publication hints.
    pub times: Vec<(String, bool)>,
    pub itemprop_dates: Vec<String>,
    pub ld: LdInfo,
}

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

impl LdInfo {
    fn absorb(&mut self, text: &str) {
        let cleaned: String = text
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .replace("//<![CDATA[", "")
            .replace("//]]>", "")
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let Ok(v) = serde_json::from_str::<Value>(cleaned.trim()) else {
            return;
        };
        for obj in ld_objects(&v) {
            let types = type_names(obj);
            let article = is_article_type(&types);
            if self.from_article && !article {
                continue;
            }
            let webpage = types.iter().any(|t| t.ends_with("webpage"));
            if !article && !webpage && !obj.contains_key("headline") {
                if self.publisher.is_none()
                    && types
                        .iter()
                        .any(|t| t == "organization" || t == "newsmediaorganization")
                {
                    // A site-wide organisation object names the site.
                    self.publisher = str_field(obj.get("name"));
                }
                continue;
            }
            let take = article && !self.from_article;
            if take {
                // An article object overrides what weaker objects gave.
                *self = LdInfo {
                    publisher: self.publisher.take(),
                    from_article: true,
                    ..LdInfo::default()
                };
            }
            if self.headline.is_none() {
                self.headline = str_field(obj.get("headline")).or_else(|| {
                    if article {
                        str_field(obj.get("name"))
                    } else {
                        None
                    }
                });
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
                self.url =
                    str_field(obj.get("url")).or_else(|| match obj.get("mainEntityOfPage") {
                        Some(Value::Object(m)) => {
                            str_field(m.get("@id")).or_else(|| str_field(m.get("url")))
                        }
                        other => str_field(other),
                    });
            }
            if article
                && self.article_body.is_none()
                && let Some(Value::String(b)) = obj.get("articleBody")
            {
                self.article_body = Some(unescape_entities(b));
            }
        }
    }
}

/// Gather all metadata signals in one pass over the flattened document.
pub fn collect(dom: &Dom) -> Signals {
    let mut s = Signals::default();
    let mut in_svg_end = 0usize;
    for (i, n) in dom.nodes.iter().enumerate() {
        let Some(el) = n.el else { continue };
        if i < in_svg_end {
            continue;
        }
        match n.tag {
            "svg" | "math" => in_svg_end = n.end,
            "html" if s.lang.is_none() => {
                s.lang = el
                    .attr("lang")
                    .or_else(|| el.attr("xml:lang"))
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty());
            }
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"))
                    .or_else(|| el.attr("http-equiv"));
                let content = el.attr("content").or_else(|| el.attr("datetime"));
                if let (Some(k), Some(c)) = (key, content) {
                    let c = normalize_ws(c);
                    if !c.is_empty() && s.metas.len() < 2000 {
                        s.metas.push((k.trim().to_ascii_lowercase(), c));
                    }
                }
            }
            "link" => {
                let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && s.canonical.is_none() {
                    s.canonical = el
                        .attr("href")
                        .map(|h| h.trim().to_string())
                        .filter(|h| !h.is_empty());
                }
            }
            "title" if s.title_tag.is_none() => {
                let t = dom.text_of(i);
                if !t.is_empty() {
                    s.title_tag = Some(t);
                }
            }
            "h1" if s.h1s.len() < 10 => {
                let t = dom.text_of(i);
                if !t.is_empty() {
                    s.h1s.push(t);
                }
            }
            "script"
                if el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let mut text = String::new();
                for c in &dom.nodes[i + 1..n.end] {
                    text.push_str(c.text);
                }
                s.ld.absorb(&text);
            }
            "time" => {
                if let Some(dt) = el.attr("datetime") {
                    let hint = el.attr("pubdate").is_some()
                        || el
                            .attr("itemprop")
                            .is_some_and(|p| p.contains("datePublished"))
                        || el.attr("class").is_some_and(|c| {
                            let c = c.to_ascii_lowercase();
                            c.contains("publish") || c.contains("pubdate")
                        });
                    if s.times.len() < 50 {
                        s.times.push((dt.to_string(), hint));
                    }
                }
            }
            "a" if el.attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|x| x.eq_ignore_ascii_case("author"))
            }) && s.rel_authors.len() < 10 =>
            {
                let t = dom.text_of(i);
                if !t.is_empty() && t.len() < 80 {
                    s.rel_authors.push(t);
                }
            }
            _ => {}
        }
        if s.byline_texts.len() < 5 && n.end - i < 200 && is_byline_element(el) {
            let t = dom.text_of(i);
            if !t.is_empty() && t.len() < 120 {
                s.byline_texts.push(t);
            }
        }
        if let Some(p) = el.attr("itemprop")
            && p.contains("datePublished")
            && n.tag != "meta"
            && let Some(d) = el.attr("datetime").or_else(|| el.attr("content"))
        {
            s.itemprop_dates.push(d.to_string());
        }
    }
    s
}

fn is_byline_element(el: &scraper::node::Element) -> bool {
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
                .find(|(mk, _)| key_eq(mk, k))
                .map(|(_, v)| v.as_str())
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
        .filter(|(_, hint)| *hint)
        .chain(s.times.iter())
        .find_map(|(d, _)| normalize_date(d))
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

/// Strip a site-name prefix or suffix (" | Site", "Site - ") from a title.
pub fn strip_site(title: &str, site: Option<&str>, h1s: &[String]) -> String {
    let title = normalize_ws(title);
    // A heading that equals one side of a separator is the headline.
    for sep in SEPARATORS {
        if !title.contains(sep) {
            continue;
        }
        for h in h1s {
            let hk = norm_key(h);
            if hk.len() >= 10 && norm_key(&title).starts_with(&hk) && norm_key(&title) != hk {
                return normalize_ws(h);
            }
        }
    }
    if let Some(site) = site {
        let sk = norm_key(site);
        if !sk.is_empty() {
            for sep in SEPARATORS {
                if let Some(pos) = title.rfind(sep) {
                    let tail = &title[pos + sep.len()..];
                    let tk = norm_key(tail);
                    if (tk == sk || sk.contains(&tk) || tk.contains(&sk)) && pos > 0 {
                        return title[..pos].trim().to_string();
                    }
                }
                if let Some(pos) = title.find(sep) {
                    let head = &title[..pos];
                    let hk = norm_key(head);
                    if (hk == sk || sk.contains(&hk)) && pos + sep.len() < title.len() {
                        return title[pos + sep.len()..].trim().to_string();
                    }
                }
            }
        }
    }
    // Otherwise drop a short trailing segment after the last " | ".
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
                return head.trim().to_string();
            }
        }
    }
    title
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
    let h1 = reference.as_deref().and_then(|r| {
        s.h1s
            .iter()
            .filter(|h| h.split_whitespace().count() >= 2)
            .map(|h| (h, word_overlap(h, r).min(word_overlap(r, h) + 0.5)))
            .filter(|(_, o)| *o >= 0.6)
            .max_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
            .map(|(h, _)| h.clone())
    });
    // A headline cut short ("…") yields to a fuller title it begins.
    let ld_headline = s.ld.headline.clone().map(|hl| {
        let stem = hl.trim_end_matches(['…', '.']).trim_end();
        if stem.len() < hl.len() && stem.len() >= 10 {
            let fuller = og
                .iter()
                .chain(s.h1s.iter())
                .find(|t| t.len() > stem.len() && t.starts_with(stem));
            if let Some(f) = fuller {
                return f.clone();
            }
        }
        hl
    });
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
