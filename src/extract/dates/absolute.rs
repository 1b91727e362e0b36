//! Dates written out: numeric forms ("2020-08-02", "08/02/2020",
//! "9-MAR-1987"), years and decades, month names with or without day and
//! year, spelled years, quarters, seasons and holidays.

use chrono::{Datelike, NaiveDate};

use super::calendar::{Holiday, Lean, holiday_date, leaning_month, nearest_day, nearest_holiday};
use super::calendar::{quarter_of, season_year};
use super::lexicon::{Lex, Unit};
use super::parser::{Hit, Parser, hit};
use super::tense::Tense;
use super::tokens::Kind;
use super::value::Val;

/// The outcome of trying one written form: `None` when the tokens are not in
/// that form (the next form is tried), `Some(found)` when they are (`found`
/// is still `None` when the date they write is impossible).
type Attempt = Option<Option<Hit>>;

/// Words after a number that make it a quantity, not a year ("2000 people").
const QUANTITY_WORDS: [&str; 22] = [
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

/// A two-digit year: 1950-2049.
fn century_of_two_digits(year: u32) -> i32 {
    if year < 50 {
        2000 + year as i32
    } else {
        1900 + year as i32
    }
}

impl Parser<'_> {
    /// A year number with the usual guards against quantities and codes.
    pub(super) fn year_at(&self, pos: usize) -> Option<i32> {
        let (value, digits) = self.num(pos)?;
        if digits != 4 || !(1000..=2199).contains(&value) {
            return None;
        }
        let separator = |at: usize| self.punct(at, b',') || self.punct(at, b'.');
        // glued to other digits: "1,998", "3.1998", "1998.5", "2,000"
        if pos >= 2
            && self.adj(pos)
            && self.adj(pos - 1)
            && separator(pos - 1)
            && self.num(pos - 2).is_some()
        {
            return None;
        }
        if self.adj(pos + 1)
            && self.adj(pos + 2)
            && separator(pos + 1)
            && self.num(pos + 2).is_some()
        {
            return None;
        }
        if pos > 0 {
            let before = self.tokens[pos - 1];
            if self.punct(pos - 1, b'$')
                || self.punct(pos - 1, b'#')
                || before.n == 0 && before.kind == Kind::Punct
            {
                return None;
            }
        }
        if self.punct(pos + 1, b'%') {
            return None;
        }
        // codes: "f2037", "A2000"; "2000s" is a decade, "1998m" no year
        if self.adj(pos) && self.is_word(pos - 1) || self.adj(pos + 1) && self.is_word(pos + 1) {
            return None;
        }
        Some(value as i32)
    }

    /// A date starting with a number at `pos`: ISO, day-month-year, US slash
    /// dates, decades, centuries, "2 August", "three days ago", a bare year.
    pub(super) fn numeric(&self, pos: usize, the: bool) -> Option<Hit> {
        let (value, digits) = self.num(pos)?;
        if let Some(found) = self.iso_date(pos, value, digits) {
            return found;
        }
        if let Some(found) = self.day_mon_year(pos, value, digits) {
            return found;
        }
        if let Some(found) = self.slash_date(pos, value, digits) {
            return found;
        }
        if let Some(found) = self.decade(pos, value, digits, the) {
            return found;
        }
        // 20th century
        if digits <= 2
            && self.ord_suffix(pos)
            && matches!(self.lex(pos + 2), Lex::Century)
            && (1..=30).contains(&value)
        {
            return hit(pos, pos + 3, Val::Century(value as i32 - 1));
        }
        // 2 August 2020, 2nd of August, 2 Aug
        if digits <= 2
            && (1..=31).contains(&value)
            && let Some(found) = self.day_month(pos, value)
        {
            return Some(found);
        }
        // three days ago, 41 years ago
        if digits <= 3 {
            return self.ago(pos, value, pos + 1);
        }
        self.bare_year(pos, the)
    }

    /// ISO "2020-08-02" and "2020-08".
    fn iso_date(&self, pos: usize, year: u32, digits: u8) -> Attempt {
        if !(digits == 4 && self.punct(pos + 1, b'-') && self.adj(pos + 1) && self.adj(pos + 2)) {
            return None;
        }
        let Some((month, 2)) = self.num(pos + 2) else {
            return None;
        };
        if self.punct(pos + 3, b'-') && self.adj(pos + 3) && self.adj(pos + 4) {
            let Some((day, 2)) = self.num(pos + 4) else {
                return Some(None);
            };
            if self.adj(pos + 5) && self.num(pos + 5).is_some() {
                return Some(None);
            }
            let date = NaiveDate::from_ymd_opt(year as i32, month, day);
            return Some(date.and_then(|date| hit(pos, pos + 5, Val::Day(date))));
        }
        if (1..=12).contains(&month) && (1900..=2100).contains(&year) {
            return Some(hit(pos, pos + 3, Val::Month(year as i32, month)));
        }
        None
    }

    /// "9-MAR-1987", "9-Mar-87".
    fn day_mon_year(&self, pos: usize, day: u32, digits: u8) -> Attempt {
        let glued = |at: usize| self.adj(at) && self.adj(at + 1);
        if !(digits <= 2 && self.punct(pos + 1, b'-') && glued(pos + 1)) {
            return None;
        }
        let (Lex::Month(month) | Lex::MonthAbbr(month)) = self.lex(pos + 2) else {
            return None;
        };
        if !(self.punct(pos + 3, b'-') && glued(pos + 3)) {
            return None;
        }
        Some(self.num(pos + 4).and_then(|(year, year_digits)| {
            let year = match year_digits {
                4 => year as i32,
                2 => century_of_two_digits(year),
                _ => return None,
            };
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            hit(pos, pos + 5, Val::Day(date))
        }))
    }

    /// "08/02/2020", "8/2/20" (US order unless the first number cannot be a month).
    fn slash_date(&self, pos: usize, first: u32, digits: u8) -> Attempt {
        let glued = |at: usize| self.adj(at) && self.adj(at + 1);
        if !(digits <= 2 && self.punct(pos + 1, b'/') && glued(pos + 1)) {
            return None;
        }
        let parse = || {
            let (second, second_digits) = self.num(pos + 2)?;
            if !(second_digits <= 2 && self.punct(pos + 3, b'/') && glued(pos + 3)) {
                return None;
            }
            let (year, year_digits) = self.num(pos + 4)?;
            let year = match year_digits {
                4 => year as i32,
                2 => century_of_two_digits(year),
                _ => return None,
            };
            let (month, day) = if first > 12 && second <= 12 {
                (second, first)
            } else {
                (first, second)
            };
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            hit(pos, pos + 5, Val::Day(date))
        };
        Some(parse())
    }

    /// Decades: "1990s", "1990's", "'90s", "the 80s".
    fn decade(&self, pos: usize, value: u32, digits: u8, the: bool) -> Attempt {
        let end = if self.adj(pos + 1) && self.word_is(pos + 1, "s") {
            pos + 2
        } else if self.adj(pos + 1)
            && self.punct(pos + 1, b'\'')
            && self.adj(pos + 2)
            && self.word_is(pos + 2, "s")
        {
            pos + 3
        } else {
            return None;
        };
        if !value.is_multiple_of(10) {
            return None;
        }
        if digits == 4 && (1000..=2190).contains(&value) {
            return Some(hit(pos, end, Val::Decade(value as i32 / 10)));
        }
        let apostrophe = pos > 0 && self.punct(pos - 1, b'\'') && self.adj(pos);
        let modifier_before = pos > 0
            && matches!(
                self.lex(pos - 1),
                Lex::Early | Lex::Late | Lex::Mid | Lex::Prep
            );
        if digits == 2 && (apostrophe || the || modifier_before) {
            let decade = match value {
                0 => 200,
                10 => 201,
                _ => 190 + value as i32 / 10,
            };
            return Some(hit(pos, end, Val::Decade(decade)));
        }
        Some(None)
    }

    /// A four-digit year at `pos`, or the quarter of a year ("1998 third
    /// quarter", "the 1988 quarter").
    fn bare_year(&self, pos: usize, the: bool) -> Option<Hit> {
        let year = self.year_at(pos)?;
        if let Some(Hit {
            end,
            value: Val::Quarter(_, quarter),
            ..
        }) = self.ordinal_after_year(pos + 1)
        {
            return hit(pos, end, Val::Quarter(year, quarter));
        }
        if !self.year_context_ok(pos, year) {
            return None;
        }
        // "the 1988 quarter"
        if the
            && matches!(self.lex(pos + 1), Lex::Unit(Unit::Quarter, false))
            && let Some((_, quarter)) = self.story_quarter(pos, 2000)
        {
            return hit(pos, pos + 2, Val::Quarter(year, quarter));
        }
        // "the 1989 period" in a story about a quarter
        if the
            && matches!(self.lex(pos + 1), Lex::Period)
            && let Some(Val::Quarter(_, quarter)) = self.recent_quarter(pos, 2000)
        {
            return hit(pos, pos + 2, Val::Quarter(year, quarter));
        }
        hit(pos, pos + 1, Val::Year(year))
    }

    /// "1998 third quarter", "1998's third quarter" (year 0 in the value).
    fn ordinal_after_year(&self, pos: usize) -> Option<Hit> {
        let pos = if self.punct(pos, b'\'') && self.word_is(pos + 1, "s") {
            pos + 2
        } else {
            pos
        };
        let Lex::Ordinal(nth) = self.lex(pos) else {
            return None;
        };
        let mut end = pos + 1;
        if self.punct(end, b'-') {
            end += 1;
        }
        if matches!(self.lex(end), Lex::Unit(Unit::Quarter, false)) {
            return hit(pos, end + 1, Val::Quarter(0, nth));
        }
        None
    }

    /// Number `year` at `pos` reads as a year here: no quantity or clock
    /// word after it, and outside 1900-2100 a date word before it.
    fn year_context_ok(&self, pos: usize, year: i32) -> bool {
        let quantity_after = self.lower_word(pos + 1)
            && matches!(self.lex(pos + 1), Lex::Other)
            && self.word_in(pos + 1, &QUANTITY_WORDS);
        // times like "1930 GMT", "2000 hours"
        if quantity_after || self.word_in(pos + 1, &["gmt", "hours", "hrs", "utc"]) {
            return false;
        }
        if (1900..=2100).contains(&year) {
            return true;
        }
        let before = if pos > 0 {
            self.lex(pos - 1)
        } else {
            Lex::Other
        };
        matches!(
            before,
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
    fn day_month(&self, pos: usize, day: u32) -> Option<Hit> {
        let mut month_pos = pos + 1;
        if self.ord_suffix(pos) {
            month_pos += 1;
        }
        if matches!(self.lex(month_pos), Lex::Of) {
            month_pos += 1;
        }
        let (month, full) = match self.lex(month_pos) {
            Lex::Month(month) => (month, true),
            Lex::MonthAbbr(month) => (month, false),
            _ => return None,
        };
        if !self.cap(month_pos) {
            return None;
        }
        let mut end = month_pos + 1;
        if !full && self.punct(end, b'.') {
            end += 1;
        }
        let year_pos = self.skip_comma(end);
        if let Some(year) = self.year_at(year_pos) {
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            return hit(pos, year_pos + 1, Val::Day(date));
        }
        // no year: reject "2 August players" / "3 May cheques"
        let before = if pos > 0 {
            self.lex(pos - 1)
        } else {
            Lex::Other
        };
        if self.lower_word(end)
            && matches!(self.lex(end), Lex::Other | Lex::Unit(..))
            && !(pos > 0 && matches!(before, Lex::Prep | Lex::Of | Lex::Weekday(_)))
            && !(pos > 0 && matches!(before, Lex::The) && month_pos > pos + 1)
        {
            return None;
        }
        let date = nearest_day(self.anchor?, month, day)?;
        hit(pos, end, Val::Day(date))
    }

    /// A date starting with a month name at `pos` (`full`: not abbreviated):
    /// "August 2, 2020", "August 2020", "July last year", "in March".
    pub(super) fn month(&self, pos: usize, month: u32, full: bool) -> Option<Hit> {
        if !self.cap(pos) {
            return None;
        }
        let mut after = pos + 1;
        if !full && self.punct(after, b'.') {
            after += 1;
        }
        if let Some(found) = self.month_day(pos, month, after) {
            return found;
        }
        let year_pos = self.skip_comma_or_of(after);
        if let Some(year) = self.year_at(year_pos) {
            if month == 5 && self.name_before(pos) {
                return None;
            }
            return hit(pos, year_pos + 1, Val::Month(year, month));
        }
        if let Some((end, year)) = self.spelled_year(year_pos) {
            return hit(pos, end, Val::Month(year, month));
        }
        if !full {
            return None;
        }
        // "July last year", "April next year", "February this year"
        if matches!(self.lex(after), Lex::Last | Lex::Next | Lex::This)
            && matches!(self.lex(after + 1), Lex::Unit(Unit::Year, false))
        {
            let anchor = self.anchor?;
            let year = match self.lex(after) {
                Lex::Last => anchor.year() - 1,
                Lex::Next => anchor.year() + 1,
                _ => anchor.year(),
            };
            return hit(pos, after + 2, Val::Month(year, month));
        }
        self.bare_month(pos, month)
    }

    /// "August 2", "August 2, 2020", "March 1-2, 2020" after the month at
    /// `pos`, the day at `day_pos`.
    fn month_day(&self, pos: usize, month: u32, day_pos: usize) -> Attempt {
        let (day, digits) = self.num(day_pos)?;
        // "May 5:30", "May 5.5"
        let clock = self.adj(day_pos + 1)
            && (self.punct(day_pos + 1, b':') || self.punct(day_pos + 1, b'.'))
            && self.adj(day_pos + 2)
            && self.num(day_pos + 2).is_some();
        if digits > 2 || !(1..=31).contains(&day) || clock {
            return None;
        }
        let mut end = day_pos + 1;
        if self.ord_suffix(day_pos) {
            end += 1;
        }
        let year_pos = self.skip_comma(end);
        if let Some(year) = self.year_at(year_pos) {
            let date = NaiveDate::from_ymd_opt(year, month, day);
            return Some(date.and_then(|date| hit(pos, year_pos + 1, Val::Day(date))));
        }
        // "March 1-2, 2020", "April 24 and 25, 2021": the year comes after the range
        let Some(probe) = NaiveDate::from_ymd_opt(2000, month, day) else {
            return Some(None);
        };
        if self.second_day(end, probe).is_some()
            && let Some(year) = self.year_at(self.skip_comma(end + 2))
        {
            let date = NaiveDate::from_ymd_opt(year, month, day);
            return Some(date.and_then(|date| hit(pos, end, Val::Day(date))));
        }
        if month == 5 && self.name_before(pos) {
            return Some(None);
        }
        // (future tense does not help here: "ended Jan. 31", "effective June 1")
        let date = self
            .anchor
            .and_then(|anchor| nearest_day(anchor, month, day));
        Some(date.and_then(|date| hit(pos, end, Val::Day(date))))
    }

    /// A month name alone ("in March", "the October vote"), unless it is a
    /// word or a name there; resolved against the publication date.
    fn bare_month(&self, pos: usize, month: u32) -> Option<Hit> {
        let before = if pos > 0 {
            self.lex(pos - 1)
        } else {
            Lex::Other
        };
        let prep_before = matches!(
            before,
            Lex::Prep | Lex::Early | Lex::Late | Lex::Mid | Lex::Of
        ) || (pos > 0
            && self.punct(pos - 1, b'-')
            && matches!(
                self.lex(pos.saturating_sub(2)),
                Lex::Mid | Lex::Early | Lex::Late
            ));
        if !self.bare_month_is_date(pos, month, prep_before) {
            return None;
        }
        if self.all_caps(pos) && !prep_before {
            return None;
        }
        let anchor = self.anchor?;
        if let Some(year) = self.year_word_after(pos + 1) {
            return hit(pos, pos + 1, Val::Month(year, month));
        }
        // "April shipments", "March/April", "May Dubai": a modifier, which the
        // verb does not place
        let name_after =
            self.cap(pos + 1) && self.adj_space(pos + 1) && matches!(self.lex(pos + 1), Lex::Other);
        let modifier = self.punct(pos + 1, b'/')
            || name_after
            || self.lower_word(pos + 1) && matches!(self.lex(pos + 1), Lex::Other | Lex::Unit(..));
        // "will open in March" leans to the next March, "opened in March" to the last
        let lean = match (modifier, self.tense(pos)) {
            (false, Some(Tense::Future)) => Lean::Future,
            (false, Some(Tense::Past)) => Lean::Past,
            _ => Lean::News,
        };
        let (year, month) = leaning_month(anchor, month, lean);
        hit(pos, pos + 1, Val::Month(year, month))
    }

    /// "this year", "last year", "next year" within three tokens from `pos`
    /// ("between January and September this year"): the year it names.
    fn year_word_after(&self, pos: usize) -> Option<i32> {
        let anchor = self.anchor?;
        (pos..pos + 3).find_map(|at| {
            if !matches!(self.lex(at + 1), Lex::Unit(Unit::Year, false)) {
                return None;
            }
            match self.lex(at) {
                Lex::This => Some(anchor.year()),
                Lex::Last => Some(anchor.year() - 1),
                Lex::Next => Some(anchor.year() + 1),
                _ => None,
            }
        })
    }

    /// The month name at `pos` names a month, not "may", "a march", "Theresa
    /// May" or a modifier ("August sales").
    fn bare_month_is_date(&self, pos: usize, month: u32, prep_before: bool) -> bool {
        if self.name_before(pos) {
            return false;
        }
        let next = self.lex(pos + 1);
        if month == 5 || month == 3 {
            // "may"/"march" are also common words and names
            let word_after = self.lower_word(pos + 1)
                && !matches!(
                    next,
                    Lex::Func
                        | Lex::Prep
                        | Lex::The
                        | Lex::Of
                        | Lex::NumberWord(1)
                        | Lex::Will
                        | Lex::That
                );
            return prep_before && !word_after;
        }
        if !prep_before && self.cap(pos + 1) && !matches!(next, Lex::Month(_) | Lex::Weekday(_)) {
            return false;
        }
        // "2 August players", "August sales": a modifier, not a date by itself;
        // "the October vote", "a June agreement" are dates
        let det_before = pos > 0 && matches!(self.lex(pos - 1), Lex::The | Lex::NumberWord(1));
        let modifier = pos > 0 && self.num(pos - 1).is_some()
            || self.lower_word(pos + 1)
                && !matches!(
                    next,
                    Lex::Func | Lex::Prep | Lex::The | Lex::Will | Lex::NumberWord(1) | Lex::That
                );
        prep_before || det_before || !modifier
    }

    /// A capitalised word right before `pos` that is not a sentence start: a
    /// name such as "Theresa May" or "Good Friday".
    pub(super) fn name_before(&self, pos: usize) -> bool {
        if pos == 0 || !self.cap(pos - 1) || !self.adj_space(pos) {
            return false;
        }
        if matches!(
            self.lex(pos - 1),
            Lex::Prep
                | Lex::Weekday(_)
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
        !self.sentence_start(pos - 1) || matches!(self.lex(pos - 1), Lex::HolidayPrefix)
    }

    /// "the full year 1986", "the whole year" (the publication year).
    pub(super) fn full_year(&self, pos: usize) -> Option<Hit> {
        if let Some(year) = self.year_at(pos + 2) {
            return hit(pos, pos + 3, Val::Year(year));
        }
        hit(pos, pos + 2, Val::Year(self.anchor?.year()))
    }

    /// "third quarter", "third-quarter", "the third quarter of 1998".
    pub(super) fn ordinal_quarter(&self, pos: usize, nth: u32) -> Option<Hit> {
        if !(1..=4).contains(&nth) {
            return None;
        }
        let mut end = pos + 1;
        if self.punct(end, b'-') {
            end += 1;
        }
        if !matches!(self.lex(end), Lex::Unit(Unit::Quarter, false)) {
            return None;
        }
        end += 1;
        let year_pos = self.skip_comma_or_of(end);
        if let Some(year) = self.year_at(year_pos) {
            return hit(pos, year_pos + 1, Val::Quarter(year, nth));
        }
        // "1998's third quarter" / "this year's third quarter"
        if let Some(Val::Year(year)) = self.recent_previous(pos, 8) {
            return hit(pos, end, Val::Quarter(year, nth));
        }
        hit(pos, end, Val::Quarter(self.latest_quarter_year(nth)?, nth))
    }

    /// The year of the most recent quarter `nth` that has begun.
    fn latest_quarter_year(&self, nth: u32) -> Option<i32> {
        let (year, current) = quarter_of(self.anchor?);
        Some(if nth <= current { year } else { year - 1 })
    }

    /// "Q3", "Q3 2019", "Q3, 2019".
    pub(super) fn q_form(&self, pos: usize) -> Option<Hit> {
        let (nth, digits) = self.num(pos + 1)?;
        if digits != 1 || !(1..=4).contains(&nth) || !self.adj(pos + 1) {
            return None;
        }
        let year_pos = self.skip_comma(pos + 2);
        if let Some(year) = self.year_at(year_pos) {
            return hit(pos, year_pos + 1, Val::Quarter(year, nth));
        }
        hit(
            pos,
            pos + 2,
            Val::Quarter(self.latest_quarter_year(nth)?, nth),
        )
    }

    /// "summer 1998", "the summer of 1998", "in summer" (the publication year).
    pub(super) fn season(&self, pos: usize, season: u32, the: bool) -> Option<Hit> {
        let mut year_pos = pos + 1;
        if matches!(self.lex(year_pos), Lex::Of) {
            year_pos += 1;
        }
        if let Some(year) = self.year_at(year_pos) {
            return hit(pos, year_pos + 1, Val::Season(year, season));
        }
        if let Some((end, year)) = self.spelled_year(year_pos) {
            return hit(pos, end, Val::Season(year, season));
        }
        let before = if pos > 0 {
            self.lex(pos - 1)
        } else {
            Lex::Other
        };
        let alone = (the || matches!(before, Lex::Prep))
            && !matches!(self.lex(pos + 1), Lex::Of)
            && !self.is_word(pos + 1);
        let before_function_word =
            the && self.lower_word(pos + 1) && matches!(self.lex(pos + 1), Lex::Func | Lex::Prep);
        if alone || before_function_word {
            let year = season_year(self.anchor?, season);
            return hit(pos, pos + 1, Val::Season(year, season));
        }
        None
    }

    /// "Christmas", "Labor Day 2019", "Christmas Eve": the holiday's date in
    /// the written year, else the occurrence nearest to the publication date.
    pub(super) fn holiday(&self, pos: usize, holiday: Holiday, needs_day: bool) -> Option<Hit> {
        let (end, year) = self.holiday_tail(pos, needs_day)?;
        let eve = self.holiday_eve(pos + 1);
        let date = match year {
            Some(year) => holiday_date(holiday, year, eve)?,
            None => nearest_holiday(self.anchor?, holiday, eve)?,
        };
        hit(pos, end, Val::Day(date))
    }

    /// After a holiday word: optional "Day"/"Eve"/"Sunday", optional year.
    /// Returns the end token and the year if one is written.
    pub(super) fn holiday_tail(&self, pos: usize, needs_day: bool) -> Option<(usize, Option<i32>)> {
        if !self.cap(pos) {
            return None;
        }
        let mut end = pos + 1;
        let has_day = self.word_is(end, "day") && self.cap(end);
        if needs_day && !has_day {
            return None;
        }
        if has_day || self.word_in(end, &["eve", "sunday"]) {
            end += 1;
        }
        let year_pos = self.skip_comma_or_of(end);
        if let Some(year) = self.year_at(year_pos) {
            return Some((year_pos + 1, Some(year)));
        }
        Some((end, None))
    }

    /// Token `pos` is "Eve" ("Christmas Eve").
    pub(super) fn holiday_eve(&self, pos: usize) -> bool {
        self.word_is(pos, "eve")
    }

    /// "nineteen ninety-six", "nineteen eighty", "two thousand", "two thousand
    /// and one": the end token and the year.
    pub(super) fn spelled_year(&self, pos: usize) -> Option<(usize, i32)> {
        match self.lex(pos) {
            Lex::Teen(hundreds @ 15..=19) | Lex::Tens(hundreds @ 20) => {
                let next = pos + 1;
                let (end, rest) = match self.lex(next) {
                    Lex::Tens(tens) if self.punct(next + 1, b'-') && self.adj(next + 1) => {
                        let units = self.small_number(next + 2).filter(|units| *units <= 9)?;
                        (next + 3, tens + units)
                    }
                    Lex::Tens(tens) => (next + 1, tens),
                    Lex::Hundred => (next + 1, 0),
                    _ => (next + 1, self.small_number(next).filter(|n| *n >= 10)?),
                };
                Some((end, (hundreds * 100 + rest) as i32))
            }
            Lex::NumberWord(2)
                if self.word_is(pos, "two") && matches!(self.lex(pos + 1), Lex::Thousand) =>
            {
                let mut units_pos = pos + 2;
                if self.word_is(units_pos, "and") {
                    units_pos += 1;
                }
                match self.small_number(units_pos) {
                    Some(units) if units <= 19 => Some((units_pos + 1, 2000 + units as i32)),
                    _ => Some((pos + 2, 2000)),
                }
            }
            _ => None,
        }
    }

    /// A spelled number from "one" to "nineteen" (not "a"/"an").
    fn small_number(&self, pos: usize) -> Option<u32> {
        match self.lex(pos) {
            Lex::NumberWord(n) if n <= 12 && !self.word_in(pos, &["a", "an"]) => Some(n),
            Lex::Teen(n) => Some(n),
            _ => None,
        }
    }
}
