//! Prefixes and fuzzy words, expanded into the index terms they match so that they score
//! and highlight like the words themselves.
//!
//! tantivy's automaton queries give every match one score and name no terms, so snippets
//! highlight nothing. Here a prefix (`secur*`) or fuzzy word (`pompeo~1`) becomes the terms
//! of the field it matches, read from every segment's term dictionary, and the query is
//! their disjunction: an article scores by how often and where it uses them, and the snippet
//! generator highlights them. Each term counts as much as the most common one matched
//! (its inverse document frequency is raised to theirs), so a rare spelling does not
//! outrank the usual word; a fuzzy term counts less for each edit it is away. Past
//! [`MAX_TERMS`] terms only the most frequent (the nearest, for fuzzy words) score, and for a
//! prefix the rest still match, at no score.

use std::collections::BTreeMap;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use crate::index::analyzer::STEM_MARK;

/// How many terms of an expansion score at most.
pub const MAX_TERMS: usize = 64;

/// A term an expansion matched, with how many articles hold it and how many edits it is from
/// the word asked for (0 for a prefix).
struct Found {
    text: String,
    doc_freq: u64,
    edits: usize,
}

/// The query for the words of `field` starting with `prefix` (an index term: a word as
/// written).
pub fn prefix(searcher: &Searcher, field: Field, prefix: &str) -> tantivy::Result<Box<dyn Query>> {
    let mut found = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .into_stream()?;
        while let Some((key, info)) = stream.next() {
            if !key.starts_with(prefix.as_bytes()) {
                break;
            }
            let Ok(text) = std::str::from_utf8(key) else {
                continue;
            };
            *found.entry(text.to_string()).or_insert(0) += u64::from(info.doc_freq);
        }
    }
    let mut found: Vec<Found> = (found.into_iter())
        .map(|(text, doc_freq)| Found {
            text,
            doc_freq,
            edits: 0,
        })
        .collect();
    found.sort_by(|a, b| b.doc_freq.cmp(&a.doc_freq).then(a.text.cmp(&b.text)));
    let complete = found.len() <= MAX_TERMS;
    found.truncate(MAX_TERMS);
    let scored = scored(searcher, field, &found);
    if complete {
        return Ok(scored);
    }
    let pattern = format!("{}.*", regex::escape(prefix));
    let all = RegexQuery::from_pattern(&pattern, field)?;
    Ok(Box::new(BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(ConstScoreQuery::new(Box::new(all), 0.0)),
        ),
        (Occur::Should, scored),
    ])))
}

/// The query for the words of `field` within `distance` edits of `word` (an index term: a
/// word as written): the nearest [`MAX_TERMS`] of them, the most frequent first among
/// equally near ones.
pub fn fuzzy(
    searcher: &Searcher,
    field: Field,
    word: &str,
    distance: u8,
) -> tantivy::Result<Box<dyn Query>> {
    let mut found = within(searcher, field, word, distance)?;
    found.truncate(MAX_TERMS);
    Ok(scored(searcher, field, &found))
}

/// The other terms of `field` nearest `word` (one edit away, else two) that some article
/// holds, the most frequent first: what a misspelt word may have meant.
pub fn nearest(searcher: &Searcher, field: Field, word: &str) -> tantivy::Result<Vec<String>> {
    for distance in 1..=2 {
        let found = within(searcher, field, word, distance)?;
        let others: Vec<String> = (found.into_iter())
            .filter(|f| f.text != word)
            .map(|f| f.text)
            .collect();
        if !others.is_empty() {
            return Ok(others);
        }
    }
    Ok(Vec::new())
}

/// The terms of `field` within `distance` edits of `word`, across the searcher's segments,
/// nearest first, then most frequent: words as written, not the stems a field may hold
/// beside them.
fn within(
    searcher: &Searcher,
    field: Field,
    word: &str,
    distance: u8,
) -> tantivy::Result<Vec<Found>> {
    let automaton =
        FuzzyTermQuery::new(Term::from_field_text(field, word), distance, true).automaton()?;
    let mut found = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().search(&automaton).into_stream()?;
        while let Some((key, info)) = stream.next() {
            let Ok(text) = std::str::from_utf8(key) else {
                continue;
            };
            if !text.starts_with(STEM_MARK) {
                *found.entry(text.to_string()).or_insert(0) += u64::from(info.doc_freq);
            }
        }
    }
    let mut found: Vec<Found> = (found.into_iter())
        .map(|(text, doc_freq)| Found {
            edits: edit_distance(&text, word),
            text,
            doc_freq,
        })
        .collect();
    found.sort_by(|a, b| {
        (a.edits.cmp(&b.edits))
            .then(b.doc_freq.cmp(&a.doc_freq))
            .then(a.text.cmp(&b.text))
    });
    Ok(found)
}

/// The disjunction of `found`, each term scored by BM25 with the inverse document frequency
/// of the most common, and a fifth less for each edit.
fn scored(searcher: &Searcher, field: Field, found: &[Found]) -> Box<dyn Query> {
    let articles = searcher.num_docs();
    let most = found.iter().map(|f| f.doc_freq).max().unwrap_or(0);
    let clauses = found
        .iter()
        .map(|f| {
            let term = TermQuery::new(
                Term::from_field_text(field, &f.text),
                IndexRecordOption::WithFreqs,
            );
            let rarity = idf(most, articles) / idf(f.doc_freq, articles);
            let nearness = 1.0 / (1.0 + 0.25 * f.edits as f32);
            let q: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(term), rarity * nearness));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// BM25's inverse document frequency, as tantivy computes it.
pub fn idf(doc_freq: u64, articles: u64) -> f32 {
    let (n, df) = (articles as f32, doc_freq as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbours, each one edit (what the fuzzy automaton counts).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (rows[i - 1][j] + 1)
                .min(row[j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(rows[i - 2][j - 2] + 1);
            }
        }
        rows.push(row);
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_falls_as_terms_grow_common() {
        assert!(idf(1, 1000) > idf(10, 1000));
        assert!(idf(10, 1000) > idf(900, 1000));
        assert!(idf(1000, 1000) > 0.0);
    }

    #[test]
    fn edits_count_swaps_as_one() {
        assert_eq!(edit_distance("pompeo", "pompeo"), 0);
        assert_eq!(edit_distance("pompeo", "pompoe"), 1);
        assert_eq!(edit_distance("pompeo", "pompei"), 1);
        assert_eq!(edit_distance("huawei", "hwawei"), 1);
        assert_eq!(edit_distance("phone", "phones"), 1);
    }
}
