//! The extraction stage: workers on a rayon pool read, parse and extract the files a run
//! reads, turn their articles into tantivy documents, and send them over a bounded channel to
//! the write stage ([`super::write_loop`]), which alone touches the index.
//!
//! Workers take files in batches (a file at a time when files are big, up to
//! [`BATCH_FILES`] when small) and stop, before the next file, once the write stage has set
//! the run's stop flag or gone away: a failed add or commit ends the reading too.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::SyncSender;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::{DateTime, TantivyDocument};

use super::manifest::{FileStamp, path_key};
use super::schema::{self, Fields, entity_key};
use super::writer::Stages;
use crate::article::{Article, EntityKind, TextField};
use crate::crawl::Candidate;
use crate::error::{Error, Result};
use crate::extract::aliases::Aliases;
use crate::extract::repeated::Repeated;
use crate::{extract, parse};

/// Most files, and bytes, a worker reads before handing its documents to the writer.
const BATCH_FILES: usize = 32;
const BATCH_BYTES: u64 = 256 * 1024;

/// A file's outcome, sent from a worker to the write stage.
pub(super) struct Done<'a> {
    pub(super) candidate: &'a Candidate,
    /// The file's manifest key.
    pub(super) path: String,
    /// Its documents and warnings, or why it could not be read.
    pub(super) result: Result<(Vec<TantivyDocument>, Vec<String>)>,
    /// Worker time spent on it, stage by stage.
    pub(super) stages: Stages,
}

/// What the workers share: the document fields, the alias table, the paragraphs known to be
/// boilerplate, and the run's stop flag.
pub(super) struct Extractor<'a> {
    pub(super) fields: &'a Fields,
    pub(super) aliases: &'a Aliases,
    pub(super) repeated: &'a Repeated,
    /// The files the census parsed already.
    pub(super) kept: &'a super::census::Kept,
    /// Set by the write stage when it fails; workers read no further file once it is.
    pub(super) stop: &'a AtomicBool,
}

impl Extractor<'_> {
    /// Read every file of `todo` on `threads` workers, sending finished batches over `tx`
    /// until all are sent, the stop flag is set, or the receiver is gone. Returns the wall
    /// time workers spent blocked sending, summed over them.
    pub(super) fn extract_all<'c>(
        &self,
        todo: &[&'c Candidate],
        threads: usize,
        tx: SyncSender<Vec<Done<'c>>>,
    ) -> Duration {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool can be built");
        let handoff_nanos = AtomicU64::new(0);
        pool.install(|| {
            // An `Err` says the write stage stopped; rayon then starts no further batch.
            let _ = batches(todo).par_iter().try_for_each_with(tx, |tx, batch| {
                let done = self.read_batch(batch);
                if self.stopped() {
                    return Err(());
                }
                let sending = Instant::now();
                let sent = tx.send(done).map_err(|_| ());
                let blocked = sending.elapsed().as_nanos() as u64;
                handoff_nanos.fetch_add(blocked, Ordering::Relaxed);
                sent
            });
        });
        Duration::from_nanos(handoff_nanos.load(Ordering::Relaxed))
    }

    /// Whether the write stage has asked the workers to stop.
    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Read the files of one batch, in order, until the stop flag is set.
    fn read_batch<'c>(&self, batch: &[&'c Candidate]) -> Vec<Done<'c>> {
        let mut done = Vec::with_capacity(batch.len());
        for &candidate in batch {
            if self.stopped() {
                break;
            }
            let mut stages = Stages::default();
            let result = crate::fault::guarded(|| self.read_file(candidate, &mut stages))
                .unwrap_or_else(|reason| Err(Error::parse(&candidate.path, reason)));
            done.push(Done {
                candidate,
                path: path_key(&candidate.path),
                result,
                stages,
            });
        }
        done
    }
}

/// Consecutive runs of files for one worker to read and hand over together: a file at a time
/// when files are big, up to [`BATCH_FILES`] or [`BATCH_BYTES`] when they are small, so that
/// a folder of small files does not cost a thread wake-up per file.
fn batches<'a, 'c>(todo: &'a [&'c Candidate]) -> Vec<&'a [&'c Candidate]> {
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

/// Parse and extract one file into documents, plus warnings, timing each stage.
impl Extractor<'_> {
    /// One file's documents and warnings.
    fn read_file(
        &self,
        candidate: &Candidate,
        stages: &mut Stages,
    ) -> Result<(Vec<TantivyDocument>, Vec<String>)> {
        let mut parsed = match self.kept.take(&candidate.path) {
            Some(parsed) => parsed,
            None => read_and_parse(candidate, stages)?,
        };
        let (path, format) = (&candidate.path, candidate.format);
        super::census::apply(self.repeated, path, format, &mut parsed.articles);
        let mut clock = thread_time();
        let mut lap = |total: &mut Duration| {
            let now = thread_time();
            *total += now.saturating_sub(clock);
            clock = now;
        };
        let stamp = FileStamp {
            size: candidate.size,
            mtime: candidate.mtime,
        };
        let mut docs = Vec::with_capacity(parsed.articles.len());
        for raw in parsed.articles {
            let article = extract::extract_with(&candidate.path, raw, self.aliases);
            lap(&mut stages.extract);
            let mut doc = to_document(&article, self.fields);
            doc.add_u64(self.fields.file_size, stamp.size);
            doc.add_i64(self.fields.file_mtime, stamp.mtime);
            docs.push(doc);
            lap(&mut stages.document);
        }
        Ok((docs, parsed.warnings))
    }
}

/// Read and parse one file, timing both.
fn read_and_parse(candidate: &Candidate, stages: &mut Stages) -> Result<parse::Parsed> {
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
    parsed
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

/// The days a tantivy date can hold (nanoseconds since 1970 in 64 bits: 1677 to 2262),
/// with a day to spare at each end.
fn indexable(day: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    (1678..=2261).contains(&day.year())
}

/// A day as a tantivy date at UTC midnight; a day tantivy cannot hold is taken as the
/// nearest it can (for query bounds: no indexed day lies beyond them).
pub(crate) fn day_to_tantivy(day: chrono::NaiveDate) -> DateTime {
    let clamped = day.clamp(
        chrono::NaiveDate::from_ymd_opt(1678, 1, 1).expect("a valid day"),
        chrono::NaiveDate::from_ymd_opt(2261, 12, 31).expect("a valid day"),
    );
    let secs = clamped
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
    // A day tantivy cannot hold (a time like "1630" read as a year) is left out, not wrapped.
    if let Some(day) = article.published.filter(|d| indexable(*d)) {
        doc.add_date(f.published, day_to_tantivy(day));
    }
    for kind in EntityKind::ALL {
        for (name, weight) in centrality(article, kind) {
            for _ in 0..weight {
                doc.add_text(f.entity_field(kind), name);
            }
            doc.add_text(f.entity, entity_key(kind, name));
        }
    }
    for term in evidence_terms(article) {
        doc.add_text(f.evidence, term);
    }
    let mut days: Vec<_> = (article.dates.iter())
        .filter_map(|d| d.first_day())
        .filter(|d| indexable(*d))
        .collect();
    days.sort();
    days.dedup();
    for day in days {
        doc.add_date(f.mentions, day_to_tantivy(day));
    }
    let mut quoted: Vec<String> = Vec::new();
    for quote in &article.quotes {
        // Reported speech is the writer's words, searched as the body's; only the words in
        // quotation marks are indexed again.
        if quote.direct {
            doc.add_text(f.quote, quote.text(article.text_of(quote.field)));
        }
        if let Some(speaker) = &quote.speaker {
            doc.add_text(f.said, speaker.name());
            if let Some((name, kind)) = &speaker.entity {
                let key = entity_key(*kind, name);
                if !quoted.contains(&key) {
                    quoted.push(key);
                }
            }
        }
        doc.add_text(f.quotes, crate::index::quotes::encode(quote));
    }
    for key in quoted {
        doc.add_text(f.speaker, key);
    }
    doc.add_bytes(
        f.copy_sketch,
        &crate::copies::article_signature(article).to_bytes(),
    );
    doc
}

/// How much a title mention counts towards an entity's weight.
const TITLE_WEIGHT: usize = 4;
/// Most body mentions an entity's weight counts.
const MENTION_CAP: usize = 8;
/// What a first body mention in the first fifth of the body adds (half as much in the first
/// half).
const LEAD_WEIGHT: usize = 2;

/// Each entity of one kind in an article, in order of first mention, with its weight: how
/// many times its name is written into the kind's field, so that the field's term frequency
/// says how central the entity is (see [`super::schema`]). A name in the title weighs
/// [`TITLE_WEIGHT`]; each body mention one, up to [`MENTION_CAP`]; an early first body
/// mention up to [`LEAD_WEIGHT`] more.
fn centrality(article: &Article, kind: EntityKind) -> Vec<(&str, usize)> {
    struct Tally<'a> {
        name: &'a str,
        in_title: bool,
        body: usize,
        first: usize,
    }
    let mut tallies: Vec<Tally> = Vec::new();
    for mention in article.entities.iter().filter(|e| e.kind == kind) {
        let at = match tallies.iter().position(|t| t.name == mention.canonical) {
            Some(at) => at,
            None => {
                tallies.push(Tally {
                    name: &mention.canonical,
                    in_title: false,
                    body: 0,
                    first: usize::MAX,
                });
                tallies.len() - 1
            }
        };
        let tally = &mut tallies[at];
        match mention.field {
            TextField::Title => tally.in_title = true,
            TextField::Body => {
                tally.body += 1;
                tally.first = tally.first.min(mention.start);
            }
        }
    }
    let body_len = article.body.len();
    let lead = |first: usize| match first.checked_mul(5) {
        Some(at) if at < body_len => LEAD_WEIGHT,
        Some(_) if first.saturating_mul(2) < body_len => LEAD_WEIGHT / 2,
        _ => 0,
    };
    tallies
        .into_iter()
        .map(|t| {
            let title = if t.in_title { TITLE_WEIGHT } else { 0 };
            let weight = title + t.body.min(MENTION_CAP) + lead(t.first);
            (t.name, weight.max(1))
        })
        .collect()
}

/// The `evidence` terms of an article (see [`crate::index::schema`]), each once.
fn evidence_terms(article: &Article) -> Vec<String> {
    use crate::resolve::names;
    let mut terms: Vec<String> = (article.acronyms.iter())
        .map(|(short, long)| {
            format!(
                "{}{}{}{}",
                schema::EVIDENCE_ACRONYM,
                names::acronym_letters(short),
                schema::EVIDENCE_SEPARATOR,
                names::variant_key(long)
            )
        })
        .chain(
            (article.others.iter())
                .map(|name| format!("{}{}", schema::EVIDENCE_OTHER, names::fold(name))),
        )
        .collect();
    terms.sort();
    terms.dedup();
    terms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::EntityMention;

    /// An article whose body is `body_len` bytes, naming people at `(field, start)`.
    fn article(body_len: usize, mentions: &[(&str, TextField, usize)]) -> Article {
        let entities = mentions
            .iter()
            .map(|&(name, field, start)| EntityMention {
                text: name.to_string(),
                kind: EntityKind::Person,
                canonical: name.to_string(),
                field,
                start,
                end: start + name.len(),
            })
            .collect();
        Article {
            body: "x".repeat(body_len),
            entities,
            ..Article::default()
        }
    }

    #[test]
    fn weights_count_the_title_the_mentions_and_an_early_start() {
        use TextField::{Body, Title};
        let check = |mentions: &[(&str, TextField, usize)], want: &[(&str, usize)]| {
            let article = article(1000, mentions);
            assert_eq!(
                centrality(&article, EntityKind::Person),
                want,
                "{mentions:?}"
            );
            assert!(centrality(&article, EntityKind::Place).is_empty());
        };
        check(&[("A", Title, 0)], &[("A", 4)]);
        check(&[("A", Body, 990)], &[("A", 1)]);
        check(&[("A", Body, 400)], &[("A", 2)]);
        check(&[("A", Body, 10)], &[("A", 3)]);
        check(
            &[("A", Body, 900), ("A", Title, 0), ("A", Body, 10)],
            &[("A", 4 + 2 + 2)],
        );
        let many: Vec<_> = (0..20).map(|i| ("A", Body, 900 + i)).collect();
        check(&many, &[("A", 8)]);
        check(
            &[("B", Body, 950), ("A", Body, 960), ("B", Body, 970)],
            &[("B", 2), ("A", 1)],
        );
    }
}
