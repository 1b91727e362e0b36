//! Facts about a whole index: article count, size on disk, date range, top entities.

use chrono::NaiveDate;
use tantivy::DateTime;
use tantivy::columnar::Column;

use super::MorgueIndex;
use crate::article::EntityKind;
use crate::error::Result;
use crate::resolve::Entity;

/// An entity and the number of articles that mention it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityCount {
    pub kind: EntityKind,
    pub name: String,
    pub articles: u64,
    /// The other names the archive found it under.
    pub aliases: Vec<String>,
}

impl EntityCount {
    /// An entity of the table, with `articles` counted over whatever was asked.
    pub fn of(entity: &Entity, articles: u64) -> EntityCount {
        EntityCount {
            kind: entity.kind,
            name: entity.name.clone(),
            articles,
            aliases: entity.aliases().map(str::to_string).collect(),
        }
    }

    /// Its id in answers (see [`Entity::id`]).
    pub fn id(&self) -> String {
        super::schema::entity_key(self.kind, &self.name)
    }
}

#[derive(Debug, Clone)]
pub struct Stats {
    pub articles: u64,
    pub index_bytes: u64,
    pub first_published: Option<NaiveDate>,
    pub last_published: Option<NaiveDate>,
    /// The most mentioned entities of each kind, most first.
    pub top_entities: Vec<EntityCount>,
}

/// Gather the stats, with the `top` most mentioned entities of each kind (from the entity
/// table, as every entity answer).
pub fn stats(morgue: &MorgueIndex, top: usize) -> Result<Stats> {
    let reader = morgue.index.reader()?;
    let searcher = reader.searcher();
    let mut first: Option<DateTime> = None;
    let mut last: Option<DateTime> = None;
    for segment in searcher.segment_readers() {
        let column: Column<DateTime> = segment.fast_fields().date(super::schema::PUBLISHED)?;
        for doc in segment.doc_ids_alive() {
            for value in column.values_for_doc(doc) {
                first = Some(first.map_or(value, |f| f.min(value)));
                last = Some(last.map_or(value, |l| l.max(value)));
            }
        }
    }
    let table = crate::resolve::current(morgue, &searcher)?;
    let mut top_entities = Vec::new();
    for kind in EntityKind::ALL {
        top_entities.extend(
            (table.entities().iter())
                .filter(|e| e.kind == kind && !e.excluded)
                .take(top)
                .map(|e| EntityCount::of(e, e.articles)),
        );
    }
    Ok(Stats {
        articles: searcher.num_docs(),
        index_bytes: dir_size(&morgue.dir),
        first_published: first.map(to_day),
        last_published: last.map(to_day),
        top_entities,
    })
}

fn to_day(d: DateTime) -> NaiveDate {
    chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0)
        .map(|dt| dt.date_naive())
        .unwrap_or_default()
}

fn dir_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
