//! The index: open or create it, write articles into it, and read summary facts out of it.
//!
//! `morgue index` runs [`build`]: crawl, then parse and extract every file in parallel on
//! rayon's pool, each worker handing finished documents to the one shared tantivy
//! `IndexWriter`, which is committed once at the end. A file is replaced, never duplicated:
//! its old documents are deleted by path before its new ones are added.

pub mod lock;
pub mod manifest;
pub mod schema;
mod stats;
mod writer;

use std::path::{Path, PathBuf};

use tantivy::Index;

pub use schema::Fields;
pub use stats::{EntityCount, Stats, stats};
pub(crate) use writer::day_to_tantivy;
pub use writer::{Failure, Progress, Stages, Summary, build, to_document};

use crate::error::{Error, Result};

/// An open morgue index.
pub struct MorgueIndex {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
}

impl MorgueIndex {
    /// Open the index at `dir`; it must exist.
    pub fn open(dir: &Path) -> Result<MorgueIndex> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::NoIndex(dir.to_path_buf()));
        }
        let index = Index::open_in_dir(dir).map_err(|source| Error::Index {
            path: dir.to_path_buf(),
            source,
        })?;
        MorgueIndex::wrap(index, dir)
    }

    /// Open the index at `dir`, creating the folder and an empty index if there is none.
    pub fn open_or_create(dir: &Path) -> Result<MorgueIndex> {
        if dir.join("meta.json").is_file() {
            return MorgueIndex::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let index =
            Index::create_in_dir(dir, schema::build().0).map_err(|source| Error::Index {
                path: dir.to_path_buf(),
                source,
            })?;
        MorgueIndex::wrap(index, dir)
    }

    fn wrap(index: Index, dir: &Path) -> Result<MorgueIndex> {
        let fields = Fields::from_schema(&index.schema()).ok_or_else(|| Error::IndexInvalid {
            path: dir.to_path_buf(),
            reason: "not an index of this version of morgue (its fields differ): remove the \
                     folder and index again"
                .into(),
        })?;
        schema::register_analyzer(&index);
        Ok(MorgueIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }
}
