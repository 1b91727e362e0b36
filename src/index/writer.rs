//! `morgue index`: the run, as its stages.
//!
//! [`build`] only orchestrates. It stands the run on its ground ([`Ground::prepare`]): the
//! index folder is a folder holding only an index ([`super::folder`]), no root lies inside
//! it, and an index that is damaged or another version's is refused (or, with `--full`,
//! rebuilt); the index is then opened under its lock with its manifest. The stages follow:
//!
//! 1. **plan** ([`super::plan`]): from the walk and the manifest, the files to read, those
//!    unchanged, and those gone;
//! 2. **extract** ([`super::extraction`]): workers on a rayon pool turn files into finished
//!    documents and send them, a batch of files at a time, over a bounded channel;
//! 3. **write** ([`super::write_loop`]): the one thread that owns the `IndexWriter` deletes
//!    each file's old documents, adds its new ones, and commits between files when the
//!    [`super::commit_policy`] says so; its first failure stops the workers;
//! 4. **finish**: the last commit, and waiting for merges;
//! 5. **resolve** ([`crate::resolve`]): the archive pass maps every name the index now holds
//!    to one entity and saves the table beside the commit it was built from;
//! 6. **copies** ([`crate::copies`]): the copy pass joins the articles that are copies of
//!    one story into clusters and saves that table beside the commit too.
//!
//! A commit never holds half a file, so a run killed at any moment leaves the last commit
//! intact; the next run picks up whatever that commit does not have. Under the locks the
//! write stage first deletes what killed runs left behind: segment files no commit names,
//! and temp files.
//!
//! Memory stays flat as the corpus grows: the writer's buffers are capped and merges only
//! gather segments of a bounded size, so no merge grows with the archive.
//!
//! Every run also times its stages ([`Stages`]): cheap enough (a few clock reads per file) to
//! stay on, and the first thing to read when indexing is slower than it should be.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use tantivy::TantivyError;

use super::MorgueIndex;
use super::extraction::Extractor;
use super::lock::IndexLock;
use super::manifest::{self, Payload};
use super::plan::{self, Known, Plan};
use super::write_loop::{Reporter, WriteLoop};
use super::{census, folder};
use crate::config::IndexConfig;
use crate::crawl::{self, Crawl};
use crate::error::{Error, Result};
use crate::extract::aliases::Aliases;
use crate::resolve::{Changes, Resolved};

/// How many files a worker may run ahead of the write stage, in batches per worker.
const CHANNEL_BATCHES_PER_WORKER: usize = 4;

/// How far a run has got.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Files read (or failed) so far, of those that needed reading.
    pub files_done: usize,
    pub files_total: usize,
    pub articles: usize,
}

/// A file that could not be indexed, and why.
#[derive(Debug, Clone)]
pub struct Failure {
    pub path: PathBuf,
    pub reason: String,
}

/// What one `morgue index` run did.
#[derive(Debug, Default)]
pub struct Summary {
    pub files_seen: usize,
    /// Files read and indexed for the first time.
    pub files_added: usize,
    /// Files read again because they changed since the last run.
    pub files_updated: usize,
    /// Files left alone because their size and modification time had not changed.
    pub files_unchanged: usize,
    /// Files gone from disk whose articles were removed.
    pub files_removed: usize,
    pub articles_indexed: usize,
    /// Files whose extension morgue does not read.
    pub files_skipped: usize,
    pub failures: Vec<Failure>,
    /// Problems that lost part of a file (a bad line in JSON lines).
    pub warnings: Vec<Failure>,
    /// Input bytes read and parsed in this run.
    pub bytes_read: u64,
    pub commits: usize,
    /// Whether everything was re-extracted (`--full`, or a new extractor version).
    pub full: bool,
    pub elapsed: Duration,
    /// What the archive pass resolved, when it ran.
    pub names: Option<Resolved>,
    /// Where the time went.
    pub stages: Stages,
}

/// Time spent in each stage of a run. The worker stages are CPU time of the worker threads,
/// summed over them (so they add up to more than the wall time when workers run in
/// parallel); the writer stages are wall time on the one writer thread, mostly spent waiting
/// for tantivy. Tantivy's own indexing threads, which tokenise and build
/// the segments the writer hands them, are not timed here: they are the rest of the
/// process's CPU time.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Stages {
    /// Walking the roots and comparing with the manifest, before any file is read (wall time).
    pub plan: Duration,
    /// Counting the paragraphs sources repeat across files, before extraction (wall time).
    pub census: Duration,
    /// Workers: reading files (and gunzipping them).
    pub read: Duration,
    /// Workers: decoding bytes and parsing formats into raw articles.
    pub parse: Duration,
    /// Workers: extracting metadata, entities and dates.
    pub extract: Duration,
    /// Workers: building tantivy documents.
    pub document: Duration,
    /// Writer thread: deleting old documents and handing new ones to tantivy.
    pub index: Duration,
    /// Writer thread: commits, and waiting for merges at the end.
    pub commit: Duration,
    /// Workers: wall time blocked handing finished files to the writer thread, summed over
    /// them. Large when tantivy or the commits hold the pipeline back.
    pub handoff: Duration,
    /// Writer thread: wall time waiting for the workers. Large when extraction is the
    /// bottleneck.
    pub writer_wait: Duration,
    /// The archive pass after the last commit (wall time).
    pub resolve: Duration,
    /// The copy pass after it (wall time).
    pub copies: Duration,
}

impl Stages {
    /// Add a worker's times for one file to these.
    pub(super) fn add_worker(&mut self, other: &Stages) {
        self.read += other.read;
        self.parse += other.parse;
        self.extract += other.extract;
        self.document += other.document;
    }
}

impl Summary {
    /// Input megabytes (10^6 bytes) per second of wall time.
    pub fn mb_per_sec(&self) -> f64 {
        self.bytes_read as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }

    pub fn articles_per_sec(&self) -> f64 {
        self.articles_indexed as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// Files read and indexed in this run.
    pub fn files_indexed(&self) -> usize {
        self.files_added + self.files_updated
    }

    /// The summary of a run before anything is read: what the walk found and the plan.
    fn planned(found: &Crawl, plan: &Plan, full: bool) -> Summary {
        Summary {
            files_seen: found.files_seen(),
            files_skipped: found.skipped.len(),
            files_unchanged: plan.unchanged,
            full,
            failures: (found.errors.iter())
                .map(|(path, reason)| Failure {
                    path: path.clone(),
                    reason: reason.clone(),
                })
                .collect(),
            ..Summary::default()
        }
    }
}

/// Index every article under the configured roots: plan, extract and write, finish.
pub fn build(config: &IndexConfig) -> Result<Summary> {
    let started = Instant::now();
    let ground = Ground::prepare(config)?;
    let found = crawl::crawl(&config.roots, Some(&config.index_dir));
    let plan = plan::plan(
        &found,
        &ground.known,
        &canonical(&config.roots),
        ground.full,
    );
    let mut summary = Summary::planned(&found, &plan, ground.full);
    summary.stages.plan = started.elapsed();
    let threads = match config.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let mut writer = WriteLoop::open(
        &ground.morgue,
        &ground.known,
        &ground.payload,
        threads,
        config.commit_every,
        ground.full,
    )?;
    writer.remove_gone(&plan.gone, &mut summary);
    let counting = Instant::now();
    let found = census::census(&config.index_dir, &plan.read, threads, ground.full);
    summary.stages.census = counting.elapsed();
    let progress = Reporter::new(config.progress, plan.read.len());
    ground.extract_and_write(&plan, threads, &found, &mut writer, progress, &mut summary)?;
    // A run that changed nothing leaves the last commit as it is.
    let changed = summary.files_indexed() + summary.files_removed > 0 || ground.full;
    let changes = writer.finish(changed, &mut summary)?;
    census::save(&config.index_dir, &found)?;
    ground.resolve(changed, changes.as_ref(), &mut summary)?;
    ground.find_copies(changed, &mut summary)?;
    summary.failures.sort_by(|a, b| a.path.cmp(&b.path));
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The roots as canonical paths (those that exist), as the walk's candidates are.
fn canonical(roots: &[PathBuf]) -> Vec<PathBuf> {
    roots.iter().filter_map(|r| r.canonicalize().ok()).collect()
}

/// What a run stands on: the index, opened under its lock, with its manifest, and the
/// extractor settings it writes with.
struct Ground {
    morgue: MorgueIndex,
    known: Known,
    aliases: Aliases,
    /// The extractor that writes this run, stored with each commit.
    payload: Payload,
    /// Whether every file is read again (`--full`, or another extractor wrote the index).
    full: bool,
    /// Held until the run is over (dropped last).
    _lock: IndexLock,
}

impl Ground {
    /// Check the index folder and the roots, take the lock, open the index and its manifest,
    /// and load the aliases.
    fn prepare(config: &IndexConfig) -> Result<Ground> {
        let dir = &config.index_dir;
        folder::prepare(dir)?;
        folder::check_roots(&config.roots, dir)?;
        let lock = IndexLock::acquire(dir)?;
        let (morgue, known) = open_current(dir, config.full)?;
        let aliases = match crate::config::aliases_path(config.aliases.as_deref(), dir) {
            Some(path) => Aliases::load(&path)?,
            None => Aliases::default(),
        };
        let payload = Payload::current(&aliases);
        // What is there already, and which extractor wrote it.
        let metas = morgue.index.load_metas().map_err(|cause| Error::Index {
            path: dir.clone(),
            cause,
        })?;
        let same_extractor = match metas.payload.as_deref().and_then(Payload::parse) {
            Some(p) => p == payload,
            // A new index has no commit yet: nothing to redo.
            None => metas.segments.is_empty(),
        };
        Ok(Ground {
            morgue,
            known,
            aliases,
            payload,
            full: config.full || !same_extractor,
            _lock: lock,
        })
    }

    /// The archive pass, when the run changed the index or its table is missing or stale:
    /// over the names the run's `changes` reach when it noted them, else over the whole
    /// index.
    fn resolve(
        &self,
        changed: bool,
        changes: Option<&Changes>,
        summary: &mut Summary,
    ) -> Result<()> {
        let started = Instant::now();
        if changed || !crate::resolve::is_saved(&self.morgue)? {
            summary.names = Some(crate::resolve::refresh(&self.morgue, changes)?);
        }
        summary.stages.resolve = started.elapsed();
        Ok(())
    }

    /// The copy pass, when the run changed the index or its copy table is missing or stale.
    fn find_copies(&self, changed: bool, summary: &mut Summary) -> Result<()> {
        let started = Instant::now();
        if changed || !crate::copies::is_saved(&self.morgue)? {
            crate::copies::refresh(&self.morgue, self.full)?;
        }
        summary.stages.copies = started.elapsed();
        Ok(())
    }

    /// The extract and write stages, side by side: workers read the plan's files on
    /// `threads` threads while `writer` writes what they send. A failed add or commit stops
    /// the workers and is returned.
    fn extract_and_write(
        &self,
        plan: &Plan,
        threads: usize,
        census: &census::Found,
        writer: &mut WriteLoop,
        mut progress: Reporter,
        summary: &mut Summary,
    ) -> Result<()> {
        let stop = AtomicBool::new(false);
        let extractor = Extractor {
            fields: &self.morgue.fields,
            aliases: &self.aliases,
            repeated: &census.repeated,
            kept: &census.kept,
            stop: &stop,
        };
        let (tx, rx) = mpsc::sync_channel(threads * CHANNEL_BATCHES_PER_WORKER);
        let (handoff, written) = std::thread::scope(|scope| {
            let workers = scope.spawn(|| extractor.extract_all(&plan.read, threads, tx));
            let written = writer.write_all(rx, &stop, &mut progress, summary);
            let handoff = workers
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (handoff, written)
        });
        summary.stages.handoff = handoff;
        written
    }
}

/// Open (or create) the index with this version's schema and read its manifest. An index
/// that is damaged or written by another version is refused, or with `--full` rebuilt from
/// scratch (when its folder holds nothing but the index: see [`folder::clear`]).
fn open_current(dir: &Path, full: bool) -> Result<(MorgueIndex, Known)> {
    let unusable = match open_readable(dir) {
        Ok(Ok(opened)) => return Ok(opened),
        Ok(Err(unusable)) => unusable,
        Err(e) => return Err(e),
    };
    if !full {
        return Err(unusable);
    }
    folder::clear(dir)?;
    let morgue = MorgueIndex::open_or_create(dir)?;
    Ok((morgue, Known::new()))
}

/// The index and its manifest; inside, the error saying why the index cannot be used as it
/// is (damaged, or another version's: a rebuild mends it); outside, any other failure.
fn open_readable(dir: &Path) -> Result<Result<(MorgueIndex, Known), Error>> {
    let index_err = |cause: TantivyError| Error::Index {
        path: dir.to_path_buf(),
        cause,
    };
    let morgue = match MorgueIndex::open_or_create(dir) {
        Ok(morgue) => morgue,
        Err(e @ Error::IndexInvalid { .. }) => return Ok(Err(e)),
        Err(Error::Index { cause, .. }) if crate::error::is_damage(&cause) => {
            return Ok(Err(index_err(cause)));
        }
        Err(e) => return Err(e),
    };
    let known = morgue
        .index
        .reader()
        .and_then(|reader| manifest::read(&reader.searcher(), &morgue.fields));
    match known {
        Ok(known) => Ok(Ok((morgue, known))),
        Err(cause) if crate::error::is_damage(&cause) => Ok(Err(index_err(cause))),
        Err(cause) => Err(index_err(cause)),
    }
}
