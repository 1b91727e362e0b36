//! The JSON shapes of morgue's output, one object per line.
//!
//! Field names and meanings are stable within a schema version; new fields may be added.

use serde::Serialize;

use crate::article::Article;
use crate::index::{Stats, Summary};
use crate::query::Hit;

/// The version of these shapes, printed in `morgue stats --format json` and the index summary.
pub const SCHEMA_VERSION: u32 = 1;

/// `morgue extract`: one article with every mention.
#[derive(Debug, Serialize)]
pub struct ArticleJson<'a> {
    pub id: String,
    pub path: String,
    pub record: Option<&'a str>,
    pub title: &'a str,
    pub published: Option<String>,
    pub byline: Option<&'a str>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub body: &'a str,
    pub entities: Vec<EntityJson<'a>>,
    pub dates: Vec<DateJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct EntityJson<'a> {
    pub text: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub canonical: &'a str,
    pub field: &'static str,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
pub struct DateJson<'a> {
    pub text: &'a str,
    pub value: &'a str,
    pub field: &'static str,
    pub start: usize,
    pub end: usize,
}

impl<'a> From<&'a Article> for ArticleJson<'a> {
    fn from(a: &'a Article) -> Self {
        ArticleJson {
            id: a.id(),
            path: a.path.display().to_string(),
            record: a.record.as_deref(),
            title: &a.title,
            published: a.published.map(|d| d.to_string()),
            byline: a.byline.as_deref(),
            source: a.source.as_deref(),
            url: a.url.as_deref(),
            body: &a.body,
            entities: a
                .entities
                .iter()
                .map(|e| EntityJson {
                    text: &e.text,
                    kind: e.kind.as_str(),
                    canonical: &e.canonical,
                    field: e.field.as_str(),
                    start: e.start,
                    end: e.end,
                })
                .collect(),
            dates: a
                .dates
                .iter()
                .map(|d| DateJson {
                    text: &d.text,
                    value: &d.value,
                    field: d.field.as_str(),
                    start: d.start,
                    end: d.end,
                })
                .collect(),
        }
    }
}

/// `morgue search --format json`: one hit.
#[derive(Debug, Serialize)]
pub struct HitJson<'a> {
    pub rank: usize,
    pub id: &'a str,
    pub path: &'a str,
    pub record: Option<&'a str>,
    pub score: f32,
    pub title: &'a str,
    pub published: Option<String>,
    pub byline: Option<&'a str>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub snippet: &'a str,
    /// `[start, end)` byte offsets of matched words in `snippet`.
    pub highlights: Vec<[usize; 2]>,
    pub people: &'a [String],
    pub companies: &'a [String],
    pub organizations: &'a [String],
    pub places: &'a [String],
}

impl<'a> HitJson<'a> {
    pub fn new(rank: usize, h: &'a Hit) -> Self {
        HitJson {
            rank,
            id: &h.id,
            path: &h.path,
            record: h.record.as_deref(),
            score: h.score,
            title: &h.title,
            published: h.published.map(|d| d.to_string()),
            byline: h.byline.as_deref(),
            source: h.source.as_deref(),
            url: h.url.as_deref(),
            snippet: &h.snippet,
            highlights: h.highlights.iter().map(|r| [r.start, r.end]).collect(),
            people: &h.people,
            companies: &h.companies,
            organizations: &h.organizations,
            places: &h.places,
        }
    }
}

/// `morgue stats --format json`.
#[derive(Debug, Serialize)]
pub struct StatsJson {
    pub schema_version: u32,
    pub articles: u64,
    pub index_bytes: u64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub top_entities: Vec<EntityCountJson>,
}

#[derive(Debug, Serialize)]
pub struct EntityCountJson {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: String,
    pub articles: u64,
}

impl From<&Stats> for StatsJson {
    fn from(s: &Stats) -> Self {
        StatsJson {
            schema_version: SCHEMA_VERSION,
            articles: s.articles,
            index_bytes: s.index_bytes,
            first_published: s.first_published.map(|d| d.to_string()),
            last_published: s.last_published.map(|d| d.to_string()),
            top_entities: s
                .top_entities
                .iter()
                .map(|e| EntityCountJson {
                    kind: e.kind.as_str(),
                    name: e.name.clone(),
                    articles: e.articles,
                })
                .collect(),
        }
    }
}

/// `morgue index --format json`: the run's summary.
#[derive(Debug, Serialize)]
pub struct SummaryJson {
    pub schema_version: u32,
    pub files_seen: usize,
    pub files_indexed: usize,
    pub files_added: usize,
    pub files_updated: usize,
    pub files_unchanged: usize,
    pub files_removed: usize,
    pub articles_indexed: usize,
    pub files_skipped: usize,
    pub files_failed: usize,
    pub failures: Vec<FailureJson>,
    pub warnings: Vec<FailureJson>,
    pub bytes_read: u64,
    pub commits: usize,
    pub full: bool,
    pub seconds: f64,
    pub mb_per_sec: f64,
    pub articles_per_sec: f64,
    /// Seconds per pipeline stage (see `index::Stages`).
    pub stages: StagesJson,
}

/// `morgue index --format json`: seconds spent in each stage. `read`, `parse`, `extract` and
/// `document` are CPU seconds summed over the worker threads; the others are wall seconds:
/// `handoff` summed over the workers, `index`, `commit` and `writer_wait` on the writer thread.
#[derive(Debug, Serialize)]
pub struct StagesJson {
    pub plan: f64,
    pub read: f64,
    pub parse: f64,
    pub extract: f64,
    pub document: f64,
    pub index: f64,
    pub commit: f64,
    pub handoff: f64,
    pub writer_wait: f64,
}

impl From<&crate::index::Stages> for StagesJson {
    fn from(s: &crate::index::Stages) -> Self {
        StagesJson {
            plan: s.plan.as_secs_f64(),
            read: s.read.as_secs_f64(),
            parse: s.parse.as_secs_f64(),
            extract: s.extract.as_secs_f64(),
            document: s.document.as_secs_f64(),
            index: s.index.as_secs_f64(),
            commit: s.commit.as_secs_f64(),
            handoff: s.handoff.as_secs_f64(),
            writer_wait: s.writer_wait.as_secs_f64(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct FailureJson {
    pub path: String,
    pub reason: String,
}

impl From<&Summary> for SummaryJson {
    fn from(s: &Summary) -> Self {
        let conv = |v: &[crate::index::Failure]| {
            v.iter()
                .map(|f| FailureJson {
                    path: f.path.display().to_string(),
                    reason: f.reason.clone(),
                })
                .collect()
        };
        SummaryJson {
            schema_version: SCHEMA_VERSION,
            files_seen: s.files_seen,
            files_indexed: s.files_indexed(),
            files_added: s.files_added,
            files_updated: s.files_updated,
            files_unchanged: s.files_unchanged,
            files_removed: s.files_removed,
            articles_indexed: s.articles_indexed,
            files_skipped: s.files_skipped,
            files_failed: s.failures.len(),
            failures: conv(&s.failures),
            warnings: conv(&s.warnings),
            bytes_read: s.bytes_read,
            commits: s.commits,
            full: s.full,
            seconds: s.elapsed.as_secs_f64(),
            mb_per_sec: s.mb_per_sec(),
            articles_per_sec: s.articles_per_sec(),
            stages: (&s.stages).into(),
        }
    }
}
