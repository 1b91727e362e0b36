//! What an element's class, id and role names say about it: page furniture
//! (share bars, related links, cookie banners, …) or article content.
//!
//! Names are split into words (`shareBar` → `share`, `bar`; `related-links`
//! → `related`, `links`); in BEM `block__element` only the element part
//! counts.

use super::dom::Dom;

/// Attributes whose values name an element's role on the page.
const NAME_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "role",
    "data-component",
    "data-testid",
    "itemprop",
];

/// Word prefixes marking furniture regardless of other names.
const STRONG_NEG: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "newsletter",
    "cookie",
    "consent",
    "gdpr",
    "breadcrumb",
    "outbrain",
    "taboola",
    "advert",
    "promo",
    "subscribe",
    "subscription",
    "popup",
    "modal",
    "disqus",
    "trending",
    "mostread",
    "popular",
    "signup",
    "sponsor",
    "skiplink",
    "sronly",
];

/// Words that start like a [`STRONG_NEG`] prefix but name content.
const STRONG_NEG_EXCEPTIONS: &[&str] = &["commentary", "subscriber"];

/// Exact words marking furniture regardless of other names.
const STRONG_NEG_EXACT: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advertising",
    "dfp",
    "gpt",
    "banner",
    "teaser",
    "teasers",
    "tags",
    "keywords",
    "toolbar",
    "rating",
    "caption",
    "credits",
    "copyright",
];

/// Furniture names written as one word ("sharebar", "relatedposts"), found
/// in the element's words run together.
const STRONG_NEG_JOINED: &[&str] = &[
    "sharebar",
    "socialbar",
    "relatedpost",
    "relatedarticle",
    "relatedstor",
    "adslot",
    "adunit",
    "advert",
];

/// Words marking furniture unless a content word also appears.
const WEAK_NEG: &[&str] = &[
    "nav",
    "menu",
    "sidebar",
    "footer",
    "header",
    "masthead",
    "aside",
    "pagination",
    "pager",
    "extra",
    "meta",
    "byline",
    "author",
    "dateline",
    "timestamp",
    "date",
    "toc",
    "rail",
    "combx",
    "shoutbox",
    "skyscraper",
    "links",
    "feed",
    "topics",
    "infobox",
    "complementary",
    "contentinfo",
];

/// Word prefixes that are [`WEAK_NEG`] words too.
const WEAK_NEG_PREFIXES: &[&str] = &["navigation", "navbar", "sidebar"];

/// Words naming article content.
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "prose",
    "rich",
    "paragraph",
    "paywall",
];

/// Score weight of a content name, and the penalty of a furniture name.
const NAME_WEIGHT: f32 = 25.0;
/// Score weight of `itemprop="articleBody"`.
const ARTICLE_BODY_WEIGHT: f32 = 50.0;
/// Score weight of an `<article>` element.
const ARTICLE_TAG_WEIGHT: f32 = 10.0;

/// What an element's names say.
pub(super) struct ClassInfo {
    /// A name that marks furniture whatever else the element is called.
    pub strong_neg: bool,
    /// A name that marks furniture unless the element is content too.
    pub weak_neg: bool,
    /// A name that marks article content.
    pub positive: bool,
}

impl ClassInfo {
    /// Whether the names mark an element with tag `tag` as furniture: a
    /// strong furniture name (unless it is an `<article>` with a content
    /// name too), or a weak one on an element that is no `<article>` and
    /// has no content name.
    pub fn marks_furniture(&self, tag: &str) -> bool {
        let article_tag = tag == "article";
        let strong = self.strong_neg && !(article_tag && self.positive);
        let weak = self.weak_neg && !self.positive && !article_tag;
        strong || weak
    }
}

/// Reads elements' names, reusing one buffer of words from element to
/// element.
#[derive(Default)]
pub(super) struct ClassReader {
    words: Vec<String>,
}

impl ClassReader {
    /// What the names of node `i` (an element) say.
    pub fn info(&mut self, dom: &Dom, i: usize) -> ClassInfo {
        self.read_words(dom, i);
        let mut info = ClassInfo {
            strong_neg: false,
            weak_neg: false,
            positive: false,
        };
        let mut joined = String::new();
        for word in &self.words {
            info.strong_neg |= is_strong_neg(word);
            info.weak_neg |= is_weak_neg(word);
            info.positive |= is_positive(word);
            joined.push_str(word);
        }
        if !info.strong_neg {
            info.strong_neg = STRONG_NEG_JOINED.iter().any(|p| joined.contains(p));
        }
        info
    }

    /// The score weight node `i`'s names and tag give it as a content
    /// candidate: positive for content names, negative for furniture.
    pub fn weight(&mut self, dom: &Dom, i: usize) -> f32 {
        let info = self.info(dom, i);
        let mut weight = 0.0;
        if info.positive {
            weight += NAME_WEIGHT;
        }
        if info.strong_neg || info.weak_neg {
            weight -= NAME_WEIGHT;
        }
        let node = &dom.nodes[i];
        if node
            .attr("itemprop")
            .is_some_and(|p| p.contains("articleBody"))
        {
            weight += ARTICLE_BODY_WEIGHT;
        }
        if node.tag == "article" {
            weight += ARTICLE_TAG_WEIGHT;
        }
        weight
    }

    /// The lowercase words of node `i`'s name attributes, into `self.words`.
    fn read_words(&mut self, dom: &Dom, i: usize) {
        self.words.clear();
        let node = &dom.nodes[i];
        for attribute in NAME_ATTRIBUTES {
            if let Some(value) = node.attr(attribute) {
                for name in value.split_whitespace() {
                    // BEM: in "block__element" the element names the node.
                    split_words(name.rsplit("__").next().unwrap_or(name), &mut self.words);
                }
            }
        }
    }
}

fn is_strong_neg(word: &str) -> bool {
    (STRONG_NEG.iter().any(|p| word.starts_with(p))
        && !STRONG_NEG_EXCEPTIONS.iter().any(|e| word.starts_with(e)))
        || STRONG_NEG_EXACT.contains(&word)
}

fn is_weak_neg(word: &str) -> bool {
    WEAK_NEG.contains(&word) || WEAK_NEG_PREFIXES.iter().any(|p| word.starts_with(p))
}

fn is_positive(word: &str) -> bool {
    POSITIVE.contains(&word) || word.starts_with("article")
}

/// Split one name into lowercase words at non-alphanumeric characters and
/// at a lowercase-to-uppercase step (`shareBar` → `share`, `bar`).
fn split_words(name: &str, out: &mut Vec<String>) {
    let mut word = String::new();
    let mut prev_lower = false;
    for ch in name.chars() {
        if ch.is_alphanumeric() {
            if ch.is_uppercase() && prev_lower && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
            word.extend(ch.to_lowercase());
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            prev_lower = false;
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(name: &str) -> Vec<String> {
        let mut out = Vec::new();
        split_words(name, &mut out);
        out
    }

    #[test]
    fn names_split_into_words() {
        assert_eq!(words("shareBar"), ["share", "bar"]);
        assert_eq!(words("related-links"), ["related", "links"]);
        assert_eq!(words("h2Title"), ["h2", "title"]);
    }

    #[test]
    fn word_verdicts() {
        assert!(is_strong_neg("sharebuttons"));
        assert!(!is_strong_neg("commentary"));
        assert!(is_strong_neg("ads"));
        assert!(is_weak_neg("navigationmain"));
        assert!(is_positive("articlebody"));
        assert!(!is_positive("sidebar"));
    }
}
