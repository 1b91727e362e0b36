//! What the index already holds, file by file, read back from the index itself.
//!
//! Every document stores its file's path (an indexed raw string), size and modification time
//! (fast fields). The manifest is the set of live `(path, size, mtime)`; comparing it with a
//! fresh crawl says which files are unchanged, changed, new or gone. Because it lives in the
//! same commits as the articles, manifest and index can never disagree.

use std::collections::HashMap;

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
