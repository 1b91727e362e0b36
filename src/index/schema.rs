//! The index schema: one place that names every field, declares how it is indexed, and hands
//! out the field handles. Every other module asks it; nobody re-declares a field.
//!
//! | field | kind | what |
//! |---|---|---|
//! | `path` | raw string, stored | the file's absolute path, as lossless text (`manifest::path_key`); replacing a file deletes by it |
//! | `record` | stored only | the record key within a multi-article file |
//! | `title`, `body` | text with positions, stored | each word as its stem and as written (`index::analyzer`): words and phrases find any form, `=word` the form written |
//! | `byline`, `source` | text, stored | |
//! | `url` | raw string, stored | |
//! | `published` | date, indexed, fast, stored | the publication day (UTC midnight) |
//! | `person`, `company`, `org`, `place` | text with positions, no field norms, stored | canonical names, each written once per unit of its weight (below); `person:pompeo` and `person:"mike pompeo"` both match |
//! | `entity` | raw string, fast | `kind:Canonical Name`, one term per distinct entity: document counts from the term dictionary, per-query counts from the fast column |
//! | `evidence` | raw string, indexed, fast | what the article says about names, for the archive pass (`crate::resolve`): `acronym:LETTERS␟LONG FORM KEY` for each acronym it defines, `other:NAME` for each name of no entity kind it holds; the fast column gives a removed article's terms |
//! | `mentions` | date, indexed, fast | first day of each date mentioned in the text |
//! | `quote` | text with positions | the words of each direct quote (`crate::extract::quotes`: in quotation marks), stemmed as in `body`: `quote:"national security"` |
//! | `said` | text with positions, no field norms | each quote's speaker: the canonical name it resolves to, else the source as written: `said:pompeo`, `said:"mike pompeo"` |
//! | `quotes` | stored only | each quote's ranges in the body, speaker and entity, as `index::quotes` spells them: what answers list and hits carry |
//! | `speaker` | raw string, fast | `kind:Canonical Name` of each entity quoted, one term per distinct entity: who is quoted most |
//! | `copy_sketch` | bytes, fast | the body's copy signature (`crate::copies`): word count, exact fingerprint, MinHash bins; read by the copy pass |
//! | `file_size`, `file_mtime` | fast | the file as it was when indexed: the manifest |
//!
//! An article's id (`path`, or `path#record` in a multi-article file) is not a field of its
//! own: it is derived from the stored `path` and `record` (`article::article_id`), and
//! `morgue show ID` finds the article by its `path` term.
//!
//! The index is its own manifest: every document carries its file's path, size and
//! modification time, so what was indexed from which file is committed atomically with the
//! articles themselves. The extractor version rides in the commit payload.
//!
//! Stored fields are compressed with zstd (level 1, `index::DOCSTORE_ZSTD_LEVEL`), set when
//! the index is created.
//!
//! An entity field ranks by how central each entity is to its article. The index writes an
//! entity's canonical name into its kind's field as many times as it weighs: 4 when the title
//! names it, one per body mention up to 8, and 2 more when the body first names it in its first
//! fifth (1 in its first half); see `extraction::centrality`. BM25's term frequency is then
//! that weight, and with field norms off an article naming many other entities is not marked
//! down for it: `person:"gordon brown"` puts "Profile: Gordon Brown" before an article naming
//! him once at its end, and `--explain` shows the weight as the term's `freq`. Weighting in the
//! index keeps query time what it was (no stored document is read to rank) and costs a few
//! more positions per entity; the stored values repeat too, and readers keep each name once
//! (`query::search`). The `entity` field keeps one term per distinct entity, so counts are
//! articles, not mentions.
//!
//! Text fields are split on non-alphanumerics, lowercased and accent-folded; `title` and
//! `body` also hold each word's English stem (see [`super::analyzer`]).

use tantivy::Index;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

use super::analyzer;
use crate::article::EntityKind;

pub const PATH: &str = "path";
pub const RECORD: &str = "record";
pub const TITLE: &str = "title";
pub const BODY: &str = "body";
pub const BYLINE: &str = "byline";
pub const SOURCE: &str = "source";
pub const URL: &str = "url";
pub const PUBLISHED: &str = "published";
pub const PERSON: &str = "person";
pub const COMPANY: &str = "company";
pub const ORG: &str = "org";
pub const PLACE: &str = "place";
pub const ENTITY: &str = "entity";
pub const MENTIONS: &str = "mentions";
pub const EVIDENCE: &str = "evidence";

/// The `evidence` term prefix of an acronym an article defines.
pub const EVIDENCE_ACRONYM: &str = "acronym:";
/// The `evidence` term prefix of a name that is no person, company, organisation or place.
pub const EVIDENCE_OTHER: &str = "other:";
/// Between an acronym and its long form in an `evidence` term.
pub const EVIDENCE_SEPARATOR: char = '\u{1f}';
pub const QUOTE: &str = "quote";
pub const SAID: &str = "said";
pub const QUOTES: &str = "quotes";
pub const SPEAKER: &str = "speaker";
pub const COPY_SKETCH: &str = "copy_sketch";
pub const FILE_SIZE: &str = "file_size";
pub const FILE_MTIME: &str = "file_mtime";

/// Handles to every field of a morgue index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub path: Field,
    pub record: Field,
    pub title: Field,
    pub body: Field,
    pub byline: Field,
    pub source: Field,
    pub url: Field,
    pub published: Field,
    pub person: Field,
    pub company: Field,
    pub org: Field,
    pub place: Field,
    pub entity: Field,
    pub mentions: Field,
    pub evidence: Field,
    pub quote: Field,
    pub said: Field,
    pub quotes: Field,
    pub speaker: Field,
    pub copy_sketch: Field,
    pub file_size: Field,
    pub file_mtime: Field,
}

impl Fields {
    /// The field holding canonical names of one entity kind.
    pub fn entity_field(&self, kind: EntityKind) -> Field {
        match kind {
            EntityKind::Person => self.person,
            EntityKind::Company => self.company,
            EntityKind::Organization => self.org,
            EntityKind::Place => self.place,
        }
    }

    /// Look the fields up in an existing index's schema; `None` if it is not morgue's.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            path: f(PATH)?,
            record: f(RECORD)?,
            title: f(TITLE)?,
            body: f(BODY)?,
            byline: f(BYLINE)?,
            source: f(SOURCE)?,
            url: f(URL)?,
            published: f(PUBLISHED)?,
            person: f(PERSON)?,
            company: f(COMPANY)?,
            org: f(ORG)?,
            place: f(PLACE)?,
            entity: f(ENTITY)?,
            mentions: f(MENTIONS)?,
            evidence: f(EVIDENCE)?,
            quote: f(QUOTE)?,
            said: f(SAID)?,
            quotes: f(QUOTES)?,
            speaker: f(SPEAKER)?,
            copy_sketch: f(COPY_SKETCH)?,
            file_size: f(FILE_SIZE)?,
            file_mtime: f(FILE_MTIME)?,
        })
    }
}

/// Build the schema.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let indexing = |analyzer: &str, positions: bool| {
        let option = if positions {
            IndexRecordOption::WithFreqsAndPositions
        } else {
            IndexRecordOption::WithFreqs
        };
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(option)
    };
    let text = |analyzer: &str, positions: bool| {
        TextOptions::default()
            .set_indexing_options(indexing(analyzer, positions))
            .set_stored()
    };
    // An entity field's term frequency is the entity's weight in its article; its length
    // (how many other entities the article names) is no measure of it.
    let names = TextOptions::default()
        .set_indexing_options(indexing(analyzer::WORDS, true).set_fieldnorms(false))
        .set_stored();
    let day = DateOptions::default()
        .set_indexed()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    let fields = Fields {
        path: b.add_text_field(PATH, STRING | STORED),
        record: b.add_text_field(RECORD, STORED),
        title: b.add_text_field(TITLE, text(analyzer::FORMS, true)),
        body: b.add_text_field(BODY, text(analyzer::FORMS, true)),
        byline: b.add_text_field(BYLINE, text(analyzer::WORDS, false)),
        source: b.add_text_field(SOURCE, text(analyzer::WORDS, false)),
        url: b.add_text_field(URL, STRING | STORED),
        published: b.add_date_field(PUBLISHED, day.clone().set_stored()),
        person: b.add_text_field(PERSON, names.clone()),
        company: b.add_text_field(COMPANY, names.clone()),
        org: b.add_text_field(ORG, names.clone()),
        place: b.add_text_field(PLACE, names),
        entity: b.add_text_field(ENTITY, STRING | FAST),
        mentions: b.add_date_field(MENTIONS, day),
        evidence: b.add_text_field(EVIDENCE, STRING | FAST),
        quote: b.add_text_field(
            QUOTE,
            TextOptions::default().set_indexing_options(indexing(analyzer::FORMS, true)),
        ),
        said: b.add_text_field(
            SAID,
            TextOptions::default()
                .set_indexing_options(indexing(analyzer::WORDS, true).set_fieldnorms(false)),
        ),
        quotes: b.add_text_field(QUOTES, STORED),
        speaker: b.add_text_field(SPEAKER, STRING | FAST),
        copy_sketch: b.add_bytes_field(COPY_SKETCH, FAST),
        file_size: b.add_u64_field(FILE_SIZE, FAST),
        file_mtime: b.add_i64_field(FILE_MTIME, FAST),
    };
    (b.build(), fields)
}

/// Register the analyzers on an index (needed after every open).
pub fn register_analyzers(index: &Index) {
    index
        .tokenizers()
        .register(analyzer::WORDS, analyzer::words());
    index
        .tokenizers()
        .register(analyzer::FORMS, analyzer::forms());
}

/// The `entity` field's term for one canonical name.
pub fn entity_key(kind: EntityKind, canonical: &str) -> String {
    format!("{}:{}", kind.as_str(), canonical)
}
