//! What the index already holds, file by file, read back from the index itself.
//!
//! Every document stores its file's path (an indexed raw string), size and modification time
//! (fast fields). The manifest is the set of live `(path, size, mtime)`; comparing it with a
//! fresh crawl says which files are unchanged, changed, new or gone. Because it lives in the
//! same commits as the articles, manifest and index can never disagree.
//!
//! A path is stored as text ([`path_key`]), losslessly: on Unix a file name may hold bytes
//! that are not UTF-8, and each such byte is written `\xNN` (a backslash that comes before
//! `x` or before another backslash is doubled), so that no two files share a key and
//! [`key_path`] gives the file back. Paths that are UTF-8 and hold no `\x` or `\\` are
//! their own key.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher, TERMINATED};

use super::schema::{self, Fields};

/// A file as it was when indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub size: u64,
    pub mtime: i64,
}

/// Read the live files of the index: path → stamp.
pub fn read(searcher: &Searcher, fields: &Fields) -> tantivy::Result<HashMap<String, FileStamp>> {
    let mut files = HashMap::new();
    for segment in searcher.segment_readers() {
        let sizes = segment.fast_fields().u64(schema::FILE_SIZE)?;
        let mtimes = segment.fast_fields().i64(schema::FILE_MTIME)?;
        let alive = segment.alive_bitset();
        let inverted = segment.inverted_index(fields.path)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let mut postings =
                inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != TERMINATED && alive.is_some_and(|bits| !bits.is_alive(doc)) {
                doc = postings.advance();
            }
            if doc == TERMINATED {
                continue;
            }
            let path = String::from_utf8_lossy(terms.key()).into_owned();
            let stamp = FileStamp {
                size: sizes.first(doc).unwrap_or(0),
                mtime: mtimes.first(doc).unwrap_or(0),
            };
            files.insert(path, stamp);
        }
    }
    Ok(files)
}

/// The text a file's path is stored, looked up and deleted by (see the module docs).
pub fn path_key(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut key = String::with_capacity(path.as_os_str().len());
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            let mut chars = chunk.valid().chars().peekable();
            while let Some(c) = chars.next() {
                key.push(c);
                // What comes next in the key starts with `\` or is `x`: say this one is
                // a backslash of the name, not the start of an escape.
                let next_starts_escape = match chars.peek() {
                    Some(&next) => next == '\\' || next == 'x',
                    // Only the last chunk has no invalid bytes after its text.
                    None => !chunk.invalid().is_empty(),
                };
                if c == '\\' && next_starts_escape {
                    key.push('\\');
                }
            }
            for byte in chunk.invalid() {
                key.push_str(&format!("\\x{byte:02x}"));
            }
        }
        key
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}

/// The path a key was made from: [`path_key`] undone.
pub fn key_path(key: &str) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = key.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let escape = match bytes[i] {
                b'\\' => escape_at(&bytes[i + 1..]),
                _ => None,
            };
            match escape {
                Some((byte, len)) => {
                    out.push(byte);
                    i += 1 + len;
                }
                None => {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
        }
        PathBuf::from(std::ffi::OsStr::from_bytes(&out))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(key)
    }
}

/// The byte an escape stands for, and its length after the backslash: `\\` or `xNN`.
#[cfg(unix)]
fn escape_at(rest: &[u8]) -> Option<(u8, usize)> {
    match rest {
        [b'\\', ..] => Some((b'\\', 1)),
        [b'x', hi, lo, ..] => {
            let digit = |b: u8| (b as char).to_digit(16);
            Some(((digit(*hi)? * 16 + digit(*lo)?) as u8, 3))
        }
        _ => None,
    }
}

/// What each commit records beside the documents: which extractor and which alias file
/// wrote them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    pub extractor_version: u32,
    /// Fingerprint of the alias file in force (0: none).
    #[serde(default)]
    pub aliases: u64,
}

impl Payload {
    pub fn current(aliases: &crate::extract::aliases::Aliases) -> Payload {
        Payload {
            extractor_version: crate::extract::EXTRACTOR_VERSION,
            aliases: aliases.fingerprint(),
        }
    }

    pub fn parse(s: &str) -> Option<Payload> {
        serde_json::from_str(s).ok()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("payload serialises")
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn keys_are_lossless_and_plain_paths_their_own_key() {
        for (name, key) in [
            (&b"/a/plain.txt"[..], "/a/plain.txt"),
            (b"/a/caf\xc3\xa9.txt", "/a/caf\u{e9}.txt"),
            (b"/a/caf\xe9.txt", "/a/caf\\xe9.txt"),
            (b"/a/caf\\xe9.txt", "/a/caf\\\\xe9.txt"),
            (b"/a/back\\slash", "/a/back\\slash"),
            (b"/a/trailing\\", "/a/trailing\\"),
            (b"/a/\\\xff", "/a/\\\\\\xff"),
            (b"/a/\xff\xfe", "/a/\\xff\\xfe"),
        ] {
            let path = Path::new(OsStr::from_bytes(name));
            assert_eq!(path_key(path), key, "{name:?}");
            assert_eq!(key_path(key), path, "{key}");
        }
    }
}
