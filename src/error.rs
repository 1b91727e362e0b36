//! The library's error type. Every variant that concerns a file names it.

use std::io;
use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },

    #[error("{path}: {reason}")]
    Parse { path: PathBuf, reason: String },

    #[error("index {path}: {source}")]
    Index {
        path: PathBuf,
        source: tantivy::TantivyError,
    },

    #[error("index {path}: {reason}")]
    IndexInvalid { path: PathBuf, reason: String },

    #[error("no index at {0} (run `morgue index PATH` first)")]
    NoIndex(PathBuf),

    /// Not marked as the source, so the message is not printed twice in an error chain.
    #[error("query: {0}")]
    Query(crate::query::QueryError),

    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
}

impl From<crate::query::QueryError> for Error {
    fn from(e: crate::query::QueryError) -> Error {
        Error::Query(e)
    }
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn parse(path: impl Into<PathBuf>, reason: impl Into<String>) -> Error {
        Error::Parse {
            path: path.into(),
            reason: reason.into(),
        }
    }
}
