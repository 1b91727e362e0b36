//! Facts about a whole index: article count, size on disk, date range, top entities.

use std::collections::HashMap;

use chrono::NaiveDate;
use tantivy::DateTime;
use tantivy::columnar::Column;

use super::MorgueIndex;
use crate::article::EntityKind;
use crate::error::{Error, Result};

/// An entity and the number of articles that mention it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityCount {
    pub kind: EntityKind,
    pub name: String,
    pub articles: u64,
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

/// Gather the stats, with the `top` most mentioned entities of each kind.
pub fn stats(morgue: &MorgueIndex, top: usize) -> Result<Stats> {
    let reader = morgue.index.reader()?;
    let searcher = reader.searcher();
    let mut first: Option<DateTime> = None;
    let mut last: Option<DateTime> = None;
    let mut counts: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let column: Column<DateTime> = segment.fast_fields().date(super::schema::PUBLISHED)?;
        for doc in segment.doc_ids_alive() {
            for value in column.values_for_doc(doc) {
                first = Some(first.map_or(value, |f| f.min(value)));
                last = Some(last.map_or(value, |l| l.max(value)));
            }
        }
        // Count live documents per entity term.
        let inverted = segment.inverted_index(morgue.fields.entity)?;
        let mut terms = inverted
            .terms()
            .stream()
            .map_err(|e| Error::io(&morgue.dir, e))?;
        let alive = segment.alive_bitset();
        while terms.advance() {
            let key = String::from_utf8_lossy(terms.key()).into_owned();
            let info = terms.value();
            let n = match alive {
                None => info.doc_freq as u64,
                Some(bits) => {
                    let mut postings = inverted
                        .read_postings_from_terminfo(
                            info,
                            tantivy::schema::IndexRecordOption::Basic,
                        )
                        .map_err(|e| Error::io(&morgue.dir, e))?;
                    let mut n = 0u64;
                    use tantivy::DocSet;
                    let mut doc = postings.doc();
                    while doc != tantivy::TERMINATED {
                        if bits.is_alive(doc) {
                            n += 1;
                        }
                        doc = postings.advance();
                    }
                    n
                }
            };
            *counts.entry(key).or_default() += n;
        }
    }
    let mut top_entities = Vec::new();
    for kind in EntityKind::ALL {
        let prefix = format!("{}:", kind.as_str());
        let mut of_kind: Vec<EntityCount> = counts
            .iter()
            .filter(|(_, n)| **n > 0)
            .filter_map(|(k, n)| {
                k.strip_prefix(&prefix).map(|name| EntityCount {
                    kind,
                    name: name.to_string(),
                    articles: *n,
                })
            })
            .collect();
        of_kind.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
        of_kind.truncate(top);
        top_entities.extend(of_kind);
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
