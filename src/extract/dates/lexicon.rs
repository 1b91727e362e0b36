//! The words date expressions are made of, declared in one table
//! ([`WORDS`]) and looked up with one hash probe per word.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::calendar::Holiday;

/// A calendar unit named by a word ("day", "weeks", "quarter").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
}

/// What a word means to the date grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lex {
    Other,
    /// Full month name, 1-based.
    Month(u32),
    /// Abbreviated month name, 1-based.
    MonthAbbr(u32),
    /// Weekday, 0 = Monday.
    Weekday(u32),
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    Last,
    Next,
    This,
    Past,
    Coming,
    Ago,
    Earlier,
    Later,
    Before,
    After,
    /// A unit word; the `bool` tells whether it is plural.
    Unit(Unit, bool),
    /// "first" .. "fourth".
    Ordinal(u32),
    /// "a", "one" .. "twelve".
    NumberWord(u32),
    /// Season index: 0 spring, 1 summer, 2 fall, 3 winter.
    Season(u32),
    Early,
    Late,
    Mid,
    Fiscal,
    The,
    Of,
    /// Prepositions and conjunctions that may come before a date.
    Prep,
    Latest,
    Current,
    Same,
    Previous,
    Following,
    Now,
    Currently,
    Recently,
    Previously,
    Future,
    Soon,
    Period,
    /// "morning", "afternoon", "evening", "night".
    DayPart,
    End,
    Beginning,
    Century,
    /// Function words: pronouns, auxiliaries, "said".
    Func,
    /// Words that make a sentence speak of the future ("will", "scheduled").
    Will,
    /// Words that make "Sunday" a name ("Sunday Times").
    NameAfterDay,
    /// Words that make a weekday a name ("Good Friday").
    HolidayPrefix,
    /// Holiday name; the `bool` tells whether "Day" must follow.
    Holiday(Holiday, bool),
    That,
    Full,
    /// "thirteen" .. "nineteen".
    Teen(u32),
    /// "twenty" .. "ninety".
    Tens(u32),
    /// "twenties" .. "nineties".
    Decades(u32),
    Thousand,
    Hundred,
    /// Words of vague time expressions: "these", "few", "several", "near", ...
    Vague,
}

/// Every word the grammar knows, with its meaning. A word listed twice takes
/// its last meaning.
const WORDS: &[(&[&str], Lex)] = &[
    (&["january"], Lex::Month(1)),
    (&["february"], Lex::Month(2)),
    (&["march"], Lex::Month(3)),
    (&["april"], Lex::Month(4)),
    (&["may"], Lex::Month(5)),
    (&["june"], Lex::Month(6)),
    (&["july"], Lex::Month(7)),
    (&["august"], Lex::Month(8)),
    (&["september"], Lex::Month(9)),
    (&["october"], Lex::Month(10)),
    (&["november"], Lex::Month(11)),
    (&["december"], Lex::Month(12)),
    (&["jan"], Lex::MonthAbbr(1)),
    (&["feb"], Lex::MonthAbbr(2)),
    (&["mar"], Lex::MonthAbbr(3)),
    (&["apr"], Lex::MonthAbbr(4)),
    (&["jun"], Lex::MonthAbbr(6)),
    (&["jul"], Lex::MonthAbbr(7)),
    (&["aug"], Lex::MonthAbbr(8)),
    (&["sep", "sept"], Lex::MonthAbbr(9)),
    (&["oct"], Lex::MonthAbbr(10)),
    (&["nov"], Lex::MonthAbbr(11)),
    (&["dec"], Lex::MonthAbbr(12)),
    (&["monday"], Lex::Weekday(0)),
    (&["tuesday"], Lex::Weekday(1)),
    (&["wednesday"], Lex::Weekday(2)),
    (&["thursday"], Lex::Weekday(3)),
    (&["friday"], Lex::Weekday(4)),
    (&["saturday"], Lex::Weekday(5)),
    (&["sunday"], Lex::Weekday(6)),
    (&["today"], Lex::Today),
    (&["tonight"], Lex::Tonight),
    (&["yesterday"], Lex::Yesterday),
    (&["tomorrow"], Lex::Tomorrow),
    (&["last"], Lex::Last),
    (&["next"], Lex::Next),
    (&["this"], Lex::This),
    (&["past"], Lex::Past),
    (&["coming"], Lex::Coming),
    (&["ago"], Lex::Ago),
    (&["earlier"], Lex::Earlier),
    (&["later"], Lex::Later),
    (&["before"], Lex::Before),
    (&["after"], Lex::After),
    (&["day"], Lex::Unit(Unit::Day, false)),
    (&["days"], Lex::Unit(Unit::Day, true)),
    (&["week"], Lex::Unit(Unit::Week, false)),
    (&["weeks"], Lex::Unit(Unit::Week, true)),
    (&["weekend"], Lex::Unit(Unit::Weekend, false)),
    (&["month"], Lex::Unit(Unit::Month, false)),
    (&["months"], Lex::Unit(Unit::Month, true)),
    (&["quarter"], Lex::Unit(Unit::Quarter, false)),
    (&["quarters"], Lex::Unit(Unit::Quarter, true)),
    (&["year"], Lex::Unit(Unit::Year, false)),
    (&["years"], Lex::Unit(Unit::Year, true)),
    (&["decade"], Lex::Unit(Unit::Decade, false)),
    (&["decades"], Lex::Unit(Unit::Decade, true)),
    (&["first"], Lex::Ordinal(1)),
    (&["second"], Lex::Ordinal(2)),
    (&["third"], Lex::Ordinal(3)),
    (&["fourth"], Lex::Ordinal(4)),
    (&["a", "an", "one"], Lex::NumberWord(1)),
    (&["two"], Lex::NumberWord(2)),
    (&["three"], Lex::NumberWord(3)),
    (&["four"], Lex::NumberWord(4)),
    (&["five"], Lex::NumberWord(5)),
    (&["six"], Lex::NumberWord(6)),
    (&["seven"], Lex::NumberWord(7)),
    (&["eight"], Lex::NumberWord(8)),
    (&["nine"], Lex::NumberWord(9)),
    (&["ten"], Lex::NumberWord(10)),
    (&["eleven"], Lex::NumberWord(11)),
    (&["twelve"], Lex::NumberWord(12)),
    (&["spring"], Lex::Season(0)),
    (&["summer"], Lex::Season(1)),
    (&["fall", "autumn"], Lex::Season(2)),
    (&["winter"], Lex::Season(3)),
    (&["early"], Lex::Early),
    (&["late"], Lex::Late),
    (&["mid"], Lex::Mid),
    (&["fiscal"], Lex::Fiscal),
    (&["the"], Lex::The),
    (&["of"], Lex::Of),
    (
        &[
            "in",
            "on",
            "since",
            "until",
            "till",
            "by",
            "during",
            "through",
            "from",
            "for",
            "at",
            "to",
            "throughout",
            "between",
            "and",
            "or",
            "as",
            "around",
            "circa",
            "about",
            "into",
            "than",
            "within",
            "starting",
            "ending",
            "ended",
        ],
        Lex::Prep,
    ),
    (&["latest", "recent", "most"], Lex::Latest),
    (&["current"], Lex::Current),
    (&["same"], Lex::Same),
    (&["previous", "prior", "preceding"], Lex::Previous),
    (&["following", "subsequent"], Lex::Following),
    (&["now", "nowadays"], Lex::Now),
    (&["currently", "presently"], Lex::Currently),
    (&["recently", "lately"], Lex::Recently),
    (&["previously", "formerly"], Lex::Previously),
    (&["future"], Lex::Future),
    (&["soon"], Lex::Soon),
    (&["period"], Lex::Period),
    (&["morning", "afternoon", "evening", "night"], Lex::DayPart),
    (&["end", "close"], Lex::End),
    (&["beginning", "start", "middle"], Lex::Beginning),
    (&["century"], Lex::Century),
    (
        &[
            "will",
            "ll",
            "shall",
            "scheduled",
            "expected",
            "plans",
            "plan",
            "planned",
            "planning",
            "due",
            "upcoming",
            "set",
            "slated",
            "might",
            "intends",
            "expects",
        ],
        Lex::Will,
    ),
    (
        &[
            "he", "she", "it", "they", "we", "i", "you", "which", "who", "when", "while", "with",
            "but", "if", "is", "was", "were", "are", "be", "been", "has", "had", "have", "said",
            "says", "his", "her", "its", "their", "there", "where", "not", "also", "so", "would",
            "could", "should", "did", "does", "do",
        ],
        Lex::Func,
    ),
    (
        &[
            "times",
            "telegraph",
            "mirror",
            "express",
            "herald",
            "tribune",
            "post",
            "mail",
            "independent",
            "star",
            "sport",
            "people",
            "observer",
            "business",
            "review",
            "school",
            "world",
            "news",
            "magazine",
            "edition",
        ],
        Lex::NameAfterDay,
    ),
    (
        &[
            "good", "black", "cyber", "super", "ash", "palm", "holy", "bloody", "maundy", "giving",
        ],
        Lex::HolidayPrefix,
    ),
    (
        &["christmas", "xmas"],
        Lex::Holiday(Holiday::Christmas, false),
    ),
    (
        &["thanksgiving"],
        Lex::Holiday(Holiday::Thanksgiving, false),
    ),
    (&["halloween"], Lex::Holiday(Holiday::Halloween, false)),
    (&["easter"], Lex::Holiday(Holiday::Easter, false)),
    (&["labor", "labour"], Lex::Holiday(Holiday::LaborDay, true)),
    (&["memorial"], Lex::Holiday(Holiday::MemorialDay, true)),
    (
        &["independence"],
        Lex::Holiday(Holiday::IndependenceDay, true),
    ),
    (&["election"], Lex::Holiday(Holiday::ElectionDay, true)),
    (&["that"], Lex::That),
    (&["full", "whole", "entire"], Lex::Full),
    (&["thirteen"], Lex::Teen(13)),
    (&["fourteen"], Lex::Teen(14)),
    (&["fifteen"], Lex::Teen(15)),
    (&["sixteen"], Lex::Teen(16)),
    (&["seventeen"], Lex::Teen(17)),
    (&["eighteen"], Lex::Teen(18)),
    (&["nineteen"], Lex::Teen(19)),
    (&["twenty"], Lex::Tens(20)),
    (&["thirty"], Lex::Tens(30)),
    (&["forty"], Lex::Tens(40)),
    (&["fifty"], Lex::Tens(50)),
    (&["sixty"], Lex::Tens(60)),
    (&["seventy"], Lex::Tens(70)),
    (&["eighty"], Lex::Tens(80)),
    (&["ninety"], Lex::Tens(90)),
    (&["twenties"], Lex::Decades(20)),
    (&["thirties"], Lex::Decades(30)),
    (&["forties"], Lex::Decades(40)),
    (&["fifties"], Lex::Decades(50)),
    (&["sixties"], Lex::Decades(60)),
    (&["seventies"], Lex::Decades(70)),
    (&["eighties"], Lex::Decades(80)),
    (&["nineties"], Lex::Decades(90)),
    (
        &[
            "these", "few", "several", "many", "near", "short", "long", "term", "date",
        ],
        Lex::Vague,
    ),
    (&["thousand"], Lex::Thousand),
    (&["hundred"], Lex::Hundred),
];

/// An ASCII word of up to 16 letters packed into one integer, lowercased;
/// longer words are in no table.
fn pack(word: &[u8]) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    let mut packed: u128 = 0;
    for &byte in word {
        packed = (packed << 8) | (byte | 0x20) as u128;
    }
    Some(packed)
}

/// A cheap multiplicative hasher for packed words.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    /// The hash so far.
    fn finish(&self) -> u64 {
        self.0
    }
    /// Mixes in arbitrary bytes (unused by the lexicon, which hashes `u128` keys).
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(5) ^ byte as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    /// Mixes in one packed word.
    fn write_u128(&mut self, packed: u128) {
        let mixed = (packed as u64) ^ ((packed >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = mixed.wrapping_mul(0x51_7c_c1_b7_27_22_0a_95) ^ (mixed >> 29);
    }
}

/// Packed word → meaning.
type Lexicon = HashMap<u128, Lex, std::hash::BuildHasherDefault<WordHasher>>;

/// [`WORDS`] as a hash map.
static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon = Lexicon::default();
    for (words, lex) in WORDS {
        for word in *words {
            if let Some(key) = pack(word.as_bytes()) {
                lexicon.insert(key, *lex);
            }
        }
    }
    lexicon
});

/// The meaning of an ASCII word (`Lex::Other` when the grammar does not know it).
pub(super) fn lookup(word: &[u8]) -> Lex {
    pack(word)
        .and_then(|key| LEXICON.get(&key).copied())
        .unwrap_or(Lex::Other)
}
