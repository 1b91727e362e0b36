//! Text that travels with a story but is not news: comment policies, newsletter pitches,
//! "read more" links and copyright lines at the end of a body ([`strip_trailing`]), and
//! paragraphs that a source repeats verbatim in many of its articles ([`strip_repeated`]).

use regex::Regex;
use std::sync::LazyLock;

/// How many trailing paragraphs are examined.
const MAX_TRAILING: usize = 8;

static CUES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bcomments?\s*(?::|policy|rules|section|are\ closed|have\ been\ closed)
      | \bour\ (?:comments|rules|community\ (?:guidelines|standards))\b
      | \breport\ (?:any\ |abusive\ )?comments\b
      | \b(?:sign\ up|subscribe)\ (?:for|to|now)\b
      | \b(?:our|free|daily|weekly|email)\ newsletters?\b
      | ^\s*read\ (?:more|the\ rules|next|also)\b
      | ^\s*(?:related|more\ on\ this|see\ also|recommended)\b
      | \ball\ rights\ reserved\b
      | ^\s*(?:©|\(c\)\ |copyright\b)
      | \bfollow\ us\ on\b
      | \bshare\ (?:this|on)\b
      | \bclick\ here\b
      | \b(?:terms\ of\ (?:use|service)|privacy\ policy|cookie\ policy)\b
      | ^\s*advertisement\s*$
    ",
    )
    .expect("boilerplate cues compile")
});

/// The body with trailing boilerplate paragraphs removed. Paragraphs are separated by blank
/// lines (or single newlines in files that use one line per paragraph).
pub fn strip_trailing(body: &str) -> &str {
    let mut end = body.trim_end().len();
    for _ in 0..MAX_TRAILING {
        let text = &body[..end];
        let start = text.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let paragraph = &text[start..];
        if paragraph.trim().is_empty() || !CUES.is_match(paragraph) {
            break;
        }
        if start == 0 {
            // Never strip a story down to nothing.
            break;
        }
        end = text[..start].trim_end().len();
    }
    &body[..end]
}

/// A paragraph found verbatim in this many articles of one source is boilerplate.
pub const MIN_REPEATS: usize = 5;
/// Longest paragraph, in bytes, that can be taken for boilerplate: taglines, promotions,
/// disclaimers and bylines are short; a long paragraph repeated is a syndicated story.
pub const MAX_REPEATED_BYTES: usize = 400;
/// Fewest words in a paragraph that can be taken for boilerplate.
const MIN_WORDS: usize = 5;

/// Drop, from a set of articles held together (the records of one multi-article file),
/// every short paragraph that appears verbatim in at least [`MIN_REPEATS`] articles of the
/// same group. `group` names an article's source (site name, host); articles are only
/// compared within their group. An article that would be left empty keeps its body as it
/// was. Returns how many paragraphs were dropped.
///
/// Paragraphs are the blocks between blank lines, or lines when a body has no blank line.
/// Deterministic: the result depends only on the set of articles, not on their order.
pub fn strip_repeated<K: Eq + std::hash::Hash>(
    bodies: &mut [String],
    group: impl Fn(usize) -> K,
) -> usize {
    use std::collections::{HashMap, HashSet};
    if bodies.len() < MIN_REPEATS {
        return 0;
    }
    // (group, paragraph) -> how many articles hold it.
    let mut counts: HashMap<(K, &str), usize> = HashMap::new();
    for (i, body) in bodies.iter().enumerate() {
        let mut seen: HashSet<&str> = HashSet::new();
        for p in paragraphs(body) {
            if p.len() <= MAX_REPEATED_BYTES && is_prose(p) && seen.insert(p) {
                *counts.entry((group(i), p)).or_default() += 1;
            }
        }
    }
    let mut repeated: HashMap<K, HashSet<String>> = HashMap::new();
    for ((k, p), n) in counts {
        if n >= MIN_REPEATS {
            repeated.entry(k).or_default().insert(p.to_string());
        }
    }
    if repeated.is_empty() {
        return 0;
    }
    let mut dropped = 0;
    for (i, body) in bodies.iter_mut().enumerate() {
        let sep = separator(body);
        let Some(lines) = repeated.get(&group(i)) else {
            continue;
        };
        let mut kept: Vec<&str> = Vec::new();
        let mut gone = 0;
        for p in paragraphs(body) {
            if lines.contains(p) {
                gone += 1;
            } else {
                kept.push(p);
            }
        }
        if gone > 0 && !kept.is_empty() {
            *body = kept.join(sep);
            dropped += gone;
        }
    }
    dropped
}

/// A sentence-like paragraph: at least [`MIN_WORDS`] words, three of them lowercase
/// words. Table rows ("Nine mths", "MTH LAST HIGH LOW"), dates ("Pay April 15") and short
/// stock phrases ("Terms were not disclosed.") repeat in newswire because they are news
/// in a fixed form, not boilerplate.
fn is_prose(p: &str) -> bool {
    let mut words = 0;
    let mut lower = 0;
    for w in p.split_whitespace() {
        words += 1;
        if w.chars().any(char::is_lowercase)
            && w.trim_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .all(char::is_alphabetic)
        {
            lower += 1;
        }
        if words >= MIN_WORDS && lower >= 3 {
            return true;
        }
    }
    false
}

/// How a body separates its paragraphs.
fn separator(body: &str) -> &'static str {
    if body.contains("\n\n") { "\n\n" } else { "\n" }
}

/// A body's paragraphs, trimmed, blank ones left out.
fn paragraphs(body: &str) -> impl Iterator<Item = &str> {
    body.split(separator(body))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_repeated_across_a_source_are_dropped() {
        let promo = "Get the Harbour Gazette app for breaking news alerts.";
        let mut bodies: Vec<String> = (0..6)
            .map(|i| format!("Story number {i} about the port.\n\n{promo}\n\nA closing line {i}."))
            .collect();
        // Another source carries the same line fewer times: it stays there.
        bodies.push(format!("Other paper story.\n\n{promo}"));
        // An article that is nothing but the repeated line keeps it.
        bodies.push(promo.to_string());
        let groups = |i: usize| if i == 6 { "other" } else { "gazette" };
        let dropped = strip_repeated(&mut bodies, groups);
        assert_eq!(dropped, 6);
        assert_eq!(
            bodies[0],
            "Story number 0 about the port.\n\nA closing line 0."
        );
        assert_eq!(bodies[6], format!("Other paper story.\n\n{promo}"));
        assert_eq!(bodies[7], promo);

        // Table rows and stock phrases repeat in newswire as news: they stay.
        let mut wire: Vec<String> = (0..9)
            .map(|i| {
                format!("Shr {i} cts vs 1 ct\nNine mths\nPay April 15\nTerms were not disclosed.")
            })
            .collect();
        assert_eq!(strip_repeated(&mut wire, |_| ()), 0);

        // Fewer articles than the threshold: nothing is touched.
        let mut few: Vec<String> = (0..4).map(|i| format!("S{i}.\n{promo}")).collect();
        assert_eq!(strip_repeated(&mut few, |_| ()), 0);
    }

    #[test]
    fn trailing_blocks_are_cut() {
        let check = |body: &str, want: &str| assert_eq!(strip_trailing(body), want);
        check(
            "Rates rose.\n\nBanks declined to comment.\n\nSign up for our daily newsletter.\n\nRead more: rates",
            "Rates rose.\n\nBanks declined to comment.",
        );
        check(
            "The vote passed.\nComments: Our rules\nWe want our comments to be civil.\nPlease report any comments that break our rules.",
            "The vote passed.",
        );
        check(
            "Copyright law changed today.",
            "Copyright law changed today.",
        );
        check(
            "Story.\n\nThe newsletter editor resigned on Monday after a row.",
            "Story.\n\nThe newsletter editor resigned on Monday after a row.",
        );
    }
}
