//! Short lines that are page furniture whatever their markup: widget
//! labels, gallery controls, and stand-alone date and credit lines.

/// Lines longer than this (in bytes) are never furniture.
const MAX_FURNITURE_BYTES: usize = 80;
/// Lines longer than this (in bytes) never start with a [`LABEL_PREFIXES`] label.
const MAX_LABELLED_BYTES: usize = 60;

/// Whole lines (lowercase, trimmed of punctuation) that are labels.
const LABELS: &[&str] = &[
    "advert",
    "advertisement",
    "ad",
    "ads",
    "caption",
    "close",
    "back to gallery",
    "comments",
    "comment",
    "subscribe",
    "tags",
    "topics",
    "categories",
    "trending",
    "you may also like",
    "related",
    "related articles",
    "related stories",
    "read more",
    "share",
    "share this",
    "share this article",
    "share this story",
    "sponsored",
    "sponsored links",
    "most read",
    "most popular",
    "recommended",
    "follow us",
    "sign up",
    "print",
    "email",
    "loading",
    "this slideshow requires javascript",
    "tell us what you think",
    "video loading",
    "video unavailable",
    "recommended videos",
    "story saved",
    "table of contents",
    "sign in or create an account",
    "we apologize, but this video has failed to load",
    "like this story? share it with a friend",
];

/// Openings of short credit and date lines ("Photo: …", "Updated on …").
const LABEL_PREFIXES: &[&str] = &[
    "photo:",
    "image:",
    "credit:",
    "image source:",
    "posted:",
    "updated:",
    "published:",
    "posted on ",
    "updated at ",
    "updated on ",
    "published on ",
    "last updated",
];

/// Openings of a byline ("By Jane Doe", "Von Jane Doe").
const BYLINE_PREFIXES: &[&str] = &["by ", "von ", "par ", "por "];
/// Most words in a line that is just a byline.
const MAX_BYLINE_WORDS: usize = 6;
/// Most words in a line that is just a dateline.
const MAX_DATELINE_WORDS: usize = 8;
/// Most words in a line that is just a relative time ("Jane Doe | Published 4 months ago").
const MAX_RELATIVE_TIME_WORDS: usize = 10;

/// Units of a relative time ("21 mins ago").
const TIME_UNITS: &[&str] = &["sec", "min", "hour", "hr", "day", "week", "month", "year"];

/// Whether a paragraph's text is a furniture line: a label, a credit or date
/// line, a stand-alone byline or dateline. Staff credits ("Reporting by …;
/// Editing by …") are not: `parse::finish` drops them and takes the
/// reporters for the byline.
pub(super) fn is_boilerplate_line(text: &str) -> bool {
    if text.len() > MAX_FURNITURE_BYTES {
        return false;
    }
    let trimmed = text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '.' | '…' | '!' | '|' | '-' | '»' | '›')
    });
    let lower = trimmed.to_lowercase();
    if LABELS.contains(&lower.as_str()) {
        return true;
    }
    if text.len() <= MAX_LABELLED_BYTES && LABEL_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    let words = trimmed.split_whitespace().count();
    if words <= MAX_BYLINE_WORDS && BYLINE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    // A stand-alone dateline: "28.04.2024 | 09:36 Uhr", "Nov. 18, 2019 5:02 PM",
    // "Jane Doe | Published 4 months ago".
    (words <= MAX_DATELINE_WORDS && looks_like_dateline(trimmed))
        || (words <= MAX_RELATIVE_TIME_WORDS && is_relative_time(&lower))
}

/// "… 4 months ago …", "21 mins ago" (in lowercase).
fn is_relative_time(lower: &str) -> bool {
    let Some(pos) = lower.find(" ago") else {
        return false;
    };
    let before: Vec<&str> = lower[..pos].split_whitespace().rev().take(2).collect();
    matches!(before.as_slice(), [unit, n]
        if n.chars().all(|c| c.is_ascii_digit())
            && TIME_UNITS.iter().any(|u| unit.starts_with(u)))
}

/// A line that is mostly a date: at least four digits, few letters, and
/// read by [`super::date::normalize_date`].
fn looks_like_dateline(text: &str) -> bool {
    let digits = text.chars().filter(|c| c.is_ascii_digit()).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    digits >= 4 && letters <= 24 && super::date::normalize_date(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        assert!(is_boilerplate_line("Advertisement"));
        assert!(is_boilerplate_line("Share this story!"));
        assert!(is_boilerplate_line("Photo: A. Person"));
        assert!(is_boilerplate_line("By Jane Doe"));
        assert!(is_boilerplate_line("Jane Doe | Published 4 months ago"));
        assert!(!is_boilerplate_line(
            "By the time the river rose, the town had left."
        ));
        assert!(!is_boilerplate_line("Four months ago the council met."));
    }
}
