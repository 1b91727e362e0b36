//! From a raw article to an [`Article`]: boilerplate removed, publication date normalised,
//! entities and mentioned dates found in the title and the body.

pub mod abbreviations;
pub mod aliases;
pub mod boilerplate;
pub mod dates;
pub mod entities;
pub mod gazetteer;
pub mod quotes;
pub mod repeated;
pub mod tagger;
pub mod timestamp;
pub mod tokenize;

use std::path::Path;

/// Bumped whenever extraction changes what it produces; an index written by another version
/// is re-extracted in full on the next `morgue index`.
pub const EXTRACTOR_VERSION: u32 = 13;

use crate::article::{Article, DateMention, TextField};
use crate::parse::RawArticle;

/// How date expressions are read: vague references ("now", "recently") are kept, as
/// `PRESENT_REF`/`PAST_REF`/`FUTURE_REF`; future-tense sentences look ahead for weekdays.
const DATE_OPTIONS: dates::DateOptions = dates::DateOptions {
    vague_refs: true,
    future_tense: true,
};

/// Run every extractor over one raw article, with no alias file.
pub fn extract(path: &Path, raw: RawArticle) -> Article {
    extract_with(path, raw, &aliases::Aliases::default())
}

/// Run every extractor over one raw article, then apply the user's aliases.
pub fn extract_with(path: &Path, raw: RawArticle, aliases: &aliases::Aliases) -> Article {
    let mut body = raw.body;
    body.truncate(boilerplate::strip_trailing(&body).len());
    let published = raw
        .published
        .as_deref()
        .and_then(timestamp::parse_published);
    let title = raw.title.unwrap_or_default();
    let entities::Names {
        mut entities,
        others,
        other_mentions,
        title_sentences,
        body_sentences,
    } = entities::find_entities(&title, &body);
    aliases.apply(&mut entities);
    let acronyms = abbreviations::definitions(&body)
        .into_iter()
        .map(|d| (d.short, d.long))
        .collect();
    let mut quotes = quotes::find_headline_quotes(&title, &title_sentences, &entities);
    quotes.extend(quotes::find_quotes(&body, &body_sentences, &entities));
    let mut mentioned = Vec::new();
    for (field, text) in [(TextField::Title, &title), (TextField::Body, &body)] {
        mentioned.extend(
            dates::find_dates_with(text, published, &DATE_OPTIONS)
                .into_iter()
                .map(|d| DateMention {
                    text: text[d.start..d.end].to_string(),
                    value: d.value,
                    field,
                    start: d.start,
                    end: d.end,
                }),
        );
    }
    Article {
        path: path.to_path_buf(),
        record: raw.record,
        title,
        body,
        byline: raw.byline,
        published,
        source: raw.source,
        url: raw.url,
        language: raw.language,
        acronyms,
        entities,
        others,
        other_mentions,
        quotes,
        dates: mentioned,
    }
}
