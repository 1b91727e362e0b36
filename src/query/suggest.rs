//! "Did you mean": for a query that matches nothing, the same query with each word the
//! index does not hold replaced by the nearest word it does (one edit away, else two; the
//! most frequent among the nearest), kept only if it matches something.

use tantivy::Term;
use tantivy::schema::Field;

use super::compile::entity_kind;
use super::expand;
use super::parser::{self, Spelt, TextTarget};
use super::search::Archive;
use crate::config::QueryOptions;
use crate::error::Result;
use crate::index::analyzer;

/// How many suggestions a query gets at most.
const MAX_SUGGESTIONS: usize = 3;

/// How many corrections of each word are tried.
const CANDIDATES: usize = 6;

/// Words shorter than this are not corrected: too many words are an edit or two from them.
const SHORTEST: usize = 3;

/// Queries like `query` with its unknown words spelt as the index has them, each matching
/// something under `options`; none when every word is known.
pub fn suggestions(archive: &Archive, query: &str, options: &QueryOptions) -> Result<Vec<String>> {
    let mut unknown: Vec<(Spelt, Vec<String>)> = Vec::new();
    for word in parser::spelt_words(query) {
        let text = &query[word.start..word.end];
        let Some(field) = field_of(archive, word.target) else {
            continue;
        };
        let terms = analyzer::word_terms(text);
        let [term] = terms.as_slice() else {
            continue;
        };
        if term.chars().count() < SHORTEST || known(archive, word.target, field, term)? {
            continue;
        }
        let mut nearest = expand::nearest(archive.searcher(), field, term)?;
        nearest.truncate(CANDIDATES);
        if nearest.is_empty() {
            continue;
        }
        unknown.push((word, nearest));
    }
    if unknown.is_empty() {
        return Ok(Vec::new());
    }
    let mut found: Vec<String> = Vec::new();
    for choice in 0..CANDIDATES {
        let mut respelt = String::with_capacity(query.len());
        let mut at = 0;
        for (word, nearest) in &unknown {
            let fix = &nearest[choice.min(nearest.len() - 1)];
            respelt.push_str(&query[at..word.start]);
            respelt.push_str(&in_case_of(&query[word.start..word.end], fix));
            at = word.end;
        }
        respelt.push_str(&query[at..]);
        if found.contains(&respelt) {
            continue;
        }
        let counted = match archive.compile(&respelt, options) {
            Ok(q) => archive.tally(&*q)?.articles,
            Err(_) => 0,
        };
        if counted > 0 {
            found.push(respelt);
            if found.len() == MAX_SUGGESTIONS {
                break;
            }
        }
    }
    Ok(found)
}

/// The field a word of `target` is spelt in: the body for titles and bodies, else the
/// target's own field; `None` where words are not looked up.
fn field_of(archive: &Archive, target: TextTarget) -> Option<Field> {
    let f = archive.fields();
    if let Some(kind) = entity_kind(target) {
        return Some(f.entity_field(kind));
    }
    match target {
        TextTarget::Default | TextTarget::Body | TextTarget::Title => Some(f.body),
        TextTarget::Byline => Some(f.byline),
        TextTarget::Source => Some(f.source),
        _ => None,
    }
}

/// Whether some article holds `term` where `target` looks: in titles and bodies in any form.
fn known(archive: &Archive, target: TextTarget, field: Field, term: &str) -> Result<bool> {
    let searcher = archive.searcher();
    let f = archive.fields();
    let held = |field: Field, text: &str| searcher.doc_freq(&Term::from_field_text(field, text));
    if field != f.body {
        return Ok(held(field, term)? > 0);
    }
    let fields = match target {
        TextTarget::Title => vec![f.title],
        TextTarget::Body => vec![f.body],
        _ => vec![f.title, f.body],
    };
    // Every form of the word as written is held under one of these terms.
    for field in fields {
        for alternatives in analyzer::any_form(term) {
            for text in &alternatives {
                if held(field, text)? > 0 {
                    return Ok(true);
                }
            }
        }
    }
    Ok(false)
}

/// `fix` with the first letter capitalised when `original`'s is.
fn in_case_of(original: &str, fix: &str) -> String {
    let capital = original.chars().next().is_some_and(char::is_uppercase);
    let mut chars = fix.chars();
    match chars.next() {
        Some(first) if capital => first.to_uppercase().chain(chars).collect(),
        _ => fix.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fix_keeps_the_capital() {
        assert_eq!(in_case_of("Pompei", "pompeo"), "Pompeo");
        assert_eq!(in_case_of("pompei", "pompeo"), "pompeo");
    }
}
