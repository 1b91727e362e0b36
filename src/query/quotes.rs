//! Which of an article's quotes a query asked for: those whose speaker a `said:` leaf names
//! and, for a `quote:` leaf, the direct quotes holding its words (in any form; the index
//! holds the words of direct quotes only), the leaves outside negations. A hit carries
//! those; `morgue quotes` lists them.

use rustc_hash::FxHashSet;
use tantivy::tokenizer::TokenStream;

use super::parser::{Expr, TextTarget};
use super::search::Archive;
use crate::config::{QueryOptions, Sort};
use crate::error::Result;
use crate::index::analyzer;
use crate::index::quotes::StoredQuote;

/// The `said:` and `quote:` leaves of a query.
#[derive(Debug, Default, Clone)]
pub struct QuoteFilter {
    /// Each `said:` leaf's words.
    said: Vec<Vec<String>>,
    /// The words of a speaker every quote must be by (`--speaker`).
    speaker: Option<Vec<String>>,
    /// Each `quote:` leaf's words, each word as the terms that hold it in any form.
    words: Vec<Vec<Vec<String>>>,
}

impl QuoteFilter {
    /// The leaves of `expr` outside negations.
    pub fn of(expr: &Expr) -> QuoteFilter {
        let mut filter = QuoteFilter::default();
        filter.add(expr);
        filter
    }

    /// Only the quotes of this speaker (`--speaker`).
    pub fn said_by(mut self, name: &str) -> QuoteFilter {
        self.speaker = Some(analyzer::word_terms(name));
        self
    }

    fn add(&mut self, expr: &Expr) {
        match expr {
            Expr::Text {
                target: TextTarget::Said,
                text,
                ..
            } => self.said.push(analyzer::word_terms(text)),
            Expr::Text {
                target: TextTarget::Quote,
                text,
                ..
            } => self.words.push(analyzer::any_form(text)),
            Expr::And(parts) | Expr::Or(parts) => parts.iter().for_each(|p| self.add(p)),
            Expr::Text { .. } | Expr::Dates { .. } | Expr::Not(_) => {}
        }
    }

    /// Whether the query has a `said:` or `quote:` leaf.
    pub fn is_empty(&self) -> bool {
        self.said.is_empty() && self.words.is_empty() && self.speaker.is_none()
    }

    /// Whether a quote is one the query asked for: some `said:` leaf names its speaker (its
    /// words all in the speaker's name) and, for `quote:` leaves, it is direct and some
    /// leaf's words are all in it, of the kinds of leaf the query has.
    pub fn matches(&self, quote: &StoredQuote) -> bool {
        let name = quote
            .said_by()
            .map(analyzer::word_terms)
            .unwrap_or_default();
        let by = |words: &Vec<String>| !name.is_empty() && words.iter().all(|w| name.contains(w));
        let said = self.said.is_empty() || self.said.iter().any(by);
        let speaker = self.speaker.as_ref().is_none_or(by);
        said && speaker
            && (self.words.is_empty()
                || quote.direct && {
                    let terms = terms(&quote.text);
                    (self.words.iter()).any(|leaf| {
                        leaf.iter()
                            .all(|forms| forms.iter().any(|form| terms.contains(form)))
                    })
                })
    }
}

/// One quote `morgue quotes` lists, with its article.
#[derive(Debug, Clone)]
pub struct ListedQuote {
    pub id: String,
    pub title: String,
    pub published: Option<chrono::NaiveDate>,
    pub quote: StoredQuote,
}

/// Articles read a page at a time while listing quotes.
const PAGE: usize = 200;

/// Up to `limit` quotes of the articles `query` matches (every article when `None`) within
/// the limits of `within`, newest article first, one of each story's copies: those `filter`
/// matches (every quote when it has no leaves).
pub fn listed(
    archive: &Archive,
    query: Option<&str>,
    filter: &QuoteFilter,
    within: &QueryOptions,
    limit: usize,
) -> Result<Vec<ListedQuote>> {
    let mut listed = Vec::new();
    let mut options = QueryOptions {
        limit: PAGE,
        offset: 0,
        sort: Sort::Newest,
        snippets: false,
        ..within.clone()
    };
    while listed.len() < limit {
        let results = archive.search_quotes(query, filter, &options)?;
        for hit in &results.hits {
            for quote in &hit.quotes {
                listed.push(ListedQuote {
                    id: hit.id.clone(),
                    title: hit.title.clone(),
                    published: hit.published,
                    quote: quote.clone(),
                });
            }
        }
        if results.hits.len() < PAGE {
            break;
        }
        options.offset += PAGE;
    }
    listed.truncate(limit);
    Ok(listed)
}

/// Every term a text becomes in a field stemmed as `body` is.
fn terms(text: &str) -> FxHashSet<String> {
    let mut analyzer = analyzer::forms();
    let mut stream = analyzer.token_stream(text);
    let mut terms = FxHashSet::default();
    while let Some(token) = stream.next() {
        terms.insert(token.text.clone());
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::EntityKind;
    use crate::query::parse;

    fn quote(text: &str, speaker: &str) -> StoredQuote {
        StoredQuote {
            text: text.into(),
            direct: true,
            cue: Some("said".into()),
            speaker: Some(speaker.into()),
            entity: Some((speaker.into(), EntityKind::Person)),
        }
    }

    #[test]
    fn a_quote_matches_the_speakers_and_words_the_query_asks_for() {
        let filter = QuoteFilter::of(&parse("said:pompeo quote:\"data directly\" huawei").unwrap());
        assert!(filter.matches(&quote(
            "They are feeding data directly to the party",
            "Mike Pompeo"
        )));
        assert!(!filter.matches(&quote("They are feeding data directly", "Steven Mnuchin")));
        assert!(!filter.matches(&quote("We will take care of it", "Mike Pompeo")));
        let words = QuoteFilter::of(&parse("quote:phones").unwrap());
        assert!(words.matches(&quote("Their phone numbers", "Mike Pompeo")));
        let reported = StoredQuote {
            direct: false,
            ..quote("Their phone numbers", "Mike Pompeo")
        };
        assert!(!words.matches(&reported));
        let none = QuoteFilter::of(&parse("huawei -said:pompeo").unwrap());
        assert!(none.is_empty());
        assert!(
            !none
                .clone()
                .said_by("mnuchin")
                .matches(&quote("a", "Mike Pompeo"))
        );
        let both = QuoteFilter::of(&parse("said:pompeo").unwrap()).said_by("mnuchin");
        assert!(!both.matches(&quote("a", "Mike Pompeo")));
    }
}
