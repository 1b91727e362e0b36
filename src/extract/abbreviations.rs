//! Acronyms defined in a text, "long form (SF)" or "SF (long form)", by the method of
//! Schwartz and Hearst (2003, "A simple algorithm for identifying abbreviation definitions in
//! biomedical text").
//!
//! A short form is 2 to 10 characters, holds a letter, starts with a letter or digit and is at
//! most two words. Its long form is sought among the words before the parenthesis (at most
//! min(|SF| + 5, 2 |SF|) of them, |SF| in characters, not crossing a line, a parenthesis or a
//! sentence end) by matching the short form's letters and digits right to left, case aside,
//! each to a character further left, the first one at the start of a word; the long form runs
//! from that word to the parenthesis. It must be longer than the short form and not hold it as
//! a word. When the parenthesis holds no short form, the word before it may be one, with the
//! long form inside.
//!
//! Two departures, for news text: a short form must hold a capital letter, so that "(see
//! below)" or "(in dollars)" are not taken for one; and a long form never starts with "of",
//! "the", "and" or "for", the first letter matching a word start further left instead. Matching words' initials while skipping
//! "of", "the", "and" or "for" needs no rule of its own: such initials are characters at word
//! starts, in order, which the character match already accepts ("Bank of Japan (BOJ)"). The
//! match may also take a letter from inside a word: "U.S. Agriculture Department (USDA)"
//! pairs A with the a of "Department", as the published method does.

use std::ops::Range;

/// Words a long form does not start with: the first letter of a short form is matched to the
/// next word start further left instead ("Organisation of Petroleum Exporting Countries
/// (OPEC)" rather than "of Petroleum Exporting Countries").
const FUNCTION_WORDS: [&str; 4] = ["of", "the", "and", "for"];

/// One acronym definition: the short form and its long form, with their byte ranges in the
/// text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub short: String,
    pub long: String,
    pub short_at: Range<usize>,
    pub long_at: Range<usize>,
}

/// Every acronym definition in `text`, in order.
pub fn definitions(text: &str) -> Vec<Definition> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| from + i) {
        let Some(len) = text[open + 1..].find([')', '(', '\n']) else {
            break;
        };
        let close = open + 1 + len;
        from = close;
        if text[close..].starts_with(')') {
            found.extend(define(text, open, close));
        }
    }
    found
}

/// The definition the parenthesis `text[open..=close]` gives, if any.
fn define(text: &str, open: usize, close: usize) -> Option<Definition> {
    // A clause after a comma or semicolon is not part of the short form: "(EC; see below)".
    let inner_end = text[open + 1..close]
        .find([',', ';'])
        .map_or(close, |i| open + 1 + i);
    let inner = trimmed(text, open + 1, inner_end);
    if is_short_form(&text[inner.clone()]) {
        let window = words_before(text, open, max_words(&text[inner.clone()]));
        return long_form(text, inner, window);
    }
    // "SF (long form)": the word before the parenthesis is the short form.
    let before = text[..open].trim_end();
    let word_start = before.rfind(char::is_whitespace).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = word_start..before.len();
    if word.is_empty() || !is_short_form(&text[word.clone()]) {
        return None;
    }
    let window = trimmed(text, open + 1, close);
    if text[window.clone()].split_whitespace().count() > max_words(&text[word.clone()]) {
        return None;
    }
    long_form(text, word, window)
}

/// `start..end` without the whitespace at either end.
fn trimmed(text: &str, start: usize, end: usize) -> Range<usize> {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    // all whitespace: an empty range where it starts
    let tail = slice.trim_end().len().max(lead);
    start + lead..start + tail
}

fn is_short_form(s: &str) -> bool {
    let chars = s.chars().count();
    (2..=10).contains(&chars)
        && s.split_whitespace().count() <= 2
        && s.chars().next().is_some_and(char::is_alphanumeric)
        && s.chars().any(char::is_alphabetic)
        && s.chars().any(char::is_uppercase)
}

/// The most words a long form may span.
fn max_words(short: &str) -> usize {
    let n = short.chars().count();
    (n + 5).min(n * 2)
}

/// The last `max` words before byte `end`, within its line, parentheses and sentence.
fn words_before(text: &str, end: usize, max: usize) -> Range<usize> {
    let head = &text[..end];
    let mut start = 0;
    let mut after: Option<char> = None;
    let mut chars = head.char_indices().rev().peekable();
    while let Some((i, c)) = chars.next() {
        let before = chars.peek().map(|&(_, b)| b);
        let sentence_end = matches!(c, '.' | '!' | '?')
            && after.is_some_and(char::is_whitespace)
            && (c != '.' || before.is_some_and(char::is_lowercase));
        if matches!(c, '\n' | '(' | ')' | ';') || sentence_end {
            start = i + c.len_utf8();
            break;
        }
        after = Some(c);
    }
    let mut words: Vec<usize> = Vec::new();
    let mut in_word = false;
    for (i, c) in head[start..].char_indices() {
        if !c.is_whitespace() && !in_word {
            words.push(start + i);
        }
        in_word = !c.is_whitespace();
    }
    let first = words.len().saturating_sub(max);
    match words.get(first) {
        Some(&from) => trimmed(text, from, end),
        None => end..end,
    }
}

/// Match the short form at `short` within `window`; the definition if its long form holds.
fn long_form(text: &str, short: Range<usize>, window: Range<usize>) -> Option<Definition> {
    let sf = &text[short.clone()];
    let candidate: Vec<(usize, char)> = text[window.clone()].char_indices().collect();
    let mut at = candidate.len();
    let wanted: Vec<char> = sf.chars().filter(|c| c.is_alphanumeric()).collect();
    for (k, &want) in wanted.iter().enumerate().rev() {
        let first = k == 0;
        loop {
            at = at.checked_sub(1)?;
            let (_, c) = candidate[at];
            let word_start = at == 0 || !candidate[at - 1].1.is_alphanumeric();
            if same_letter(c, want) && (!first || word_start && !function_word(&candidate[at..])) {
                break;
            }
        }
    }
    // The long form starts at the word holding the first matched character.
    let from = candidate[..at]
        .iter()
        .rposition(|&(_, c)| c.is_whitespace())
        .map_or(0, |i| i + 1);
    let long_at = window.start + candidate[from].0..window.end;
    let long = &text[long_at.clone()];
    let holds_short = long.split_whitespace().any(|w| w == sf);
    (long.chars().count() > sf.chars().count() && !holds_short).then(|| Definition {
        short: sf.to_string(),
        long: long.to_string(),
        short_at: short,
        long_at,
    })
}

/// Whether the word starting the characters `rest` is one a long form never starts with.
fn function_word(rest: &[(usize, char)]) -> bool {
    let word: String = rest
        .iter()
        .map(|&(_, c)| c)
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    FUNCTION_WORDS.contains(&word.as_str())
}

fn same_letter(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, want: &[(&str, &str)]) {
        let got = definitions(text);
        let pairs: Vec<(&str, &str)> = got
            .iter()
            .map(|d| (d.short.as_str(), d.long.as_str()))
            .collect();
        assert_eq!(pairs, want, "{text:?}");
        for d in &got {
            assert_eq!(&text[d.short_at.clone()], d.short);
            assert_eq!(&text[d.long_at.clone()], d.long);
        }
    }

    #[test]
    fn long_form_then_short_form() {
        check(
            "Ministers of the European Community (EC) met in Brussels.",
            &[("EC", "European Community")],
        );
        check(
            "Officials at the U.S. Agriculture Department (USDA) said so.",
            &[("USDA", "U.S. Agriculture Department")],
        );
        check(
            "Shares of International Business Machines Corp (IBM) fell.",
            &[("IBM", "International Business Machines Corp")],
        );
        check(
            "A report by the World Health Organization (WHO) warned.",
            &[("WHO", "World Health Organization")],
        );
        check(
            "The Bank of Japan (BOJ) held rates.",
            &[("BOJ", "Bank of Japan")],
        );
        check(
            "The chief executive officer (CEO) resigned.",
            &[("CEO", "chief executive officer")],
        );
        check(
            "Talks at the General Agreement on Tariffs and Trade (GATT; the trade pact) stalled.",
            &[("GATT", "General Agreement on Tariffs and Trade")],
        );
        check(
            "The Federal Reserve (Fed) and the Bank of England (BoE) agreed.",
            &[("Fed", "Federal Reserve"), ("BoE", "Bank of England")],
        );
    }

    #[test]
    fn short_form_then_long_form() {
        check(
            "Delegates from OPEC (Organisation of Petroleum Exporting Countries) arrived.",
            &[("OPEC", "Organisation of Petroleum Exporting Countries")],
        );
        check(
            "The EC (the European Community) objected.",
            &[("EC", "European Community")],
        );
    }

    #[test]
    fn not_definitions() {
        check("The plant opened in Leeds (1987) and closed.", &[]);
        check("Profit rose to 12.5 mln dlrs (12 pct) this year.", &[]);
        check("The figures are revised each quarter (see below).", &[]);
        check("Output fell sharply (in dollars terms) last month.", &[]);
        check("The group said the talks had ended (Reuters).", &[]);
        check("Prices rose. Officials said (PR) nothing.", &[]);
        check("An open parenthesis (EC never closes", &[]);
        check("Paris Club talks (Paris) resumed.", &[]);
        check("A (B) c.", &[]);
        check("", &[]);
    }

    #[test]
    fn parentheses_of_whitespace_define_nothing() {
        assert!(definitions("a ( ) b (\t) c").is_empty());
        assert!(definitions("NATO (  ,x)").is_empty());
    }
}
