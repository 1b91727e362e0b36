//! Answers computed over many articles at once: the most mentioned entities, article counts
//! over time, and the entities most significantly mentioned together with one entity.
//!
//! Whole-index entity counts come from the `entity` field's term dictionary (document
//! frequencies, corrected for deleted documents); counts over the articles a query matches come
//! from a collector that reads the same field's fast column (term ordinals per document), so
//! no stored document is loaded. Timelines read the `published` fast column.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, DocAddress, DocId, DocSet, Score, SegmentOrdinal, SegmentReader, Term};

use super::search::Archive;
use crate::article::EntityKind;
use crate::error::{Error, Result};
use crate::index::EntityCount;
use crate::index::schema;

/// Split an `entity` term (`kind:Canonical Name`) into its kind and name.
fn split_key(key: &str) -> Option<(EntityKind, &str)> {
    let (kind, name) = key.split_once(':')?;
    Some((EntityKind::named(kind)?, name))
}

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

/// Articles per entity over the whole index, keyed by `kind:Canonical Name`.
pub fn all_entity_counts(archive: &Archive) -> Result<HashMap<String, u64>> {
    all_entity_counts_of(archive, None)
}

/// Like [`all_entity_counts`], for one kind only (a range of the sorted dictionary).
fn all_entity_counts_of(
    archive: &Archive,
    kind: Option<EntityKind>,
) -> Result<HashMap<String, u64>> {
    let field = archive.fields().entity;
    let dir = &archive.morgue.dir;
    // Keyed by bytes, so a key seen in an earlier segment costs no allocation.
    let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
    let prefix = kind.map(|k| format!("{}:", k.as_str()));
    for segment in archive.searcher().segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let dict = inverted.terms();
        let mut terms = match &prefix {
            None => dict.stream(),
            Some(p) => {
                // Every key of the kind sorts between "kind:" and "kind;".
                let end = format!("{};", &p[..p.len() - 1]);
                dict.range()
                    .ge(p.as_bytes())
                    .lt(end.as_bytes())
                    .into_stream()
            }
        }
        .map_err(|e| Error::io(dir, e))?;
        let alive = segment.alive_bitset();
        while terms.advance() {
            let info = terms.value();
            let n = match alive {
                None => info.doc_freq as u64,
                Some(bits) => {
                    let mut postings = inverted
                        .read_postings_from_terminfo(info, IndexRecordOption::Basic)
                        .map_err(|e| Error::io(dir, e))?;
                    let mut n = 0u64;
                    let mut doc = postings.doc();
                    while doc != tantivy::TERMINATED {
                        n += u64::from(bits.is_alive(doc));
                        doc = postings.advance();
                    }
                    n
                }
            };
            if n == 0 {
                continue;
            }
            match counts.get_mut(terms.key()) {
                Some(c) => *c += n,
                None => {
                    counts.insert(terms.key().to_vec(), n);
                }
            }
        }
    }
    Ok(counts
        .into_iter()
        .map(|(k, n)| (String::from_utf8_lossy(&k).into_owned(), n))
        .collect())
}

/// Per entity: articles among those collected, and the first such article.
#[derive(Debug, Default)]
pub struct CoCounts {
    /// Documents collected.
    pub docs: u64,
    /// `kind:Canonical Name` → (articles, an example article).
    pub entities: HashMap<String, (u64, DocAddress)>,
}

/// Counts the entities of every collected document from the `entity` fast column.
struct EntityCollector;

struct EntitySegmentCollector {
    segment: SegmentOrdinal,
    column: Option<StrColumn>,
    counts: Vec<u32>,
    example: Vec<DocId>,
    docs: u64,
}

impl Collector for EntityCollector {
    type Fruit = CoCounts;
    type Child = EntitySegmentCollector;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<EntitySegmentCollector> {
        let column = reader.fast_fields().str(schema::ENTITY)?;
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        Ok(EntitySegmentCollector {
            segment,
            column,
            counts: vec![0; terms],
            example: vec![DocId::MAX; terms],
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
            for (key, (n, example)) in fruit.entities {
                let entry = out.entities.entry(key).or_insert((0, example));
                entry.0 += n;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for EntitySegmentCollector {
    type Fruit = CoCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.docs += 1;
        if let Some(column) = &self.column {
            for ord in column.term_ords(doc) {
                let ord = ord as usize;
                self.counts[ord] += 1;
                if self.example[ord] == DocId::MAX {
                    self.example[ord] = doc;
                }
            }
        }
    }

    fn harvest(self) -> CoCounts {
        let mut entities = HashMap::new();
        if let Some(column) = &self.column {
            // Walk the dictionary in order: one sequential pass, where looking each ordinal
            // up would decode a block per term.
            if let Ok(mut terms) = column.dictionary().stream() {
                while terms.advance() {
                    let ord = terms.term_ord() as usize;
                    let n = self.counts.get(ord).copied().unwrap_or(0);
                    if n > 0 {
                        let key = String::from_utf8_lossy(terms.key()).into_owned();
                        let example = DocAddress::new(self.segment, self.example[ord]);
                        entities.insert(key, (u64::from(n), example));
                    }
                }
            }
        }
        CoCounts {
            docs: self.docs,
            entities,
        }
    }
}

/// Entity counts over the documents `query` matches.
pub fn co_counts(archive: &Archive, query: &dyn Query) -> Result<CoCounts> {
    check_fast(archive)?;
    Ok(archive.searcher().search(query, &EntityCollector)?)
}

/// The `top` most mentioned entities (of `kind`, if given) in the whole index or, with a
/// query, in the articles it matches; most first, ties by name.
pub fn entities(
    archive: &Archive,
    query: Option<&dyn Query>,
    kind: Option<EntityKind>,
    top: usize,
) -> Result<Vec<EntityCount>> {
    let counts: Vec<(String, u64)> = match query {
        None => all_entity_counts_of(archive, kind)?.into_iter().collect(),
        Some(q) => co_counts(archive, q)?
            .entities
            .into_iter()
            .map(|(k, (n, _))| (k, n))
            .collect(),
    };
    let mut out: Vec<EntityCount> = counts
        .iter()
        .filter_map(|(key, n)| {
            let (k, name) = split_key(key)?;
            (kind.is_none() || kind == Some(k)).then(|| EntityCount {
                kind: k,
                name: name.to_string(),
                articles: *n,
            })
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

/// The entity an argument names, and what is mentioned with it.
#[derive(Debug, Clone)]
pub struct RelatedReport {
    pub entity: EntityCount,
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

fn fold(s: &str) -> Vec<String> {
    let mut analyzer = schema::analyzer();
    let mut stream = analyzer.token_stream(s);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

/// Find the indexed entity `name` means: an exact canonical name (case- and
/// accent-insensitive) if there is one, else the most mentioned whose name contains the
/// words of `name` in order (`pompeo` → Mike Pompeo).
pub fn resolve_entity(
    counts: &HashMap<String, u64>,
    name: &str,
    kind: Option<EntityKind>,
) -> Option<EntityCount> {
    let want = fold(name);
    if want.is_empty() {
        return None;
    }
    let mut best: Option<(bool, u64, &str, EntityKind, &str)> = None;
    for (key, &n) in counts {
        let Some((k, canonical)) = split_key(key) else {
            continue;
        };
        if kind.is_some_and(|want| want != k) {
            continue;
        }
        let have = fold(canonical);
        let exact = have == want;
        if !exact && !have.windows(want.len()).any(|w| w == want.as_slice()) {
            continue;
        }
        let candidate = (exact, n, key.as_str(), k, canonical);
        let better = match &best {
            None => true,
            Some(b) => {
                (candidate.0, candidate.1, std::cmp::Reverse(candidate.2))
                    > (b.0, b.1, std::cmp::Reverse(b.2))
            }
        };
        if better {
            best = Some(candidate);
        }
    }
    best.map(|(_, n, _, kind, name)| EntityCount {
        kind,
        name: name.to_string(),
        articles: n,
    })
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
    let counts = all_entity_counts(archive)?;
    let Some(entity) = resolve_entity(&counts, name, options.of_kind) else {
        return Ok(None);
    };
    let key = schema::entity_key(entity.kind, &entity.name);
    let query = TermQuery::new(
        Term::from_field_text(archive.fields().entity, &key),
        IndexRecordOption::Basic,
    );
    let co = co_counts(archive, &query)?;
    let total = archive.searcher().num_docs() as f64;
    let with = co.docs as f64;
    let mut related: Vec<(Related, DocAddress)> = Vec::new();
    for (other, (together, example)) in &co.entities {
        if *other == key || *together < options.min_count.max(1) {
            continue;
        }
        let Some((kind, other_name)) = split_key(other) else {
            continue;
        };
        if options.kind.is_some_and(|k| k != kind) {
            continue;
        }
        let articles = counts
            .get(other)
            .copied()
            .unwrap_or(*together)
            .max(*together);
        let (both, n_other) = (*together as f64, articles as f64);
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
                kind,
                name: other_name.to_string(),
                together: *together,
                articles,
                llr: g2,
                pmi: (both * total / (with * n_other)).log2(),
                example: String::new(),
            },
            *example,
        ));
    }
    related.sort_by(|a, b| b.0.llr.total_cmp(&a.0.llr).then(a.0.name.cmp(&b.0.name)));
    related.truncate(options.top);
    let mut out = Vec::with_capacity(related.len());
    for (mut r, address) in related {
        r.example = archive.id_of(address)?;
        out.push(r);
    }
    Ok(Some(RelatedReport {
        entity: EntityCount {
            articles: co.docs,
            ..entity
        },
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

    #[test]
    fn resolves_names() {
        let counts: HashMap<String, u64> = [
            ("person:Mike Pompeo", 5),
            ("person:José Pompeo", 1),
            ("company:Huawei", 9),
            ("place:Huawei Town", 1),
        ]
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect();
        let check = |name: &str, kind: Option<EntityKind>, want: &str| {
            let e = resolve_entity(&counts, name, kind).unwrap();
            assert_eq!(schema::entity_key(e.kind, &e.name), want, "{name}");
        };
        check("pompeo", None, "person:Mike Pompeo");
        check("MIKE POMPEO", None, "person:Mike Pompeo");
        check("jose pompeo", None, "person:José Pompeo");
        check("huawei", None, "company:Huawei");
        check("huawei", Some(EntityKind::Place), "place:Huawei Town");
        assert!(resolve_entity(&counts, "nobody", None).is_none());
    }
}
