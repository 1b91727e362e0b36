//! `morgue index`: crawl, compare with the manifest, parse and extract what changed in
//! parallel, and write through one `IndexWriter`, committing in batches.
//!
//! Workers on a rayon pool turn files into finished documents and send them, a file at a
//! time, over a bounded channel to this thread, which alone touches the writer: it deletes a
//! file's old documents, adds its new ones, and commits between files. A commit therefore never
//! holds half a file, and a run killed at any moment leaves the last commit intact; the next
//! run picks up whatever that commit does not have.
//!
//! Before anything is written the run checks its ground ([`super::folder`]): the index folder
//! is a folder holding only an index, no root lies inside it, and an index that is damaged or
//! another version's is refused (or, with `--full`, rebuilt). Under the locks it then deletes
//! what killed runs left behind: segment files no commit names, and temp files.
//!
//! Memory stays flat as the corpus grows: the writer's buffers are capped (`WRITER_MEMORY`)
//! and merges only gather segments under `MERGE_MAX_DOCS` documents, eight or so at a time,
//! so no merge grows with the archive.
//!
//! Every run also times its stages ([`Stages`]): cheap enough (a few clock reads per file) to
//! stay on, and the first thing to read when indexing is slower than it should be.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::indexer::{LogMergePolicy, UserOperation};
use tantivy::{DateTime, IndexWriter, TantivyDocument, TantivyError, Term};

use super::MorgueIndex;
use super::folder;
use super::lock::IndexLock;
use super::manifest::{self, FileStamp, Payload, key_path, path_key};
use super::schema::{Fields, entity_key};
use crate::article::{Article, EntityKind};
use crate::config::IndexConfig;
use crate::crawl::{self, Candidate};
use crate::error::{Error, Result};
use crate::extract::aliases::Aliases;
use crate::{extract, parse};

/// Memory the tantivy writer may use for its buffers, shared by its threads (but at least
/// tantivy's 15 MB per thread). Each thread flushes a segment when its share is full (some
/// 40,000 news articles at 50 MiB).
const WRITER_MEMORY: usize = 100 * 1024 * 1024;
/// The least memory tantivy accepts per indexing thread (its `MEMORY_BUDGET_NUM_BYTES_MIN`).
const THREAD_MEMORY_MIN: usize = 15_000_000;
/// Segments with more documents than this are not merged again. tantivy's log merge policy
/// merges segments of about the same size once eight of them pile up, so merges gather the
/// segments that memory flushes and commits cut (some 30,000 news articles each) into ones of
/// up to about eight times that, and never more: a merge's memory does not grow with the
/// archive, and a million articles make about ten segments, few enough for whole-index
/// aggregations, which visit every segment, to stay fast.
const MERGE_MAX_DOCS: usize = 50_000;
/// Most files, and bytes, a worker reads before handing its documents to the writer.
const BATCH_FILES: usize = 32;
const BATCH_BYTES: u64 = 256 * 1024;
/// Commit after this much time since the last commit …
const COMMIT_INTERVAL: Duration = Duration::from_secs(30);
/// … or this many input bytes, whichever comes first (and after `--commit-every` documents,
/// if given). Every commit flushes segments and sets off merges, so fewer is cheaper; the
/// two caps bound the work a crash can lose.
const COMMIT_BYTES: u64 = 512 * 1024 * 1024;

/// How far a run has got.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Files read (or failed) so far, of those that needed reading.
    pub files_done: usize,
    pub files_total: usize,
    pub articles: usize,
}

/// How often progress is reported.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

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
}

impl Stages {
    fn add_worker(&mut self, other: &Stages) {
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
}

/// A file's outcome, sent from a worker to the writer thread.
struct Done<'a> {
    candidate: &'a Candidate,
    path: String,
    result: Result<(Vec<TantivyDocument>, Vec<String>)>,
    stages: Stages,
}

/// Consecutive runs of files for one worker to read and hand over together: a file at a time
/// when files are big, up to [`BATCH_FILES`] or [`BATCH_BYTES`] when they are small, so that
/// a folder of small files does not cost a thread wake-up per file.
fn batches<'a>(todo: &'a [&'a Candidate]) -> Vec<&'a [&'a Candidate]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0u64;
    for (i, c) in todo.iter().enumerate() {
        bytes += c.size;
        if i + 1 - start >= BATCH_FILES || bytes >= BATCH_BYTES {
            out.push(&todo[start..=i]);
            start = i + 1;
            bytes = 0;
        }
    }
    if start < todo.len() {
        out.push(&todo[start..]);
    }
    out
}

/// Index every article under the configured roots.
pub fn build(config: &IndexConfig) -> Result<Summary> {
    let started = Instant::now();
    let dir = &config.index_dir;
    let index_err = |cause| Error::Index {
        path: dir.clone(),
        cause,
    };
    folder::prepare(dir)?;
    folder::check_roots(&config.roots, dir)?;
    let _lock = IndexLock::acquire(dir)?;
    let (morgue, known) = open_current(dir, config.full)?;
    let aliases = match crate::config::aliases_path(config.aliases.as_deref(), dir) {
        Some(path) => Aliases::load(&path)?,
        None => Aliases::default(),
    };
    let payload = Payload::current(&aliases);

    // What is there already, and which extractor wrote it.
    let metas = morgue.index.load_metas().map_err(index_err)?;
    let same_extractor = match metas.payload.as_deref().and_then(Payload::parse) {
        Some(p) => p == payload,
        // A new index has no commit yet: nothing to redo.
        None => metas.segments.is_empty(),
    };
    let full = config.full || !same_extractor;

    let found = crawl::crawl(&config.roots, Some(dir));
    let mut stages = Stages::default();
    let mut summary = Summary {
        files_seen: found.files_seen(),
        files_skipped: found.skipped.len(),
        full,
        failures: found
            .errors
            .iter()
            .map(|(path, reason)| Failure {
                path: path.clone(),
                reason: reason.clone(),
            })
            .collect(),
        ..Summary::default()
    };

    // Plan: which files to read, which are unchanged, which are gone.
    let mut todo: Vec<&Candidate> = Vec::new();
    let mut seen: HashSet<String> = HashSet::with_capacity(found.candidates.len());
    for c in &found.candidates {
        let path = path_key(&c.path);
        // Overlapping roots find a file twice: it is read once.
        if seen.contains(&path) {
            continue;
        }
        let stamp = FileStamp {
            size: c.size,
            mtime: c.mtime,
        };
        if !full && known.get(&path) == Some(&stamp) {
            summary.files_unchanged += 1;
        } else {
            todo.push(c);
        }
        seen.insert(path);
    }
    let roots: Vec<PathBuf> = config
        .roots
        .iter()
        .filter_map(|r| r.canonicalize().ok())
        .collect();
    // A file that failed to be walked (permission denied) is not gone: keep its articles.
    let unreadable: HashSet<String> = found.errors.iter().map(|(p, _)| path_key(p)).collect();
    let gone: Vec<&String> = known
        .keys()
        .filter(|p| !seen.contains(*p) && !unreadable.contains(*p))
        .filter(|p| roots.iter().any(|r| key_path(p).starts_with(r)))
        .collect();
    stages.plan = started.elapsed();

    let threads = if config.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        config.threads
    };
    // Tantivy wants a minimum share per indexing thread; many threads get a little more.
    let indexers = threads.clamp(1, 8);
    let memory = WRITER_MEMORY.max(indexers * THREAD_MEMORY_MIN);
    let mut writer: IndexWriter = morgue
        .index
        .writer_with_num_threads(indexers, memory)
        .map_err(index_err)?;
    let mut merge_policy = LogMergePolicy::default();
    merge_policy.set_max_docs_before_merge(MERGE_MAX_DOCS);
    writer.set_merge_policy(Box::new(merge_policy));
    // Under both locks, nothing else writes here: what killed runs left is garbage.
    writer.garbage_collect_files().wait().map_err(index_err)?;
    folder::remove_temp_files(dir)?;
    for path in &gone {
        writer.delete_term(Term::from_field_text(morgue.fields.path, path));
        summary.files_removed += 1;
    }

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool can be built");
    let fields = morgue.fields;
    let (tx, rx) = mpsc::sync_channel::<Vec<Done>>(threads * 4);
    let commit_docs = match config.commit_every {
        0 => usize::MAX,
        n => n,
    };
    let mut last_commit = Instant::now();
    let mut pending_docs = 0usize;
    let mut pending_bytes = 0u64;
    let mut commit_error = None;
    let handoff_nanos = AtomicU64::new(0);
    std::thread::scope(|scope| {
        let todo = &todo;
        let handoff_nanos = &handoff_nanos;
        scope.spawn(move || {
            pool.install(|| {
                batches(todo).par_iter().for_each_with(tx, |tx, batch| {
                    let done = batch
                        .iter()
                        .map(|candidate| {
                            let mut stages = Stages::default();
                            let result = read_file(candidate, &fields, &aliases, &mut stages);
                            Done {
                                candidate,
                                path: path_key(&candidate.path),
                                result,
                                stages,
                            }
                        })
                        .collect();
                    let sending = Instant::now();
                    // The receiver only goes away if committing failed; stop quietly then.
                    let _ = tx.send(done);
                    let blocked = sending.elapsed().as_nanos() as u64;
                    handoff_nanos.fetch_add(blocked, Ordering::Relaxed);
                })
            })
        });
        let mut waiting = Instant::now();
        let mut reported: Option<Instant> = None;
        for (n, done) in rx.into_iter().flatten().enumerate() {
            if let Some(report) = config.progress
                && reported.is_none_or(|r| r.elapsed() >= PROGRESS_EVERY)
            {
                report(&Progress {
                    files_done: n,
                    files_total: todo.len(),
                    articles: summary.articles_indexed,
                });
                reported = Some(Instant::now());
            }
            stages.writer_wait += waiting.elapsed();
            if commit_error.is_some() {
                continue;
            }
            stages.add_worker(&done.stages);
            let adding = Instant::now();
            match done.result {
                Ok((docs, warnings)) => {
                    let n = docs.len();
                    let held = known.contains_key(&done.path);
                    // One batch: the file's old documents go, its new ones come, and the
                    // indexing threads are handed them all at once. A file the last commit
                    // does not hold has nothing to delete (a run reads each file once), and
                    // every delete is looked up in every segment at each commit.
                    let delete = held.then(|| Term::from_field_text(fields.path, &done.path));
                    let ops = delete
                        .into_iter()
                        .map(UserOperation::Delete)
                        .chain(docs.into_iter().map(UserOperation::Add))
                        .collect::<Vec<_>>();
                    if let Err(e) = writer.run(ops) {
                        commit_error = Some(worker_error(&mut writer, e));
                    }
                    if held {
                        summary.files_updated += 1;
                    } else {
                        summary.files_added += 1;
                    }
                    summary.articles_indexed += n;
                    summary.bytes_read += done.candidate.size;
                    summary
                        .warnings
                        .extend(warnings.into_iter().map(|reason| Failure {
                            path: done.candidate.path.clone(),
                            reason,
                        }));
                    pending_docs += n;
                    pending_bytes += done.candidate.size;
                }
                // A file that cannot be read now keeps what was indexed from it before.
                Err(e) => summary.failures.push(Failure {
                    path: done.candidate.path.clone(),
                    reason: failure_reason(&e),
                }),
            }
            stages.index += adding.elapsed();
            if pending_docs >= commit_docs
                || pending_bytes >= COMMIT_BYTES
                || (pending_docs > 0 && last_commit.elapsed() >= COMMIT_INTERVAL)
            {
                let committing = Instant::now();
                match commit(&mut writer, &payload) {
                    Ok(()) => summary.commits += 1,
                    Err(e) => commit_error = Some(worker_error(&mut writer, e)),
                }
                stages.commit += committing.elapsed();
                pending_docs = 0;
                pending_bytes = 0;
                last_commit = Instant::now();
            }
            waiting = Instant::now();
        }
    });
    stages.handoff = Duration::from_nanos(handoff_nanos.load(Ordering::Relaxed));
    if let Some(e) = commit_error {
        return Err(index_err(e));
    }
    let committing = Instant::now();
    // A run that changed nothing leaves the last commit as it is.
    if summary.files_indexed() + summary.files_removed > 0 || full {
        commit(&mut writer, &payload).map_err(index_err)?;
        summary.commits += 1;
    }
    writer.wait_merging_threads().map_err(index_err)?;
    stages.commit += committing.elapsed();
    summary.stages = stages;
    summary.failures.sort_by(|a, b| a.path.cmp(&b.path));
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// What the index holds, file by file (the manifest).
type Known = HashMap<String, FileStamp>;

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
        Ok(morgue) if morgue.index.schema() == super::schema::build().0 => morgue,
        Ok(_) => return Ok(Err(super::stale(dir))),
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

/// The error an indexing thread of tantivy failed with, when `e` only says that one did.
fn worker_error(writer: &mut IndexWriter, e: TantivyError) -> TantivyError {
    if !matches!(e, TantivyError::ErrorInThread(_)) {
        return e;
    }
    // Preparing a commit joins the indexing threads and returns the first one's error.
    match writer.prepare_commit() {
        Err(cause) => cause,
        Ok(prepared) => {
            let _ = prepared.abort();
            e
        }
    }
}

fn commit(writer: &mut IndexWriter, payload: &Payload) -> tantivy::Result<()> {
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload.to_json());
    prepared.commit()?;
    Ok(())
}

/// The reason alone; the summary prints the path itself.
fn failure_reason(e: &Error) -> String {
    match e {
        Error::Io { cause, .. } => crate::error::io_message(cause),
        Error::Parse { reason, .. } => reason.clone(),
        other => other.to_string(),
    }
}

/// Parse and extract one file into documents, plus warnings, timing each stage.
fn read_file(
    candidate: &Candidate,
    fields: &Fields,
    aliases: &Aliases,
    stages: &mut Stages,
) -> Result<(Vec<TantivyDocument>, Vec<String>)> {
    let mut clock = thread_time();
    let mut lap = |total: &mut Duration| {
        let now = thread_time();
        *total += now.saturating_sub(clock);
        clock = now;
    };
    let parsed = if candidate.format == parse::Format::Warc {
        // A crawl streams record by record: reading and parsing are one step.
        parse::parse_file(&candidate.path, candidate.format)
    } else {
        let bytes = parse::read(&candidate.path);
        lap(&mut stages.read);
        bytes.and_then(|b| parse::parse_read(&candidate.path, b, candidate.format))
    };
    lap(&mut stages.parse);
    let parsed = parsed?;
    let stamp = FileStamp {
        size: candidate.size,
        mtime: candidate.mtime,
    };
    let mut docs = Vec::with_capacity(parsed.articles.len());
    for raw in parsed.articles {
        let article = extract::extract_with(&candidate.path, raw, aliases);
        lap(&mut stages.extract);
        let mut doc = to_document(&article, fields);
        doc.add_u64(fields.file_size, stamp.size);
        doc.add_i64(fields.file_mtime, stamp.mtime);
        docs.push(doc);
        lap(&mut stages.document);
    }
    Ok((docs, parsed.warnings))
}

/// CPU time the calling thread has used (on Unix; elsewhere, wall time since first asked).
fn thread_time() -> Duration {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid place for the kernel to write a timespec into.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32);
        }
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// A day as a tantivy date at UTC midnight.
pub(crate) fn day_to_tantivy(day: chrono::NaiveDate) -> DateTime {
    let secs = day
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .timestamp();
    DateTime::from_timestamp_secs(secs)
}

/// The tantivy document for an article (without its file stamp).
pub fn to_document(article: &Article, f: &Fields) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.path, path_key(&article.path));
    if let Some(r) = &article.record {
        doc.add_text(f.record, r);
    }
    doc.add_text(f.title, &article.title);
    doc.add_text(f.body, &article.body);
    for (field, value) in [
        (f.byline, &article.byline),
        (f.source, &article.source),
        (f.url, &article.url),
    ] {
        if let Some(v) = value {
            doc.add_text(field, v);
        }
    }
    if let Some(day) = article.published {
        doc.add_date(f.published, day_to_tantivy(day));
    }
    for kind in EntityKind::ALL {
        for name in article.canonical_names(kind) {
            doc.add_text(f.entity_field(kind), name);
            doc.add_text(f.entity, entity_key(kind, name));
        }
    }
    let mut days: Vec<_> = article.dates.iter().filter_map(|d| d.first_day()).collect();
    days.sort();
    days.dedup();
    for day in days {
        doc.add_date(f.mentions, day_to_tantivy(day));
    }
    doc
}
