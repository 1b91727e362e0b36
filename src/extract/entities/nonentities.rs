//! What is not a person, company, organisation or place, although the tagger may mark it so.
//!
//! From word lists in `data/nonentities/` (each file says what it holds):
//! - **Not a name** ([`is_not_a_name`]): a sentence-opening question or function word
//!   ("Who"), holidays, named days and dates in words ("Easter", "May One"), amounts in a
//!   currency or unit ("N.Z. Dlrs"), financial table headings ("Nine Mths", "Year Shr"),
//!   economic indicators ("GNP"), credit ratings ("AAA"), legal forms alone ("Ltd"), nationality and party adjectives ("West German",
//!   "Republican"), and generic head words alone or together ("Bank", "Central Bank"). Such a
//!   span is dropped.
//! - **A central or development bank** ([`is_public_bank`]), which is an organisation.
//!
//! Works, awards, events and products are judged by [`super::works`].

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use super::super::gazetteer::{is_capitals, key};
use super::super::timestamp::MONTH_NAMES;
use super::typing::is_legal_form;

/// One lower-case key per line; `#` lines are comments.
fn word_set(src: &str) -> FxHashSet<String> {
    src.lines()
        .filter(|l| !l.starts_with('#'))
        .map(key)
        .filter(|k| !k.is_empty())
        .collect()
}

const NATIONALITIES: &str = include_str!("../../../data/nonentities/nationalities.tsv");

static FUNCTION_WORDS: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| word_set(include_str!("../../../data/nonentities/function-words.txt")));
/// Holidays, named days, seasons, months and weekdays.
static CALENDAR: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| word_set(include_str!("../../../data/nonentities/calendar.txt")));
/// Calendar words, table headings and number words: a span of only these is no name.
static DATE_AND_TABLE_WORDS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    let mut set = CALENDAR.clone();
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

/// Whether a name is a country's ("Philippines", "Japan"), matched as [`key`] folds it.
pub(super) fn is_country(name: &str) -> bool {
    COUNTRIES.contains(&key(name))
}

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
        || keys.iter().all(|k| is_legal_form(k))
}

/// Calendar words that name no day of their own: seasons, short month names and weekdays
/// (the months' full names are [`MONTH_NAMES`]).
const PLAIN_CALENDAR: &[&str] = &[
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "weekend",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether the words of a span that [names nothing](is_not_a_name) of the four kinds are
/// still a name of another kind: a nationality or party adjective ("Welsh", "Republican")
/// or a holiday ("Labour Day", "Easter"), not a month, weekday or season.
pub(super) fn is_other_name(words: &[&str]) -> bool {
    let whole = key(&words.join(" "));
    let whole = whole.trim_end_matches(" 's").trim_end_matches("'s");
    is_holiday_key(whole)
        || ADJECTIVES.contains(whole)
        || ADJECTIVES.contains(whole.trim_start_matches("the "))
}

/// Whether a name as written names a holiday or a named day ("Labour Day", "Easter"), not a
/// month, weekday or season.
pub(super) fn is_holiday(name: &str) -> bool {
    let whole = key(name);
    is_holiday_key(whole.trim_end_matches(" 's").trim_end_matches("'s"))
}

fn is_holiday_key(whole: &str) -> bool {
    CALENDAR.contains(whole) && !(PLAIN_CALENDAR.contains(&whole) || MONTH_NAMES.contains(&whole))
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
    fn names_of_no_entity_kind_among_those() {
        for (span, want) in [
            ("Welsh", true),
            ("West German", true),
            ("Republican", true),
            ("Labour Day", true),
            ("Easter", true),
            ("Good Friday", true),
            ("May", false),
            ("Monday", false),
            ("May One", false),
            ("Nine Mths", false),
            ("Central Bank", false),
            ("Who", false),
        ] {
            let words: Vec<&str> = span.split(' ').collect();
            assert!(is_not_a_name(&words), "{span:?} names nothing");
            assert_eq!(is_other_name(&words), want, "{span:?}");
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
