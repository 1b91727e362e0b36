//! From a raw article to an [`Article`]: boilerplate removed, publication date normalised,
//! entities and mentioned dates found in the title and the body.

pub mod boilerplate;
pub mod dates;
pub mod entities;
pub mod gazetteer;
pub mod timestamp;

use std::path::Path;

use crate::article::{Article, DateMention, TextField};
use crate::parse::RawArticle;

/// Run every extractor over one raw article.
pub fn extract(path: &Path, raw: RawArticle) -> Article {
    let body = boilerplate::strip_trailing(&raw.body).to_string();
    let published = raw
        .published
        .as_deref()
        .and_then(timestamp::parse_published);
    let title = raw.title.unwrap_or_default();
    let entities = entities::find_entities(&title, &body);
    let mut mentioned = Vec::new();
    for (field, text) in [(TextField::Title, &title), (TextField::Body, &body)] {
        mentioned.extend(
            dates::find_dates(text, published)
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
        entities,
        dates: mentioned,
    }
}
