//! The library's error type. Every variant that concerns a file names it.
//!
//! Each message says what went wrong, where, and what to do, once: no variant marks the
//! error it wraps as its source (a field named `source` would), because its message already
//! holds that error's text and a printed error chain would repeat it. tantivy's errors are
//! turned into plain words here ([`tantivy_message`]) rather than shown as its debug dumps.

use std::io;
use std::path::PathBuf;

use tantivy::TantivyError;
use tantivy::directory::error::{LockError, OpenDirectoryError, OpenReadError, OpenWriteError};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What to do about an index that cannot be read any more.
const REBUILD: &str = "run `morgue index --full` with the folders it was built from to rebuild it";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {}", io_message(cause))]
    Io { path: PathBuf, cause: io::Error },

    #[error("{path}: {reason}")]
    Parse { path: PathBuf, reason: String },

    #[error("index {path}: {}", tantivy_message(cause))]
    Index { path: PathBuf, cause: TantivyError },

    #[error("index {path}: {reason}")]
    IndexInvalid { path: PathBuf, reason: String },

    #[error("no index at {0} (run `morgue index PATH` first)")]
    NoIndex(PathBuf),

    #[error("query: {0}")]
    Query(crate::query::QueryError),

    #[error("index: {}", tantivy_message(.0))]
    Tantivy(TantivyError),
}

impl From<crate::query::QueryError> for Error {
    fn from(e: crate::query::QueryError) -> Error {
        Error::Query(e)
    }
}

impl From<TantivyError> for Error {
    fn from(e: TantivyError) -> Error {
        Error::Tantivy(e)
    }
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, cause: io::Error) -> Error {
        Error::Io {
            path: path.into(),
            cause,
        }
    }

    pub fn parse(path: impl Into<PathBuf>, reason: impl Into<String>) -> Error {
        Error::Parse {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// An I/O error in words, with what to do when the disk is full.
pub fn io_message(e: &io::Error) -> String {
    if e.kind() == io::ErrorKind::StorageFull {
        "no space left on device: free some space (or choose another --index folder) and run \
         again; the last commit is intact"
            .into()
    } else {
        e.to_string()
    }
}

/// A tantivy error in words: the cause, and what to do about it.
pub fn tantivy_message(e: &TantivyError) -> String {
    match tantivy_io_error(e) {
        Some(io) if is_damaged_data(io) => return damaged(FAILED_CHECKS),
        Some(io) => return io_message(io),
        None => {}
    }
    match e {
        TantivyError::InternalError(text) | TantivyError::SystemError(text)
            if says_storage_full(text) =>
        {
            io_message(&io::ErrorKind::StorageFull.into())
        }
        TantivyError::DataCorruption(_) | TantivyError::DeserializeError(_) => {
            damaged(FAILED_CHECKS)
        }
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(file)) => {
            damaged(format_args!("{} is missing", file.display()))
        }
        TantivyError::OpenReadError(OpenReadError::IncompatibleIndex(_))
        | TantivyError::IncompatibleIndex(_) => {
            format!("written in a format this morgue cannot read: {REBUILD}")
        }
        TantivyError::LockFailure(LockError::LockBusy, _) => {
            "another program is writing to this index; wait for it to finish".into()
        }
        other => other.to_string(),
    }
}

/// Why an index is damaged when tantivy only says its bytes are wrong.
const FAILED_CHECKS: &str = "its files fail tantivy's checks";

/// The message for a damaged index, with why and the remedy.
fn damaged(why: impl std::fmt::Display) -> String {
    format!("the index is damaged ({why}): {REBUILD}")
}

/// Whether an error's text is that of a full disk: some tantivy writers pass I/O errors on
/// as text only (`Internal error: 'No space left on device (os error 28)'`).
fn says_storage_full(text: &str) -> bool {
    #[cfg(unix)]
    {
        text.contains(&format!("(os error {})", libc::ENOSPC))
    }
    #[cfg(not(unix))]
    {
        let _ = text;
        false
    }
}

/// The I/O error under a tantivy error, if there is one.
fn tantivy_io_error(e: &TantivyError) -> Option<&io::Error> {
    match e {
        TantivyError::IoError(io) => Some(io),
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, .. })
        | TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. })
        | TantivyError::OpenDirectoryError(OpenDirectoryError::IoError { io_error, .. })
        | TantivyError::LockFailure(LockError::IoError(io_error), _) => Some(io_error),
        _ => None,
    }
}

/// Whether tantivy's I/O error says a file's bytes are not what it wrote.
fn is_damaged_data(io: &io::Error) -> bool {
    matches!(
        io.kind(),
        io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidData
    )
}

/// Whether a tantivy error says the index's files are damaged or unreadable as an index
/// (a rebuild mends it), rather than that the system failed (full disk, no permission).
pub fn is_damage(e: &TantivyError) -> bool {
    if let Some(io) = tantivy_io_error(e) {
        return is_damaged_data(io);
    }
    matches!(
        e,
        TantivyError::DataCorruption(_)
            | TantivyError::DeserializeError(_)
            | TantivyError::OpenReadError(_)
            | TantivyError::IncompatibleIndex(_)
            | TantivyError::SchemaError(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_full_disk_is_named_with_its_remedy_once() {
        let full = || io::Error::from(io::ErrorKind::StorageFull);
        let want = "index /i: no space left on device: free some space (or choose another \
                    --index folder) and run again; the last commit is intact";
        for cause in [
            TantivyError::IoError(Arc::new(full())),
            TantivyError::OpenWriteError(OpenWriteError::wrap_io_error(full(), "x.idx".into())),
        ] {
            let err = Error::Index {
                path: "/i".into(),
                cause,
            };
            assert_eq!(err.to_string(), want);
            assert!(std::error::Error::source(&err).is_none());
        }
        #[cfg(unix)]
        {
            let enospc = io::Error::from_raw_os_error(libc::ENOSPC);
            assert!(io_message(&enospc).starts_with("no space left on device: "));
            let as_text = TantivyError::InternalError(enospc.to_string());
            assert!(tantivy_message(&as_text).starts_with("no space left on device: "));
        }
    }

    #[test]
    fn damage_is_told_apart_from_system_failures() {
        let corrupt = TantivyError::DataCorruption(tantivy::error::DataCorruption::comment_only(
            "bad footer",
        ));
        assert!(is_damage(&corrupt));
        assert_eq!(
            tantivy_message(&corrupt),
            format!("the index is damaged (its files fail tantivy's checks): {REBUILD}")
        );
        let denied = TantivyError::IoError(Arc::new(io::ErrorKind::PermissionDenied.into()));
        assert!(!is_damage(&denied));
    }
}
