//! Answers computed over many articles at once: the most mentioned entities (`entities`),
//! article counts over time (`timeline`), and the entities most significantly mentioned
//! together with one entity (`related`).
//!
//! Every entity answer goes through the archive's entity table ([`crate::resolve`]): an
//! entity is counted once per article under whichever of its names the article used.
//! Whole-index counts are the table's; counts over the articles a query matches come from
//! a collector that reads the `entity` field's fast column (term ordinals per document,
//! mapped to the table's entities once per segment), so no stored document is loaded.
//! Timelines read the `published` fast column.
//!
//! Every answer counts stories unless asked for articles ([`Counting`]): the articles that
//! are copies of one story ([`crate::copies`]) count once between them, found by where
//! they are in the index ([`crate::copies::Stories`]). The whole index's counts then take
//! off, for each entity, the copies that name it behind another member of their cluster.

mod entities;
mod related;
mod timeline;

pub use entities::{CoCounts, Totals, co_counts, entities, quoted, top_of_each_kind};
pub use related::{Picked, Related, RelatedOptions, RelatedReport, entity_query, picked, related};
pub use timeline::{Bucket, Interval, Timeline, timeline};

pub use crate::copies::Counting;

use super::search::Archive;
use crate::error::{Error, Result};

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
