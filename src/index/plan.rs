//! The plan of a run: from what the walk found and what the index holds (the manifest), which
//! files to read, how many are unchanged, and which files the index holds that are gone.
//!
//! Planning does no I/O: it is given the walk, the manifest and the canonical roots, and
//! decides from those alone.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::manifest::{FileStamp, key_path, path_key};
use crate::crawl::{Candidate, Crawl};

/// What the index holds, file by file (the manifest), keyed by [`path_key`].
pub(super) type Known = HashMap<String, FileStamp>;

/// What a run is to do.
#[derive(Debug)]
pub(super) struct Plan<'a> {
    /// Files to read: new, changed since the last run, or every one when the run is full.
    pub(super) read: Vec<&'a Candidate>,
    /// Files left alone because their size and modification time have not changed.
    pub(super) unchanged: usize,
    /// Keys of files the index holds that are gone from disk, sorted.
    pub(super) gone: Vec<&'a str>,
}

/// Plan a run over `found`, against the manifest `known`, below the canonical `roots`;
/// `full` reads every file again.
///
/// A file found twice (overlapping roots) is read once. A file the index holds is gone only
/// if it lies below a root of this run (other roots' files stay) and the walk did not fail on
/// it (a file that could not be read is not gone: its articles stay).
pub(super) fn plan<'a>(
    found: &'a Crawl,
    known: &'a Known,
    roots: &[PathBuf],
    full: bool,
) -> Plan<'a> {
    let mut read = Vec::new();
    let mut unchanged = 0;
    let mut seen: HashSet<String> = HashSet::with_capacity(found.candidates.len());
    for candidate in &found.candidates {
        let key = path_key(&candidate.path);
        if seen.contains(&key) {
            continue;
        }
        let stamp = FileStamp {
            size: candidate.size,
            mtime: candidate.mtime,
        };
        if !full && known.get(&key) == Some(&stamp) {
            unchanged += 1;
        } else {
            read.push(candidate);
        }
        seen.insert(key);
    }
    let unreadable: HashSet<String> = found.errors.iter().map(|(p, _)| path_key(p)).collect();
    let mut gone: Vec<&str> = known
        .keys()
        .filter(|key| !seen.contains(*key) && !unreadable.contains(*key))
        .filter(|key| roots.iter().any(|root| key_path(key).starts_with(root)))
        .map(String::as_str)
        .collect();
    gone.sort_unstable();
    Plan {
        read,
        unchanged,
        gone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Format;

    /// A file: its path, size and modification time.
    type File = (&'static str, u64, i64);

    /// One case: the files the walk found, those it failed on, what the index holds, the
    /// roots, whether the run is full; then the paths to read, the unchanged count and the
    /// gone paths.
    struct Case {
        name: &'static str,
        found: &'static [File],
        failed: &'static [&'static str],
        known: &'static [File],
        roots: &'static [&'static str],
        full: bool,
        read: &'static [&'static str],
        unchanged: usize,
        gone: &'static [&'static str],
    }

    /// Plan the case and compare with what it expects.
    fn check(case: &Case) {
        let found = Crawl {
            candidates: (case.found.iter())
                .map(|&(path, size, mtime)| Candidate {
                    path: PathBuf::from(path),
                    size,
                    mtime,
                    format: Format::Text,
                })
                .collect(),
            skipped: Vec::new(),
            errors: (case.failed.iter())
                .map(|p| (PathBuf::from(p), "permission denied".to_string()))
                .collect(),
        };
        let known: Known = (case.known.iter())
            .map(|&(path, size, mtime)| (path.to_string(), FileStamp { size, mtime }))
            .collect();
        let roots: Vec<PathBuf> = case.roots.iter().map(PathBuf::from).collect();
        let plan = plan(&found, &known, &roots, case.full);
        let read: Vec<String> = plan.read.iter().map(|c| path_key(&c.path)).collect();
        assert_eq!(read, case.read, "{}: read", case.name);
        assert_eq!(plan.unchanged, case.unchanged, "{}: unchanged", case.name);
        assert_eq!(plan.gone, case.gone, "{}: gone", case.name);
    }

    const A: File = ("/r/a.txt", 10, 100);
    const B: File = ("/r/b.txt", 20, 200);

    /// The cases, one a row.
    const CASES: &[Case] = &[
        Case {
            name: "a new index reads everything",
            found: &[A, B],
            failed: &[],
            known: &[],
            roots: &["/r"],
            full: false,
            read: &["/r/a.txt", "/r/b.txt"],
            unchanged: 0,
            gone: &[],
        },
        Case {
            name: "the same size and time is unchanged",
            found: &[A, B],
            failed: &[],
            known: &[A, B],
            roots: &["/r"],
            full: false,
            read: &[],
            unchanged: 2,
            gone: &[],
        },
        Case {
            name: "another size or time is read again",
            found: &[("/r/a.txt", 11, 100), ("/r/b.txt", 20, 201)],
            failed: &[],
            known: &[A, B],
            roots: &["/r"],
            full: false,
            read: &["/r/a.txt", "/r/b.txt"],
            unchanged: 0,
            gone: &[],
        },
        Case {
            name: "a full run reads the unchanged too",
            found: &[A, B],
            failed: &[],
            known: &[A, B],
            roots: &["/r"],
            full: true,
            read: &["/r/a.txt", "/r/b.txt"],
            unchanged: 0,
            gone: &[],
        },
        Case {
            name: "a file found twice is read once",
            found: &[A, A, B, A],
            failed: &[],
            known: &[B],
            roots: &["/r", "/r"],
            full: false,
            read: &["/r/a.txt"],
            unchanged: 1,
            gone: &[],
        },
        Case {
            name: "a held file no longer found is gone",
            found: &[A],
            failed: &[],
            known: &[A, B, ("/r/sub/c.txt", 1, 1)],
            roots: &["/r"],
            full: false,
            read: &[],
            unchanged: 1,
            gone: &["/r/b.txt", "/r/sub/c.txt"],
        },
        Case {
            name: "a file the walk failed on is not gone",
            found: &[A],
            failed: &["/r/b.txt"],
            known: &[A, B],
            roots: &["/r"],
            full: false,
            read: &[],
            unchanged: 1,
            gone: &[],
        },
        Case {
            name: "files of roots not walked this run stay",
            found: &[A],
            failed: &[],
            known: &[A, ("/s/c.txt", 1, 1), ("/rr/d.txt", 1, 1)],
            roots: &["/r"],
            full: false,
            read: &[],
            unchanged: 1,
            gone: &[],
        },
        Case {
            name: "a root that no longer exists removes nothing",
            found: &[],
            failed: &[],
            known: &[A, B],
            roots: &[],
            full: false,
            read: &[],
            unchanged: 0,
            gone: &[],
        },
    ];

    /// Every case plans as it expects.
    #[test]
    fn plans() {
        for case in CASES {
            check(case);
        }
    }
}
