//! `morgue index`: crawl, parse and extract in parallel, write through one `IndexWriter`.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::{DateTime, IndexWriter, TantivyDocument, Term};

use super::schema::{entity_key, Fields};
use super::MorgueIndex;
use crate::article::{Article, EntityKind};
use crate::config::IndexConfig;
use crate::crawl::{self, Candidate};
use crate::error::{Error, Result};
use crate::{extract, parse};

/// Memory the tantivy writer may use for its buffers, shared by its threads.
const WRITER_MEMORY: usize = 256 * 1024 * 1024;

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
    pub files_indexed: usize,
    pub articles_indexed: usize,
    /// Files whose extension morgue does not read.
    pub files_skipped: usize,
    pub failures: Vec<Failure>,
    /// Problems that lost part of a file (a bad line in JSON lines), as `path: reason`.
    pub warnings: Vec<Failure>,
    pub bytes_read: u64,
    pub elapsed: Duration,
}

impl Summary {
    /// Input megabytes (10^6 bytes) per second of wall time.
    pub fn mb_per_sec(&self) -> f64 {
        self.bytes_read as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }

    pub fn articles_per_sec(&self) -> f64 {
        self.articles_indexed as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Index every article under the configured roots.
pub fn build(config: &IndexConfig) -> Result<Summary> {
    let started = Instant::now();
    let morgue = MorgueIndex::open_or_create(&config.index_dir)?;
    let found = crawl::crawl(&config.roots, Some(&config.index_dir));
    let mut summary = Summary {
        files_seen: found.files_seen(),
        files_skipped: found.skipped.len(),
        failures: found
            .errors
            .into_iter()
            .map(|(path, reason)| Failure { path, reason })
            .collect(),
        ..Summary::default()
    };
    let threads = if config.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        config.threads
    };
    let mut writer: IndexWriter = morgue
        .index
        .writer_with_num_threads(threads.clamp(1, 8), WRITER_MEMORY)
        .map_err(|source| Error::Index {
            path: config.index_dir.clone(),
            source,
        })?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool can be built");
    let outcomes = Mutex::new(Vec::new());
    pool.install(|| {
        found.candidates.par_iter().for_each(|candidate| {
            let outcome = index_file(candidate, &writer, &morgue.fields);
            outcomes
                .lock()
                .expect("no worker panics")
                .push((candidate, outcome));
        })
    });
    for (candidate, outcome) in outcomes.into_inner().expect("no worker panics") {
        match outcome {
            Ok((articles, warnings)) => {
                summary.files_indexed += 1;
                summary.articles_indexed += articles;
                summary.bytes_read += candidate.size;
                summary
                    .warnings
                    .extend(warnings.into_iter().map(|reason| Failure {
                        path: candidate.path.clone(),
                        reason,
                    }));
            }
            Err(e) => summary.failures.push(Failure {
                path: candidate.path.clone(),
                reason: failure_reason(&e),
            }),
        }
    }
    summary.failures.sort_by(|a, b| a.path.cmp(&b.path));
    let commit = |writer: &mut IndexWriter| -> tantivy::Result<()> {
        writer.commit()?;
        Ok(())
    };
    commit(&mut writer).map_err(|source| Error::Index {
        path: config.index_dir.clone(),
        source,
    })?;
    writer
        .wait_merging_threads()
        .map_err(|source| Error::Index {
            path: config.index_dir.clone(),
            source,
        })?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The reason alone; the summary prints the path itself.
fn failure_reason(e: &Error) -> String {
    match e {
        Error::Io { source, .. } => source.to_string(),
        Error::Parse { reason, .. } => reason.clone(),
        other => other.to_string(),
    }
}

/// Parse, extract and write one file; returns the number of articles and the warnings.
fn index_file(
    candidate: &Candidate,
    writer: &IndexWriter,
    fields: &Fields,
) -> Result<(usize, Vec<String>)> {
    let path = candidate
        .path
        .canonicalize()
        .map_err(|e| Error::io(&candidate.path, e))?;
    let parsed = parse::parse_file(&path, candidate.format)?;
    let path_str = path.to_string_lossy().into_owned();
    writer.delete_term(Term::from_field_text(fields.path, &path_str));
    let n = parsed.articles.len();
    for raw in parsed.articles {
        let article = extract::extract(&path, raw);
        writer
            .add_document(to_document(&article, fields))
            .map_err(|source| Error::Index {
                path: path.clone(),
                source,
            })?;
    }
    Ok((n, parsed.warnings))
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

/// The tantivy document for an article.
pub fn to_document(article: &Article, f: &Fields) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, article.id());
    doc.add_text(f.path, article.path.to_string_lossy());
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
