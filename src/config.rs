//! Validated settings handed from the command line to the library. The library never sees
//! clap types.

use std::path::PathBuf;

/// Where the index lives when neither `--index` nor `MORGUE_INDEX` says otherwise:
/// `$XDG_DATA_HOME/morgue` (or the platform's data directory).
pub fn default_index_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("morgue")
}

/// Settings of `morgue index`.
#[derive(Debug, Clone)]
pub struct IndexConfig {
    pub roots: Vec<PathBuf>,
    pub index_dir: PathBuf,
    /// Worker threads for parsing and extraction; 0 means one per core.
    pub threads: usize,
    /// Re-read every file even when the manifest says it is unchanged.
    pub full: bool,
    /// Also commit after this many documents (0: only by time and input bytes).
    pub commit_every: usize,
    /// The alias file; `None` means `aliases.tsv` in the index folder, if there is one.
    pub aliases: Option<PathBuf>,
    /// Called now and then with how far the run has got (the binary prints it on a terminal).
    pub progress: Option<fn(&crate::index::Progress)>,
}

/// The alias file read from the index folder when none is given.
pub const ALIASES_FILE: &str = "aliases.tsv";

/// The alias file a run uses: the one given, else `aliases.tsv` beside the index if present.
pub fn aliases_path(
    given: Option<&std::path::Path>,
    index_dir: &std::path::Path,
) -> Option<PathBuf> {
    match given {
        Some(p) => Some(p.to_path_buf()),
        None => {
            let beside = index_dir.join(ALIASES_FILE);
            beside.is_file().then_some(beside)
        }
    }
}

/// Settings of `morgue search`.
#[derive(Debug, Clone)]
pub struct SearchConfig {
    pub index_dir: PathBuf,
    pub query: String,
    pub limit: usize,
    /// Longest snippet, in characters.
    pub snippet_chars: usize,
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best BM25 score first.
    #[default]
    Relevance,
    /// Latest publication date first.
    Newest,
    /// Earliest publication date first.
    Oldest,
}

/// Settings of one query run against an open [`crate::query::Archive`].
#[derive(Debug, Clone)]
pub struct QueryOptions {
    /// Hits per page.
    pub limit: usize,
    /// Hits to skip before the page.
    pub offset: usize,
    pub sort: Sort,
    /// Only articles published on or after this day.
    pub since: Option<chrono::NaiveDate>,
    /// Only articles published on or before this day.
    pub until: Option<chrono::NaiveDate>,
    /// Only the articles of this file, or of the files below this folder.
    pub under: Option<std::path::PathBuf>,
    /// Longest snippet, in characters.
    pub snippet_chars: usize,
    /// Attach tantivy's explanation of each hit's score.
    pub explain: bool,
    /// Count the matches; fetch no hits.
    pub count_only: bool,
    /// Cut a snippet for each hit (off when no snippet is printed).
    pub snippets: bool,
    /// Show every copy of a story as a hit of its own, not only the best-ranked one.
    pub all_copies: bool,
}

impl Default for QueryOptions {
    fn default() -> Self {
        QueryOptions {
            limit: 10,
            offset: 0,
            sort: Sort::Relevance,
            since: None,
            until: None,
            under: None,
            snippet_chars: 200,
            explain: false,
            count_only: false,
            snippets: true,
            all_copies: false,
        }
    }
}
