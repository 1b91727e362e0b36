//! Compile a parsed query into a tantivy query, run it, and cut snippets for the hits.
//!
//! Words and phrases without a field search the title (boosted ×2) and the body, each word
//! required. Entity fields match their canonical names: `person:pompeo` is one word of a name,
//! `person:"mike pompeo"` the name as a phrase. Date fields are day ranges.

use std::ops::{Bound, Range};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};

use super::parser::{self, DateTarget, Expr, QueryError, TextTarget};
use crate::config::SearchConfig;
use crate::error::Result;
use crate::index::MorgueIndex;
use crate::index::schema::{self, Fields};

/// How much a title match outweighs a body match.
const TITLE_BOOST: f32 = 2.0;

/// One search hit, with what the printer needs.
#[derive(Debug, Clone)]
pub struct Hit {
    pub id: String,
    pub path: String,
    pub record: Option<String>,
    pub score: f32,
    pub title: String,
    pub published: Option<chrono::NaiveDate>,
    pub byline: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// A passage of the body around the best match.
    pub snippet: String,
    /// Byte ranges of the matched words within `snippet`.
    pub highlights: Vec<Range<usize>>,
    pub people: Vec<String>,
    pub companies: Vec<String>,
    pub organizations: Vec<String>,
    pub places: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct SearchResults {
    /// How many articles match in all.
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Run a query against the index.
pub fn search(config: &SearchConfig) -> Result<SearchResults> {
    let expr = parser::parse(&config.query)?;
    let morgue = MorgueIndex::open(&config.index_dir)?;
    let query = compile(&expr, &morgue.fields)?;
    let reader = morgue.index.reader()?;
    let searcher = reader.searcher();
    let limit = config.limit.max(1);
    let (top, total) = searcher.search(
        &query,
        &(TopDocs::with_limit(limit).order_by_score(), Count),
    )?;
    let f = morgue.fields;
    let mut snippets = SnippetGenerator::create(&searcher, &*query, f.body)?;
    snippets.set_max_num_chars(config.snippet_chars);
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top.into_iter().take(config.limit) {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let all = |field: Field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let snippet = snippets.snippet_from_doc(&doc);
        let (snippet, highlights) = if snippet.is_empty() {
            (
                lead(&text(f.body).unwrap_or_default(), config.snippet_chars),
                Vec::new(),
            )
        } else {
            (
                snippet.fragment().to_string(),
                snippet.highlighted().to_vec(),
            )
        };
        hits.push(Hit {
            id: text(f.id).unwrap_or_default(),
            path: text(f.path).unwrap_or_default(),
            record: text(f.record),
            score,
            title: text(f.title).unwrap_or_default(),
            published: doc
                .get_first(f.published)
                .and_then(|v| v.as_datetime())
                .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
                .map(|d| d.date_naive()),
            byline: text(f.byline),
            source: text(f.source),
            url: text(f.url),
            snippet,
            highlights,
            people: all(f.person),
            companies: all(f.company),
            organizations: all(f.org),
            places: all(f.place),
        });
    }
    Ok(SearchResults { total, hits })
}

/// The start of a body, cut at a word boundary, for hits that matched no body words.
fn lead(body: &str, max_chars: usize) -> String {
    let flat = crate::parse::squeeze(body);
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{} …", &cut[..i]),
        None => cut,
    }
}

/// Compile a syntax tree into a tantivy query.
pub fn compile(expr: &Expr, f: &Fields) -> std::result::Result<Box<dyn Query>, QueryError> {
    Ok(match expr {
        Expr::Text {
            target,
            text,
            phrase: _,
        } => {
            let fields: Vec<(Field, f32)> = match target {
                TextTarget::Default => vec![(f.title, TITLE_BOOST), (f.body, 1.0)],
                TextTarget::Title => vec![(f.title, 1.0)],
                TextTarget::Body => vec![(f.body, 1.0)],
                TextTarget::Byline => vec![(f.byline, 1.0)],
                TextTarget::Source => vec![(f.source, 1.0)],
                TextTarget::Person => vec![(f.person, 1.0)],
                TextTarget::Company => vec![(f.company, 1.0)],
                TextTarget::Org => vec![(f.org, 1.0)],
                TextTarget::Place => vec![(f.place, 1.0)],
            };
            let words = analyse(text);
            if words.is_empty() {
                return Err(QueryError {
                    message: format!("nothing searchable in '{text}'"),
                    column: 1,
                });
            }
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, boost) in fields {
                let q = words_query(field, &words);
                let q: Box<dyn Query> = if boost == 1.0 {
                    q
                } else {
                    Box::new(BoostQuery::new(q, boost))
                };
                alternatives.push((Occur::Should, q));
            }
            if alternatives.len() == 1 {
                alternatives.pop().expect("one alternative").1
            } else {
                Box::new(BooleanQuery::new(alternatives))
            }
        }
        Expr::Dates { target, range } => {
            let field = match target {
                DateTarget::Published => f.published,
                DateTarget::Mentions => f.mentions,
            };
            let bound = |d: Option<chrono::NaiveDate>, included: bool| match d {
                None => Bound::Unbounded,
                Some(d) => {
                    let t =
                        Term::from_field_date_for_search(field, crate::index::day_to_tantivy(d));
                    if included {
                        Bound::Included(t)
                    } else {
                        Bound::Excluded(t)
                    }
                }
            };
            Box::new(RangeQuery::new(
                bound(range.from, true),
                bound(range.to, false),
            ))
        }
        Expr::And(parts) => {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for part in parts {
                match part {
                    Expr::Not(inner) => clauses.push((Occur::MustNot, compile(inner, f)?)),
                    other => clauses.push((Occur::Must, compile(other, f)?)),
                }
            }
            if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Expr::Or(alts) => {
            let clauses = alts
                .iter()
                .map(|a| Ok((Occur::Should, compile(a, f)?)))
                .collect::<std::result::Result<Vec<_>, QueryError>>()?;
            Box::new(BooleanQuery::new(clauses))
        }
        Expr::Not(inner) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
            (Occur::MustNot, compile(inner, f)?),
        ])),
    })
}

/// A term query for one word, a phrase query for several.
fn words_query(field: Field, words: &[String]) -> Box<dyn Query> {
    let terms: Vec<Term> = words
        .iter()
        .map(|w| Term::from_field_text(field, w))
        .collect();
    match terms.len() {
        0 => Box::new(EmptyQuery),
        1 => Box::new(TermQuery::new(
            terms.into_iter().next().expect("one term"),
            IndexRecordOption::WithFreqs,
        )),
        _ => Box::new(PhraseQuery::new(terms)),
    }
}

/// The index terms of a query string, by the same analyzer the index uses.
fn analyse(text: &str) -> Vec<String> {
    let mut analyzer = schema::analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(tok) = stream.next() {
        out.push(tok.text.clone());
    }
    out
}
