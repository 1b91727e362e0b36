//! Date expressions in news text, normalised to TIMEX3-style values.
//!
//! [`find_dates`] splits a text once into ASCII word, number and punctuation
//! tokens (a word lexicon lookup is one hash probe) and recognises, at each
//! token that can start a date:
//! * absolute dates: "August 2, 2020", "Aug. 2, 2020", "2 August 2020",
//!   "2020-08-02", "08/02/2020" (US order), "August 2020", "in 2017", "the
//!   1990s", "'90s", "the 20th century", "fiscal 1998", "summer 1998", "the
//!   third quarter of 2019", "Q3 2019", "nineteen ninety-six", "Christmas 2019";
//! * with the publication date (`anchor`), relative ones: "today",
//!   "yesterday", "on Sunday", "last Sunday", "next Tuesday", "this week",
//!   "last month", "next year", "two days ago", "a year ago", "last March",
//!   "earlier this month", "in March", "August 2", "the third quarter", "the
//!   weekend", "this summer", "Thanksgiving", "July last year";
//! * relative to the preceding expression: "a year earlier", "the following
//!   year", "that day", "the day before", "the year-earlier quarter".
//!
//! Conventions (news usage, checked against TimeML-annotated news):
//! * a bare weekday is the most recent such day on or before the publication
//!   date, unless the sentence is in the future tense ("will", "is set to",
//!   "as early as"), then the next one on or after it;
//! * a month and day without a year, or a bare month, is the occurrence
//!   nearest to the publication date, a future distance counting double
//!   (stories look back further than they look ahead); a bare month in a
//!   future-tense sentence ("will open in March") is the next one;
//! * "last March" is the most recent March strictly before the publication
//!   month, "next March" the first one strictly after it;
//! * "the quarter", "the latest quarter" and an ordinal quarter without a year
//!   refer to the last quarter mentioned nearby, else to the most recent one
//!   that has ended; "a year earlier" after a quarter is that quarter a year
//!   before ("profit rose in the third quarter from a year earlier").
//!
//! Guards against common false positives: "May" and "March" need a date
//! context ("in May", "May 5"), "Theresa May", "a march", "Sunday Times",
//! "Good Friday", "USA Today", "2,000 shares", "$1999", "2 August players".
//!
//! Values are TIMEX3 strings: `2020-08-02`, `2020-W31`, `2020-W31-WE`,
//! `2020-08`, `2020-Q3`, `2020-SU`, `2020`, `198` (the 1980s), `19` (the
//! twentieth century). Vague references (`PRESENT_REF`, `PAST_REF`,
//! `FUTURE_REF` for "now", "currently", "recently", "the past", "the future")
//! are only produced when [`DateOptions::vague_refs`] is set.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::HashMap;
use std::sync::LazyLock;

/// The unit of a normalised date value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Day,
    Week,
    Month,
    Quarter,
    Season,
    Year,
    Decade,
    Century,
}

/// One date expression found in a text: its span and value, before
/// [`crate::extract`] turns it into an article's [`crate::DateMention`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// Byte offset of the first byte of the expression.
    pub start: usize,
    /// Byte offset one past the last byte of the expression.
    pub end: usize,
    /// TIMEX3 value, e.g. `2020-08-02`, `2020-08`, `2020-W31`, `2020-Q3`, `198`.
    pub value: String,
    /// Unit of `value`.
    pub granularity: Granularity,
}

/// Switches for [`find_dates_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateOptions {
    /// Emit `PRESENT_REF` / `PAST_REF` / `FUTURE_REF` for "now", "currently",
    /// "current", "recently", "recent", "the past", "the (near) future",
    /// "these days", "coming months" (granularity `Day`; off by default since
    /// such values are not dates an index can range over).
    pub vague_refs: bool,
    /// Resolve a bare weekday or a bare month forwards when the sentence is in
    /// the future tense ("will meet on Tuesday", "will open in March").
    pub future_tense: bool,
}

impl Default for DateOptions {
    fn default() -> Self {
        DateOptions {
            vague_refs: false,
            future_tense: true,
        }
    }
}

/// Finds date expressions in `text`. `anchor` is the publication date; relative
/// expressions resolve against it and are skipped when it is `None`.
pub fn find_dates(text: &str, anchor: Option<NaiveDate>) -> Vec<FoundDate> {
    find_dates_with(text, anchor, &DateOptions::default())
}

/// [`find_dates`] with explicit options.
pub fn find_dates_with(
    text: &str,
    anchor: Option<NaiveDate>,
    opts: &DateOptions,
) -> Vec<FoundDate> {
    let mut toks = Vec::new();
    tokenize(text, &mut toks);
    let mut p = Parser {
        text,
        t: &toks,
        anchor,
        opts,
        prev: None,
        keep_prev: std::cell::Cell::new(false),
        last_quarter: None,
        out: Vec::new(),
    };
    p.run();
    p.out
}

// ---------------------------------------------------------------------------
// Values

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Val {
    Day(NaiveDate),
    Week(i32, u32),
    Weekend(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    /// Season index: 0 spring, 1 summer, 2 fall, 3 winter.
    Season(i32, u32),
    Year(i32),
    /// First three digits of the years, e.g. 198 for the 1980s.
    Decade(i32),
    /// First two digits of the years, e.g. 19 for the twentieth century.
    Century(i32),
    Ref(&'static str),
}

const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

impl Val {
    fn render(&self) -> String {
        match *self {
            Val::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Val::Week(y, w) => format!("{y:04}-W{w:02}"),
            Val::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Val::Month(y, m) => format!("{y:04}-{m:02}"),
            Val::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Val::Season(y, s) => format!("{y:04}-{}", SEASONS[s as usize & 3]),
            Val::Year(y) => format!("{y:04}"),
            Val::Decade(d) => format!("{d:03}"),
            Val::Century(c) => format!("{c:02}"),
            Val::Ref(r) => r.to_string(),
        }
    }

    fn granularity(&self) -> Granularity {
        match self {
            Val::Day(_) | Val::Ref(_) => Granularity::Day,
            Val::Week(..) | Val::Weekend(..) => Granularity::Week,
            Val::Month(..) => Granularity::Month,
            Val::Quarter(..) => Granularity::Quarter,
            Val::Season(..) => Granularity::Season,
            Val::Year(_) => Granularity::Year,
            Val::Decade(_) => Granularity::Decade,
            Val::Century(_) => Granularity::Century,
        }
    }

    fn shift_years(&self, k: i32) -> Option<Val> {
        Some(match *self {
            Val::Day(d) => {
                let y = d.year() + k;
                Val::Day(
                    NaiveDate::from_ymd_opt(y, d.month(), d.day())
                        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28))?,
                )
            }
            Val::Month(y, m) => Val::Month(y + k, m),
            Val::Quarter(y, q) => Val::Quarter(y + k, q),
            Val::Season(y, s) => Val::Season(y + k, s),
            Val::Year(y) => Val::Year(y + k),
            Val::Week(y, w) => Val::Week(y + k, w),
            Val::Weekend(y, w) => Val::Weekend(y + k, w),
            _ => return None,
        })
    }

    fn valid(&self) -> bool {
        match *self {
            Val::Day(d) => (0..=9999).contains(&d.year()),
            Val::Week(y, _) | Val::Weekend(y, _) | Val::Month(y, _) => (0..=9999).contains(&y),
            Val::Quarter(y, _) | Val::Season(y, _) | Val::Year(y) => (0..=9999).contains(&y),
            Val::Decade(d) => (0..=999).contains(&d),
            Val::Century(c) => (0..=99).contains(&c),
            Val::Ref(_) => true,
        }
    }
}

fn week_of(d: NaiveDate) -> Val {
    let w = d.iso_week();
    Val::Week(w.year(), w.week())
}

fn quarter_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), (d.month() - 1) / 3 + 1)
}

fn add_months(y: i32, m: u32, k: i32) -> (i32, u32) {
    let idx = y * 12 + m as i32 - 1 + k;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

fn add_quarters(y: i32, q: u32, k: i32) -> (i32, u32) {
    let idx = y * 4 + q as i32 - 1 + k;
    (idx.div_euclid(4), (idx.rem_euclid(4) + 1) as u32)
}

fn days(d: NaiveDate, k: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(k)?)
}

fn wd_index(w: Weekday) -> i64 {
    w.num_days_from_monday() as i64
}

/// The occurrence of month `m` nearest to `a` (ties go to the past).
fn nearest_month(a: NaiveDate, m: u32) -> (i32, u32) {
    let base = a.year() * 12 + a.month() as i32 - 1;
    let mut best = (a.year(), m);
    let mut best_d = i32::MAX;
    for y in [a.year() - 1, a.year(), a.year() + 1] {
        let idx = y * 12 + m as i32 - 1;
        let d = idx - base;
        // news looks back more often than ahead: a future month counts double
        let cost = if d > 0 { 4 * d + 1 } else { -2 * d };
        if cost < best_d {
            best_d = cost;
            best = (y, m);
        }
    }
    best
}

/// The date with month `m` and day `d` nearest to `a` (ties go to the past).
fn nearest_day(a: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let mut best: Option<(i64, NaiveDate)> = None;
    for y in [a.year() - 1, a.year(), a.year() + 1] {
        if let Some(c) = NaiveDate::from_ymd_opt(y, m, d) {
            let diff = (c - a).num_days();
            let cost = if diff > 0 { 4 * diff + 1 } else { -2 * diff };
            if best.is_none_or(|(b, _)| cost < b) {
                best = Some((cost, c));
            }
        }
    }
    best.map(|(_, c)| c)
}

fn season_of_month(m: u32) -> u32 {
    match m {
        3..=5 => 0,
        6..=8 => 1,
        9..=11 => 2,
        _ => 3,
    }
}

// ---------------------------------------------------------------------------
// Lexicon

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lex {
    Other,
    /// Full month name, 1-based.
    Month(u32),
    /// Abbreviated month name, 1-based.
    MonAbbr(u32),
    /// Weekday, 0 = Monday.
    Wd(u32),
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
    Unit(Unit, bool),
    Ord(u32),
    NumW(u32),
    Season(u32),
    Early,
    Late,
    Mid,
    Fiscal,
    The,
    Of,
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
    DayPart,
    End,
    Beginning,
    Century,
    Func,
    Will,
    NameAfterDay,
    HolidayPrefix,
    /// Holiday name (see [`holiday_date`]); the `bool` tells whether "Day" must follow.
    Holiday(u32, bool),
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

fn pack(word: &[u8]) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    let mut v: u128 = 0;
    for &b in word {
        v = (v << 8) | (b | 0x20) as u128;
    }
    Some(v)
}

/// A cheap multiplicative hasher for packed words.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u128(&mut self, v: u128) {
        let x = (v as u64) ^ ((v >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = x.wrapping_mul(0x51_7c_c1_b7_27_22_0a_95) ^ (x >> 29);
    }
}

type Lexicon = HashMap<u128, Lex, std::hash::BuildHasherDefault<WordHasher>>;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut m = Lexicon::default();
    let mut add = |words: &[&str], lex: Lex| {
        for w in words {
            if let Some(k) = pack(w.as_bytes()) {
                m.insert(k, lex);
            }
        }
    };
    for (i, w) in super::timestamp::MONTH_NAMES.iter().enumerate() {
        add(&[w], Lex::Month(i as u32 + 1));
    }
    let abbr: [&[&str]; 12] = [
        &["jan"],
        &["feb"],
        &["mar"],
        &["apr"],
        &[],
        &["jun"],
        &["jul"],
        &["aug"],
        &["sep", "sept"],
        &["oct"],
        &["nov"],
        &["dec"],
    ];
    for (i, ws) in abbr.iter().enumerate() {
        add(ws, Lex::MonAbbr(i as u32 + 1));
    }
    let wds = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    for (i, w) in wds.iter().enumerate() {
        add(&[w], Lex::Wd(i as u32));
    }
    add(&["today"], Lex::Today);
    add(&["tonight"], Lex::Tonight);
    add(&["yesterday"], Lex::Yesterday);
    add(&["tomorrow"], Lex::Tomorrow);
    add(&["last"], Lex::Last);
    add(&["next"], Lex::Next);
    add(&["this"], Lex::This);
    add(&["past"], Lex::Past);
    add(&["coming"], Lex::Coming);
    add(&["ago"], Lex::Ago);
    add(&["earlier"], Lex::Earlier);
    add(&["later"], Lex::Later);
    add(&["before"], Lex::Before);
    add(&["after"], Lex::After);
    add(&["day"], Lex::Unit(Unit::Day, false));
    add(&["days"], Lex::Unit(Unit::Day, true));
    add(&["week"], Lex::Unit(Unit::Week, false));
    add(&["weeks"], Lex::Unit(Unit::Week, true));
    add(&["weekend"], Lex::Unit(Unit::Weekend, false));
    add(&["month"], Lex::Unit(Unit::Month, false));
    add(&["months"], Lex::Unit(Unit::Month, true));
    add(&["quarter"], Lex::Unit(Unit::Quarter, false));
    add(&["quarters"], Lex::Unit(Unit::Quarter, true));
    add(&["year"], Lex::Unit(Unit::Year, false));
    add(&["years"], Lex::Unit(Unit::Year, true));
    add(&["decade"], Lex::Unit(Unit::Decade, false));
    add(&["decades"], Lex::Unit(Unit::Decade, true));
    add(&["first"], Lex::Ord(1));
    add(&["second"], Lex::Ord(2));
    add(&["third"], Lex::Ord(3));
    add(&["fourth"], Lex::Ord(4));
    add(&["a", "an", "one"], Lex::NumW(1));
    let nums = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ];
    for (i, w) in nums.iter().enumerate() {
        add(&[w], Lex::NumW(i as u32 + 2));
    }
    add(&["spring"], Lex::Season(0));
    add(&["summer"], Lex::Season(1));
    add(&["fall", "autumn"], Lex::Season(2));
    add(&["winter"], Lex::Season(3));
    add(&["early"], Lex::Early);
    add(&["late"], Lex::Late);
    add(&["mid"], Lex::Mid);
    add(&["fiscal"], Lex::Fiscal);
    add(&["the"], Lex::The);
    add(&["of"], Lex::Of);
    add(
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
    );
    add(&["latest", "recent", "most"], Lex::Latest);
    add(&["current"], Lex::Current);
    add(&["same"], Lex::Same);
    add(&["previous", "prior", "preceding"], Lex::Previous);
    add(&["following", "subsequent"], Lex::Following);
    add(&["now", "nowadays"], Lex::Now);
    add(&["currently", "presently"], Lex::Currently);
    add(&["recently", "lately"], Lex::Recently);
    add(&["previously", "formerly"], Lex::Previously);
    add(&["future"], Lex::Future);
    add(&["soon"], Lex::Soon);
    add(&["period"], Lex::Period);
    add(&["morning", "afternoon", "evening", "night"], Lex::DayPart);
    add(&["end", "close"], Lex::End);
    add(&["beginning", "start", "middle"], Lex::Beginning);
    add(&["century"], Lex::Century);
    add(
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
            "would",
            "might",
            "intends",
            "expects",
        ],
        Lex::Will,
    );
    add(
        &[
            "he", "she", "it", "they", "we", "i", "you", "which", "who", "when", "while", "with",
            "but", "if", "is", "was", "were", "are", "be", "been", "has", "had", "have", "said",
            "says", "after", "before", "his", "her", "its", "their", "there", "where", "not",
            "also", "so", "would", "could", "should", "did", "does", "do",
        ],
        Lex::Func,
    );
    add(
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
    );
    add(
        &[
            "good", "black", "cyber", "super", "ash", "palm", "holy", "bloody", "maundy", "giving",
        ],
        Lex::HolidayPrefix,
    );
    add(&["christmas", "xmas"], Lex::Holiday(0, false));
    add(&["thanksgiving"], Lex::Holiday(1, false));
    add(&["halloween"], Lex::Holiday(2, false));
    add(&["easter"], Lex::Holiday(3, false));
    add(&["labor", "labour"], Lex::Holiday(5, true));
    add(&["memorial"], Lex::Holiday(6, true));
    add(&["independence"], Lex::Holiday(7, true));
    add(&["election"], Lex::Holiday(8, true));
    add(&["that"], Lex::That);
    add(&["full", "whole", "entire"], Lex::Full);
    let teens = [
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    for (i, w) in teens.iter().enumerate() {
        add(&[w], Lex::Teen(13 + i as u32));
    }
    let tens = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let decs = [
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
    ];
    for i in 0..8 {
        add(&[tens[i]], Lex::Tens(20 + 10 * i as u32));
        add(&[decs[i]], Lex::Decades(20 + 10 * i as u32));
    }
    add(
        &[
            "these", "few", "several", "many", "near", "short", "long", "term", "date",
        ],
        Lex::Vague,
    );
    add(&["thousand"], Lex::Thousand);
    add(&["hundred"], Lex::Hundred);
    // "after"/"before" are both prepositions and relative markers: keep them as
    // relative markers (the Func insertion above would override them).
    m.insert(pack(b"after").unwrap_or(0), Lex::After);
    m.insert(pack(b"before").unwrap_or(0), Lex::Before);
    m.insert(pack(b"beginning").unwrap_or(0), Lex::Beginning);
    m
});

// ---------------------------------------------------------------------------
// Tokens

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    kind: Kind,
    lex: Lex,
    /// Number value (saturating) for numbers; the byte for ASCII punctuation
    /// (curly apostrophes map to `'`), 0 for other non-ASCII punctuation.
    n: u32,
    /// Digit count for numbers; for words bit 0 = capitalised, bit 1 = all caps.
    flags: u8,
}

const CAP: u8 = 1;
const ALLCAPS: u8 = 2;

fn tokenize(text: &str, out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let len = b.len();
    let mut i = 0;
    let lexicon = &*LEXICON;
    while i < len {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_alphabetic()
            || (c >= 0x80 && char_at(text, i).is_some_and(|ch| ch.is_alphabetic()))
        {
            let s = i;
            let mut ascii = true;
            let mut upper = 0usize;
            let mut letters = 0usize;
            while i < len {
                let d = b[i];
                if d.is_ascii_alphabetic() {
                    letters += 1;
                    if d.is_ascii_uppercase() {
                        upper += 1;
                    }
                    i += 1;
                } else if d >= 0x80 {
                    match char_at(text, i) {
                        Some(ch) if ch.is_alphabetic() => {
                            ascii = false;
                            i += ch.len_utf8();
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
            let word = &b[s..i];
            let lex = if ascii {
                pack(word)
                    .and_then(|k| lexicon.get(&k).copied())
                    .unwrap_or(Lex::Other)
            } else {
                Lex::Other
            };
            let mut flags = 0;
            if b[s].is_ascii_uppercase() {
                flags |= CAP;
            }
            if upper == letters && letters > 1 {
                flags |= ALLCAPS;
            }
            out.push(Tok {
                start: s,
                end: i,
                kind: Kind::Word,
                lex,
                n: 0,
                flags,
            });
        } else if c.is_ascii_digit() {
            let s = i;
            let mut v: u32 = 0;
            while i < len && b[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add((b[i] - b'0') as u32);
                i += 1;
            }
            out.push(Tok {
                start: s,
                end: i,
                kind: Kind::Num,
                lex: Lex::Other,
                n: v,
                flags: (i - s).min(255) as u8,
            });
        } else if c < 0x80 {
            out.push(Tok {
                start: i,
                end: i + 1,
                kind: Kind::Punct,
                lex: Lex::Other,
                n: c as u32,
                flags: 0,
            });
            i += 1;
        } else {
            let ch = char_at(text, i).unwrap_or('\u{fffd}');
            let l = ch.len_utf8().max(1);
            if !ch.is_whitespace() {
                let n = match ch {
                    '\u{2019}' | '\u{2018}' => b'\'' as u32,
                    '\u{2013}' | '\u{2014}' => b'-' as u32,
                    _ => 0,
                };
                out.push(Tok {
                    start: i,
                    end: i + l,
                    kind: Kind::Punct,
                    lex: Lex::Other,
                    n,
                    flags: 0,
                });
            }
            i += l;
        }
    }
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

// ---------------------------------------------------------------------------
// Parser

struct Parser<'a> {
    text: &'a str,
    t: &'a [Tok],
    anchor: Option<NaiveDate>,
    opts: &'a DateOptions,
    /// Previous resolved expression: value and end byte offset.
    prev: Option<(Val, usize)>,
    /// Set by recognisers whose value is derived from `prev` ("a year
    /// earlier"), so that it stays the reference for the next expression.
    keep_prev: std::cell::Cell<bool>,
    /// Last quarter expression (not derived from another one): value, end offset.
    last_quarter: Option<(Val, usize)>,
    out: Vec<FoundDate>,
}

/// A recognised expression: first token, one past the last token, value.
type Hit = (usize, usize, Val);

impl<'a> Parser<'a> {
    fn run(&mut self) {
        let n = self.t.len();
        let mut i = 0;
        while i < n {
            let tk = self.t[i];
            let interesting = match tk.kind {
                Kind::Word => {
                    !matches!(tk.lex, Lex::Other) || (tk.flags & CAP != 0 && self.is_q(i))
                }
                Kind::Num => true,
                Kind::Punct => tk.n == b'\'' as u32,
            };
            if interesting {
                self.keep_prev.set(false);
                if let Some((s, e, v)) = self.at(i)
                    && v.valid()
                    && e > s
                {
                    let start = self.t[s].start;
                    let end = self.t[e - 1].end;
                    self.out.push(FoundDate {
                        start,
                        end,
                        value: v.render(),
                        granularity: v.granularity(),
                    });
                    if !matches!(v, Val::Ref(_)) && !self.keep_prev.get() {
                        self.prev = Some((v, end));
                        if matches!(v, Val::Quarter(..)) {
                            self.last_quarter = Some((v, end));
                        }
                    }
                    i = e;
                    // "April 24 and 25", "March 1-2": the second day too
                    if let Val::Day(d) = v
                        && let Some((e2, d2)) = self.second_day(e, d)
                    {
                        self.out.push(FoundDate {
                            start: self.t[e + 1].start,
                            end: self.t[e + 1].end,
                            value: Val::Day(d2).render(),
                            granularity: Granularity::Day,
                        });
                        i = e2;
                    }
                    continue;
                }
                // "the last week", "the past year": durations, not dates
                if matches!(tk.lex, Lex::The)
                    && matches!(
                        self.lex(i + 1),
                        Lex::Last | Lex::Past | Lex::Next | Lex::Previous | Lex::Following
                    )
                {
                    i += 2;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// After a day expression ending before token `e`: "and 25", "-2", "to 5"
    /// naming a later day of the same month. Returns the end token and date.
    fn second_day(&self, e: usize, d: NaiveDate) -> Option<(usize, NaiveDate)> {
        let linked = self.punct(e, b'-')
            || self.word_is(e, "and")
            || self.word_is(e, "to")
            || self.word_is(e, "through");
        if !linked {
            return None;
        }
        let (n, nd) = self.num(e + 1)?;
        if nd > 2 || n <= d.day() {
            return None;
        }
        // "April 24 and 25 people", "May 5-6 million"
        if self.is_word(e + 2)
            && !matches!(
                self.lex(e + 2),
                Lex::Prep | Lex::Func | Lex::The | Lex::Month(_)
            )
        {
            return None;
        }
        if self.punct(e + 2, b'/') || self.punct(e + 2, b':') || self.punct(e + 2, b'%') {
            return None;
        }
        let d2 = NaiveDate::from_ymd_opt(d.year(), d.month(), n)?;
        // a year written after the range was already used for the first day
        let mut ye = e + 2;
        if self.punct(ye, b',') {
            ye += 1;
        }
        if self.year_at(ye) == Some(d.year()) {
            return Some((ye + 1, d2));
        }
        Some((e + 2, d2))
    }

    // --- token access -----------------------------------------------------

    fn lex(&self, i: usize) -> Lex {
        match self.t.get(i) {
            Some(t) if t.kind == Kind::Word => t.lex,
            _ => Lex::Other,
        }
    }

    fn num(&self, i: usize) -> Option<(u32, u8)> {
        match self.t.get(i) {
            Some(t) if t.kind == Kind::Num => Some((t.n, t.flags)),
            _ => None,
        }
    }

    fn punct(&self, i: usize, c: u8) -> bool {
        matches!(self.t.get(i), Some(t) if t.kind == Kind::Punct && t.n == c as u32)
    }

    fn is_word(&self, i: usize) -> bool {
        matches!(self.t.get(i), Some(t) if t.kind == Kind::Word)
    }

    fn cap(&self, i: usize) -> bool {
        matches!(self.t.get(i), Some(t) if t.kind == Kind::Word && t.flags & CAP != 0)
    }

    fn lower_word(&self, i: usize) -> bool {
        matches!(self.t.get(i), Some(t) if t.kind == Kind::Word && t.flags & CAP == 0)
    }

    /// Token `i` directly follows token `i - 1` with no space between.
    fn adj(&self, i: usize) -> bool {
        i > 0 && i < self.t.len() && self.t[i].start == self.t[i - 1].end
    }

    fn word_is(&self, i: usize, w: &str) -> bool {
        match self.t.get(i) {
            Some(t) if t.kind == Kind::Word => self.text[t.start..t.end].eq_ignore_ascii_case(w),
            _ => false,
        }
    }

    fn is_q(&self, i: usize) -> bool {
        self.word_is(i, "q")
    }

    /// Ordinal suffix ("st", "nd", "rd", "th") glued to number `i`.
    fn ord_suffix(&self, i: usize) -> bool {
        self.adj(i + 1)
            && (self.word_is(i + 1, "st")
                || self.word_is(i + 1, "nd")
                || self.word_is(i + 1, "rd")
                || self.word_is(i + 1, "th"))
    }

    /// Token `i` starts a sentence (nothing before, or sentence punctuation).
    fn sentence_start(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let p = self.t[i - 1];
        if p.kind == Kind::Punct {
            return matches!(
                p.n as u8,
                b'.' | b'!' | b'?' | b'"' | b'\'' | b'(' | b':' | b';'
            ) || p.n == 0;
        }
        // a paragraph break
        self.text[p.end..self.t[i].start].contains('\n')
    }

    fn anchor(&self) -> Option<NaiveDate> {
        self.anchor
    }

    /// Previous expression if it ended within `window` bytes before token `i`.
    fn recent_prev(&self, i: usize, window: usize) -> Option<Val> {
        let (v, end) = self.prev?;
        let here = self.t.get(i)?.start;
        if here >= end && here - end <= window {
            Some(v)
        } else {
            None
        }
    }

    /// The quarter a financial story is about: the last quarter expression
    /// within `window` bytes, else the last completed quarter.
    fn story_quarter(&self, i: usize, window: usize) -> Option<(i32, u32)> {
        if let Some((Val::Quarter(y, q), end)) = self.last_quarter {
            let here = self.t.get(i)?.start;
            if here >= end && here - end <= window {
                return Some((y, q));
            }
        }
        let (y, q) = quarter_of(self.anchor?);
        Some(add_quarters(y, q, -1))
    }

    // --- recognisers ----------------------------------------------------------

    fn at(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let mut the = false;
        if matches!(self.lex(j), Lex::The) {
            the = true;
            j += 1;
        }
        // early / late / mid- / the end of / the beginning of
        match self.lex(j) {
            Lex::Early | Lex::Late
                if matches!(
                    self.lex(j + 1),
                    Lex::Month(_) | Lex::Next | Lex::Last | Lex::This | Lex::Season(_) | Lex::The
                ) || self.num(j + 1).is_some() =>
            {
                j += 1;
            }
            // "late-November"
            Lex::Early | Lex::Late
                if self.punct(j + 1, b'-')
                    && self.adj(j + 1)
                    && self.adj(j + 2)
                    && matches!(self.lex(j + 2), Lex::Month(_)) =>
            {
                j += 2;
            }
            Lex::Mid => {
                j += 1;
                if self.punct(j, b'-') {
                    j += 1;
                }
            }
            Lex::End | Lex::Beginning if the && matches!(self.lex(j + 1), Lex::Of) => {
                j += 2;
            }
            _ => {}
        }
        if j > i && matches!(self.lex(j), Lex::The) && !the {
            the = true;
            j += 1;
        }
        let mut fiscal = false;
        if matches!(self.lex(j), Lex::Fiscal) {
            fiscal = true;
            j += 1;
        }
        let Some((_, e, v)) = self.core(j, the, fiscal) else {
            if self.opts.vague_refs {
                return self.vague(i, j, the);
            }
            return None;
        };
        // the apostrophe of "'90s" is part of the expression
        let s = if j > i { i } else { self.core_start(j) };
        Some((s, e, v))
    }

    fn core_start(&self, j: usize) -> usize {
        if j > 0 && self.punct(j - 1, b'\'') && self.adj(j) && self.num(j).is_some() {
            j - 1
        } else {
            j
        }
    }

    fn core(&self, j: usize, the: bool, fiscal: bool) -> Option<Hit> {
        let tk = *self.t.get(j)?;
        match tk.kind {
            Kind::Num => return self.numeric(j, the),
            Kind::Punct => {
                // "'90s"
                if tk.n == b'\'' as u32 {
                    return self
                        .numeric(j + 1, true)
                        .filter(|h| h.2.granularity() == Granularity::Decade);
                }
                return None;
            }
            Kind::Word => {}
        }
        let a = self.anchor();
        match tk.lex {
            Lex::Month(m) => self.month(j, m, true),
            Lex::MonAbbr(m) => self.month(j, m, false),
            Lex::Wd(d) => self.weekday(j, d),
            Lex::Today => {
                // "USA Today", "Today show"
                if matches!(self.lex(j + 1), Lex::Unit(Unit::Week, false))
                    || (self.cap(j)
                        && !self.all_caps(j)
                        && j > 0
                        && self.cap(j - 1)
                        && self.adj_space(j)
                        && !self.sentence_start(j)
                        && matches!(self.lex(j - 1), Lex::Other))
                {
                    return None;
                }
                // "today's youth", "today's world": the present in general
                if self.punct(j + 1, b'\'') && self.word_is(j + 2, "s") && self.generic_noun(j + 3)
                {
                    return None;
                }
                Some((j, j + 1, Val::Day(a?)))
            }
            Lex::Tonight => Some((j, j + 1, Val::Day(a?))),
            Lex::Yesterday => {
                let e = if matches!(self.lex(j + 1), Lex::DayPart) {
                    j + 2
                } else {
                    j + 1
                };
                Some((j, e, Val::Day(days(a?, -1)?)))
            }
            Lex::Tomorrow => {
                let e = if matches!(self.lex(j + 1), Lex::DayPart) {
                    j + 2
                } else {
                    j + 1
                };
                Some((j, e, Val::Day(days(a?, 1)?)))
            }
            Lex::Last
            | Lex::Next
            | Lex::This
            | Lex::Coming
            | Lex::Past
            | Lex::Previous
            | Lex::Following
            | Lex::Current
            | Lex::Latest
            | Lex::Same => self.relative(j, tk.lex, the),
            Lex::Earlier | Lex::Later => match self.lex(j + 1) {
                Lex::This | Lex::Last | Lex::Next => {
                    let (_, e, v) = self.relative(j + 1, self.lex(j + 1), false)?;
                    Some((j, e, v))
                }
                Lex::That => {
                    let (_, e, v) = self.that(j + 1)?;
                    Some((j, e, v))
                }
                _ => None,
            },
            Lex::That => self.that(j),
            Lex::Holiday(h, needs_day) => {
                let (e, y) = self.holiday_tail(j, needs_day)?;
                let a = self.anchor;
                let date = match y {
                    Some(y) => holiday_date(h, y, self.holiday_eve(j + 1))?,
                    None => nearest_holiday(a?, h, self.holiday_eve(j + 1))?,
                };
                Some((j, e, Val::Day(date)))
            }
            Lex::Teen(_) | Lex::Tens(_) => {
                let (e, y) = self.spelled_year(j)?;
                Some((j, e, Val::Year(y)))
            }
            Lex::Decades(d) if the => Some((j, j + 1, Val::Decade(190 + d as i32 / 10))),
            Lex::Full if the && matches!(self.lex(j + 1), Lex::Unit(Unit::Year, false)) => {
                // "the full year 1986"
                if let Some(y) = self.year_at(j + 2) {
                    return Some((j, j + 3, Val::Year(y)));
                }
                Some((j, j + 2, Val::Year(self.anchor?.year())))
            }
            Lex::DayPart if self.word_is(j, "morning") || self.word_is(j, "evening") => None,
            Lex::NumW(n) => self.ago(j, n, j + 1),
            Lex::Ord(n) => self.ordinal_quarter(j, n, fiscal),
            Lex::Season(s) => self.season(j, s, the),
            Lex::Unit(u, false) if the => self.the_unit(j, u),
            Lex::Unit(Unit::Year, false) => self.year_earlier(j),
            Lex::Now | Lex::Currently if self.opts.vague_refs => {
                Some((j, j + 1, Val::Ref("PRESENT_REF")))
            }
            Lex::Recently | Lex::Previously if self.opts.vague_refs => {
                Some((j, j + 1, Val::Ref("PAST_REF")))
            }
            Lex::Soon if self.opts.vague_refs => Some((j, j + 1, Val::Ref("FUTURE_REF"))),
            Lex::Future if self.opts.vague_refs && the => Some((j, j + 1, Val::Ref("FUTURE_REF"))),
            _ => {
                if tk.flags & CAP != 0 && self.is_q(j) {
                    return self.q_form(j);
                }
                None
            }
        }
    }

    /// A year number with the usual guards against quantities and codes.
    fn year_at(&self, j: usize) -> Option<i32> {
        let (v, nd) = self.num(j)?;
        if nd != 4 || !(1000..=2199).contains(&v) {
            return None;
        }
        // glued to other digits: "1,998", "3.1998", "1998.5", "2,000"
        if j > 0
            && self.adj(j)
            && (self.punct(j - 1, b',') || self.punct(j - 1, b'.'))
            && j >= 2
            && self.num(j - 2).is_some()
            && self.adj(j - 1)
        {
            return None;
        }
        if self.adj(j + 1)
            && (self.punct(j + 1, b',') || self.punct(j + 1, b'.'))
            && self.num(j + 2).is_some()
            && self.adj(j + 2)
        {
            return None;
        }
        if j > 0
            && (self.punct(j - 1, b'$')
                || self.punct(j - 1, b'#')
                || self.t[j - 1].n == 0 && self.t[j - 1].kind == Kind::Punct)
        {
            return None;
        }
        if self.punct(j + 1, b'%') {
            return None;
        }
        // codes: "f2037", "A2000"
        if self.adj(j) && self.is_word(j - 1) {
            return None;
        }
        if self.adj(j + 1) && self.is_word(j + 1) {
            return None; // "2000s" is handled as a decade, "1998m" is not a year
        }
        Some(v as i32)
    }

    fn numeric(&self, j: usize, the: bool) -> Option<Hit> {
        let (v, nd) = self.num(j)?;
        // ISO 2020-08-02 / 2020-08
        if nd == 4
            && self.punct(j + 1, b'-')
            && self.adj(j + 1)
            && self.adj(j + 2)
            && let Some((m, 2)) = self.num(j + 2)
        {
            if self.punct(j + 3, b'-') && self.adj(j + 3) && self.adj(j + 4) {
                if let Some((d, 2)) = self.num(j + 4) {
                    if self.adj(j + 5) && self.num(j + 5).is_some() {
                        return None;
                    }
                    let date = NaiveDate::from_ymd_opt(v as i32, m, d)?;
                    return Some((j, j + 5, Val::Day(date)));
                }
                return None;
            }
            if (1..=12).contains(&m) && (1900..=2100).contains(&v) {
                return Some((j, j + 3, Val::Month(v as i32, m)));
            }
        }
        // 9-MAR-1987, 9-Mar-87
        if nd <= 2
            && self.punct(j + 1, b'-')
            && self.adj(j + 1)
            && self.adj(j + 2)
            && let Lex::Month(m) | Lex::MonAbbr(m) = self.lex(j + 2)
            && self.punct(j + 3, b'-')
            && self.adj(j + 3)
            && self.adj(j + 4)
        {
            let (y, ny) = self.num(j + 4)?;
            let y = match ny {
                4 => y as i32,
                2 if y < 50 => 2000 + y as i32,
                2 => 1900 + y as i32,
                _ => return None,
            };
            let date = NaiveDate::from_ymd_opt(y, m, v)?;
            return Some((j, j + 5, Val::Day(date)));
        }
        // 08/02/2020, 8/2/20
        if nd <= 2 && self.punct(j + 1, b'/') && self.adj(j + 1) && self.adj(j + 2) {
            let (d, nd2) = self.num(j + 2)?;
            if nd2 <= 2 && self.punct(j + 3, b'/') && self.adj(j + 3) && self.adj(j + 4) {
                let (y, ny) = self.num(j + 4)?;
                let y = match ny {
                    4 => y as i32,
                    2 => {
                        if y < 50 {
                            2000 + y as i32
                        } else {
                            1900 + y as i32
                        }
                    }
                    _ => return None,
                };
                let (m, d) = if v > 12 && d <= 12 { (d, v) } else { (v, d) };
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                return Some((j, j + 5, Val::Day(date)));
            }
            return None;
        }
        // decades: 1990s, 1990's, '90s, the 80s
        let (s_tok, glued_s) = if self.adj(j + 1) && self.word_is(j + 1, "s") {
            (j + 2, true)
        } else if self.adj(j + 1)
            && self.punct(j + 1, b'\'')
            && self.adj(j + 2)
            && self.word_is(j + 2, "s")
        {
            (j + 3, true)
        } else {
            (j, false)
        };
        if glued_s && v % 10 == 0 {
            if nd == 4 && (1000..=2190).contains(&v) {
                return Some((j, s_tok, Val::Decade(v as i32 / 10)));
            }
            let apostrophe = j > 0 && self.punct(j - 1, b'\'') && self.adj(j);
            if nd == 2
                && (apostrophe
                    || the
                    || j > 0
                        && matches!(
                            self.lex(j - 1),
                            Lex::Early | Lex::Late | Lex::Mid | Lex::Prep
                        ))
            {
                let d = match v {
                    0 => 200,
                    10 => 201,
                    _ => 190 + v as i32 / 10,
                };
                return Some((j, s_tok, Val::Decade(d)));
            }
            return None;
        }
        // 20th century
        if nd <= 2
            && self.ord_suffix(j)
            && matches!(self.lex(j + 2), Lex::Century)
            && (1..=30).contains(&v)
        {
            return Some((j, j + 3, Val::Century(v as i32 - 1)));
        }
        // 2 August 2020, 2nd of August, 2 Aug
        if nd <= 2
            && (1..=31).contains(&v)
            && let Some(h) = self.day_month(j, v)
        {
            return Some(h);
        }
        // three days ago, 41 years ago
        if nd <= 3 {
            return self.ago(j, v, j + 1);
        }
        // bare year
        let y = self.year_at(j)?;
        if let Some((_, e, Val::Quarter(_, q))) = self.ordinal_after_year(j + 1) {
            return Some((j, e, Val::Quarter(y, q)));
        }
        if !self.year_context_ok(j, y) {
            return None;
        }
        // "the 1988 quarter", "the 1989 period"
        if the
            && matches!(self.lex(j + 1), Lex::Unit(Unit::Quarter, false))
            && let Some((_, q)) = self.story_quarter(j, 2000)
        {
            return Some((j, j + 2, Val::Quarter(y, q)));
        }
        // "the 1989 period" in a story about a quarter
        if the
            && matches!(self.lex(j + 1), Lex::Period)
            && let Some((Val::Quarter(_, q), end)) = self.last_quarter
            && self.t[j].start.saturating_sub(end) < 2000
        {
            return Some((j, j + 2, Val::Quarter(y, q)));
        }
        Some((j, j + 1, Val::Year(y)))
    }

    /// "1998 third quarter", "1998's third quarter".
    fn ordinal_after_year(&self, k: usize) -> Option<Hit> {
        let k = if self.punct(k, b'\'') && self.word_is(k + 1, "s") {
            k + 2
        } else {
            k
        };
        if let Lex::Ord(n) = self.lex(k) {
            let mut e = k + 1;
            if self.punct(e, b'-') {
                e += 1;
            }
            if matches!(self.lex(e), Lex::Unit(Unit::Quarter, false)) {
                return Some((k, e + 1, Val::Quarter(0, n)));
            }
        }
        None
    }

    fn year_context_ok(&self, j: usize, y: i32) -> bool {
        let prev = if j > 0 { self.lex(j - 1) } else { Lex::Other };
        let next_is_unit_word =
            self.lower_word(j + 1) && matches!(self.lex(j + 1), Lex::Other) && {
                let t = self.t[j + 1];
                let w = &self.text[t.start..t.end];
                const QUANT: [&str; 22] = [
                    "people",
                    "shares",
                    "cars",
                    "troops",
                    "votes",
                    "units",
                    "barrels",
                    "tonnes",
                    "tons",
                    "feet",
                    "metres",
                    "meters",
                    "miles",
                    "km",
                    "points",
                    "yards",
                    "employees",
                    "jobs",
                    "workers",
                    "students",
                    "copies",
                    "acres",
                ];
                QUANT.iter().any(|q| w.eq_ignore_ascii_case(q))
            };
        if next_is_unit_word {
            return false;
        }
        // times like "1930 GMT", "2000 hours"
        if self.word_is(j + 1, "gmt")
            || self.word_is(j + 1, "hours")
            || self.word_is(j + 1, "hrs")
            || self.word_is(j + 1, "utc")
        {
            return false;
        }
        if (1900..=2100).contains(&y) {
            return true;
        }
        matches!(
            prev,
            Lex::Prep
                | Lex::Of
                | Lex::The
                | Lex::Early
                | Lex::Late
                | Lex::Mid
                | Lex::Fiscal
                | Lex::Before
                | Lex::After
        )
    }

    /// Day first: "2 August 2020", "2nd of August", "2 Aug".
    fn day_month(&self, j: usize, d: u32) -> Option<Hit> {
        let mut k = j + 1;
        if self.ord_suffix(j) {
            k += 1;
        }
        if matches!(self.lex(k), Lex::Of) {
            k += 1;
        }
        let (m, full) = match self.lex(k) {
            Lex::Month(m) => (m, true),
            Lex::MonAbbr(m) => (m, false),
            _ => return None,
        };
        if !self.cap(k) {
            return None;
        }
        let mut e = k + 1;
        if !full && self.punct(e, b'.') {
            e += 1;
        }
        let mut ye = e;
        if self.punct(ye, b',') {
            ye += 1;
        }
        if let Some(y) = self.year_at(ye) {
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return Some((j, ye + 1, Val::Day(date)));
        }
        // no year: reject "2 August players" / "3 May cheques"
        if self.lower_word(e)
            && matches!(self.lex(e), Lex::Other | Lex::Unit(..))
            && !(j > 0 && matches!(self.lex(j - 1), Lex::Prep | Lex::Of | Lex::Wd(_)))
            && !(j > 0 && matches!(self.lex(j - 1), Lex::The) && k > j + 1)
        {
            return None;
        }
        let date = nearest_day(self.anchor()?, m, d)?;
        Some((j, e, Val::Day(date)))
    }

    fn month(&self, j: usize, m: u32, full: bool) -> Option<Hit> {
        if !self.cap(j) {
            return None;
        }
        let mut k = j + 1;
        if !full && self.punct(k, b'.') {
            k += 1;
        }
        // Month day [, year]
        if let Some((d, nd)) = self.num(k)
            && nd <= 2
            && (1..=31).contains(&d)
            && !(self.adj(k + 1)
                && (self.punct(k + 1, b':') || self.punct(k + 1, b'.'))
                && self.adj(k + 2)
                && self.num(k + 2).is_some())
        {
            let mut e = k + 1;
            if self.ord_suffix(k) {
                e += 1;
            }
            let mut ye = e;
            if self.punct(ye, b',') {
                ye += 1;
            }
            if let Some(y) = self.year_at(ye) {
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                return Some((j, ye + 1, Val::Day(date)));
            }
            // "March 1-2, 2020", "April 24 and 25, 2021": the year comes after the range
            if self
                .second_day(e, NaiveDate::from_ymd_opt(2000, m, d)?)
                .is_some()
            {
                let mut ye = e + 2;
                if self.punct(ye, b',') {
                    ye += 1;
                }
                if let Some(y) = self.year_at(ye) {
                    let date = NaiveDate::from_ymd_opt(y, m, d)?;
                    return Some((j, e, Val::Day(date)));
                }
            }
            if m == 5 && self.name_before(j) {
                return None;
            }
            let a = self.anchor()?;
            // (future tense does not help here: "ended Jan. 31", "effective June 1")
            let date = nearest_day(a, m, d)?;
            return Some((j, e, Val::Day(date)));
        }
        // Month [of|,] year
        let mut ye = k;
        if matches!(self.lex(ye), Lex::Of) || self.punct(ye, b',') {
            ye += 1;
        }
        if let Some(y) = self.year_at(ye) {
            if m == 5 && self.name_before(j) {
                return None;
            }
            return Some((j, ye + 1, Val::Month(y, m)));
        }
        if let Some((e, y)) = self.spelled_year(ye) {
            return Some((j, e, Val::Month(y, m)));
        }
        if !full {
            return None;
        }
        // "July last year", "April next year", "February this year"
        if full
            && matches!(self.lex(k), Lex::Last | Lex::Next | Lex::This)
            && matches!(self.lex(k + 1), Lex::Unit(Unit::Year, false))
        {
            let a = self.anchor()?;
            let y = match self.lex(k) {
                Lex::Last => a.year() - 1,
                Lex::Next => a.year() + 1,
                _ => a.year(),
            };
            return Some((j, k + 2, Val::Month(y, m)));
        }
        // bare month
        let prev = if j > 0 { self.lex(j - 1) } else { Lex::Other };
        let prep_before = matches!(
            prev,
            Lex::Prep | Lex::Early | Lex::Late | Lex::Mid | Lex::Of
        ) || (j > 0
            && self.punct(j - 1, b'-')
            && matches!(
                self.lex(j.saturating_sub(2)),
                Lex::Mid | Lex::Early | Lex::Late
            ));
        if m == 5 || m == 3 {
            // "may"/"march" are also common words and names
            if !prep_before || self.name_before(j) {
                return None;
            }
            if self.lower_word(j + 1)
                && !matches!(
                    self.lex(j + 1),
                    Lex::Func
                        | Lex::Prep
                        | Lex::The
                        | Lex::Of
                        | Lex::NumW(1)
                        | Lex::Will
                        | Lex::That
                )
            {
                return None;
            }
        } else {
            if self.name_before(j) {
                return None;
            }
            if !prep_before
                && self.cap(j + 1)
                && !matches!(self.lex(j + 1), Lex::Month(_) | Lex::Wd(_))
            {
                return None;
            }
            // "2 August players", "August sales": a modifier, not a date by itself;
            // "the October vote", "a June agreement" are dates
            let det_before = j > 0 && matches!(self.lex(j - 1), Lex::The | Lex::NumW(1));
            if !prep_before
                && !det_before
                && (j > 0 && self.num(j - 1).is_some()
                    || self.lower_word(j + 1)
                        && !matches!(
                            self.lex(j + 1),
                            Lex::Func | Lex::Prep | Lex::The | Lex::Will | Lex::NumW(1) | Lex::That
                        ))
            {
                return None;
            }
        }
        if self.all_caps(j) && !prep_before {
            return None;
        }
        let a = self.anchor()?;
        // "will open in March": the next March (this one if it is March now)
        let (y, m) = if self.future(j) {
            (
                if m >= a.month() {
                    a.year()
                } else {
                    a.year() + 1
                },
                m,
            )
        } else {
            nearest_month(a, m)
        };
        Some((j, j + 1, Val::Month(y, m)))
    }

    fn all_caps(&self, j: usize) -> bool {
        matches!(self.t.get(j), Some(t) if t.flags & ALLCAPS != 0)
    }

    /// A capitalised word right before `j` that is not a sentence start: a
    /// name such as "Theresa May" or "Good Friday".
    fn name_before(&self, j: usize) -> bool {
        if j == 0 || !self.cap(j - 1) || !self.adj_space(j) {
            return false;
        }
        if matches!(
            self.lex(j - 1),
            Lex::Prep
                | Lex::Wd(_)
                | Lex::Month(_)
                | Lex::The
                | Lex::Of
                | Lex::Early
                | Lex::Late
                | Lex::Last
                | Lex::Next
                | Lex::This
                | Lex::Func
                | Lex::Mid
        ) {
            return false;
        }
        !self.sentence_start(j - 1) || matches!(self.lex(j - 1), Lex::HolidayPrefix)
    }

    /// Tokens `j - 1` and `j` are separated by plain spaces on one line.
    fn adj_space(&self, j: usize) -> bool {
        let gap = &self.text[self.t[j - 1].end..self.t[j].start];
        !gap.contains('\n')
    }

    fn weekday(&self, j: usize, d: u32) -> Option<Hit> {
        if !self.cap(j) && !self.all_caps(j) {
            return None;
        }
        if self.all_caps(j)
            && !self.sentence_start(j)
            && !matches!(self.lex(j.wrapping_sub(1)), Lex::Prep)
        {
            return None;
        }
        // "Good Friday", "Black Friday"
        if j > 0 && matches!(self.lex(j - 1), Lex::HolidayPrefix) && self.cap(j - 1) {
            return None;
        }
        // "Sunday Times"
        if self.cap(j + 1) && matches!(self.lex(j + 1), Lex::NameAfterDay) {
            return None;
        }
        // "Friday, August 2, 2020"
        let mut k = j + 1;
        if self.punct(k, b',') {
            k += 1;
        }
        match self.lex(k) {
            Lex::Month(m) | Lex::MonAbbr(m) => {
                if let Some((_, e, v @ Val::Day(_))) =
                    self.month(k, m, matches!(self.lex(k), Lex::Month(_)))
                {
                    return Some((j, e, v));
                }
            }
            _ => {
                if self.num(k).is_some()
                    && let Some((_, e, v @ Val::Day(_))) = self.numeric(k, false)
                {
                    return Some((j, e, v));
                }
            }
        }
        let a = self.anchor()?;
        let e = if matches!(self.lex(j + 1), Lex::DayPart) {
            j + 2
        } else {
            j + 1
        };
        let aw = wd_index(a.weekday());
        let t = d as i64;
        // "Friday's meeting" is nearly always past
        let possessive = self.punct(j + 1, b'\'') && self.adj(j + 1) && self.word_is(j + 2, "s");
        let date = if self.opts.future_tense && !possessive && self.future_context(j) {
            days(a, (t - aw).rem_euclid(7))?
        } else {
            days(a, -(aw - t).rem_euclid(7))?
        };
        Some((j, e, Val::Day(date)))
    }

    /// Future-tense resolution is enabled and the sentence is in the future tense.
    fn future(&self, j: usize) -> bool {
        self.opts.future_tense && self.future_context(j)
    }

    /// The sentence around token `j` speaks of the future ("will", "is expected to").
    fn future_context(&self, j: usize) -> bool {
        let mut i = j;
        let mut steps = 0;
        while i > 0 && steps < 12 {
            i -= 1;
            steps += 1;
            let t = self.t[i];
            if t.kind == Kind::Punct && matches!(t.n as u8, b'.' | b'!' | b'?' | b';') {
                break;
            }
            if t.kind == Kind::Word {
                if matches!(t.lex, Lex::Will) {
                    return true;
                }
                // "as soon as", "as early as"
                if matches!(t.lex, Lex::Soon | Lex::Early) && i > 0 && self.word_is(i - 1, "as") {
                    return true;
                }
                if matches!(t.lex, Lex::Func)
                    && (self.word_is(i, "said")
                        || self.word_is(i, "was")
                        || self.word_is(i, "were")
                        || self.word_is(i, "had"))
                {
                    return false;
                }
            }
        }
        false
    }

    fn relative(&self, j: usize, kind: Lex, the: bool) -> Option<Hit> {
        let a = self.anchor()?;
        let mut k = j + 1;
        // "this past Sunday"
        let mut kind = kind;
        if matches!(kind, Lex::This) && matches!(self.lex(k), Lex::Past) {
            kind = Lex::Last;
            k += 1;
        }
        let next = self.lex(k);
        // "This Week" (a programme title)
        if matches!(kind, Lex::This)
            && self.cap(k)
            && !self.all_caps(k)
            && matches!(next, Lex::Unit(..))
            && !self.sentence_start(k)
        {
            return None;
        }
        if matches!(kind, Lex::This) && matches!(next, Lex::DayPart) && !self.word_is(k, "night") {
            return Some((j, k + 1, Val::Day(a)));
        }
        // "the next morning", "the following evening", "the previous night"
        if the
            && matches!(kind, Lex::Next | Lex::Following | Lex::Previous)
            && matches!(next, Lex::DayPart)
        {
            let base = match self.recent_prev(j, 600) {
                Some(Val::Day(d)) => d,
                _ => a,
            };
            let dir = if matches!(kind, Lex::Previous) { -1 } else { 1 };
            return Some((j, k + 1, Val::Day(days(base, dir)?)));
        }
        if let Lex::Holiday(h, needs_day) = next {
            if matches!(kind, Lex::Last | Lex::Next | Lex::This) && self.cap(k) {
                let (e, _) = self.holiday_tail(k, needs_day)?;
                let eve = self.holiday_eve(k + 1);
                let date = match kind {
                    Lex::Last => [a.year(), a.year() - 1]
                        .iter()
                        .find_map(|&y| holiday_date(h, y, eve).filter(|d| *d < a))?,
                    Lex::Next => [a.year(), a.year() + 1]
                        .iter()
                        .find_map(|&y| holiday_date(h, y, eve).filter(|d| *d > a))?,
                    _ => holiday_date(h, a.year(), eve)?,
                };
                return Some((j, e, Val::Day(date)));
            }
            return None;
        }
        let dir: i32 = match kind {
            Lex::Last | Lex::Past | Lex::Previous => -1,
            Lex::Next | Lex::Coming | Lex::Following => 1,
            Lex::This | Lex::Current => 0,
            Lex::Latest | Lex::Same => {
                // "the latest quarter", "the same period", "the most recent quarter"
                if !the {
                    return None;
                }
                let mut k2 = k;
                if self.word_is(j, "most") {
                    if !matches!(self.lex(k2), Lex::Latest) {
                        return None;
                    }
                    k2 += 1;
                }
                return match self.lex(k2) {
                    Lex::Unit(Unit::Quarter, false) | Lex::Period => {
                        if let Some(v @ Val::Quarter(..)) = self.recent_prev(j, 400) {
                            if matches!(kind, Lex::Same) {
                                return None;
                            }
                            return Some((j, k2 + 1, v));
                        }
                        if matches!(kind, Lex::Same) {
                            return None;
                        }
                        let (y, q) = quarter_of(a);
                        let (y, q) = add_quarters(y, q, -1);
                        Some((j, k2 + 1, Val::Quarter(y, q)))
                    }
                    _ => None,
                };
            }
            _ => return None,
        };
        // "the past year", "the last week", "the last quarter" name the previous
        // unit (TimeML practice); "the next month", "the past two years",
        // "the past" alone are not dates
        if the && matches!(kind, Lex::Last | Lex::Past) {
            if !matches!(
                next,
                Lex::Unit(Unit::Quarter | Unit::Year | Unit::Month | Unit::Week, false)
            ) {
                return None;
            }
            kind = Lex::Last;
        }
        if (the && matches!(kind, Lex::Next)) || matches!(kind, Lex::Past) {
            return None;
        }
        // "previous"/"following" are relative to the story, only with "the"
        if matches!(kind, Lex::Previous | Lex::Following) && !the {
            return None;
        }
        match next {
            Lex::Wd(d) => {
                if matches!(kind, Lex::Current) {
                    return None;
                }
                // "the previous Friday": before the day the story is at
                let a = if matches!(kind, Lex::Previous | Lex::Following) {
                    match self.recent_prev(j, 600) {
                        Some(Val::Day(p)) => p,
                        _ => a,
                    }
                } else {
                    a
                };
                let aw = wd_index(a.weekday());
                let t = d as i64;
                let off = match dir {
                    -1 => -((aw - t - 1).rem_euclid(7) + 1),
                    1 => (t - aw - 1).rem_euclid(7) + 1,
                    _ => t - aw,
                };
                let e = if matches!(self.lex(k + 1), Lex::DayPart) {
                    k + 2
                } else {
                    k + 1
                };
                Some((j, e, Val::Day(days(a, off)?)))
            }
            Lex::Month(m) => {
                if !self.cap(k) || matches!(kind, Lex::Previous | Lex::Following | Lex::Current) {
                    return None;
                }
                let (ay, am) = (a.year(), a.month());
                let y = match dir {
                    -1 => {
                        if m < am {
                            ay
                        } else {
                            ay - 1
                        }
                    }
                    1 => {
                        if m > am {
                            ay
                        } else {
                            ay + 1
                        }
                    }
                    _ => ay,
                };
                Some((j, k + 1, Val::Month(y, m)))
            }
            Lex::Season(s) => {
                if matches!(kind, Lex::Previous | Lex::Following | Lex::Current) {
                    return None;
                }
                let cur = season_of_month(a.month());
                // year of a season: winter belongs to the year it starts in
                let cur_y = if cur == 3 && a.month() <= 2 {
                    a.year() - 1
                } else {
                    a.year()
                };
                let idx_cur = cur_y * 4 + cur as i32;
                let mut y = match dir {
                    -1 => {
                        let mut y = cur_y;
                        while y * 4 + s as i32 >= idx_cur {
                            y -= 1;
                        }
                        y
                    }
                    1 => {
                        let mut y = cur_y;
                        while y * 4 + s as i32 <= idx_cur {
                            y += 1;
                        }
                        y
                    }
                    _ => cur_y,
                };
                if s == 3 && dir == 0 && a.month() <= 2 {
                    y = a.year() - 1;
                }
                Some((j, k + 1, Val::Season(y, s)))
            }
            Lex::Unit(u, false) => {
                let e = k + 1;
                // "next year's", "last year" fine; "last year alone" fine
                let v = match u {
                    Unit::Day => {
                        if !the || matches!(kind, Lex::This) {
                            return None;
                        }
                        // the previous day / the following day: relative to the story
                        let base = match self.recent_prev(j, 600) {
                            Some(Val::Day(d)) => d,
                            _ => a,
                        };
                        Val::Day(days(base, dir as i64)?)
                    }
                    Unit::Week => week_of(days(a, 7 * dir as i64)?),
                    Unit::Weekend => {
                        let w = weekend_near(a);
                        let d = days(w, 7 * dir as i64)?;
                        let wk = d.iso_week();
                        Val::Weekend(wk.year(), wk.week())
                    }
                    Unit::Month => {
                        let (by, bm) = if matches!(kind, Lex::Previous | Lex::Following) {
                            match self.recent_prev(j, 600) {
                                Some(Val::Month(y, m)) => (y, m),
                                Some(Val::Day(d)) => (d.year(), d.month()),
                                _ => return None,
                            }
                        } else {
                            (a.year(), a.month())
                        };
                        let (y, m) = add_months(by, bm, dir);
                        Val::Month(y, m)
                    }
                    Unit::Quarter => {
                        // in a results story "this quarter" is the one reported on
                        if dir == 0
                            && let Some((Val::Quarter(y, q), end)) = self.last_quarter
                            && self.t[j].start.saturating_sub(end) < 2000
                        {
                            return Some((j, e, Val::Quarter(y, q)));
                        }
                        let (y, q) = quarter_of(a);
                        let (y, q) = add_quarters(y, q, dir);
                        Val::Quarter(y, q)
                    }
                    Unit::Year => {
                        // "last year's quarter"
                        if self.punct(e, b'\'')
                            && self.word_is(e + 1, "s")
                            && matches!(
                                self.lex(e + 2),
                                Lex::Unit(Unit::Quarter, false) | Lex::Period
                            )
                            && !matches!(kind, Lex::Previous | Lex::Following)
                        {
                            let (_, q) = self.story_quarter(j, 2000)?;
                            return Some((j, e + 3, Val::Quarter(a.year() + dir, q)));
                        }
                        if matches!(kind, Lex::Previous | Lex::Following) {
                            let base = match self.recent_prev(j, 600) {
                                Some(
                                    Val::Year(y)
                                    | Val::Month(y, _)
                                    | Val::Quarter(y, _)
                                    | Val::Season(y, _),
                                ) => y,
                                Some(Val::Day(d)) => d.year(),
                                _ => return None,
                            };
                            Val::Year(base + dir)
                        } else {
                            Val::Year(a.year() + dir)
                        }
                    }
                    Unit::Decade => return None,
                };
                if matches!(kind, Lex::Previous | Lex::Following)
                    && !matches!(u, Unit::Day | Unit::Year | Unit::Month)
                {
                    return None;
                }
                Some((j, e, v))
            }
            Lex::Ord(n) if matches!(kind, Lex::This) || matches!(kind, Lex::Current) => {
                // "this third quarter" is rare; "the current fiscal year" handled by Fiscal
                let mut e = k + 1;
                if self.punct(e, b'-') {
                    e += 1;
                }
                if matches!(self.lex(e), Lex::Unit(Unit::Quarter, false)) && (1..=4).contains(&n) {
                    return Some((j, e + 1, Val::Quarter(a.year(), n)));
                }
                None
            }
            Lex::Fiscal
                if dir != 0 || matches!(kind, Lex::This) || matches!(kind, Lex::Current) =>
            {
                let (_, e, v) = self.relative_after_fiscal(k + 1, dir, a)?;
                Some((j, e, v))
            }
            _ => None,
        }
    }

    fn relative_after_fiscal(&self, k: usize, dir: i32, a: NaiveDate) -> Option<Hit> {
        match self.lex(k) {
            Lex::Unit(Unit::Year, false) => Some((k, k + 1, Val::Year(a.year() + dir))),
            Lex::Unit(Unit::Quarter, false) => {
                let (y, q) = quarter_of(a);
                let (y, q) = add_quarters(y, q, dir);
                Some((k, k + 1, Val::Quarter(y, q)))
            }
            _ => None,
        }
    }

    /// "two days ago", "a year earlier", "three weeks later".
    fn ago(&self, j: usize, n: u32, k: usize) -> Option<Hit> {
        let u = match self.lex(k) {
            Lex::Unit(u, plural) => {
                if plural != (n != 1) {
                    return None;
                }
                u
            }
            _ => return None,
        };
        let dir_word = self.lex(k + 1);
        let back = match dir_word {
            Lex::Ago | Lex::Earlier | Lex::Before => true,
            Lex::Later => false,
            _ => return None,
        };
        let a = self.anchor()?;
        let n = n as i32;
        let e = k + 2;
        let s = if back { -n } else { n };
        // "a year earlier/ago" after a quarter: the same quarter a year before
        if u == Unit::Year && n == 1 {
            if let Some(p) = self.recent_prev(j, 300)
                && (matches!(p, Val::Quarter(..))
                    || (!matches!(dir_word, Lex::Ago)
                        && matches!(p, Val::Day(_) | Val::Month(..) | Val::Year(_))))
            {
                self.keep_prev.set(true);
                return Some((j, e, p.shift_years(s)?));
            }
            // in a results story: the reported quarter a year before
            if let Some((q @ Val::Quarter(..), end)) = self.last_quarter
                && self.t[j].start.saturating_sub(end) < 1500
            {
                self.keep_prev.set(true);
                return Some((j, e, q.shift_years(s)?));
            }
        }
        if !matches!(dir_word, Lex::Ago) {
            // relative to the story: resolvable from a preceding expression,
            // years also from the publication date
            let Some(p) = self.recent_prev(j, 300) else {
                if u == Unit::Year {
                    self.keep_prev.set(true);
                    return Some((j, e, Val::Year(a.year() + s)));
                }
                return None;
            };
            let v = match (u, p) {
                (Unit::Day, Val::Day(d)) => Val::Day(days(d, s as i64)?),
                (Unit::Year, Val::Year(y)) => Val::Year(y + s),
                (Unit::Month, Val::Month(y, m)) => {
                    let (y, m) = add_months(y, m, s);
                    Val::Month(y, m)
                }
                _ => return None,
            };
            return Some((j, e, v));
        }
        let v = match u {
            Unit::Day => Val::Day(days(a, s as i64)?),
            Unit::Week => week_of(days(a, 7 * s as i64)?),
            Unit::Weekend => return None,
            Unit::Month => {
                let (y, m) = add_months(a.year(), a.month(), s);
                Val::Month(y, m)
            }
            Unit::Quarter => {
                let (y, q) = quarter_of(a);
                let (y, q) = add_quarters(y, q, s);
                Val::Quarter(y, q)
            }
            Unit::Year => Val::Year(a.year() + s),
            Unit::Decade => Val::Decade((a.year() + 10 * s) / 10),
        };
        Some((j, e, v))
    }

    /// "third quarter", "third-quarter", "the third quarter of 1998".
    fn ordinal_quarter(&self, j: usize, n: u32, _fiscal: bool) -> Option<Hit> {
        if !(1..=4).contains(&n) {
            return None;
        }
        let mut e = j + 1;
        if self.punct(e, b'-') {
            e += 1;
        }
        if !matches!(self.lex(e), Lex::Unit(Unit::Quarter, false)) {
            return None;
        }
        e += 1;
        let mut ye = e;
        if matches!(self.lex(ye), Lex::Of) || self.punct(ye, b',') {
            ye += 1;
        }
        if let Some(y) = self.year_at(ye) {
            return Some((j, ye + 1, Val::Quarter(y, n)));
        }
        // "1998's third quarter" / "this year's third quarter"
        if let Some(Val::Year(y)) = self.recent_prev(j, 8) {
            return Some((j, e, Val::Quarter(y, n)));
        }
        let a = self.anchor()?;
        let (ay, aq) = quarter_of(a);
        let y = if n <= aq { ay } else { ay - 1 };
        Some((j, e, Val::Quarter(y, n)))
    }

    fn q_form(&self, j: usize) -> Option<Hit> {
        let (n, nd) = self.num(j + 1)?;
        if nd != 1 || !(1..=4).contains(&n) || !self.adj(j + 1) {
            return None;
        }
        let mut ye = j + 2;
        if self.punct(ye, b',') {
            ye += 1;
        }
        if let Some(y) = self.year_at(ye) {
            return Some((j, ye + 1, Val::Quarter(y, n)));
        }
        let a = self.anchor()?;
        let (ay, aq) = quarter_of(a);
        let y = if n <= aq { ay } else { ay - 1 };
        Some((j, j + 2, Val::Quarter(y, n)))
    }

    fn season(&self, j: usize, s: u32, the: bool) -> Option<Hit> {
        let mut k = j + 1;
        if matches!(self.lex(k), Lex::Of) {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            return Some((j, k + 1, Val::Season(y, s)));
        }
        if let Some((e, y)) = self.spelled_year(k) {
            return Some((j, e, Val::Season(y, s)));
        }
        // "the summer", "in summer": the season of the publication year
        let prev = if j > 0 { self.lex(j - 1) } else { Lex::Other };
        if (the || matches!(prev, Lex::Prep))
            && !matches!(self.lex(j + 1), Lex::Of)
            && !self.is_word(j + 1)
            || (the && self.lower_word(j + 1) && matches!(self.lex(j + 1), Lex::Func | Lex::Prep))
        {
            let a = self.anchor?;
            let y = if s == 3 && a.month() <= 2 {
                a.year() - 1
            } else {
                a.year()
            };
            return Some((j, j + 1, Val::Season(y, s)));
        }
        None
    }

    /// "the year", "the quarter", "the weekend", "the day before".
    fn the_unit(&self, j: usize, u: Unit) -> Option<Hit> {
        let anchor = self.anchor();
        let next = self.lex(j + 1);
        match u {
            Unit::Year => {
                if let Some(y) = self.year_at(j + 1) {
                    return Some((j, j + 2, Val::Year(y)));
                }
                if let Some((e, y)) = self.spelled_year(j + 1) {
                    return Some((j, e, Val::Year(y)));
                }
                let a = anchor?;
                if matches!(
                    next,
                    Lex::Before | Lex::After | Lex::Earlier | Lex::Ago | Lex::Later | Lex::Of
                ) || self.punct(j + 1, b'-')
                {
                    return None;
                }
                Some((j, j + 1, Val::Year(a.year())))
            }
            Unit::Quarter => {
                let a = anchor?;
                if matches!(next, Lex::Of) {
                    return None;
                }
                if let Some(v @ Val::Quarter(..)) = self.recent_prev(j, 400) {
                    return Some((j, j + 1, v));
                }
                let (y, q) = quarter_of(a);
                let (y, q) = add_quarters(y, q, -1);
                Some((j, j + 1, Val::Quarter(y, q)))
            }
            // "the week of March 6"
            Unit::Week if matches!(next, Lex::Of) => {
                let (_, e, v) = match self.lex(j + 2) {
                    Lex::Month(m) => self.month(j + 2, m, true)?,
                    Lex::MonAbbr(m) => self.month(j + 2, m, false)?,
                    _ => self.numeric(j + 2, false)?,
                };
                match v {
                    Val::Day(d) => Some((j, e, week_of(d))),
                    _ => None,
                }
            }
            Unit::Weekend => {
                let a = anchor?;
                let w = weekend_near(a).iso_week();
                Some((j, j + 1, Val::Weekend(w.year(), w.week())))
            }
            Unit::Day => {
                let a = anchor?;
                let dir = match next {
                    Lex::Before => -1,
                    Lex::After => 1,
                    // "later in the day", "earlier in the day": the day the story is at
                    _ if j >= 3
                        && self.word_is(j - 2, "in")
                        && matches!(self.lex(j - 3), Lex::Later | Lex::Earlier) =>
                    {
                        let base = match self.recent_prev(j, 600) {
                            Some(Val::Day(d)) => d,
                            _ => a,
                        };
                        return Some((j, j + 1, Val::Day(base)));
                    }
                    _ => return None,
                };
                // "the day before yesterday"
                if matches!(self.lex(j + 2), Lex::Yesterday) {
                    return Some((j, j + 3, Val::Day(days(a, -2)?)));
                }
                if matches!(self.lex(j + 2), Lex::Tomorrow) {
                    return Some((j, j + 3, Val::Day(days(a, 2)?)));
                }
                // "the day before the vote": relative to an event, not resolvable
                if self.is_word(j + 2)
                    && matches!(self.lex(j + 2), Lex::The | Lex::Other | Lex::Func)
                    && self.lower_word(j + 2)
                {
                    return None;
                }
                let base = match self.recent_prev(j, 600) {
                    Some(Val::Day(d)) => d,
                    _ => a,
                };
                Some((j, j + 2, Val::Day(days(base, dir)?)))
            }
            _ => None,
        }
    }

    /// "year-earlier", "year-ago" (+ "quarter"/"period").
    fn year_earlier(&self, j: usize) -> Option<Hit> {
        if !(self.punct(j + 1, b'-')
            && self.adj(j + 1)
            && self.adj(j + 2)
            && matches!(self.lex(j + 2), Lex::Earlier | Lex::Ago))
        {
            return None;
        }
        let a = self.anchor()?;
        let mut e = j + 3;
        if matches!(self.lex(e), Lex::Unit(Unit::Quarter, false) | Lex::Period) {
            e += 1;
        }
        let s = if j > 0 && matches!(self.lex(j - 1), Lex::The) {
            j - 1
        } else {
            j
        };
        let v = if e == j + 4 {
            // "the year-earlier quarter"
            let (y, q) = self.story_quarter(j, 2000)?;
            Val::Quarter(y - 1, q)
        } else {
            match self.recent_prev(j, 300) {
                Some(p @ (Val::Quarter(..) | Val::Year(_) | Val::Month(..))) => {
                    p.shift_years(-1)?
                }
                _ => Val::Year(a.year() - 1),
            }
        };
        self.keep_prev.set(true);
        Some((s, e, v))
    }
}

impl Parser<'_> {
    /// Vague references: "now", "recently", "the past", "the future".
    fn vague(&self, i: usize, j: usize, the: bool) -> Option<Hit> {
        let present = Val::Ref("PRESENT_REF");
        let past = Val::Ref("PAST_REF");
        let future = Val::Ref("FUTURE_REF");
        let plural_unit = |k: usize| matches!(self.lex(k), Lex::Unit(_, true));
        match self.lex(j) {
            Lex::Now | Lex::Currently => Some((j, j + 1, present)),
            Lex::Current if !the => Some((j, j + 1, present)),
            Lex::Recently => Some((j, j + 1, past)),
            Lex::Latest if self.word_is(j, "recent") => {
                let e = if plural_unit(j + 1) { j + 2 } else { j + 1 };
                Some((j, e, past))
            }
            Lex::Past
                if the
                    && !matches!(
                        self.lex(j + 1),
                        Lex::Unit(..) | Lex::NumW(_) | Lex::Teen(_) | Lex::Tens(_) | Lex::Ord(_)
                    )
                    && self.num(j + 1).is_none() =>
            {
                Some((i, j + 1, past))
            }
            Lex::Future if the => Some((i, j + 1, future)),
            Lex::Vague
                if the && self.word_is(j, "near") && matches!(self.lex(j + 1), Lex::Future) =>
            {
                Some((i, j + 2, future))
            }
            Lex::Coming if plural_unit(j + 1) => Some((i, j + 2, future)),
            Lex::Future if plural_unit(j + 1) => Some((j, j + 2, future)),
            // "at the time"
            Lex::Other if the && self.word_is(j, "time") && i > 0 && self.word_is(i - 1, "at") => {
                Some((i, j + 1, past))
            }
            // "past years", "the past few months", "the last few years"
            Lex::Past | Lex::Last => {
                let k = if self.vague_few(j + 1) { j + 2 } else { j + 1 };
                let ok = plural_unit(k)
                    && (k == j + 2 || !the)
                    && !(matches!(self.lex(j), Lex::Last) && k == j + 1);
                ok.then_some((i, k + 1, past))
            }
            Lex::Vague
                if self.word_is(j, "these")
                    && matches!(self.lex(j + 1), Lex::Unit(Unit::Day, true)) =>
            {
                Some((j, j + 2, present))
            }
            // "the near term", "the short term", "the long term"
            Lex::Vague
                if the
                    && (self.word_is(j, "near")
                        || self.word_is(j, "short")
                        || self.word_is(j, "long"))
                    && self.word_is(j + 1, "term") =>
            {
                Some((i, j + 2, future))
            }
            // "several years ago", "a few weeks ago"
            Lex::Vague | Lex::NumW(1) => {
                let k = if matches!(self.lex(j), Lex::NumW(1)) {
                    j + 1
                } else {
                    j
                };
                if self.vague_few(k) && plural_unit(k + 1) && matches!(self.lex(k + 2), Lex::Ago) {
                    return Some((j, k + 3, past));
                }
                // "a later date"
                if matches!(self.lex(j), Lex::NumW(1))
                    && matches!(self.lex(j + 1), Lex::Later)
                    && self.word_is(j + 2, "date")
                {
                    return Some((j, j + 3, future));
                }
                None
            }
            _ => None,
        }
    }

    fn generic_noun(&self, k: usize) -> bool {
        const GENERIC: [&str; 20] = [
            "world",
            "youth",
            "society",
            "generation",
            "children",
            "kids",
            "young",
            "teenagers",
            "economy",
            "standards",
            "technology",
            "culture",
            "students",
            "women",
            "men",
            "people",
            "personal",
            "modern",
            "consumers",
            "families",
        ];
        match self.t.get(k) {
            Some(t) if t.kind == Kind::Word => {
                let w = &self.text[t.start..t.end];
                GENERIC.iter().any(|g| w.eq_ignore_ascii_case(g))
            }
            _ => false,
        }
    }

    fn vague_few(&self, k: usize) -> bool {
        matches!(self.lex(k), Lex::Vague)
            && (self.word_is(k, "few") || self.word_is(k, "several") || self.word_is(k, "many"))
    }

    /// "that year", "that day", "that quarter": the preceding expression.
    fn that(&self, j: usize) -> Option<Hit> {
        let mut k = j + 1;
        if matches!(self.lex(k), Lex::Same) {
            k += 1;
        }
        // "that quarter": the last quarter mentioned
        if matches!(self.lex(k), Lex::Unit(Unit::Quarter, false))
            && let Some((q @ Val::Quarter(..), end)) = self.last_quarter
            && self.t[j].start.saturating_sub(end) < 1500
        {
            self.keep_prev.set(true);
            return Some((j, k + 1, q));
        }
        let p = self.recent_prev(j, 800)?;
        let v = match (self.lex(k), p) {
            (Lex::Unit(Unit::Year, false), Val::Year(_)) => p,
            (Lex::Unit(Unit::Year, false), Val::Day(d)) => Val::Year(d.year()),
            (
                Lex::Unit(Unit::Year, false),
                Val::Month(y, _) | Val::Quarter(y, _) | Val::Season(y, _),
            ) => Val::Year(y),
            (Lex::Unit(Unit::Month, false), Val::Month(..)) => p,
            (Lex::Unit(Unit::Month, false), Val::Day(d)) => Val::Month(d.year(), d.month()),
            (Lex::Unit(Unit::Quarter, false), Val::Quarter(..)) => p,
            (Lex::Unit(Unit::Day, false), Val::Day(_)) => p,
            (Lex::Unit(Unit::Week, false), Val::Week(..)) => p,
            (Lex::Unit(Unit::Week, false), Val::Day(d)) => week_of(d),
            _ => return None,
        };
        self.keep_prev.set(true);
        Some((j, k + 1, v))
    }

    /// After a holiday word: optional "Day"/"Eve"/"Sunday", optional year.
    /// Returns the end token and the year if one is written.
    fn holiday_tail(&self, j: usize, needs_day: bool) -> Option<(usize, Option<i32>)> {
        if !self.cap(j) {
            return None;
        }
        let mut e = j + 1;
        let has_day = self.word_is(e, "day") && self.cap(e);
        if needs_day && !has_day {
            return None;
        }
        if has_day || self.word_is(e, "eve") || self.word_is(e, "sunday") {
            e += 1;
        }
        let mut ye = e;
        if self.punct(ye, b',') || matches!(self.lex(ye), Lex::Of) {
            ye += 1;
        }
        if let Some(y) = self.year_at(ye) {
            return Some((ye + 1, Some(y)));
        }
        Some((e, None))
    }

    fn holiday_eve(&self, k: usize) -> bool {
        self.word_is(k, "eve")
    }

    /// "nineteen ninety-six", "nineteen eighty", "two thousand", "two thousand and one".
    fn spelled_year(&self, j: usize) -> Option<(usize, i32)> {
        let small = |k: usize| match self.lex(k) {
            Lex::NumW(n) if n <= 12 && !self.word_is(k, "a") && !self.word_is(k, "an") => Some(n),
            Lex::Teen(n) => Some(n),
            _ => None,
        };
        match self.lex(j) {
            Lex::Teen(h @ 15..=19) | Lex::Tens(h @ 20) => {
                let k = j + 1;
                let (e, rest) = match self.lex(k) {
                    Lex::Tens(t) => {
                        if self.punct(k + 1, b'-') && self.adj(k + 1) {
                            let u = small(k + 2).filter(|u| *u <= 9)?;
                            (k + 3, t + u)
                        } else {
                            (k + 1, t)
                        }
                    }
                    Lex::Hundred => (k + 1, 0),
                    _ => {
                        let n = small(k).filter(|n| *n >= 10)?;
                        (k + 1, n)
                    }
                };
                Some((e, (h * 100 + rest) as i32))
            }
            Lex::NumW(2) if self.word_is(j, "two") && matches!(self.lex(j + 1), Lex::Thousand) => {
                let mut k = j + 2;
                if self.word_is(k, "and") {
                    k += 1;
                }
                match small(k) {
                    Some(n) if n <= 19 => Some((k + 1, 2000 + n as i32)),
                    _ => Some((j + 2, 2000)),
                }
            }
            _ => None,
        }
    }
}

/// Date of holiday `h` in year `y` (`eve`: the day before).
fn holiday_date(h: u32, y: i32, eve: bool) -> Option<NaiveDate> {
    let nth_weekday =
        |m: u32, wd: Weekday, n: u32| NaiveDate::from_weekday_of_month_opt(y, m, wd, n as u8);
    let d = match h {
        0 => NaiveDate::from_ymd_opt(y, 12, 25)?,
        1 => nth_weekday(11, Weekday::Thu, 4)?,
        2 => NaiveDate::from_ymd_opt(y, 10, 31)?,
        3 => easter(y)?,
        5 => nth_weekday(9, Weekday::Mon, 1)?,
        6 => {
            let last = NaiveDate::from_ymd_opt(y, 5, 31)?;
            days(last, -((wd_index(last.weekday())) % 7))?
        }
        7 => NaiveDate::from_ymd_opt(y, 7, 4)?,
        // US Election Day: the Tuesday after the first Monday of November
        8 => days(nth_weekday(11, Weekday::Mon, 1)?, 1)?,
        _ => return None,
    };
    if eve { days(d, -1) } else { Some(d) }
}

/// Western Easter Sunday (anonymous Gregorian algorithm).
fn easter(y: i32) -> Option<NaiveDate> {
    if y < 1583 {
        return None;
    }
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

/// The occurrence of holiday `h` nearest to `a` (a future one counts double).
fn nearest_holiday(a: NaiveDate, h: u32, eve: bool) -> Option<NaiveDate> {
    let mut best: Option<(i64, NaiveDate)> = None;
    for y in [a.year() - 1, a.year(), a.year() + 1] {
        if let Some(c) = holiday_date(h, y, eve) {
            let diff = (c - a).num_days();
            let cost = if diff > 0 { 4 * diff + 1 } else { -2 * diff };
            if best.is_none_or(|(b, _)| cost < b) {
                best = Some((cost, c));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// The weekend a story published on `a` most likely means: the coming one
/// from Friday on, the one just past otherwise (returned as its Saturday).
fn weekend_near(a: NaiveDate) -> NaiveDate {
    let aw = wd_index(a.weekday());
    match aw {
        4 => a + Duration::days(1),
        5 => a,
        6 => a - Duration::days(1),
        _ => a - Duration::days(aw + 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn check(text: &str, anchor: Option<NaiveDate>, expected: &[&str]) {
        let got: Vec<String> = find_dates(text, anchor)
            .into_iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(got, expected, "text: {text:?}");
    }

    #[test]
    fn table() {
        let mon = d(2020, 8, 3);
        let cases: &[(&str, Option<NaiveDate>, &[&str])] = &[
            ("The council met on Sunday to vote.", mon, &["2020-08-02"]),
            ("Fans gathered on Saturday.", d(2020, 9, 1), &["2020-08-29"]),
            ("Talks resumed Monday.", mon, &["2020-08-03"]),
            ("The board will meet on Tuesday.", mon, &["2020-08-04"]),
            (
                "It opened in May and closed in June.",
                mon,
                &["2020-05", "2020-06"],
            ),
            ("Theresa May said the plan may be delayed.", mon, &[]),
            ("Prices may rise.", mon, &[]),
            ("A march on the capital drew thousands.", mon, &[]),
            ("The plant closed last March.", mon, &["2020-03"]),
            ("The plant closed last March.", d(2020, 3, 15), &["2019-03"]),
            ("The plant reopened next March.", mon, &["2021-03"]),
            ("It happened two days ago.", mon, &["2020-08-01"]),
            ("It happened a year ago.", mon, &["2019"]),
            ("The firm was founded in 2017.", None, &["2017"]),
            ("The deal closed on 2 Aug.", mon, &["2020-08-02"]),
            ("The 2 August players were named.", mon, &[]),
            (
                "The law took effect on August 2, 2020.",
                None,
                &["2020-08-02"],
            ),
            (
                "The law took effect on Aug. 2, 2020.",
                None,
                &["2020-08-02"],
            ),
            (
                "The law took effect on 2 August 2020.",
                None,
                &["2020-08-02"],
            ),
            ("Filed 2020-08-02 at noon.", None, &["2020-08-02"]),
            ("Filed 08/02/2020.", None, &["2020-08-02"]),
            ("Filed 9-MAR-1987 04:58.", None, &["1987-03-09"]),
            ("In the full year 1986, imports rose.", None, &["1986"]),
            ("Sales in August 2020 rose.", None, &["2020-08"]),
            ("Rock of the 1980s and the 1990s.", None, &["198", "199"]),
            ("Music of the '90s.", None, &["199"]),
            ("It was founded in March 1987.", None, &["1987-03"]),
            (
                "Profit fell in the third quarter.",
                d(2020, 10, 20),
                &["2020-Q3"],
            ),
            ("Profit rose 5% from a year earlier.", None, &[]),
            (
                "Third-quarter profit rose from $3 a year earlier.",
                d(2020, 10, 20),
                &["2020-Q3", "2019-Q3"],
            ),
            (
                "Sales fell last week and rose this week.",
                mon,
                &["2020-W31", "2020-W32"],
            ),
            (
                "Prices rose last month and last year.",
                mon,
                &["2020-07", "2019"],
            ),
            (
                "Prices will rise next month and next year.",
                mon,
                &["2020-09", "2021"],
            ),
            ("Earlier this month the index fell.", mon, &["2020-08"]),
            (
                "He left yesterday and returns tomorrow.",
                mon,
                &["2020-08-02", "2020-08-04"],
            ),
            ("Today the market is closed.", mon, &["2020-08-03"]),
            ("The Sunday Times reported it.", mon, &[]),
            ("Friday's vote was close.", mon, &["2020-07-31"]),
            (
                "The summit on August 2 ended.",
                d(2020, 1, 10),
                &["2019-08-02"],
            ),
            ("The summit on August 2 ended.", None, &[]),
            ("He was born in the 20th century.", None, &["19"]),
            ("The rally in summer 1998 was big.", None, &["1998-SU"]),
            ("It rained yesterday, today and on Sunday.", None, &[]),
            ("Fiscal 1998 results were strong.", None, &["1998"]),
            ("They sold 2000 shares for $1999.", None, &[]),
            (
                "The vote is set for Christmas Day.",
                d(2020, 12, 1),
                &["2020-12-25"],
            ),
            (
                "Shops closed last Thanksgiving.",
                d(2020, 8, 3),
                &["2019-11-28"],
            ),
            ("He left in nineteen ninety-six.", None, &["1996"]),
            ("By the year two thousand it had grown.", None, &["2000"]),
            ("It opened in July last year.", mon, &["2019-07"]),
            ("Hate groups grew over the past year.", mon, &["2019"]),
            ("Hate groups grew over the past two years.", mon, &[]),
            ("He made the late-November trip.", mon, &["2020-11"]),
            (
                "A hearing is set for the week of March 6, 2000.",
                None,
                &["2000-W10"],
            ),
            (
                "Polls close on Election Day.",
                d(2020, 10, 20),
                &["2020-11-03"],
            ),
            (
                "He spoke on Friday and left the next morning.",
                mon,
                &["2020-07-31", "2020-08-01"],
            ),
            ("He spoke again later in the day.", mon, &["2020-08-03"]),
            (
                "The summit is on April 24 and 25.",
                mon,
                &["2020-04-24", "2020-04-25"],
            ),
            (
                "The summit will be on April 24 and 25, 2021.",
                mon,
                &["2021-04-24", "2021-04-25"],
            ),
            (
                "Talks ran March 1-2, 2020.",
                None,
                &["2020-03-01", "2020-03-02"],
            ),
            ("The plant will reopen in March.", mon, &["2021-03"]),
            ("The plant reopened in March.", mon, &["2020-03"]),
            ("The plant reopened in December.", mon, &["2019-12"]),
            (
                "Fans recalled the \u{2019}90s and Friday\u{2019}s game.",
                mon,
                &["199", "2020-07-31"],
            ),
            (
                "The board meets on Friday.",
                d(2020, 7, 31),
                &["2020-07-31"],
            ),
            ("Profit rose in Q2 2019.", None, &["2019-Q2"]),
            (
                "Rates rose on July 4, 1976, the Fourth.",
                None,
                &["1976-07-04"],
            ),
            ("It was built 41 years ago.", mon, &["1979"]),
            ("The October vote was close.", d(2020, 11, 20), &["2020-10"]),
            ("The rally grew in the summer.", mon, &["2020-SU"]),
            ("Sales peaked in the 1950s.", None, &["195"]),
            (
                "Revenue for the 1999 third quarter rose.",
                None,
                &["1999-Q3"],
            ),
            (
                "He arrived on May 29, 2006 and left in May.",
                d(2006, 7, 1),
                &["2006-05-29", "2006-05"],
            ),
            ("May Day marches drew crowds.", mon, &[]),
            ("The USA Today poll was wrong.", mon, &[]),
            ("Shares rose 3% on Black Friday.", mon, &[]),
            (
                "The talks ran from Monday, Aug. 3, 2020.",
                None,
                &["2020-08-03"],
            ),
            ("It closed May 5:30 pm.", mon, &[]),
            (
                "In 1998, the firm moved; the following year it grew.",
                None,
                &["1998"],
            ),
            (
                "In 1998, the firm moved; the following year it grew.",
                mon,
                &["1998", "1999"],
            ),
            (
                "The deal closed Sept. 30 and rose in the second half.",
                d(2020, 10, 15),
                &["2020-09-30"],
            ),
            ("Revenue rose to 1,998 units.", None, &[]),
            ("Ref f2037 and model A1999.", None, &[]),
        ];
        let mut failed = Vec::new();
        for (text, anchor, expected) in cases {
            if std::panic::catch_unwind(|| check(text, *anchor, expected)).is_err() {
                failed.push(*text);
            }
        }
        assert!(failed.is_empty(), "failed: {failed:#?}");
    }

    #[test]
    fn offsets_with_non_ascii() {
        let text = "Elle a dit «bonjour» — “On Sunday” it reopened, café on 2 Aug.";
        let got = find_dates(text, d(2020, 8, 3));
        assert_eq!(got.len(), 2);
        assert_eq!(&text[got[0].start..got[0].end], "Sunday");
        assert_eq!(got[0].value, "2020-08-02");
        assert_eq!(&text[got[1].start..got[1].end], "2 Aug.");
        assert_eq!(got[1].granularity, Granularity::Day);
    }

    #[test]
    fn extents() {
        let text = "Profit in the third quarter of 2019 beat estimates.";
        let got = find_dates(text, None);
        assert_eq!(got.len(), 1);
        assert_eq!(&text[got[0].start..got[0].end], "the third quarter of 2019");
        assert_eq!(got[0].value, "2019-Q3");
        assert_eq!(got[0].granularity, Granularity::Quarter);
        let text = "It fell two days ago.";
        let got = find_dates(text, d(2020, 8, 3));
        assert_eq!(&text[got[0].start..got[0].end], "two days ago");
    }

    #[test]
    fn vague_refs_opt_in() {
        let a = d(2020, 8, 3);
        assert!(find_dates("Prices are now higher.", a).is_empty());
        let opts = DateOptions {
            vague_refs: true,
            ..DateOptions::default()
        };
        let got = find_dates_with("Prices are now higher.", a, &opts);
        assert_eq!(got[0].value, "PRESENT_REF");
    }

    #[test]
    fn never_panics() {
        let odd = [
            "",
            " ",
            "9999-99-99",
            "0000-00-00",
            "2020-02-30",
            "31/31/2020",
            "'",
            "''s",
            "May",
            "the",
            "the 99th century",
            "4294967296 days ago",
            "99999999999999999999 years ago",
            "Q",
            "Q9",
            "March 32, 2020",
            "Feb. 29, 2021",
            "last",
            "the day before",
            "a year earlier",
            "\u{2019}90s",
            "Mon\u{e9}day",
            "é",
            "\u{feff}Sunday",
            "year-",
            "1999-",
            "12/",
            "12/3/",
        ];
        let anchors = [
            None,
            d(2020, 8, 3),
            d(0, 1, 1),
            d(9999, 12, 31),
            d(-5, 6, 1),
        ];
        for s in odd {
            for a in anchors {
                for m in find_dates(s, a) {
                    assert!(m.start <= m.end && m.end <= s.len());
                    assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
                }
            }
        }
        // pseudo-random byte soup over a small alphabet
        let alphabet: Vec<&str> = vec![
            "May",
            " ",
            "2",
            "0",
            "-",
            "/",
            ",",
            ".",
            "'",
            "s",
            "Sunday",
            "last",
            "year",
            "ago",
            "the",
            "“",
            "é",
            "third",
            "quarter",
            "of",
            "1998",
            "Aug",
            "in",
            "\n",
            "Christmas",
            "Day",
            "nineteen",
            "ninety",
            "two",
            "thousand",
            "that",
            "following",
            "Q",
            "3",
            "'",
            "earlier",
            "this",
            "next",
            "Friday",
            "summer",
            "41",
            "99",
            ":",
            "Labor",
            "a",
        ];
        let mut x: u64 = 12345;
        for _ in 0..20000 {
            let mut s = String::new();
            for _ in 0..14 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push_str(alphabet[(x >> 33) as usize % alphabet.len()]);
            }
            for a in anchors {
                for m in find_dates(&s, a) {
                    assert!(m.end <= s.len() && s.is_char_boundary(m.start));
                }
            }
        }
    }
}
