//! The index: open or create it, write articles into it, and read summary facts out of it.
//!
//! `morgue index` runs [`build`] as stages: `plan` (from the walk and the manifest, what to
//! read, what is unchanged, what is gone), `extraction` (parse and extract every file in
//! parallel on rayon's pool), and `write_loop` (the one thread owning the tantivy
//! `IndexWriter`, to which the workers hand finished documents; it commits between files when
//! the `commit_policy` says so, every 30 seconds or 512 MiB of input, and at the end). A file
//! is replaced, never duplicated: its old documents are deleted by path before its new ones
//! are added.

pub mod analyzer;
pub mod census;
mod commit_policy;
mod directory;
mod extraction;
mod folder;
pub mod lock;
pub mod manifest;
mod plan;
pub mod quotes;
pub mod schema;
mod write_loop;
mod writer;

use std::path::{Path, PathBuf};

use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexSettings};

pub(crate) use extraction::day_to_tantivy;
pub use extraction::to_document;
pub use folder::save_table;
pub use manifest::{key_path, path_key};
pub use schema::Fields;
pub use writer::{Failure, Progress, Stages, Summary, build};

use crate::error::{Error, Result};

/// The zstd level stored fields are compressed with. Level 1 costs no more CPU than
/// tantivy's default lz4 here, and the store (bodies, mostly) comes out about a quarter
/// smaller; higher levels gain little more and cost more.
const DOCSTORE_ZSTD_LEVEL: i32 = 1;

/// The error for an index of another version of morgue: why it cannot be used, and what to do.
fn stale(dir: &Path) -> Error {
    Error::IndexInvalid {
        path: dir.to_path_buf(),
        reason: "written by another version of morgue (its fields differ): run `morgue index \
                 --full` to rebuild it"
            .into(),
    }
}

/// An open morgue index.
pub struct MorgueIndex {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
}

impl MorgueIndex {
    /// Open the index at `dir`; it must exist.
    pub fn open(dir: &Path) -> Result<MorgueIndex> {
        if dir.exists() && !dir.is_dir() {
            return Err(Error::IndexInvalid {
                path: dir.to_path_buf(),
                reason: "is a file, not an index folder: give --index the folder the index \
                         is in"
                    .into(),
            });
        }
        if !dir.join("meta.json").is_file() {
            return Err(Error::NoIndex(dir.to_path_buf()));
        }
        let index = directory::IndexDirectory::open(dir)
            .map_err(tantivy::TantivyError::from)
            .and_then(Index::open)
            .map_err(|cause| Error::Index {
                path: dir.to_path_buf(),
                cause,
            })?;
        MorgueIndex::wrap(index, dir)
    }

    /// Open the index at `dir`, creating the folder and an empty index if there is none.
    pub fn open_or_create(dir: &Path) -> Result<MorgueIndex> {
        if dir.join("meta.json").is_file() {
            return MorgueIndex::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let settings = IndexSettings {
            docstore_compression: Compressor::Zstd(ZstdCompressor {
                compression_level: Some(DOCSTORE_ZSTD_LEVEL),
            }),
            ..IndexSettings::default()
        };
        let index = Index::builder()
            .schema(schema::build().0)
            .settings(settings)
            .create_in_dir(dir)
            .map_err(|cause| Error::Index {
                path: dir.to_path_buf(),
                cause,
            })?;
        MorgueIndex::wrap(index, dir)
    }

    /// The operation stamp of the last commit: the tables saved beside the index (entities,
    /// copies) carry the stamp of the commit they were built from.
    pub fn opstamp(&self) -> Result<u64> {
        let metas = self.index.load_metas().map_err(|cause| Error::Index {
            path: self.dir.clone(),
            cause,
        })?;
        Ok(metas.opstamp)
    }

    /// An index of this version's schema, its analyzers registered; one of another
    /// version's (other fields, or another analyzer) is refused, for writing and reading
    /// alike: its terms are not what today's queries look up.
    fn wrap(index: Index, dir: &Path) -> Result<MorgueIndex> {
        if index.schema() != schema::build().0 {
            return Err(stale(dir));
        }
        let fields = Fields::from_schema(&index.schema()).ok_or_else(|| stale(dir))?;
        schema::register_analyzers(&index);
        Ok(MorgueIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }
}
