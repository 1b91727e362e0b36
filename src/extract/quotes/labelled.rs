//! Words a speaker's name opens with a colon, as headlines and transcripts write them:
//! "Pompeo: TikTok Is a Threat" (a headline), "PENCE: Well, look, …" (a paragraph of a
//! transcript). The content runs from past the colon to the end of the line. The name
//! must end as the name of a person the article names does ("Pence" for "Mike Pence"): a
//! topic ("Brexit: …") or a column's name ("Ask Amy: …") opens a headline the same way.

use super::{Attribution, Text, cues, source};
use crate::article::EntityMention;

/// The most tokens of a name before its colon ("Retired Lt. Gen. Michael Flynn").
const NAME_TOKENS: usize = 6;

/// The fewest tokens a content after the colon holds.
const CONTENT_MIN_TOKENS: usize = 3;

/// Labels a headline opens with that name no speaker ("The Latest: …", "Watch: …").
const NOT_SPEAKERS: &[&str] = &[
    "analysis",
    "breaking",
    "clarification",
    "contact",
    "correction",
    "credit",
    "editorial",
    "exclusive",
    "explainer",
    "factbox",
    "interview",
    "latest",
    "live",
    "note",
    "notes",
    "opinion",
    "photo",
    "photos",
    "related",
    "review",
    "source",
    "sources",
    "update",
    "updated",
    "video",
    "watch",
    "wow",
];

/// Where the speakers' lines are looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lines {
    /// A headline: one line, its name written in any case.
    Headline,
    /// A body: each paragraph, its name in capitals as a transcript writes it.
    Transcript,
}

/// The attributions of the lines of `text` that a person's name opens; `entities` are
/// the article's, in any field.
pub(super) fn attributions(
    text: &Text,
    lines: Lines,
    entities: &[EntityMention],
) -> Vec<Attribution> {
    let speaks = |a: &Attribution| {
        (a.source)
            .is_some_and(|(_, last)| source::person_ending(entities, text.word(last)).is_some())
    };
    let read = match lines {
        Lines::Headline => 1,
        Lines::Transcript => usize::MAX,
    };
    (text.runs(Text::paragraph).take(read))
        .filter_map(|run| line(text, run, lines))
        .filter(speaks)
        .collect()
}

/// The attribution of tokens `first..=last`, one line, when a name and a colon open it.
fn line(text: &Text, (first, last): (usize, usize), lines: Lines) -> Option<Attribution> {
    let colon = (first..=last.min(first + NAME_TOKENS)).find(|&i| text.word(i) == ":")?;
    let name = (first, colon.checked_sub(1).filter(|&n| n >= first)?);
    let words = || (name.0..=name.1).map(|i| text.word(i));
    let named = match lines {
        Lines::Headline => words().all(|w| starts_upper(w) || is_joining(w)),
        Lines::Transcript => words().all(|w| is_capitals(w) || is_joining(w)),
    };
    let labels = words().any(|w| cues::in_list(NOT_SPEAKERS, w));
    let mut end = last;
    while end > colon && cues::is_terminator(text.word(end)) {
        end -= 1;
    }
    let content = (colon + 1, end);
    let enough = content.1 + 1 >= content.0 + CONTENT_MIN_TOKENS;
    (named && !labels && enough && starts_upper(text.word(name.0))).then(|| Attribution {
        parts: vec![content],
        direct: false,
        cue: Some((colon, colon)),
        source: Some(name),
    })
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A name's word in capitals ("PENCE", "MCCONNELL"), of two letters at least.
fn is_capitals(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| !c.is_lowercase())
}

/// What may stand between a name's words ("Sec. of State", "Lt. Gen.").
fn is_joining(word: &str) -> bool {
    matches!(word, "." | "of" | "-" | "'s" | "\u{2019}s")
}
