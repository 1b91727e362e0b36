//! A parsed query compiled into a tantivy query, against one searcher.
//!
//! Words and phrases without a field search the title (boosted ×2) and the body, each word
//! required, in any of its forms: the stems the index holds beside words (see
//! [`crate::index::analyzer`]); `=word` and `="a phrase"` search the forms as written.
//! Prefixes and fuzzy words match words as written and are expanded into the terms they
//! match ([`super::expand`]), so they score and highlight. Entity fields match their
//! canonical names: `person:pompeo` is one word of a name, `person:"mike pompeo"` the name as
//! a phrase ([`Compiler::entity`]). Date fields are day ranges.
//!
//! A query of entity filters only ranks by how central the entity is to each article: the
//! index writes a name into its entity field once per unit of the entity's weight (title,
//! mentions, how early; see [`crate::index::schema`]), so the filter's BM25 term frequency is
//! that weight and `--explain` shows it as `freq`. Once the query searches words, the words
//! rank and entity filters count for a fifth of their score.

use std::ops::Bound;
use std::path::Path;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhrasePrefixQuery,
    PhraseQuery, Query, RangeQuery, RegexPhraseQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::expand;
use super::parser::{self, DateTarget, Expr, Form, QueryError, TextKind, TextTarget};
use crate::article::EntityKind;
use crate::config::QueryOptions;
use crate::error::Result;
use crate::index::analyzer::{self, word_terms};
use crate::index::schema::Fields;
use crate::resolve::EntityTable;

/// How much a title match outweighs a body match.
const TITLE_BOOST: f32 = 2.0;

/// How much of an entity filter's score counts in a query that also searches words.
const ENTITY_AMONG_WORDS: f32 = 0.2;

/// How many phrases a phrase in any form may become, one for each choice of its words'
/// terms, before it becomes one phrase of term patterns instead (slower, and its snippets
/// highlight nothing).
const MAX_PHRASE_CHOICES: usize = 16;

/// Compile a syntax tree into a tantivy query over `searcher`'s index; with a table, an
/// entity filter also matches the articles that name the entity it names by any of its
/// other names.
///
/// A query of entity filters only (with dates and boolean structure around them) ranks by
/// the filters' scores, which say how central each entity is to the article (see
/// [`crate::index::schema`]); once words are searched too, the words rank and each entity
/// filter adds [`ENTITY_AMONG_WORDS`] of its score.
pub fn compile(
    expr: &Expr,
    fields: &Fields,
    table: Option<&EntityTable>,
    searcher: &Searcher,
) -> Result<Box<dyn Query>> {
    let entity_boost = if searches_words(expr) {
        ENTITY_AMONG_WORDS
    } else {
        1.0
    };
    let compiler = Compiler {
        fields,
        table,
        searcher,
        entity_boost,
    };
    compiler.compile(expr)
}

/// The filters `options` adds to a query: publication dates, and the file or folder read.
pub(super) fn limits(options: &QueryOptions) -> Vec<Expr> {
    let mut limits = Vec::new();
    if options.since.is_some() || options.until.is_some() {
        let range = parser::DayRange {
            from: options.since,
            to: options.until.map(|d| d + chrono::Duration::days(1)),
        };
        limits.push(Expr::Dates {
            target: DateTarget::Published,
            range,
        });
    }
    if let Some(path) = &options.under {
        limits.push(Expr::Text {
            target: TextTarget::Under,
            text: path.to_string_lossy().into_owned(),
            kind: TextKind::Word,
            form: Form::Exact,
        });
    }
    limits
}

/// Whether a query filters on an entity field.
pub(super) fn mentions_entities(expr: &Expr) -> bool {
    match expr {
        Expr::Text { target, .. } => entity_kind(*target).is_some(),
        Expr::Dates { .. } => false,
        Expr::And(parts) | Expr::Or(parts) => parts.iter().any(mentions_entities),
        Expr::Not(inner) => mentions_entities(inner),
    }
}

/// Whether any word or phrase scores the query: a text leaf outside a negation that is not
/// an entity filter (nor a url or folder, which only filter).
pub(super) fn searches_words(expr: &Expr) -> bool {
    match expr {
        Expr::Text { target, .. } => {
            entity_kind(*target).is_none() && !matches!(target, TextTarget::Url | TextTarget::Under)
        }
        Expr::Dates { .. } | Expr::Not(_) => false,
        Expr::And(parts) | Expr::Or(parts) => parts.iter().any(searches_words),
    }
}

/// The entity kind a text target filters on, if it is an entity field.
pub(super) fn entity_kind(target: TextTarget) -> Option<EntityKind> {
    match target {
        TextTarget::Person => Some(EntityKind::Person),
        TextTarget::Company => Some(EntityKind::Company),
        TextTarget::Org => Some(EntityKind::Organization),
        TextTarget::Place => Some(EntityKind::Place),
        _ => None,
    }
}

/// What one compilation reads: the fields, the entity table, the searcher (whose term
/// dictionaries expand prefixes and fuzzy words), and how much entity filters count.
struct Compiler<'a> {
    fields: &'a Fields,
    table: Option<&'a EntityTable>,
    searcher: &'a Searcher,
    entity_boost: f32,
}

impl Compiler<'_> {
    fn compile(&self, expr: &Expr) -> Result<Box<dyn Query>> {
        Ok(match expr {
            Expr::Text {
                target,
                text,
                kind,
                form,
            } => self.text(*target, text, *kind, *form)?,
            Expr::Dates { target, range } => self.dates(*target, range),
            Expr::And(parts) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for part in parts {
                    match part {
                        Expr::Not(inner) => clauses.push((Occur::MustNot, self.compile(inner)?)),
                        other => clauses.push((Occur::Must, self.compile(other)?)),
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
                    .map(|a| Ok((Occur::Should, self.compile(a)?)))
                    .collect::<Result<Vec<_>>>()?;
                Box::new(BooleanQuery::new(clauses))
            }
            Expr::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                (Occur::MustNot, self.compile(inner)?),
            ])),
        })
    }

    /// A text leaf: words in the title and body, one text field, an entity field, a url or a
    /// folder.
    fn text(
        &self,
        target: TextTarget,
        text: &str,
        kind: TextKind,
        form: Form,
    ) -> Result<Box<dyn Query>> {
        let f = self.fields;
        if let Some(entity) = entity_kind(target) {
            let q = self.entity(entity, text, kind)?;
            return Ok(boosted(q, self.entity_boost));
        }
        let fields: Vec<(Field, f32)> = match target {
            TextTarget::Title => vec![(f.title, 1.0)],
            TextTarget::Body => vec![(f.body, 1.0)],
            TextTarget::Byline => return self.words(f.byline, &word_terms(text), kind),
            TextTarget::Source => return self.words(f.source, &word_terms(text), kind),
            TextTarget::Said => return self.words(f.said, &word_terms(text), kind),
            TextTarget::Quote => vec![(f.quote, 1.0)],
            TextTarget::Url => return url_query(f.url, text),
            TextTarget::Under => return Ok(under_query(f.path, text)),
            // The default, title and body (entity filters were compiled above).
            _ => vec![(f.title, TITLE_BOOST), (f.body, 1.0)],
        };
        let words = parser::searched_words(text, kind, 0)?;
        let any_form =
            form == Form::Any && matches!(kind, TextKind::Word | TextKind::Phrase { .. });
        // One disjunction of every field's choices, not one per field inside another: a
        // union of term scorers is one merge of their postings, a union of unions is two.
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in fields {
            let choices = if any_form {
                self.any_form(field, &analyzer::any_form(text), kind)?
            } else {
                vec![self.words(field, &words, kind)?]
            };
            alternatives.extend(
                choices
                    .into_iter()
                    .map(|q| (Occur::Should, boosted(q, boost))),
            );
        }
        Ok(one_or_any(alternatives))
    }

    /// A day range of a date field.
    fn dates(&self, target: DateTarget, range: &parser::DayRange) -> Box<dyn Query> {
        let field = match target {
            DateTarget::Published => self.fields.published,
            DateTarget::Mentions => self.fields.mentions,
        };
        let bound = |d: Option<chrono::NaiveDate>, included: bool| match d {
            None => Bound::Unbounded,
            Some(d) => {
                let t = Term::from_field_date_for_search(field, crate::index::day_to_tantivy(d));
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

    /// The query for one entity filter: articles whose canonical names of `entity`'s kind
    /// hold `text` as a word, phrase, prefix or fuzzy word (by `kind`), scored by the
    /// entity's weight in each article. With a table, a word or phrase that names an entity
    /// also matches the articles holding any other name of it, each scored by that name's
    /// weight.
    fn entity(&self, entity: EntityKind, text: &str, kind: TextKind) -> Result<Box<dyn Query>> {
        let f = self.fields;
        let field = f.entity_field(entity);
        let words = parser::searched_words(text, kind, 0)?;
        let direct = self.words(field, &words, kind)?;
        let Some(table) =
            (self.table).filter(|_| matches!(kind, TextKind::Word | TextKind::Phrase { .. }))
        else {
            return Ok(direct);
        };
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, direct)];
        for term in entity_terms(table, entity, text, &words) {
            let Some((_, name)) = term.split_once(':') else {
                continue;
            };
            // Exactly this name (the `entity` term, which adds nothing to the score), weighted
            // by its words in the entity field.
            let exact = TermQuery::new(
                Term::from_field_text(f.entity, &term),
                IndexRecordOption::Basic,
            );
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(exact), 0.0)),
            )];
            let name_words = word_terms(name);
            if !name_words.is_empty() {
                let weight = self.words(field, &name_words, TextKind::Phrase { slop: 0 })?;
                clauses.push((Occur::Should, weight));
            }
            alternatives.push((Occur::Should, Box::new(BooleanQuery::new(clauses))));
        }
        Ok(Box::new(BooleanQuery::new(alternatives)))
    }

    /// The queries whose disjunction finds words in any form in `title` or `body`: at each
    /// position, any of the terms that hold the word (`analyzer::any_form`) that the index
    /// has. A word or phrase whose words have several such terms is a term or phrase for
    /// each choice, up to [`MAX_PHRASE_CHOICES`]; past that, one phrase of term patterns.
    /// The forms of a word count as one word: each choice scores with the rarity of the most
    /// common of its words' terms, so an article does not rank first for using the rarer
    /// form.
    fn any_form(
        &self,
        field: Field,
        positions: &[Vec<String>],
        kind: TextKind,
    ) -> Result<Vec<Box<dyn Query>>> {
        let mut held: Vec<Vec<(Term, u64)>> = Vec::with_capacity(positions.len());
        for alternatives in positions {
            let mut terms = Vec::with_capacity(alternatives.len());
            for text in alternatives {
                let term = Term::from_field_text(field, text);
                let doc_freq = self.searcher.doc_freq(&term)?;
                if doc_freq > 0 {
                    terms.push((term, doc_freq));
                }
            }
            if terms.is_empty() {
                return Ok(vec![Box::new(EmptyQuery)]);
            }
            held.push(terms);
        }
        let slop = match kind {
            TextKind::Phrase { slop } => slop,
            _ => 0,
        };
        let choices = held.iter().map(Vec::len).product::<usize>();
        if choices > MAX_PHRASE_CHOICES {
            let patterns = (positions.iter())
                .map(|alternatives| {
                    let escaped: Vec<String> =
                        alternatives.iter().map(|a| regex::escape(a)).collect();
                    escaped.join("|")
                })
                .collect();
            let mut q = RegexPhraseQuery::new(field, patterns);
            q.set_slop(slop);
            return Ok(vec![Box::new(q)]);
        }
        let articles = self.searcher.num_docs();
        let rarity = |doc_freq: u64| expand::idf(doc_freq, articles);
        let as_one: f32 = (held.iter())
            .map(|terms| rarity(terms.iter().map(|t| t.1).max().unwrap_or(0)))
            .sum();
        let mut clauses = Vec::with_capacity(choices);
        for choice in 0..choices {
            let mut rest = choice;
            let mut terms = Vec::with_capacity(held.len());
            let mut own = 0.0;
            for alternatives in &held {
                let (term, doc_freq) = &alternatives[rest % alternatives.len()];
                rest /= alternatives.len();
                own += rarity(*doc_freq);
                terms.push(term.clone());
            }
            let q: Box<dyn Query> = if let [term] = terms.as_slice() {
                Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs))
            } else {
                let mut q = PhraseQuery::new(terms);
                q.set_slop(slop);
                Box::new(q)
            };
            clauses.push(if choices == 1 {
                q
            } else {
                boosted(q, as_one / own)
            });
        }
        Ok(clauses)
    }

    /// The query for analysed words (index terms) in one field: a term, a phrase (with its
    /// slop), a prefix or a fuzzy term.
    fn words(&self, field: Field, words: &[String], kind: TextKind) -> Result<Box<dyn Query>> {
        let terms: Vec<Term> = words
            .iter()
            .map(|w| Term::from_field_text(field, w))
            .collect();
        Ok(match (kind, terms.len()) {
            (_, 0) => Box::new(EmptyQuery),
            (TextKind::Prefix, 1) => expand::prefix(self.searcher, field, &words[0])?,
            (TextKind::Prefix, _) => {
                let mut q = PhrasePrefixQuery::new(terms);
                q.set_max_expansions(200);
                Box::new(q)
            }
            (TextKind::Fuzzy { distance }, _) => {
                expand::fuzzy(self.searcher, field, &words[0], distance)?
            }
            (_, 1) => Box::new(TermQuery::new(
                terms.into_iter().next().expect("one term"),
                IndexRecordOption::WithFreqs,
            )),
            (TextKind::Phrase { slop }, _) => {
                let mut q = PhraseQuery::new(terms);
                q.set_slop(slop);
                Box::new(q)
            }
            (TextKind::Word, _) => Box::new(PhraseQuery::new(terms)),
        })
    }
}

/// The `entity` terms of every entity of the table that a filter's words name exactly,
/// directly or through the built-in lists (`place:uk` → United Kingdom, and every name the
/// archive found it under).
fn entity_terms(
    table: &EntityTable,
    kind: EntityKind,
    text: &str,
    words: &[String],
) -> Vec<String> {
    let mut ids: Vec<usize> = table.named(kind, &words.join(" ")).to_vec();
    if let Some(entry) = crate::extract::gazetteer::gazetteer().get_any_case(text)
        && entry.kind == kind
    {
        ids.extend_from_slice(table.named(kind, &crate::resolve::names::fold(entry.canonical)));
    }
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .flat_map(|id| table.get(id).terms.iter().cloned())
        .collect()
}

/// The one clause's query, or the disjunction of several.
fn one_or_any(mut clauses: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
    if clauses.len() == 1 {
        clauses.pop().expect("one clause").1
    } else {
        Box::new(BooleanQuery::new(clauses))
    }
}

/// `query` with its score multiplied by `boost` (unless that is 1).
fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

/// `url:` matches the whole url, or a pattern where `*` stands for any characters.
fn url_query(field: Field, value: &str) -> Result<Box<dyn Query>> {
    if !value.contains('*') {
        return Ok(Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        )));
    }
    let pattern: Vec<String> = value.split('*').map(regex::escape).collect();
    let q = RegexQuery::from_pattern(&pattern.join(".*"), field).map_err(|e| QueryError {
        message: format!("bad url pattern '{value}': {e}"),
        column: 1,
    })?;
    Ok(Box::new(q))
}

/// The articles of the file at `value`, or of every file below it when it is a folder: the
/// path made absolute from where morgue runs and canonical when it exists, as the index
/// keeps paths (`index::path_key`).
fn under_query(field: Field, value: &str) -> Box<dyn Query> {
    let path = Path::new(value);
    let absolute = match std::env::current_dir() {
        Ok(here) if path.is_relative() => here.join(path),
        _ => path.to_path_buf(),
    };
    let path = absolute.canonicalize().unwrap_or(absolute);
    let key = crate::index::path_key(&path);
    let file = TermQuery::new(Term::from_field_text(field, &key), IndexRecordOption::Basic);
    // Every path that starts with `folder/`: from there up to `folder0` ('0' follows '/').
    let folder = format!("{}/", key.trim_end_matches('/'));
    let after = format!("{}0", &folder[..folder.len() - 1]);
    let below = RangeQuery::new(
        Bound::Included(Term::from_field_text(field, &folder)),
        Bound::Excluded(Term::from_field_text(field, &after)),
    );
    Box::new(BooleanQuery::new(vec![
        (Occur::Should, Box::new(file) as Box<dyn Query>),
        (Occur::Should, Box::new(below)),
    ]))
}
