//! The JSON shapes of morgue's output, one object per line.
//!
//! Field names and meanings are stable within a schema version; new fields may be added.

use serde::Serialize;

use crate::article::Article;
use crate::copies::Counting;
use crate::eval::facets::{FacetsReport, Totals};
use crate::index::Summary;
use crate::index::quotes::StoredQuote;
use crate::query::facets::{Bucket, Picked, Related, RelatedReport};
use crate::query::quotes::ListedQuote;
use crate::query::{EntityCount, Hit, Stats};

/// The version of these shapes, printed in `morgue stats --format json` and the index summary.
pub const SCHEMA_VERSION: u32 = 4;

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
    /// The language tag the source declares (added in schema version 1; may be null).
    pub language: Option<&'a str>,
    pub body: &'a str,
    pub entities: Vec<EntityJson<'a>>,
    /// Names of none of the four kinds (works, awards, events, products, the tagger's
    /// miscellaneous names), every mention with offsets (added in schema version 1).
    pub others: Vec<OtherJson<'a>>,
    pub dates: Vec<DateJson<'a>>,
    /// The headline's and the body's attributions (added in schema version 3; the
    /// headline's and `field` in version 4).
    pub quotes: Vec<QuoteJson<'a>>,
}

/// One attribution: `{text, field, start, end, parts, direct, cue, cue_start, cue_end,
/// speaker, speaker_start, speaker_end, speaker_canonical, speaker_type}`, byte offsets
/// into its `field` (`title` or `body`); `parts` the content's ranges (`start` to `end`
/// spans them all);
/// the cue's fields null for a quote carrying on the one before, the speaker's when no
/// source is found (`speaker_canonical` and `speaker_type` when it names no entity).
#[derive(Debug, Serialize)]
pub struct QuoteJson<'a> {
    pub text: String,
    /// `title` or `body`: the field every offset below is into.
    pub field: &'static str,
    pub start: usize,
    pub end: usize,
    pub parts: Vec<[usize; 2]>,
    pub direct: bool,
    pub cue: Option<&'a str>,
    pub cue_start: Option<usize>,
    pub cue_end: Option<usize>,
    pub speaker: Option<&'a str>,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    pub speaker_canonical: Option<&'a str>,
    pub speaker_type: Option<&'static str>,
}

impl<'a> QuoteJson<'a> {
    /// `text` is the text of the quote's field.
    pub fn new(quote: &'a crate::article::Quote, text: &'a str) -> QuoteJson<'a> {
        let (start, end) = quote.span();
        let speaker = quote.speaker.as_ref();
        let entity = speaker.and_then(|s| s.entity.as_ref());
        QuoteJson {
            text: quote.text(text),
            field: quote.field.as_str(),
            start,
            end,
            parts: quote.parts.iter().map(|&(s, e)| [s, e]).collect(),
            direct: quote.direct,
            cue: quote.cue.and_then(|(s, e)| text.get(s..e)),
            cue_start: quote.cue.map(|c| c.0),
            cue_end: quote.cue.map(|c| c.1),
            speaker: speaker.map(|s| s.text.as_str()),
            speaker_start: speaker.map(|s| s.start),
            speaker_end: speaker.map(|s| s.end),
            speaker_canonical: entity.map(|e| e.0.as_str()),
            speaker_type: entity.map(|e| e.1.as_str()),
        }
    }
}

/// One mention of a name of none of the four kinds: `{text, field, start, end}`.
#[derive(Debug, Serialize)]
pub struct OtherJson<'a> {
    pub text: &'a str,
    pub field: &'static str,
    pub start: usize,
    pub end: usize,
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
    /// `morgue show`: the archive entity the mention belongs to (absent from `extract`,
    /// which has no archive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
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
            language: a.language.as_deref(),
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
                    entity_id: None,
                })
                .collect(),
            others: (a.other_mentions.iter())
                .map(|o| OtherJson {
                    text: &o.text,
                    field: o.field.as_str(),
                    start: o.start,
                    end: o.end,
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
            quotes: a
                .quotes
                .iter()
                .map(|q| QuoteJson::new(q, a.text_of(q.field)))
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
    /// BM25 score; null when sorted by date.
    pub score: Option<f32>,
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
    /// The id of the article's cluster of copies (its representative's id); null when it
    /// has no copies.
    pub cluster: Option<&'a str>,
    /// How many other articles of the archive are copies of the same story (collapsed into
    /// this hit unless `--all-copies`).
    pub copies: usize,
    /// The article's quotes the query's `said:` and `quote:` terms match (added in schema
    /// version 3; empty when it has neither).
    pub quotes: Vec<StoredQuoteJson<'a>>,
    /// tantivy's explanation tree (`--explain`): `{value, description, details}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<&'a tantivy::query::Explanation>,
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
            cluster: h.cluster.as_deref(),
            copies: h.copies,
            quotes: h.quotes.iter().map(StoredQuoteJson::from).collect(),
            explanation: h.explanation.as_ref(),
        }
    }
}

/// A quote as the index keeps it: `{text, direct, cue, speaker, speaker_canonical,
/// speaker_type}`, as in `morgue extract` without offsets.
#[derive(Debug, Serialize)]
pub struct StoredQuoteJson<'a> {
    pub text: &'a str,
    pub direct: bool,
    pub cue: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub speaker_canonical: Option<&'a str>,
    pub speaker_type: Option<&'static str>,
}

impl<'a> From<&'a StoredQuote> for StoredQuoteJson<'a> {
    fn from(q: &'a StoredQuote) -> Self {
        StoredQuoteJson {
            text: &q.text,
            direct: q.direct,
            cue: q.cue.as_deref(),
            speaker: q.speaker.as_deref(),
            speaker_canonical: q.entity.as_ref().map(|e| e.0.as_str()),
            speaker_type: q.entity.as_ref().map(|e| e.1.as_str()),
        }
    }
}

/// `morgue quotes`: one quote per line, with its article.
#[derive(Debug, Serialize)]
pub struct QuoteLineJson<'a> {
    pub schema_version: u32,
    pub rank: usize,
    pub id: &'a str,
    pub title: &'a str,
    pub published: Option<String>,
    #[serde(flatten)]
    pub quote: StoredQuoteJson<'a>,
}

impl<'a> QuoteLineJson<'a> {
    /// The CSV columns of `morgue quotes`.
    pub const COLUMNS: &'static [&'static str] = &[
        "rank",
        "published",
        "speaker_canonical",
        "speaker_type",
        "speaker",
        "cue",
        "direct",
        "text",
        "id",
        "title",
    ];

    pub fn new(rank: usize, q: &'a ListedQuote) -> Self {
        QuoteLineJson {
            schema_version: SCHEMA_VERSION,
            rank,
            id: &q.id,
            title: &q.title,
            published: q.published.map(|d| d.to_string()),
            quote: StoredQuoteJson::from(&q.quote),
        }
    }
}

/// `morgue stats --format json`.
#[derive(Debug, Serialize)]
pub struct StatsJson {
    pub schema_version: u32,
    pub articles: u64,
    /// Articles less the copies standing behind another article of their story.
    pub stories: u64,
    /// Clusters of copies, and the articles in them standing behind another.
    pub clusters: usize,
    pub copies: u64,
    /// What `top_entities` counted: `stories` or `articles`.
    pub counted: &'static str,
    pub index_bytes: u64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub top_entities: Vec<EntityCountJson>,
}

/// An entity of the archive's table: its id (`type:Name`, stable while its name is), type,
/// the name it is shown by, its articles, and the other names it was found under.
#[derive(Debug, Serialize)]
pub struct EntityCountJson {
    pub entity_id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: String,
    pub articles: u64,
    pub aliases: Vec<String>,
}

impl From<&EntityCount> for EntityCountJson {
    fn from(e: &EntityCount) -> Self {
        EntityCountJson {
            entity_id: e.id(),
            kind: e.kind.as_str(),
            name: e.name.clone(),
            articles: e.articles,
            aliases: e.aliases.clone(),
        }
    }
}

impl From<&Stats> for StatsJson {
    fn from(s: &Stats) -> Self {
        StatsJson {
            schema_version: SCHEMA_VERSION,
            articles: s.articles,
            stories: s.stories,
            clusters: s.clusters,
            copies: s.copies,
            counted: s.counted.counting.as_str(),
            index_bytes: s.index_bytes,
            first_published: s.first_published.map(|d| d.to_string()),
            last_published: s.last_published.map(|d| d.to_string()),
            top_entities: s.top_entities.iter().map(EntityCountJson::from).collect(),
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
    /// What the archive pass resolved; null when it did not run.
    pub names: Option<NamesJson>,
    /// Seconds per pipeline stage (see `index::Stages`).
    pub stages: StagesJson,
}

/// `morgue index --format json`: the names of the entity table, and how many the archive
/// pass resolved (all of them when it read the whole index).
#[derive(Debug, Serialize)]
pub struct NamesJson {
    pub held: usize,
    pub resolved: usize,
}

/// `morgue index --format json`: seconds spent in each stage. `read`, `parse`, `extract` and
/// `document` are CPU seconds summed over the worker threads; the others are wall seconds:
/// `handoff` summed over the workers, `index`, `commit` and `writer_wait` on the writer thread,
/// `census` the count of paragraphs sources repeat before extraction, `resolve` the archive
/// pass after the last commit, `copies` the copy pass after it.
#[derive(Debug, Serialize)]
pub struct StagesJson {
    pub plan: f64,
    pub census: f64,
    pub read: f64,
    pub parse: f64,
    pub extract: f64,
    pub document: f64,
    pub index: f64,
    pub commit: f64,
    pub handoff: f64,
    pub writer_wait: f64,
    pub resolve: f64,
    pub copies: f64,
}

impl From<&crate::index::Stages> for StagesJson {
    fn from(s: &crate::index::Stages) -> Self {
        StagesJson {
            plan: s.plan.as_secs_f64(),
            census: s.census.as_secs_f64(),
            read: s.read.as_secs_f64(),
            parse: s.parse.as_secs_f64(),
            extract: s.extract.as_secs_f64(),
            document: s.document.as_secs_f64(),
            index: s.index.as_secs_f64(),
            commit: s.commit.as_secs_f64(),
            handoff: s.handoff.as_secs_f64(),
            writer_wait: s.writer_wait.as_secs_f64(),
            resolve: s.resolve.as_secs_f64(),
            copies: s.copies.as_secs_f64(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct FailureJson {
    pub path: String,
    pub reason: String,
}

fn failures_json(v: &[crate::index::Failure]) -> Vec<FailureJson> {
    v.iter()
        .map(|f| FailureJson {
            path: f.path.display().to_string(),
            reason: f.reason.clone(),
        })
        .collect()
}

impl From<&Summary> for SummaryJson {
    fn from(s: &Summary) -> Self {
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
            failures: failures_json(&s.failures),
            warnings: failures_json(&s.warnings),
            bytes_read: s.bytes_read,
            commits: s.commits,
            full: s.full,
            seconds: s.elapsed.as_secs_f64(),
            mb_per_sec: s.mb_per_sec(),
            articles_per_sec: s.articles_per_sec(),
            names: s.names.map(|n| NamesJson {
                held: n.names,
                resolved: n.resolved,
            }),
            stages: (&s.stages).into(),
        }
    }
}

/// The columns of a `morgue search` hit, in order (`--fields` picks among them).
pub const HIT_FIELDS: &[&str] = &[
    "rank",
    "id",
    "path",
    "record",
    "score",
    "title",
    "published",
    "byline",
    "source",
    "url",
    "snippet",
    "highlights",
    "people",
    "companies",
    "organizations",
    "places",
    "cluster",
    "copies",
    "explanation",
];

/// `morgue search --count`.
#[derive(Debug, Serialize)]
pub struct CountJson {
    pub schema_version: u32,
    /// Matching stories, or articles with `--all-copies`: what `counted` says.
    pub total: usize,
    /// `stories` or `articles`.
    pub counted: &'static str,
    /// Matching articles, copies included.
    pub articles: usize,
    /// When nothing matches, the query respelt with words the index holds.
    pub suggestions: Vec<String>,
}

/// `morgue entities`: one entity per line, most mentioned first.
#[derive(Debug, Serialize)]
pub struct EntityLineJson {
    pub schema_version: u32,
    pub rank: usize,
    #[serde(flatten)]
    pub entity: EntityCountJson,
    /// What `articles` counted: `stories` (copies of a story once) or `articles`.
    pub counted: &'static str,
}

impl EntityLineJson {
    /// The CSV columns of `morgue entities`.
    pub const COLUMNS: &'static [&'static str] = &["rank", "type", "name", "articles"];

    pub fn new(rank: usize, e: &EntityCount, counting: Counting) -> Self {
        EntityLineJson {
            schema_version: SCHEMA_VERSION,
            rank,
            entity: EntityCountJson::from(e),
            counted: counting.as_str(),
        }
    }
}

/// `morgue timeline`: one bucket per line, oldest first; a last line with `bucket` null
/// counts matching articles without a publication date, if there are any.
#[derive(Debug, Serialize)]
pub struct BucketJson<'a> {
    pub schema_version: u32,
    pub bucket: Option<&'a str>,
    pub start: Option<String>,
    pub articles: u64,
    /// What `articles` counted: `stories` or `articles`.
    pub counted: &'static str,
    /// With `--entity`: the entity counted, as resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityCountJson>,
    /// With `--entity`: the name as asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<&'a str>,
    /// With `--entity`: other entities the name could have meant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternatives: Option<Vec<EntityCountJson>>,
}

impl<'a> BucketJson<'a> {
    /// The CSV columns of `morgue timeline`.
    pub const COLUMNS: &'static [&'static str] = &["bucket", "start", "articles"];

    pub fn new(b: &'a Bucket, counting: Counting) -> Self {
        BucketJson {
            bucket: Some(&b.label),
            start: Some(b.start.to_string()),
            ..BucketJson::undated(b.articles, counting)
        }
    }

    pub fn undated(articles: u64, counting: Counting) -> Self {
        BucketJson {
            schema_version: SCHEMA_VERSION,
            bucket: None,
            start: None,
            articles,
            counted: counting.as_str(),
            entity: None,
            matched: None,
            alternatives: None,
        }
    }

    /// The bucket of an entity's timeline, saying which entity.
    pub fn picked(self, picked: Option<&'a Picked>) -> Self {
        let Some(p) = picked else { return self };
        BucketJson {
            entity: Some(EntityCountJson::from(&p.entity)),
            matched: Some(&p.matched),
            alternatives: Some(p.alternatives.iter().map(EntityCountJson::from).collect()),
            ..self
        }
    }
}

/// `morgue related`: one co-mentioned entity per line, most significant first.
#[derive(Debug, Serialize)]
pub struct RelatedJson<'a> {
    pub schema_version: u32,
    pub rank: usize,
    /// The entity asked about, as resolved: `{entity_id, type, name, articles, aliases}`.
    pub entity: EntityCountJson,
    /// The name as it was asked for.
    pub matched: &'a str,
    /// Other entities that name could have meant, most mentioned first.
    pub alternatives: Vec<EntityCountJson>,
    pub entity_id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: &'a str,
    /// Articles mentioning both.
    pub together: u64,
    /// Articles mentioning this one.
    pub articles: u64,
    /// What `together` and `articles` counted: `stories` or `articles`.
    pub counted: &'static str,
    /// Log-likelihood ratio (G²): the ranking.
    pub llr: f64,
    pub pmi: f64,
    /// The id of one article mentioning both.
    pub example: &'a str,
}

impl<'a> RelatedJson<'a> {
    /// The CSV columns of `morgue related`.
    pub const COLUMNS: &'static [&'static str] = &[
        "rank", "type", "name", "together", "articles", "llr", "pmi", "example",
    ];

    pub fn new(rank: usize, report: &'a RelatedReport, r: &'a Related) -> Self {
        RelatedJson {
            schema_version: SCHEMA_VERSION,
            rank,
            entity: EntityCountJson::from(&report.picked.entity),
            matched: &report.picked.matched,
            alternatives: (report.picked.alternatives.iter())
                .map(EntityCountJson::from)
                .collect(),
            entity_id: crate::index::schema::entity_key(r.kind, &r.name),
            kind: r.kind.as_str(),
            name: &r.name,
            together: r.together,
            articles: r.articles,
            counted: report.counted.counting.as_str(),
            llr: (r.llr * 1000.0).round() / 1000.0,
            pmi: (r.pmi * 1000.0).round() / 1000.0,
            example: &r.example,
        }
    }
}

/// `morgue duplicates`: one cluster of copies, its representative first.
#[derive(Debug, Serialize)]
pub struct DuplicateJson<'a> {
    pub schema_version: u32,
    pub cluster: &'a str,
    pub size: usize,
    pub members: Vec<DuplicateMemberJson<'a>>,
}

/// One article of a cluster, compared with the representative.
#[derive(Debug, Serialize)]
pub struct DuplicateMemberJson<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub published: Option<String>,
    pub similarity: f32,
    pub exact: bool,
    pub same_title: bool,
    pub paragraphs_added: usize,
    pub paragraphs_dropped: usize,
}

impl DuplicateJson<'_> {
    /// The CSV columns of `morgue duplicates` (members as JSON text).
    pub const COLUMNS: &'static [&'static str] = &["cluster", "size", "members"];
}

impl<'a> From<&'a crate::query::copies::CopyReport> for DuplicateJson<'a> {
    fn from(r: &'a crate::query::copies::CopyReport) -> Self {
        DuplicateJson {
            schema_version: SCHEMA_VERSION,
            cluster: &r.cluster,
            size: r.members.len(),
            members: r
                .members
                .iter()
                .map(|m| DuplicateMemberJson {
                    id: &m.id,
                    title: &m.title,
                    published: m.published.map(|d| d.to_string()),
                    similarity: m.similarity,
                    exact: m.exact,
                    same_title: m.same_title,
                    paragraphs_added: m.paragraphs_added,
                    paragraphs_dropped: m.paragraphs_dropped,
                })
                .collect(),
        }
    }
}

/// `morgue show`: one article's stored fields and, re-read from its file, its mentions.
#[derive(Debug, Serialize)]
pub struct ShowJson<'a> {
    pub schema_version: u32,
    pub id: &'a str,
    pub path: &'a str,
    pub record: Option<&'a str>,
    pub title: &'a str,
    pub published: Option<String>,
    pub byline: Option<&'a str>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub body: &'a str,
    pub people: &'a [String],
    pub companies: &'a [String],
    pub organizations: &'a [String],
    pub places: &'a [String],
    /// The ids of the other articles that are copies of the same story.
    pub copies: &'a [String],
    /// Mentions with offsets, or null when the file is gone or no longer holds the article.
    pub entities: Option<Vec<EntityJson<'a>>>,
    pub dates: Option<Vec<DateJson<'a>>>,
    /// Quotes as `morgue extract` gives them, or null as the mentions.
    pub quotes: Option<Vec<QuoteJson<'a>>>,
}

impl<'a> ShowJson<'a> {
    /// The CSV columns of `morgue show`.
    pub const COLUMNS: &'static [&'static str] = &[
        "id",
        "path",
        "record",
        "title",
        "published",
        "byline",
        "source",
        "url",
        "people",
        "companies",
        "organizations",
        "places",
        "copies",
        "body",
    ];

    /// `hit` holds the stored fields with the whole body as its snippet; `article` the
    /// re-extracted article, if it could be; `table` the archive's entities, if it could be
    /// read; `copies` the ids of its copies.
    pub fn new(
        hit: &'a Hit,
        article: Option<&'a Article>,
        table: Option<&crate::resolve::EntityTable>,
        copies: &'a [String],
    ) -> Self {
        let full = article.map(ArticleJson::from);
        let (entities, dates, quotes) = match full {
            Some(a) => (Some(a.entities), Some(a.dates), Some(a.quotes)),
            None => (None, None, None),
        };
        let entities = entities.map(|mut list| {
            for (json, mention) in list
                .iter_mut()
                .zip(article.map_or(&[][..], |a| &a.entities))
            {
                let term = crate::index::schema::entity_key(mention.kind, &mention.canonical);
                json.entity_id = table.and_then(|t| Some(t.get(t.of_term(&term)?).id()));
            }
            list
        });
        ShowJson {
            schema_version: SCHEMA_VERSION,
            id: &hit.id,
            path: &hit.path,
            record: hit.record.as_deref(),
            title: &hit.title,
            published: hit.published.map(|d| d.to_string()),
            byline: hit.byline.as_deref(),
            source: hit.source.as_deref(),
            url: hit.url.as_deref(),
            body: &hit.snippet,
            people: &hit.people,
            companies: &hit.companies,
            organizations: &hit.organizations,
            places: &hit.places,
            copies,
            entities,
            dates,
            quotes,
        }
    }
}

/// A batch-mode result: the shape it wraps, with the query that produced it and that query's
/// 0-based index among the non-blank input lines. Outside batch mode the tags are left out.
#[derive(Debug, Serialize)]
pub struct Tagged<'a, T> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<&'a str>,
    #[serde(flatten)]
    pub value: T,
}

/// Which query of a batch a result answers.
#[derive(Debug, Clone, Copy)]
pub struct BatchTag<'a> {
    /// The 0-based index of the query among the non-blank input lines.
    pub index: usize,
    pub query: &'a str,
}

impl<'a, T> Tagged<'a, T> {
    pub fn new(tag: Option<BatchTag<'a>>, value: T) -> Self {
        Tagged {
            query_index: tag.map(|t| t.index),
            query: tag.map(|t| t.query),
            value,
        }
    }
}

/// `morgue eval facets --json`: one object, the scores of each type's top list.
#[derive(Debug, Serialize)]
pub struct FacetsEvalJson {
    pub schema_version: u32,
    pub corpus: String,
    pub judged_files: Vec<String>,
    pub top: usize,
    pub articles: u64,
    pub failures: Vec<FailureJson>,
    pub types: Vec<FacetsTypeJson>,
    pub overall: FacetsTotalsJson,
    pub splits: Vec<FacetsSplitJson>,
}

/// The counts of one or all top lists; `precision` is `ok / judged`, null when none is judged.
#[derive(Debug, Serialize)]
pub struct FacetsTotalsJson {
    pub listed: usize,
    pub judged: usize,
    pub ok: usize,
    pub wrong: usize,
    pub unjudged: usize,
    pub precision: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct FacetsTypeJson {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(flatten)]
    pub totals: FacetsTotalsJson,
    pub wrong_names: Vec<JudgedNameJson>,
    pub unjudged_names: Vec<JudgedNameJson>,
}

/// A listed name; `note` is the judgement's, left out for unjudged names.
#[derive(Debug, Serialize)]
pub struct JudgedNameJson {
    pub name: String,
    pub articles: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One entity counted under several names; `note` is null when the names fold alike.
#[derive(Debug, Serialize)]
pub struct FacetsSplitJson {
    pub names: Vec<EntityCountJson>,
    pub note: Option<String>,
}

impl From<Totals> for FacetsTotalsJson {
    fn from(t: Totals) -> Self {
        FacetsTotalsJson {
            listed: t.listed,
            judged: t.judged,
            ok: t.ok,
            wrong: t.wrong,
            unjudged: t.unjudged,
            precision: t.precision(),
        }
    }
}

fn judged_name_json(e: &EntityCount, note: Option<&str>) -> JudgedNameJson {
    JudgedNameJson {
        name: e.name.clone(),
        articles: e.articles,
        note: note.map(str::to_string),
    }
}

impl From<&FacetsReport> for FacetsEvalJson {
    fn from(r: &FacetsReport) -> Self {
        let types = r
            .kinds
            .iter()
            .map(|k| FacetsTypeJson {
                kind: k.kind.as_str(),
                totals: k.totals().into(),
                wrong_names: k
                    .wrong
                    .iter()
                    .map(|(e, note)| judged_name_json(e, Some(note)))
                    .collect(),
                unjudged_names: k
                    .unjudged
                    .iter()
                    .map(|e| judged_name_json(e, None))
                    .collect(),
            })
            .collect();
        FacetsEvalJson {
            schema_version: SCHEMA_VERSION,
            corpus: r.corpus.display().to_string(),
            judged_files: r
                .judged_files
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
            top: r.top,
            articles: r.articles,
            failures: failures_json(&r.failures),
            types,
            overall: r.overall().into(),
            splits: r
                .splits
                .iter()
                .map(|s| FacetsSplitJson {
                    names: s.names.iter().map(EntityCountJson::from).collect(),
                    note: s.note.clone(),
                })
                .collect(),
        }
    }
}
