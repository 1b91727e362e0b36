//! One indexing run at a time per index. `morgue.lock` in the index folder holds the process
//! id of the run that has it, under an OS file lock; the OS drops the lock when the process
//! dies, so a lock left by a killed run is recovered by the next one.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// The lock file's name in the index folder.
pub const LOCK_FILE: &str = "morgue.lock";

/// Held for the life of an indexing run.
#[derive(Debug)]
pub struct IndexLock {
    _file: File,
}

impl IndexLock {
    pub fn acquire(dir: &Path) -> Result<IndexLock> {
        let path = dir.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                let holder = match pid.trim() {
                    "" => "another process".to_string(),
                    pid => format!("process {pid}"),
                };
                return Err(Error::IndexInvalid {
                    path: dir.to_path_buf(),
                    reason: format!(
                        "index is locked by {holder} (another `morgue index` is running)"
                    ),
                });
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        file.set_len(0).map_err(|e| Error::io(&path, e))?;
        file.rewind().map_err(|e| Error::io(&path, e))?;
        write!(file, "{}", std::process::id()).map_err(|e| Error::io(&path, e))?;
        Ok(IndexLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_fails_and_release_frees() {
        let dir = tempfile::tempdir().unwrap();
        let first = IndexLock::acquire(dir.path()).unwrap();
        let err = IndexLock::acquire(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains(&format!("locked by process {}", std::process::id())),
            "{err}"
        );
        drop(first);
        IndexLock::acquire(dir.path()).unwrap();
    }
}
