//! Facts about a whole index: articles and stories, size on disk, date range, top entities.

use chrono::NaiveDate;
use tantivy::DateTime;
use tantivy::columnar::Column;

use super::Archive;
use crate::article::EntityKind;
use crate::copies::{Counted, Counting};
use crate::error::Result;
use crate::index::schema::PUBLISHED;
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
        crate::index::schema::entity_key(self.kind, &self.name)
    }
}

#[derive(Debug, Clone)]
pub struct Stats {
    pub articles: u64,
    /// Stories: articles, less the copies standing behind another article of their story.
    pub stories: u64,
    /// Clusters of copies, and the articles in them that stand behind another.
    pub clusters: usize,
    pub copies: u64,
    pub index_bytes: u64,
    pub first_published: Option<NaiveDate>,
    pub last_published: Option<NaiveDate>,
    /// The most mentioned entities of each kind, most first, counted as `counted` says.
    pub top_entities: Vec<EntityCount>,
    pub counted: Counted,
}

/// Gather the stats, with the `top` most mentioned entities of each kind (through the
/// entity table, as every entity answer).
pub fn stats(archive: &Archive, top: usize, counting: Counting) -> Result<Stats> {
    let searcher = archive.searcher();
    let mut first: Option<DateTime> = None;
    let mut last: Option<DateTime> = None;
    for segment in searcher.segment_readers() {
        let column: Column<DateTime> = segment.fast_fields().date(PUBLISHED)?;
        for doc in segment.doc_ids_alive() {
            for value in column.values_for_doc(doc) {
                first = Some(first.map_or(value, |f| f.min(value)));
                last = Some(last.map_or(value, |l| l.max(value)));
            }
        }
    }
    let top_entities = super::facets::top_of_each_kind(archive, top, counting)?.concat();
    let stories = archive.stories()?;
    let articles = searcher.num_docs();
    Ok(Stats {
        articles,
        stories: stories.of_index(articles),
        clusters: stories.clusters(),
        copies: stories.copies(),
        index_bytes: dir_size(&archive.morgue.dir),
        first_published: first.map(to_day),
        last_published: last.map(to_day),
        top_entities,
        counted: stories.counted(counting),
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
