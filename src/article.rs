//! Plain domain types: what an article is once it has been parsed and extracted.
//!
//! These types know nothing about JSON or tantivy; [`crate::output`] and [`crate::index`]
//! translate them.

use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;

/// Which text field of an article a mention was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    Title,
    Body,
}

impl TextField {
    pub fn as_str(self) -> &'static str {
        match self {
            TextField::Title => "title",
            TextField::Body => "body",
        }
    }
}

/// The four kinds of named entity morgue indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Person,
    Company,
    Organization,
    Place,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Company,
        EntityKind::Organization,
        EntityKind::Place,
    ];

    /// The name used in JSON output and in `morgue stats`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Company => "company",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
        }
    }

    /// The other names this kind is known by, wherever a kind is named: the query language
    /// (`org:`), `morgue entities --type`, facet keys and alias files.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            EntityKind::Person => &["people"],
            EntityKind::Company => &[],
            EntityKind::Organization => &["organisation", "org"],
            EntityKind::Place => &[],
        }
    }

    /// The kind a name stands for: its [`as_str`](Self::as_str) name or one of its
    /// [`aliases`](Self::aliases), in lower case.
    pub fn named(name: &str) -> Option<EntityKind> {
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str() == name || k.aliases().contains(&name))
    }

    /// The query-language prefix that filters on this kind (`person:`, `company:`, …).
    pub fn query_prefix(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Company => "company",
            EntityKind::Organization => "org",
            EntityKind::Place => "place",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One occurrence of a named entity in a text field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    /// The text as it stands in the article (`Mr Pompeo`'s `Pompeo`).
    pub text: String,
    pub kind: EntityKind,
    /// The name the article resolves it to (`Mike Pompeo`).
    pub canonical: String,
    pub field: TextField,
    /// Byte offsets into the field's string.
    pub start: usize,
    pub end: usize,
}

/// One occurrence of a name that is none of the four kinds: a work, an award, an event, a
/// product or another of the tagger's miscellaneous names ("Midnight Harbour" after "the
/// film", "World Cup", "MP3", "French").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherMention {
    /// The name with its inner white space squeezed to single spaces.
    pub text: String,
    pub field: TextField,
    /// Byte offsets into the field's string.
    pub start: usize,
    pub end: usize,
}

/// One date expression found in a text field, normalised to an ISO 8601 value at its own
/// granularity (`2020-08-02`, `2020-08`, `2020`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub text: String,
    pub value: String,
    pub field: TextField,
    pub start: usize,
    pub end: usize,
}

impl DateMention {
    /// The first day of the period the value names, if it names a calendar period.
    pub fn first_day(&self) -> Option<NaiveDate> {
        crate::extract::timestamp::period_start(&self.value)
    }
}

/// Who said or wrote something, as the article names them: the source span of a
/// [`Quote`], and the person, company or organisation it refers to when the article names
/// one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The source as it stands in the body ("Mr Pompeo", "a TikTok spokesperson", "he").
    pub text: String,
    /// Byte offsets into the body.
    pub start: usize,
    pub end: usize,
    /// The canonical name of the entity the source is or refers back to, with its kind.
    pub entity: Option<(String, EntityKind)>,
}

impl Speaker {
    /// The name a `said:` query finds the speaker by: the entity's canonical name, else the
    /// source as written.
    pub fn name(&self) -> &str {
        self.entity.as_ref().map_or(&self.text, |e| &e.0)
    }
}

/// One attribution in an article's headline or body: what was said (quoted, or reported
/// in the writer's words), the word that attributes it, and who said it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The field it is in; every byte range below is into that field's text.
    pub field: TextField,
    /// The content's byte ranges, in order: one for most quotes, one a paragraph for a
    /// quote that runs over several, one each side of the cue for a quote split around it.
    /// A direct quote's ranges hold its quotation marks.
    pub parts: Vec<(usize, usize)>,
    /// Whether the content stands in quotation marks (the speaker's words), or reports
    /// them in the writer's (`Mr Trump said he would ban TikTok`).
    pub direct: bool,
    /// The cue's byte range ("said", "told", "according to", the colon of "Pompeo: …");
    /// `None` for a quote that carries on the one before it.
    pub cue: Option<(usize, usize)>,
    pub speaker: Option<Speaker>,
}

impl Quote {
    /// The byte range from the start of the first part to the end of the last.
    pub fn span(&self) -> (usize, usize) {
        let start = self.parts.first().map_or(0, |p| p.0);
        let end = self.parts.last().map_or(0, |p| p.1);
        (start, end)
    }

    /// What was said: the parts' text joined by a space, a direct quote's without its
    /// quotation marks (reported speech keeps the marks of the words it quotes); `body` is
    /// the text of the quote's field.
    pub fn text(&self, body: &str) -> String {
        let marks: &[char] = if self.direct {
            &[
                '"', '\u{201c}', '\u{201d}', '\u{201e}', '\u{ab}', '\u{bb}', '\u{2018}',
                '\u{2019}', '\'',
            ]
        } else {
            &[]
        };
        let parts: Vec<&str> = (self.parts.iter())
            .filter_map(|&(start, end)| body.get(start..end))
            .map(|part| part.trim().trim_matches(marks).trim())
            .filter(|part| !part.is_empty())
            .collect();
        parts.join(" ")
    }
}

/// A fully extracted article, ready to be indexed or printed.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// The file it came from.
    pub path: PathBuf,
    /// Which record of that file, for files holding many articles (JSON lines, SGML).
    pub record: Option<String>,
    pub title: String,
    pub body: String,
    pub byline: Option<String>,
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The language tag the source declares, if any (reported by `morgue extract`, not
    /// indexed).
    pub language: Option<String>,
    pub entities: Vec<EntityMention>,
    /// Names that are none of the four kinds: works, awards, events, products, nationality
    /// and party adjectives, holidays and the tagger's miscellaneous names, distinct, in
    /// order of first mention. Indexed only as
    /// evidence for the archive pass (a name mostly found as one of these is left out of
    /// entity answers).
    pub others: Vec<String>,
    /// Every mention of those names, with its field and offsets, in text order (title
    /// first).
    pub other_mentions: Vec<OtherMention>,
    /// Acronyms the text defines, as (short form, long form): "the European Community
    /// (EC)" gives ("EC", "European Community"). Indexed only as evidence for the archive
    /// pass.
    pub acronyms: Vec<(String, String)>,
    pub dates: Vec<DateMention>,
    /// The attributions of the headline, then of the body, in text order.
    pub quotes: Vec<Quote>,
}

/// An article's id from its file's path and its record key: `path`, or `path#record` for an
/// article of a multi-article file. The index stores the two parts, not the id.
pub fn article_id(path: &str, record: Option<&str>) -> String {
    match record {
        Some(r) => format!("{path}#{r}"),
        None => path.to_string(),
    }
}

/// The ways an id may split into a path and a record, as [`article_id`] joins them: the
/// whole id as a path first (a path may hold a `#`), then each split at a `#`, last first.
pub fn id_splits(id: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
    let splits = id
        .rmatch_indices('#')
        .map(|(at, _)| (&id[..at], Some(&id[at + 1..])));
    std::iter::once((id, None)).chain(splits)
}

impl Article {
    /// The text of one of its fields: the title or the body.
    pub fn text_of(&self, field: TextField) -> &str {
        match field {
            TextField::Title => &self.title,
            TextField::Body => &self.body,
        }
    }

    /// A stable identifier: the path, plus `#record` for multi-article files.
    pub fn id(&self) -> String {
        article_id(&crate::index::path_key(&self.path), self.record.as_deref())
    }

    /// The distinct canonical names of one kind, in order of first mention.
    pub fn canonical_names(&self, kind: EntityKind) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for e in self.entities.iter().filter(|e| e.kind == kind) {
            if !seen.contains(&e.canonical.as_str()) {
                seen.push(&e.canonical);
            }
        }
        seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_is_found_by_each_of_its_names() {
        let check = |name: &str, want: Option<EntityKind>| {
            assert_eq!(EntityKind::named(name), want, "{name:?}")
        };
        check("person", Some(EntityKind::Person));
        check("people", Some(EntityKind::Person));
        check("company", Some(EntityKind::Company));
        check("organization", Some(EntityKind::Organization));
        check("organisation", Some(EntityKind::Organization));
        check("org", Some(EntityKind::Organization));
        check("place", Some(EntityKind::Place));
        check("Person", None);
        check("places", None);
        for kind in EntityKind::ALL {
            assert_eq!(EntityKind::named(kind.query_prefix()), Some(kind));
        }
    }
}
