//! Walk the folders given to `morgue index` and pick up the files that look like articles.
//!
//! Hidden files and folders (name starting with `.`) are skipped, and so is the index's own
//! folder. Files whose extension names no supported format are counted as skipped, not read.
//! A folder that cannot be read is reported, and the walk goes on. So is anything that is
//! neither a folder nor a regular file (a FIFO, socket or device): it is never read.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::parse::Format;

/// A file the crawler picked up.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Absolute, below a canonical root.
    pub path: PathBuf,
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime: i64,
    pub format: Format,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Crawl {
    pub candidates: Vec<Candidate>,
    /// Files seen whose extension morgue does not read.
    pub skipped: Vec<PathBuf>,
    /// Entries that could not be read (or are not regular files), with the reason.
    pub errors: Vec<(PathBuf, String)>,
}

impl Crawl {
    /// Every file the walk saw, read or not.
    pub fn files_seen(&self) -> usize {
        self.candidates.len() + self.skipped.len()
    }
}

/// Walk every root; `exclude` (the index folder) is never entered. Roots are made absolute
/// and canonical first, so every candidate path is too.
pub fn crawl(roots: &[PathBuf], exclude: Option<&Path>) -> Crawl {
    let exclude = exclude.and_then(|p| p.canonicalize().ok());
    let mut out = Crawl::default();
    for root in roots {
        let root = match root.canonicalize() {
            Ok(r) => r,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let reason = "no such file or folder: nothing under it was read or removed";
                out.errors.push((root.clone(), reason.to_string()));
                continue;
            }
            Err(e) => {
                out.errors.push((root.clone(), e.to_string()));
                continue;
            }
        };
        let walker = WalkDir::new(&root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                // The root itself is walked even when its name starts with a dot.
                (e.depth() == 0 || !is_hidden(e.file_name()))
                    && exclude.as_deref() != Some(e.path())
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let reason = match (err.loop_ancestor(), err.io_error()) {
                        (Some(a), _) => format!("symbolic link loop back to {}", a.display()),
                        (None, Some(e)) => e.to_string(),
                        (None, None) => err.to_string(),
                    };
                    out.errors.push((path, reason));
                    continue;
                }
            };
            let file_type = entry.file_type();
            if file_type.is_dir() {
                continue;
            }
            if !file_type.is_file() {
                out.errors
                    .push((entry.into_path(), crate::parse::not_regular(&file_type)));
                continue;
            }
            let Some(format) = Format::from_path(entry.path()) else {
                out.skipped.push(entry.into_path());
                continue;
            };
            match entry.metadata() {
                Ok(meta) => out.candidates.push(Candidate {
                    size: meta.len(),
                    mtime: mtime_nanos(&meta),
                    path: entry.into_path(),
                    format,
                }),
                Err(e) => out.errors.push((entry.into_path(), e.to_string())),
            }
        }
    }
    out
}

/// Modification time in nanoseconds since the Unix epoch (0 when the system cannot say).
pub fn mtime_nanos(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|s| s.starts_with('.') && s != "." && s != "..")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn skips_hidden_index_and_unknown_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("a.txt"), "A story").unwrap();
        fs::write(root.join("b.html"), "<p>x</p>").unwrap();
        fs::write(root.join("c.png"), [0u8, 1]).unwrap();
        fs::create_dir(root.join(".git")).unwrap();
        fs::write(root.join(".git/d.txt"), "hidden").unwrap();
        fs::create_dir(root.join("idx")).unwrap();
        fs::write(root.join("idx/meta.json"), "{}").unwrap();
        fs::create_dir(root.join("sub")).unwrap();
        fs::write(root.join("sub/e.jsonl"), "{}").unwrap();

        let root = &root.canonicalize().unwrap();
        let found = crawl(&[root.to_path_buf()], Some(&root.join("idx")));
        let names: Vec<_> = found
            .candidates
            .iter()
            .map(|c| c.path.strip_prefix(root).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            vec![
                PathBuf::from("a.txt"),
                PathBuf::from("b.html"),
                PathBuf::from("sub/e.jsonl")
            ]
        );
        assert_eq!(found.skipped, vec![root.join("c.png")]);
        assert_eq!(found.files_seen(), 4);
    }
}
