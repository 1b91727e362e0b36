//! Text that travels with a story but is not news: comment policies, newsletter pitches,
//! "read more" links and copyright lines at the end of a body.

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

#[cfg(test)]
mod tests {
    use super::*;

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
