//! What is not a person, company, organisation or place, although the tagger may mark it so.
//!
//! Two verdicts, both from word lists in `data/nonentities/` (each file says what it holds):
//! - **Not a name** ([`is_not_a_name`]): a sentence-opening question or function word
//!   ("Who"), holidays, named days and dates in words ("Easter", "May One"), amounts in a
//!   currency or unit ("N.Z. Dlrs"), financial table headings ("Nine Mths", "Year Shr"),
//!   economic indicators ("GNP"), credit ratings ("AAA"), legal forms alone ("Ltd"), nationality and party adjectives ("West German",
//!   "Republican"), and generic head words alone or together ("Bank", "Central Bank"). Such a
//!   span is dropped.
//! - **A work, award, event or product** ([`is_work`]): a span after a noun such as "the film"
//!   or "the album", one ending in an event or award word ("World Cup", "Oscars", "Film
//!   Festival"), a title in quotation marks, or a format or product on its own ("MP3", "iPod").
//!   Such a span is kept out of the four kinds and recorded among the article's others.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use super::super::gazetteer::{is_capitals, key};
use super::super::tokenize::Token;
use super::typing::LEGAL_SUFFIXES;

/// One lower-case key per line; `#` lines are comments.
fn word_set(src: &str) -> FxHashSet<String> {
    src.lines()
        .filter(|l| !l.starts_with('#'))
        .map(key)
        .filter(|k| !k.is_empty())
        .collect()
}

/// The lines of one `[section]` of a sectioned list, as keys.
fn section(src: &str, name: &str) -> FxHashSet<String> {
    let header = format!("[{name}]");
    src.lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.starts_with('#'))
        .map(key)
        .filter(|k| !k.is_empty())
        .collect()
}

const WORKS: &str = include_str!("../../../data/nonentities/works-and-events.txt");
const NATIONALITIES: &str = include_str!("../../../data/nonentities/nationalities.tsv");

static FUNCTION_WORDS: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| word_set(include_str!("../../../data/nonentities/function-words.txt")));
/// Calendar words, table headings and number words: a span of only these is no name.
static DATE_AND_TABLE_WORDS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    let mut set = word_set(include_str!("../../../data/nonentities/calendar.txt"));
    set.extend(word_set(include_str!(
        "../../../data/nonentities/table-headings.txt"
    )));
    set
});
static CURRENCIES: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| word_set(include_str!("../../../data/nonentities/currencies.txt")));
static RATINGS: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| word_set(include_str!("../../../data/nonentities/ratings.txt")));
static INDICATORS: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| word_set(include_str!("../../../data/nonentities/indicators.txt")));
static GENERIC: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| word_set(include_str!("../../../data/nonentities/generic-heads.txt")));
/// Nationality and party adjectives and the names of their people.
static ADJECTIVES: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    let mut set: FxHashSet<String> = NATIONALITIES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.split('\t').skip(1).map(key))
        .filter(|k| !k.is_empty())
        .collect();
    set.extend(word_set(include_str!(
        "../../../data/nonentities/party-adjectives.txt"
    )));
    set
});
/// Country names, the first column of the nationalities list.
static COUNTRIES: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    NATIONALITIES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next().map(key))
        .filter(|k| !k.is_empty())
        .collect()
});
static WORK_BEFORE: LazyLock<FxHashSet<String>> = LazyLock::new(|| section(WORKS, "before"));
static WORK_LAST: LazyLock<FxHashSet<String>> = LazyLock::new(|| section(WORKS, "last"));
static WORK_WHOLE: LazyLock<FxHashSet<String>> = LazyLock::new(|| section(WORKS, "whole"));

/// Whether the words of a span (as written) name nothing: see the module guide.
pub(super) fn is_not_a_name(words: &[&str]) -> bool {
    let keys: Vec<String> = words
        .iter()
        .map(|w| key(w))
        .filter(|k| k != "'s" && k != ",")
        .collect();
    let Some(last) = keys.last() else {
        return true;
    };
    let whole = keys.join(" ");
    let all_in = |set: &FxHashSet<String>| keys.iter().all(|k| set.contains(k));
    let function_word = keys.len() == 1 && FUNCTION_WORDS.contains(last) && !is_capitals(words[0]);
    function_word
        || all_in(&DATE_AND_TABLE_WORDS)
        || DATE_AND_TABLE_WORDS.contains(&whole)
        || CURRENCIES.contains(last)
        || INDICATORS.contains(&whole)
        || ADJECTIVES.contains(&whole)
        || ADJECTIVES.contains(whole.trim_start_matches("the "))
        || all_in(&GENERIC)
        || RATINGS.contains(&whole)
        || keys.iter().all(|k| LEGAL_SUFFIXES.contains(&k.as_str()))
}

/// Whether tokens `from..to` of a sentence name a work, an award, an event or a product, from
/// the span itself and the words around it.
pub(super) fn is_work(text: &str, toks: &[Token], from: usize, to: usize) -> bool {
    let word = |i: usize| key(&text[toks[i].start..toks[i].end]);
    let span = key(&text[toks[from].start..toks[to - 1].end]);
    let last = word(to - 1);
    let last_two = (to - from >= 2).then(|| format!("{} {last}", word(to - 2)));
    let quote = |i: usize| matches!(word(i).as_str(), "\"" | "“" | "”" | "‘" | "’" | "'");
    let quoted = from > 0 && to < toks.len() && quote(from - 1) && quote(to);
    let before = from
        .checked_sub(if quoted { 2 } else { 1 })
        .map(word)
        .is_some_and(|w| WORK_BEFORE.contains(&w));
    quoted
        || before
        || WORK_WHOLE.contains(&span)
        || (to - from >= 2 && WORK_LAST.contains(&last))
        || last_two.is_some_and(|w| WORK_LAST.contains(&w))
}

/// Whether an organisation's name is a central or development bank's: "Bank of <country>",
/// "<...> Central Bank", "Reserve Bank of <...>", "<...> Development Bank".
pub(super) fn is_public_bank(name: &str) -> bool {
    let k = key(name);
    if let Some(country) = k.strip_prefix("bank of ") {
        return COUNTRIES.contains(country.trim_start_matches("the "));
    }
    [
        "central bank",
        "reserve bank",
        "development bank",
        "national bank",
    ]
    .iter()
    .any(|b| k.contains(b))
        && !k.starts_with("national bank")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_that_name_nothing() {
        let table: &[(&str, bool)] = &[
            ("Who", true),
            ("WHO", false),
            ("What", true),
            ("Easter", true),
            ("Good Friday", true),
            ("May One", true),
            ("Nine Mths", true),
            ("Year Shr", true),
            ("Revs", true),
            ("N.Z. Dlrs", true),
            ("Stg", true),
            ("GNP", true),
            ("Gross National Product", true),
            ("West German", true),
            ("Republican", true),
            ("Democratic", true),
            ("French", true),
            ("Bank", true),
            ("the Commission", true),
            ("Central Bank", true),
            ("Reserve Bank", true),
            ("Federal", true),
            ("House", true),
            ("AAA", true),
            ("Baa1", true),
            ("Co Ltd", true),
            ("Theresa May", false),
            ("West Germany", false),
            ("European Commission", false),
            ("Finance Ministry", false),
            ("Marks and Spencer", false),
            ("Republican Party", false),
        ];
        for (span, want) in table {
            let words: Vec<&str> = span.split(' ').collect();
            assert_eq!(is_not_a_name(&words), *want, "{span:?}");
        }
    }

    #[test]
    fn works_awards_events_and_products() {
        // (sentence, the span's first and last word, verdict)
        let table: &[(&str, &str, bool)] = &[
            ("the film Midnight Harbour opened", "Midnight Harbour", true),
            ("his album Blue Lanterns sold", "Blue Lanterns", true),
            ("she wrote \" Salt Road \" in Lisbon", "Salt Road", true),
            ("before the World Cup began", "World Cup", true),
            (
                "at the Cannes Film Festival today",
                "Cannes Film Festival",
                true,
            ),
            ("it won three Oscars", "Oscars", false),
            ("it won three Academy Awards", "Academy Awards", true),
            ("sales of MP3 players", "MP3", true),
            ("the iPod sold", "iPod", true),
            ("the firm Acme Foods said", "Acme Foods", false),
            ("Anna Costa said", "Anna Costa", false),
        ];
        for (sentence, span, want) in table {
            let mut toks = Vec::new();
            let mut at = 0;
            for w in sentence.split(' ') {
                toks.push(Token {
                    start: at,
                    end: at + w.len(),
                });
                at += w.len() + 1;
            }
            let words: Vec<&str> = sentence.split(' ').collect();
            let first = span.split(' ').next().unwrap_or_default();
            let n = span.split(' ').count();
            let from = words.iter().position(|w| *w == first).unwrap_or_default();
            assert_eq!(is_work(sentence, &toks, from, from + n), *want, "{span:?}");
        }
    }

    #[test]
    fn public_banks() {
        for (name, want) in [
            ("Bank of Japan", true),
            ("Bank of the Netherlands", true),
            ("Reserve Bank of Australia", true),
            ("Bundesbank", false),
            ("Inter-American Development Bank", true),
            ("Swiss National Bank", true),
            ("Bank of America", false),
            ("Bank of Boston", false),
            ("National Bank of Detroit", false),
            ("Acme Bank", false),
        ] {
            assert_eq!(is_public_bank(name), want, "{name}");
        }
    }
}
