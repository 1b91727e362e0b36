//! Answers computed over many articles at once: the most mentioned entities, article counts
//! over time, and the entities most significantly mentioned together with one entity.
//!
//! Every entity answer goes through the archive's entity table ([`crate::resolve`]): an
//! entity is counted once per article under whichever of its names the article used.
//! Whole-index counts are the table's; counts over the articles a query matches come from
//! a collector that reads the `entity` field's fast column (term ordinals per document,
//! mapped to the table's entities once per segment), so no stored document is loaded.
//! Timelines read the `published` fast column.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, Term};

use super::search::Archive;
use crate::article::EntityKind;
use crate::error::{Error, Result};
use crate::index::EntityCount;
use crate::index::schema;
use crate::resolve::{Entity, EntityTable, Pick};

fn check_fast(archive: &Archive) -> Result<()> {
    let schema = archive.morgue.index.schema();
    if schema.get_field_entry(archive.fields().entity).is_fast() {
        Ok(())
    } else {
        Err(Error::IndexInvalid {
            path: archive.morgue.dir.clone(),
            reason: format!(
                "this index predates per-query entity counts (its `entity` field is not fast); \
                 rebuild it: remove {} and run `morgue index` again",
                archive.morgue.dir.display()
            ),
        })
    }
}

/// Per entity of the table: articles among those collected, and the first such article.
#[derive(Debug, Default)]
pub struct CoCounts {
    /// Documents collected.
    pub docs: u64,
    /// Entity (its place in the table) → (articles, an example article).
    pub entities: HashMap<usize, (u64, DocAddress)>,
}

/// Counts the entities of every collected document from the `entity` fast column, each
/// entity once per document however many of its names the document holds.
struct EntityCollector<'a> {
    table: &'a EntityTable,
}

struct EntitySegmentCollector {
    segment: SegmentOrdinal,
    column: Option<StrColumn>,
    /// Term ordinal → entity, `NONE` for a term the table lacks.
    entity_of: Vec<u32>,
    counts: HashMap<u32, (u64, DocId)>,
    /// One document's entities, reused.
    seen: Vec<u32>,
    docs: u64,
}

const NONE: u32 = u32::MAX;

impl Collector for EntityCollector<'_> {
    type Fruit = CoCounts;
    type Child = EntitySegmentCollector;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<EntitySegmentCollector> {
        let column = reader.fast_fields().str(schema::ENTITY)?;
        let mut entity_of = Vec::new();
        if let Some(column) = &column {
            entity_of.resize(column.num_terms(), NONE);
            // One sequential pass over the dictionary, where looking each ordinal up would
            // decode a block per term.
            let mut terms = column.dictionary().stream()?;
            while terms.advance() {
                if let Ok(term) = std::str::from_utf8(terms.key())
                    && let Some(id) = self.table.of_term(term)
                {
                    entity_of[terms.term_ord() as usize] = id as u32;
                }
            }
        }
        Ok(EntitySegmentCollector {
            segment,
            column,
            entity_of,
            counts: HashMap::new(),
            seen: Vec::new(),
            docs: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<CoCounts>) -> tantivy::Result<CoCounts> {
        let mut out = CoCounts::default();
        for fruit in fruits {
            out.docs += fruit.docs;
            for (id, (n, example)) in fruit.entities {
                out.entities.entry(id).or_insert((0, example)).0 += n;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for EntitySegmentCollector {
    type Fruit = CoCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.docs += 1;
        let Some(column) = &self.column else { return };
        self.seen.clear();
        self.seen.extend(
            column
                .term_ords(doc)
                .map(|ord| self.entity_of[ord as usize])
                .filter(|&id| id != NONE),
        );
        self.seen.sort_unstable();
        self.seen.dedup();
        for &id in &self.seen {
            self.counts.entry(id).or_insert((0, doc)).0 += 1;
        }
    }

    fn harvest(self) -> CoCounts {
        let segment = self.segment;
        CoCounts {
            docs: self.docs,
            entities: (self.counts.into_iter())
                .map(|(id, (n, doc))| (id as usize, (n, DocAddress::new(segment, doc))))
                .collect(),
        }
    }
}

/// Entity counts over the documents `query` matches.
pub fn co_counts(archive: &Archive, query: &dyn Query) -> Result<CoCounts> {
    check_fast(archive)?;
    let table = archive.table()?;
    Ok(archive
        .searcher()
        .search(query, &EntityCollector { table })?)
}

/// The `top` most mentioned entities (of `kind`, if given) in the whole index or, with a
/// query, in the articles it matches; most first, ties by name. Entities the table leaves
/// out (names of no kind) are not listed.
pub fn entities(
    archive: &Archive,
    query: Option<&dyn Query>,
    kind: Option<EntityKind>,
    top: usize,
) -> Result<Vec<EntityCount>> {
    let table = archive.table()?;
    let counts: Vec<(usize, u64)> = match query {
        None => (0..table.entities().len())
            .map(|id| (id, table.get(id).articles))
            .collect(),
        Some(q) => co_counts(archive, q)?
            .entities
            .into_iter()
            .map(|(id, (n, _))| (id, n))
            .collect(),
    };
    let mut out: Vec<EntityCount> = counts
        .into_iter()
        .filter_map(|(id, n)| {
            let e = table.get(id);
            (!e.excluded && kind.is_none_or(|k| k == e.kind)).then(|| EntityCount::of(e, n))
        })
        .collect();
    out.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(a.name.cmp(&b.name))
            .then(a.kind.cmp(&b.kind))
    });
    out.truncate(top);
    Ok(out)
}

/// Time buckets of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    Month,
    Year,
}

/// One bucket of a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    /// The first day of the bucket.
    pub start: NaiveDate,
    /// `2020-08-02`, `2020-W31`, `2020-08` or `2020`.
    pub label: String,
    pub articles: u64,
}

/// Article counts per bucket, oldest first (empty buckets are left out), and the number of
/// matching articles with no publication date.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub buckets: Vec<Bucket>,
    pub undated: u64,
}

struct DayCollector;

struct DaySegmentCollector {
    column: Column<DateTime>,
    days: HashMap<i64, u64>,
    undated: u64,
}

impl Collector for DayCollector {
    type Fruit = (HashMap<i64, u64>, u64);
    type Child = DaySegmentCollector;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<DaySegmentCollector> {
        Ok(DaySegmentCollector {
            column: reader.fast_fields().date(schema::PUBLISHED)?,
            days: HashMap::new(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(HashMap<i64, u64>, u64)>,
    ) -> tantivy::Result<(HashMap<i64, u64>, u64)> {
        let mut days: HashMap<i64, u64> = HashMap::new();
        let mut undated = 0;
        for (d, u) in fruits {
            undated += u;
            for (day, n) in d {
                *days.entry(day).or_default() += n;
            }
        }
        Ok((days, undated))
    }
}

impl SegmentCollector for DaySegmentCollector {
    type Fruit = (HashMap<i64, u64>, u64);

    fn collect(&mut self, doc: DocId, _score: Score) {
        match self.column.first(doc) {
            Some(d) => {
                *self
                    .days
                    .entry(d.into_timestamp_secs().div_euclid(86_400))
                    .or_default() += 1
            }
            None => self.undated += 1,
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.days, self.undated)
    }
}

/// Article counts per `interval` over the documents `query` matches.
pub fn timeline(archive: &Archive, query: &dyn Query, interval: Interval) -> Result<Timeline> {
    let (days, undated) = archive.searcher().search(query, &DayCollector)?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    let mut buckets: HashMap<NaiveDate, u64> = HashMap::new();
    for (day, n) in days {
        let date = epoch + Duration::days(day);
        *buckets.entry(bucket_start(date, interval)).or_default() += n;
    }
    let mut buckets: Vec<Bucket> = buckets
        .into_iter()
        .map(|(start, articles)| Bucket {
            start,
            label: bucket_label(start, interval),
            articles,
        })
        .collect();
    buckets.sort_by_key(|b| b.start);
    Ok(Timeline { buckets, undated })
}

fn bucket_start(d: NaiveDate, interval: Interval) -> NaiveDate {
    match interval {
        Interval::Day => d,
        Interval::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        Interval::Month => d.with_day(1).expect("day 1 exists"),
        Interval::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).expect("1 January exists"),
    }
}

fn bucket_label(start: NaiveDate, interval: Interval) -> String {
    match interval {
        Interval::Day => start.format("%Y-%m-%d").to_string(),
        Interval::Week => {
            let w = start.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        Interval::Month => start.format("%Y-%m").to_string(),
        Interval::Year => start.format("%Y").to_string(),
    }
}

/// An entity mentioned together with another, and how significant that is.
#[derive(Debug, Clone)]
pub struct Related {
    pub kind: EntityKind,
    pub name: String,
    /// Articles mentioning both.
    pub together: u64,
    /// Articles mentioning this entity at all.
    pub articles: u64,
    /// Dunning's log-likelihood ratio (G²) of the 2×2 table of articles: how unlikely this
    /// many co-mentions are if the two were mentioned independently.
    pub llr: f64,
    /// Pointwise mutual information, log2(P(both) / (P(a)·P(b))).
    pub pmi: f64,
    /// One article mentioning both.
    pub example: String,
}

/// The entity a name asked for was taken to mean.
#[derive(Debug, Clone)]
pub struct Picked {
    pub entity: EntityCount,
    /// The name as it was asked for.
    pub matched: String,
    /// Other entities the name could have meant, most mentioned first.
    pub alternatives: Vec<EntityCount>,
}

/// The entity an argument names, and what is mentioned with it.
#[derive(Debug, Clone)]
pub struct RelatedReport {
    pub picked: Picked,
    pub related: Vec<Related>,
}

/// Settings of [`related`].
#[derive(Debug, Clone)]
pub struct RelatedOptions {
    /// Only related entities of this kind.
    pub kind: Option<EntityKind>,
    /// The kind of the entity named, when the name alone is ambiguous.
    pub of_kind: Option<EntityKind>,
    pub top: usize,
    /// Fewest co-mentions for an entity to be ranked (rare pairs make noisy statistics).
    pub min_count: u64,
}

/// What a [`Pick`] of the table stands for, with its name as asked.
pub fn picked(table: &EntityTable, pick: &Pick, matched: &str) -> Picked {
    let count = |id: usize| EntityCount::of(table.get(id), table.get(id).articles);
    Picked {
        entity: count(pick.entity),
        matched: matched.to_string(),
        alternatives: pick.alternatives.iter().map(|&id| count(id)).collect(),
    }
}

/// The query for the articles mentioning an entity under any of its names.
pub fn entity_query(fields: &crate::index::Fields, entity: &Entity) -> Box<dyn Query> {
    let terms: Vec<(Occur, Box<dyn Query>)> = (entity.terms.iter())
        .map(|t| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(fields.entity, t),
                IndexRecordOption::Basic,
            ));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(terms))
}

/// Dunning's G² for a 2×2 contingency table of article counts.
fn llr(both: f64, a_only: f64, b_only: f64, neither: f64) -> f64 {
    let n = both + a_only + b_only + neither;
    let term = |o: f64, row: f64, col: f64| {
        let e = row * col / n;
        if o > 0.0 && e > 0.0 {
            o * (o / e).ln()
        } else {
            0.0
        }
    };
    let (a, b) = (both + a_only, b_only + neither);
    let (c, d) = (both + b_only, a_only + neither);
    2.0 * (term(both, a, c) + term(a_only, a, d) + term(b_only, b, c) + term(neither, b, d))
}

/// The entities mentioned together with `name`, ranked by log-likelihood ratio among those
/// mentioned more often with it than chance predicts. `None` if no entity has that name.
pub fn related(
    archive: &Archive,
    name: &str,
    options: &RelatedOptions,
) -> Result<Option<RelatedReport>> {
    check_fast(archive)?;
    let table = archive.table()?;
    let Some(pick) = table.pick(name, options.of_kind) else {
        return Ok(None);
    };
    let entity = table.get(pick.entity);
    let co = co_counts(archive, &*entity_query(&archive.fields(), entity))?;
    let total = archive.searcher().num_docs() as f64;
    let with = co.docs as f64;
    let mut related: Vec<(Related, DocAddress)> = Vec::new();
    for (&id, &(together, example)) in &co.entities {
        let other = table.get(id);
        if id == pick.entity || other.excluded || together < options.min_count.max(1) {
            continue;
        }
        if options.kind.is_some_and(|k| k != other.kind) {
            continue;
        }
        let articles = other.articles.max(together);
        let (both, n_other) = (together as f64, articles as f64);
        let expected = with * n_other / total;
        if both <= expected {
            continue;
        }
        let g2 = llr(
            both,
            with - both,
            n_other - both,
            (total - with - n_other + both).max(0.0),
        );
        related.push((
            Related {
                kind: other.kind,
                name: other.name.clone(),
                together,
                articles,
                llr: g2,
                pmi: (both * total / (with * n_other)).log2(),
                example: String::new(),
            },
            example,
        ));
    }
    related.sort_by(|a, b| b.0.llr.total_cmp(&a.0.llr).then(a.0.name.cmp(&b.0.name)));
    related.truncate(options.top);
    let mut out = Vec::with_capacity(related.len());
    for (mut r, address) in related {
        r.example = archive.id_of(address)?;
        out.push(r);
    }
    let mut picked = picked(table, &pick, name);
    picked.entity.articles = co.docs;
    Ok(Some(RelatedReport {
        picked,
        related: out,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_likelihood() {
        // Independent: G² is zero.
        assert!(llr(10.0, 90.0, 90.0, 810.0).abs() < 1e-9);
        // Strongly associated: large.
        assert!(llr(50.0, 10.0, 10.0, 930.0) > 100.0);
    }

    #[test]
    fn buckets() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let check = |day: &str, interval, start: &str, label: &str| {
            let s = bucket_start(d(day), interval);
            assert_eq!(s, d(start), "{day}");
            assert_eq!(bucket_label(s, interval), label, "{day}");
        };
        check("2020-08-02", Interval::Day, "2020-08-02", "2020-08-02");
        check("2020-08-02", Interval::Week, "2020-07-27", "2020-W31");
        check("2021-01-01", Interval::Week, "2020-12-28", "2020-W53");
        check("2020-08-31", Interval::Month, "2020-08-01", "2020-08");
        check("2020-08-31", Interval::Year, "2020-01-01", "2020");
    }
}
