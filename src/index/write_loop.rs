//! The write stage: the one thread that owns the tantivy `IndexWriter`. It receives finished
//! files from the extraction stage ([`super::extraction`]), deletes each file's old
//! documents and adds its new ones as one batch, and commits between files when the
//! [`CommitPolicy`] says so. A commit therefore never holds half a file.
//!
//! The first add or commit that fails ends the stage: it sets the run's stop flag, so the
//! workers read no further file, and the run reports the error; the last commit stays intact.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use tantivy::indexer::{LogMergePolicy, UserOperation};
use tantivy::schema::Field;
use tantivy::{IndexWriter, Searcher, TantivyDocument, TantivyError, Term};

use super::MorgueIndex;
use super::commit_policy::CommitPolicy;
use super::extraction::Done;
use super::folder;
use super::manifest::Payload;
use super::plan::Known;
use super::schema::Fields;
use super::writer::{Failure, Progress, Summary};
use crate::error::{Error, Result};
use crate::resolve::{Changes, EntityTable};

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
/// How often progress is reported.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// The index's one writer, with what it needs to write a run's files and commit them.
pub(super) struct WriteLoop<'a> {
    writer: IndexWriter,
    dir: &'a Path,
    /// The field a file's documents are deleted by.
    path_field: Field,
    /// What the last commit holds: a file it does not hold has nothing to delete.
    known: &'a Known,
    /// Stored with every commit: the extractor that wrote it.
    payload: &'a Payload,
    policy: CommitPolicy,
    /// What the run changed, for the archive pass; `None` once it is not worth knowing.
    changes: Option<Noted>,
}

/// The terms of what a run added and removed, noted while the last commit's entity table
/// can be brought up to date from them.
struct Noted {
    changes: Changes,
    fields: Fields,
    /// The last commit, to read the names of the documents a run deletes.
    before: Searcher,
    /// More entity terms than this, and the archive pass is faster over the whole index.
    most: usize,
}

impl Noted {
    /// Ready to note what a run over `morgue` changes, when its entity table was built from
    /// its last commit and the run reads only what changed.
    fn start(morgue: &MorgueIndex, full: bool) -> Result<Option<Noted>> {
        if full {
            return Ok(None);
        }
        let base = morgue.opstamp()?;
        let Some(table) = EntityTable::load(&morgue.dir).filter(|t| t.opstamp == base) else {
            return Ok(None);
        };
        let reader = morgue.index.reader().map_err(|cause| Error::Index {
            path: morgue.dir.clone(),
            cause,
        })?;
        Ok(Some(Noted {
            most: table.terms() / 2,
            changes: Changes::since(table),
            fields: morgue.fields,
            before: reader.searcher(),
        }))
    }
}

impl<'a> WriteLoop<'a> {
    /// Open the writer of `morgue` for a run of `threads` workers, committing also after
    /// `commit_every` documents (0: only by time and bytes), and delete what killed runs left
    /// behind: under both locks, nothing else writes here.
    pub(super) fn open(
        morgue: &'a MorgueIndex,
        known: &'a Known,
        payload: &'a Payload,
        threads: usize,
        commit_every: usize,
        full: bool,
    ) -> Result<WriteLoop<'a>> {
        let dir = morgue.dir.as_path();
        let index_err = |cause| Error::Index {
            path: dir.to_path_buf(),
            cause,
        };
        // Tantivy wants a minimum share per indexing thread; many threads get a little more.
        let indexers = threads.clamp(1, 8);
        let memory = WRITER_MEMORY.max(indexers * THREAD_MEMORY_MIN);
        let writer: IndexWriter = morgue
            .index
            .writer_with_num_threads(indexers, memory)
            .map_err(index_err)?;
        let mut merge_policy = LogMergePolicy::default();
        merge_policy.set_max_docs_before_merge(MERGE_MAX_DOCS);
        writer.set_merge_policy(Box::new(merge_policy));
        writer.garbage_collect_files().wait().map_err(index_err)?;
        folder::remove_temp_files(dir)?;
        let changes = Noted::start(morgue, full)?;
        Ok(WriteLoop {
            writer,
            dir,
            path_field: morgue.fields.path,
            known,
            payload,
            policy: CommitPolicy::new(commit_every, Instant::now()),
            changes,
        })
    }

    /// Note the names of file `path`'s documents in the last commit, about to be deleted.
    fn note_removed(&mut self, path: &str) {
        let Some(noted) = &mut self.changes else {
            return;
        };
        // Names that cannot be read make the archive pass read the whole index.
        if noted
            .changes
            .remove_file(&noted.before, &noted.fields, path)
            .is_err()
        {
            self.changes = None;
        }
    }

    /// Note the names of documents about to be added.
    fn note_added(&mut self, docs: &[TantivyDocument]) {
        let Some(noted) = &mut self.changes else {
            return;
        };
        for doc in docs {
            noted.changes.add_document(doc, &noted.fields);
        }
        if noted.changes.entities.len() > noted.most {
            self.changes = None;
        }
    }

    /// The error of this index for a tantivy failure.
    fn index_err(&self, cause: TantivyError) -> Error {
        Error::Index {
            path: self.dir.to_path_buf(),
            cause,
        }
    }

    /// Delete the documents of files gone from disk (taking effect at the next commit).
    pub(super) fn remove_gone(&mut self, gone: &[&str], summary: &mut Summary) {
        for path in gone {
            self.note_removed(path);
            self.writer
                .delete_term(Term::from_field_text(self.path_field, path));
            summary.files_removed += 1;
        }
    }

    /// Write every file received over `rx` until the workers are done. The first add or
    /// commit that fails sets `stop` and ends the stage with its error.
    pub(super) fn write_all(
        &mut self,
        rx: Receiver<Vec<Done>>,
        stop: &AtomicBool,
        progress: &mut Reporter,
        summary: &mut Summary,
    ) -> Result<()> {
        let mut waiting = Instant::now();
        for (n, done) in rx.into_iter().flatten().enumerate() {
            progress.tick(n, summary.articles_indexed);
            summary.stages.writer_wait += waiting.elapsed();
            if let Err(e) = self.write(done, summary) {
                stop.store(true, Ordering::Relaxed);
                return Err(e);
            }
            waiting = Instant::now();
        }
        Ok(())
    }

    /// Write one file (or count its failure), then commit if the policy says so.
    fn write(&mut self, done: Done, summary: &mut Summary) -> Result<()> {
        summary.stages.add_worker(&done.stages);
        let adding = Instant::now();
        let added = self.add(done, summary);
        summary.stages.index += adding.elapsed();
        added?;
        let now = Instant::now();
        if self.policy.due(now) {
            let committed = self.commit();
            self.policy.committed(Instant::now());
            summary.stages.commit += now.elapsed();
            committed?;
            summary.commits += 1;
        }
        Ok(())
    }

    /// Hand tantivy one file's delete and new documents as one batch, and count them; a file
    /// that could not be read is counted as failed and keeps what was indexed from it before.
    fn add(&mut self, done: Done, summary: &mut Summary) -> Result<()> {
        let (docs, warnings) = match done.result {
            Ok(read) => read,
            Err(e) => {
                summary.failures.push(Failure {
                    path: done.candidate.path.clone(),
                    reason: failure_reason(&e),
                });
                return Ok(());
            }
        };
        let n = docs.len();
        let held = self.known.contains_key(&done.path);
        // A file the last commit does not hold has nothing to delete (a run reads each file
        // once), and every delete is looked up in every segment at each commit.
        if held {
            self.note_removed(&done.path);
        }
        self.note_added(&docs);
        let delete = held.then(|| Term::from_field_text(self.path_field, &done.path));
        let ops = delete
            .into_iter()
            .map(UserOperation::Delete)
            .chain(docs.into_iter().map(UserOperation::Add))
            .collect::<Vec<_>>();
        if let Err(e) = self.writer.run(ops) {
            let cause = worker_error(&mut self.writer, e);
            return Err(self.index_err(cause));
        }
        if held {
            summary.files_updated += 1;
        } else {
            summary.files_added += 1;
        }
        summary.articles_indexed += n;
        summary.bytes_read += done.candidate.size;
        let path = &done.candidate.path;
        summary
            .warnings
            .extend(warnings.into_iter().map(|reason| Failure {
                path: path.clone(),
                reason,
            }));
        self.policy.added(n, done.candidate.size);
        Ok(())
    }

    /// Commit what was handed to tantivy, with the extractor's payload.
    fn commit(&mut self) -> Result<()> {
        let committed = commit(&mut self.writer, self.payload);
        committed.map_err(|e| {
            let cause = worker_error(&mut self.writer, e);
            self.index_err(cause)
        })
    }

    /// End the stage: commit what is left, unless the run `changed` nothing (the last commit
    /// then stays as it is), and wait for merges. Returns what the run changed, when it
    /// noted it.
    pub(super) fn finish(
        mut self,
        changed: bool,
        summary: &mut Summary,
    ) -> Result<Option<Changes>> {
        let committing = Instant::now();
        if changed {
            commit(&mut self.writer, self.payload).map_err(|e| self.index_err(e))?;
            summary.commits += 1;
        }
        let dir = self.dir;
        self.writer
            .wait_merging_threads()
            .map_err(|cause| Error::Index {
                path: dir.to_path_buf(),
                cause,
            })?;
        summary.stages.commit += committing.elapsed();
        Ok(self.changes.map(|n| n.changes))
    }
}

/// Reports how far the run has got, now and then.
pub(super) struct Reporter {
    report: Option<fn(&Progress)>,
    /// Files the run reads.
    files_total: usize,
    last: Option<Instant>,
}

impl Reporter {
    /// A reporter calling `report` (if any) for a run reading `files_total` files.
    pub(super) fn new(report: Option<fn(&Progress)>, files_total: usize) -> Reporter {
        Reporter {
            report,
            files_total,
            last: None,
        }
    }

    /// `files_done` files are written, holding `articles`: report it if it is time to.
    fn tick(&mut self, files_done: usize, articles: usize) {
        if let Some(report) = self.report
            && self.last.is_none_or(|r| r.elapsed() >= PROGRESS_EVERY)
        {
            report(&Progress {
                files_done,
                files_total: self.files_total,
                articles,
            });
            self.last = Some(Instant::now());
        }
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

/// Commit what the writer holds, with the extractor's payload.
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
