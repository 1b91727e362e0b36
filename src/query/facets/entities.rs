//! The most mentioned entities: counts from the entity table for the whole index, or from
//! the `entity` fast column over the articles a query matches.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::{AllQuery, Query};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::check_fast;
use crate::article::EntityKind;
use crate::copies::{Counting, SegmentClusters, Stories};
use crate::error::Result;
use crate::index::schema;
use crate::query::Archive;
use crate::query::EntityCount;
use crate::resolve::EntityTable;

/// Per entity of the table: articles (or stories) among those collected, and the first such
/// article.
#[derive(Debug, Default)]
pub struct CoCounts {
    /// Articles (or stories) collected.
    pub docs: u64,
    /// Entity (its place in the table) → (articles or stories, an example article).
    pub entities: HashMap<usize, (u64, DocAddress)>,
}

/// Counts the entities of every collected document from the `entity` fast column, each
/// entity once per document however many of its names the document holds; with stories,
/// each entity once per cluster of copies however many of its members name it.
struct EntityCollector<'a> {
    table: &'a EntityTable,
    stories: Option<&'a Stories>,
    /// The fast column of `kind:Canonical Name` terms read: `entity` (the entities named)
    /// or `speaker` (those quoted).
    column: &'static str,
}

struct EntitySegmentCollector {
    segment: SegmentOrdinal,
    column: Option<StrColumn>,
    /// Term ordinal → entity, `NONE` for a term the table lacks.
    entity_of: Vec<u32>,
    clusters: Option<SegmentClusters>,
    counts: HashMap<u32, (u64, DocId)>,
    /// Documents in clusters: (cluster, entity) → the first document.
    clustered: FxHashMap<(u32, u32), DocId>,
    /// Clusters with a document collected.
    seen_clusters: FxHashSet<u32>,
    /// One document's entities, reused.
    seen: Vec<u32>,
    docs: u64,
}

/// What one segment counted.
struct SegmentCounts {
    docs: u64,
    entities: HashMap<usize, (u64, DocAddress)>,
    clustered: FxHashMap<(u32, u32), DocAddress>,
    clusters: FxHashSet<u32>,
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
        let column = reader.fast_fields().str(self.column)?;
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
            clusters: self.stories.and_then(|s| s.in_segment(segment)),
            counts: HashMap::new(),
            clustered: FxHashMap::default(),
            seen_clusters: FxHashSet::default(),
            seen: Vec::new(),
            docs: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentCounts>) -> tantivy::Result<CoCounts> {
        let mut out = CoCounts::default();
        let mut clustered: FxHashMap<(u32, u32), DocAddress> = FxHashMap::default();
        let mut clusters: FxHashSet<u32> = FxHashSet::default();
        for fruit in fruits {
            out.docs += fruit.docs;
            for (id, (n, example)) in fruit.entities {
                out.entities.entry(id).or_insert((0, example)).0 += n;
            }
            for (key, example) in fruit.clustered {
                clustered.entry(key).or_insert(example);
            }
            clusters.extend(fruit.clusters);
        }
        out.docs += clusters.len() as u64;
        for ((_, id), example) in clustered {
            out.entities.entry(id as usize).or_insert((0, example)).0 += 1;
        }
        Ok(out)
    }
}

impl SegmentCollector for EntitySegmentCollector {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let cluster = self
            .clusters
            .as_ref()
            .and_then(|clustered| clustered.get(doc));
        match cluster {
            Some(cluster) => {
                self.seen_clusters.insert(cluster);
            }
            None => self.docs += 1,
        }
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
            match cluster {
                Some(cluster) => {
                    self.clustered.entry((cluster, id)).or_insert(doc);
                }
                None => self.counts.entry(id).or_insert((0, doc)).0 += 1,
            }
        }
    }

    fn harvest(self) -> SegmentCounts {
        let at = |doc| DocAddress::new(self.segment, doc);
        SegmentCounts {
            docs: self.docs,
            entities: (self.counts.into_iter())
                .map(|(id, (n, doc))| (id as usize, (n, at(doc))))
                .collect(),
            clustered: (self.clustered.into_iter())
                .map(|(key, doc)| (key, at(doc)))
                .collect(),
            clusters: self.seen_clusters,
        }
    }
}

/// Entity counts over the documents `query` matches, counted as `counting` says.
pub fn co_counts(archive: &Archive, query: &dyn Query, counting: Counting) -> Result<CoCounts> {
    check_fast(archive)?;
    let table = archive.table()?;
    let stories = archive.stories()?.for_counting(counting);
    Ok(archive.searcher().search(
        query,
        &EntityCollector {
            table,
            stories,
            column: schema::ENTITY,
        },
    )?)
}

/// The `top` most quoted entities (of `kind`, if given) in the whole index or in the
/// articles `query` matches: the articles (or stories) quoting each, from the `speaker`
/// fast column; most first, ties by name.
pub fn quoted(
    archive: &Archive,
    query: Option<&dyn Query>,
    kind: Option<EntityKind>,
    top: usize,
    counting: Counting,
) -> Result<Vec<EntityCount>> {
    check_fast(archive)?;
    let table = archive.table()?;
    let collector = EntityCollector {
        table,
        stories: archive.stories()?.for_counting(counting),
        column: schema::SPEAKER,
    };
    let counts = archive
        .searcher()
        .search(query.unwrap_or(&AllQuery), &collector)?;
    let counts: Vec<(usize, u64)> = (counts.entities.into_iter())
        .map(|(id, (n, _))| (id, n))
        .collect();
    Ok(ranked(table, &counts, kind, top))
}

/// How many articles, or stories, of the whole index name each entity of the table.
pub struct Totals<'a> {
    table: &'a EntityTable,
    of: TotalsOf,
    /// The articles (or stories) counted in all.
    pub all: u64,
}

/// Where the counts of [`Totals`] come from.
enum TotalsOf {
    /// The table's, less (counting stories) the articles naming an entity that are copies
    /// of another article naming it.
    Index { repeated: FxHashMap<usize, u64> },
    /// The articles a query matches.
    Matches(CoCounts),
}

impl<'a> Totals<'a> {
    pub fn new(archive: &'a Archive, counting: Counting) -> Result<Totals<'a>> {
        let table = archive.table()?;
        let repeated = match counting {
            Counting::Stories => repeated_in_copies(archive, table)?,
            Counting::Articles => FxHashMap::default(),
        };
        Ok(Totals {
            table,
            of: TotalsOf::Index { repeated },
            all: archive.count_all(counting)?,
        })
    }

    /// The counts over the articles `within` matches, or over the whole index.
    pub fn within(
        archive: &'a Archive,
        within: Option<&dyn Query>,
        counting: Counting,
    ) -> Result<Totals<'a>> {
        let Some(query) = within else {
            return Totals::new(archive, counting);
        };
        let counts = co_counts(archive, query, counting)?;
        Ok(Totals {
            table: archive.table()?,
            all: counts.docs,
            of: TotalsOf::Matches(counts),
        })
    }

    /// The count of the table's entity `id`.
    pub fn of(&self, id: usize) -> u64 {
        match &self.of {
            TotalsOf::Index { repeated } => {
                let repeated = repeated.get(&id).copied().unwrap_or(0);
                self.table.get(id).articles.saturating_sub(repeated)
            }
            TotalsOf::Matches(counts) => counts.entities.get(&id).map_or(0, |&(n, _)| n),
        }
    }

    /// The table's entity `id` with its count.
    pub fn count(&self, id: usize) -> EntityCount {
        EntityCount::of(self.table.get(id), self.of(id))
    }
}

/// For each entity, how many articles naming it are copies standing behind another article
/// of their cluster that names it too: what counting stories takes off the table's article
/// counts. Reads the `entity` fast column of the clustered articles only.
fn repeated_in_copies(archive: &Archive, table: &EntityTable) -> Result<FxHashMap<usize, u64>> {
    let stories = archive.stories()?;
    // (cluster, entity) → members naming it.
    let mut naming: FxHashMap<(u32, usize), u64> = FxHashMap::default();
    for (ord, reader) in archive.searcher().segment_readers().iter().enumerate() {
        let Some(clusters) = stories.in_segment(ord as SegmentOrdinal) else {
            continue;
        };
        let Some(column) = reader.fast_fields().str(schema::ENTITY)? else {
            continue;
        };
        let mut ords: Vec<u64> = (clusters.iter())
            .flat_map(|(doc, _)| column.term_ords(doc))
            .collect();
        ords.sort_unstable();
        ords.dedup();
        let mut entities = Vec::with_capacity(ords.len());
        column
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |term| {
                let term = std::str::from_utf8(term).ok();
                entities.push(term.and_then(|term| table.of_term(term)));
            })
            .map_err(tantivy::TantivyError::from)?;
        let entity_of: FxHashMap<u64, usize> = (ords.iter().zip(entities))
            .filter_map(|(&ord, entity)| Some((ord, entity?)))
            .collect();
        let mut seen = Vec::new();
        for (doc, cluster) in clusters.iter() {
            seen.clear();
            seen.extend(column.term_ords(doc).filter_map(|o| entity_of.get(&o)));
            seen.sort_unstable();
            seen.dedup();
            for &&entity in &seen {
                *naming.entry((cluster, entity)).or_default() += 1;
            }
        }
    }
    let mut repeated: FxHashMap<usize, u64> = FxHashMap::default();
    for ((_, entity), members) in naming {
        *repeated.entry(entity).or_default() += members - 1;
    }
    Ok(repeated)
}

/// The `top` most mentioned entities (of `kind`, if given) in the whole index or, with a
/// query, in the articles it matches, counted as `counting` says; most first, ties by name.
/// Entities the table leaves out (names of no kind) are not listed.
pub fn entities(
    archive: &Archive,
    query: Option<&dyn Query>,
    kind: Option<EntityKind>,
    top: usize,
    counting: Counting,
) -> Result<Vec<EntityCount>> {
    let counts = entity_counts(archive, query, counting)?;
    Ok(ranked(archive.table()?, &counts, kind, top))
}

/// [`entities`] over the whole index for each kind in turn (in [`EntityKind::ALL`]'s order),
/// the counts taken once for all of them.
pub fn top_of_each_kind(
    archive: &Archive,
    top: usize,
    counting: Counting,
) -> Result<Vec<Vec<EntityCount>>> {
    let counts = entity_counts(archive, None, counting)?;
    let table = archive.table()?;
    Ok((EntityKind::ALL.into_iter())
        .map(|kind| ranked(table, &counts, Some(kind), top))
        .collect())
}

/// Per entity of the table, its count in the whole index or in the articles `query` matches.
fn entity_counts(
    archive: &Archive,
    query: Option<&dyn Query>,
    counting: Counting,
) -> Result<Vec<(usize, u64)>> {
    Ok(match query {
        None => {
            let totals = Totals::new(archive, counting)?;
            (0..archive.table()?.entities().len())
                .map(|id| (id, totals.of(id)))
                .collect()
        }
        Some(q) => co_counts(archive, q, counting)?
            .entities
            .into_iter()
            .map(|(id, (n, _))| (id, n))
            .collect(),
    })
}

/// The `top` of `counts` (of `kind`, if given), most first, ties by name, leaving out the
/// entities the table leaves out.
fn ranked(
    table: &EntityTable,
    counts: &[(usize, u64)],
    kind: Option<EntityKind>,
    top: usize,
) -> Vec<EntityCount> {
    let mut out: Vec<EntityCount> = (counts.iter())
        .filter_map(|&(id, n)| {
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
    out
}
