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
//! * relative to the day, month, quarter or year the story is at (the
//!   preceding expression, else the publication date): "a year earlier", "the
//!   following year", "the year previous", "that day", "the same day", "late
//!   in the day", "on the day", "the day before", "the year-earlier quarter",
//!   "the same period last year", "the same month a year ago".
//!
//! Conventions (news usage, checked against TimeML-annotated news):
//! * a bare weekday is the most recent such day on or before the publication
//!   date, unless its clause is in the future tense ("will", "is set for",
//!   "as early as", "is meeting"), then the next one on or after it; the
//!   tense comes from the verb forms of the sentence (module `tense`);
//! * a month and day without a year is the occurrence nearest to the
//!   publication date, a future distance counting double (stories look back
//!   further than they look ahead); a bare month leans the same way, or,
//!   when its clause is in the future or past tense ("will open in March",
//!   "opened in March"), to the next or the last one;
//! * "a week ago" and "two weeks ago" are days, "six weeks ago" a week;
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
//!
//! The module is split by concern: `lexicon` (the word table), `tokens`
//! (the scanner), `parser` (the scan and the token tests), the recognisers
//! `absolute` (written dates), `relative` (against the publication date),
//! `offsets` ("two days ago", "a year earlier"), `anaphora` (against the
//! time the story is at), `tense` (past or future), `vague`, and
//! `calendar` and `value` (arithmetic and TIMEX3 values).

mod absolute;
mod anaphora;
mod calendar;
mod lexicon;
mod offsets;
mod parser;
mod relative;
mod tense;
mod tokens;
mod vague;
mod value;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use parser::Parser;

/// The unit of a normalised date value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    /// A day (also vague references such as `PRESENT_REF`).
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
    /// Let the tense of the sentence decide whether a bare weekday or month
    /// looks ahead ("will meet on Tuesday", "will open in March") or back
    /// ("opened in March").
    pub future_tense: bool,
}

impl Default for DateOptions {
    /// No vague references; future-tense sentences look ahead.
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
    let mut tokens = Vec::new();
    tokens::tokenize(text, &mut tokens);
    let mut parser = Parser::new(text, &tokens, anchor, opts);
    parser.run();
    parser.out
}
