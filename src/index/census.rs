//! The census stage: before extraction, the files a run reads that hold one article each
//! (text, HTML, JSON) are read and parsed on the worker pool, and the short paragraphs of
//! each source counted by the files that hold them ([`crate::extract::repeated`]). Those in
//! five or more files of their source are boilerplate, which extraction then drops.
//!
//! What earlier runs found is kept beside the index (`boilerplate.bin`), so a later run drops
//! it from its new files too; a rebuild (`--full`) counts every file again. A paragraph that
//! becomes boilerplate in a later run stays in the articles indexed before it.
//!
//! The files the census parses are kept for extraction ([`Kept`]) while they hold less than
//! [`KEPT_BYTES`] of text, so that a run of up to that much is parsed once.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::crawl::Candidate;
use crate::error::Result;
use crate::extract::repeated::{Census, Repeated};
use crate::parse::{self, Format, RawArticle};

/// The file of boilerplate paragraphs in the index folder.
pub const FILE: &str = "boilerplate.bin";
/// The temp file it is written through (a name [`super::folder`] knows as a temp file).
pub const TEMP_FILE: &str = ".tmpbplate";

/// Most text the census keeps parsed for extraction, in bytes of titles and bodies.
pub const KEPT_BYTES: usize = 128 << 20;

/// Files the census parsed, for extraction to take instead of parsing them again.
#[derive(Default)]
pub(super) struct Kept {
    files: FxHashMap<PathBuf, Mutex<Option<parse::Parsed>>>,
}

impl Kept {
    /// The parsed file, if the census kept it (once: it is handed over).
    pub(super) fn take(&self, path: &Path) -> Option<parse::Parsed> {
        let kept = self.files.get(path)?;
        kept.lock().ok()?.take()
    }
}

/// What the census found: the paragraphs known to be boilerplate, and the files it parsed.
pub(super) struct Found {
    pub(super) repeated: Repeated,
    pub(super) kept: Kept,
    /// What the index folder's file held before the run.
    saved: Repeated,
}

/// The paragraphs known to be boilerplate: those of earlier runs (unless `full`) and those
/// the files of `todo` repeat, counted on `threads` threads; and the files it parsed.
pub(super) fn census(dir: &Path, todo: &[&Candidate], threads: usize, full: bool) -> Found {
    let saved = load(dir);
    let mut known = if full {
        Repeated::default()
    } else {
        saved.clone()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool can be built");
    let files: Vec<(&Path, Format)> = (todo.iter())
        .map(|c| (c.path.as_path(), c.format))
        .collect();
    let (repeated, parsed) = pool.install(|| count_keeping(&files, KEPT_BYTES));
    known.extend(repeated);
    let files = (parsed.into_iter())
        .map(|(path, parsed)| (path.to_path_buf(), Mutex::new(Some(parsed))))
        .collect();
    Found {
        repeated: known,
        kept: Kept { files },
        saved,
    }
}

/// The paragraphs that files of one article each repeat in five or more files of their
/// source, counted on the current rayon pool. A file that cannot be read is left out (its
/// reader reports it).
pub fn count(files: &[(&Path, Format)]) -> Repeated {
    count_keeping(files, 0).0
}

/// The files parsed, each with the census of its paragraphs.
type Counted<'a> = (Census, Vec<(&'a Path, parse::Parsed)>);

/// [`count`], and the files parsed while their text stays under `keep` bytes.
fn count_keeping<'a>(
    files: &[(&'a Path, Format)],
    keep: usize,
) -> (Repeated, Vec<(&'a Path, parse::Parsed)>) {
    let kept_bytes = AtomicUsize::new(0);
    let count_file = |(mut census, mut kept): Counted<'a>, &(path, format): &(&'a Path, Format)| {
        // A file whose parsing fails here fails again, and is reported, when it is read.
        if let Ok(Ok(parsed)) = crate::fault::guarded(|| parse::parse_file(path, format)) {
            // A file of many articles (a JSON array) finds its repeats itself, when parsed.
            if let [article] = parsed.articles.as_slice() {
                let source = parse::source_key(article, path);
                census.add_file([(source, article.body.as_str())]);
            }
            let bytes: usize = (parsed.articles.iter())
                .map(|a| a.body.len() + a.title.as_ref().map_or(0, String::len))
                .sum();
            if kept_bytes.fetch_add(bytes, Ordering::Relaxed) + bytes <= keep {
                kept.push((path, parsed));
            }
        }
        (census, kept)
    };
    let (census, kept) = (files.par_iter())
        .filter(|(path, format)| parse::holds_one_article(*format) && !is_json_lines(path))
        .fold(|| (Census::default(), Vec::new()), count_file)
        .reduce(
            || (Census::default(), Vec::new()),
            |(a, mut kept), (b, more)| {
                kept.extend(more);
                (a.merge(b), kept)
            },
        );
    (census.repeated(), kept)
}

/// A JSON-lines file (`.jsonl`, `.ndjson`, gzipped or not): many articles, never counted.
fn is_json_lines(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase());
    let name = name.unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

/// Drop the paragraphs `repeated` knows from the articles of one file.
pub fn apply(repeated: &Repeated, path: &Path, format: Format, articles: &mut [RawArticle]) {
    if repeated.is_empty() || !parse::holds_one_article(format) {
        return;
    }
    for article in articles {
        let source = parse::source_key(article, path);
        repeated.strip(&source, &mut article.body);
    }
}

/// The boilerplate saved by earlier runs (none when there is no readable file).
fn load(dir: &Path) -> Repeated {
    (std::fs::read(dir.join(FILE)).ok())
        .and_then(|bytes| Repeated::from_bytes(&bytes))
        .unwrap_or_default()
}

/// Save what the run knows, for the runs after it, when it differs from what was saved.
pub(super) fn save(dir: &Path, found: &Found) -> Result<()> {
    if found.repeated == found.saved {
        return Ok(());
    }
    super::save_table(dir, FILE, TEMP_FILE, &found.repeated.to_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_census_keeps_what_fits_and_finds_the_same_either_way() {
        let dir = tempfile::tempdir().unwrap();
        let promo = "Read the Harbour Gazette every morning with our new smartphone application.";
        let paths: Vec<PathBuf> = (0..6)
            .map(|i| {
                let path = dir.path().join(format!("story-{i}.txt"));
                let text = format!(
                    "Title: Story {i}\n\nThe harbour board met on day {i}.\n\nBerth {i} \
                     reopens, the chairman said.\n\n{promo}\n"
                );
                std::fs::write(&path, text).unwrap();
                path
            })
            .collect();
        let files: Vec<(&Path, Format)> =
            paths.iter().map(|p| (p.as_path(), Format::Text)).collect();
        let (all, kept) = count_keeping(&files, KEPT_BYTES);
        let (none, nothing) = count_keeping(&files, 0);
        assert_eq!((all.len(), kept.len(), nothing.len()), (1, 6, 0));
        assert_eq!(all, none);
        // Files of many articles are not counted: they find their own repeats.
        let lines = dir.path().join("export.jsonl");
        std::fs::write(&lines, "{\"title\": \"A\", \"text\": \"B c d e f.\"}\n").unwrap();
        let (_, of_lines) = count_keeping(&[(lines.as_path(), Format::Json)], KEPT_BYTES);
        assert!(of_lines.is_empty());
        // What was kept is what parsing the file again gives.
        let (path, parsed) = &kept[0];
        let again = parse::parse_file(path, Format::Text).unwrap();
        assert_eq!(parsed.articles.len(), again.articles.len());
        assert_eq!(parsed.articles[0].body, again.articles[0].body);
    }
}
