//! Expressions that point back at the time the story is at: "the year",
//! "the quarter", "the weekend", "the day before", "later in the day",
//! "that year", "that same day".

use chrono::{Datelike, NaiveDate};

use super::calendar::{add_quarters, days, quarter_of, week_of, weekend_near};
use super::lexicon::{Lex, Unit};
use super::parser::{Hit, Parser, hit};
use super::value::Val;

impl Parser<'_> {
    /// "the year", "the quarter", "the weekend", "the week of March 6", "the
    /// day before" (the unit word at `pos`, after "the").
    pub(super) fn the_unit(&self, pos: usize, unit: Unit) -> Option<Hit> {
        let next = self.lex(pos + 1);
        match unit {
            Unit::Year => self.the_year(pos),
            Unit::Quarter => {
                let anchor = self.anchor?;
                if matches!(next, Lex::Of) {
                    return None;
                }
                if let Some(quarter @ Val::Quarter(..)) = self.recent_previous(pos, 400) {
                    return hit(pos, pos + 1, quarter);
                }
                let (year, quarter) = quarter_of(anchor);
                let (year, quarter) = add_quarters(year, quarter, -1);
                hit(pos, pos + 1, Val::Quarter(year, quarter))
            }
            Unit::Week if matches!(next, Lex::Of) => self.week_of_date(pos),
            Unit::Weekend => {
                let iso = weekend_near(self.anchor?).iso_week();
                hit(pos, pos + 1, Val::Weekend(iso.year(), iso.week()))
            }
            Unit::Day => self.the_day(pos, self.anchor?),
            _ => None,
        }
    }

    /// "the year 1998", "the year two thousand", "the year" (the
    /// publication year), not "the year before".
    fn the_year(&self, pos: usize) -> Option<Hit> {
        if let Some(year) = self.year_at(pos + 1) {
            return hit(pos, pos + 2, Val::Year(year));
        }
        if let Some((end, year)) = self.spelled_year(pos + 1) {
            return hit(pos, end, Val::Year(year));
        }
        let anchor = self.anchor?;
        if matches!(
            self.lex(pos + 1),
            Lex::Before | Lex::After | Lex::Earlier | Lex::Ago | Lex::Later | Lex::Of
        ) || self.punct(pos + 1, b'-')
        {
            return None;
        }
        hit(pos, pos + 1, Val::Year(anchor.year()))
    }

    /// "the week of March 6": the week holding that day.
    fn week_of_date(&self, pos: usize) -> Option<Hit> {
        let date_pos = pos + 2;
        let found = match self.lex(date_pos) {
            Lex::Month(month) => self.month(date_pos, month, true)?,
            Lex::MonthAbbr(month) => self.month(date_pos, month, false)?,
            _ => self.numeric(date_pos, false)?,
        };
        match found.value {
            Val::Day(date) => hit(pos, found.end, week_of(date)),
            _ => None,
        }
    }

    /// "the day before", "the day after", "the day before yesterday", "later
    /// in the day" (the day the story is at).
    fn the_day(&self, pos: usize, anchor: NaiveDate) -> Option<Hit> {
        let direction = match self.lex(pos + 1) {
            Lex::Before => -1,
            Lex::After => 1,
            // "later in the day", "earlier in the day": the day the story is at
            _ if pos >= 3
                && self.word_is(pos - 2, "in")
                && matches!(self.lex(pos - 3), Lex::Later | Lex::Earlier) =>
            {
                return hit(pos, pos + 1, Val::Day(self.story_day(pos, 600, anchor)));
            }
            _ => return None,
        };
        // "the day before yesterday"
        if matches!(self.lex(pos + 2), Lex::Yesterday) {
            return hit(pos, pos + 3, Val::Day(days(anchor, -2)?));
        }
        if matches!(self.lex(pos + 2), Lex::Tomorrow) {
            return hit(pos, pos + 3, Val::Day(days(anchor, 2)?));
        }
        // "the day before the vote": relative to an event, not resolvable
        if self.is_word(pos + 2)
            && matches!(self.lex(pos + 2), Lex::The | Lex::Other | Lex::Func)
            && self.lower_word(pos + 2)
        {
            return None;
        }
        let base = self.story_day(pos, 600, anchor);
        hit(pos, pos + 2, Val::Day(days(base, direction)?))
    }

    /// "that year", "that day", "that quarter", "that same month": the
    /// preceding expression, at the unit named.
    pub(super) fn that(&self, pos: usize) -> Option<Hit> {
        let mut unit_pos = pos + 1;
        if matches!(self.lex(unit_pos), Lex::Same) {
            unit_pos += 1;
        }
        let unit = self.lex(unit_pos);
        // "that quarter": the last quarter mentioned
        if matches!(unit, Lex::Unit(Unit::Quarter, false))
            && let Some(quarter) = self.recent_quarter(pos, 1500)
        {
            self.keep_previous.set(true);
            return hit(pos, unit_pos + 1, quarter);
        }
        let previous = self.recent_previous(pos, 800)?;
        let value = match (unit, previous) {
            (Lex::Unit(Unit::Year, false), Val::Year(_)) => previous,
            (Lex::Unit(Unit::Year, false), Val::Day(date)) => Val::Year(date.year()),
            (
                Lex::Unit(Unit::Year, false),
                Val::Month(year, _) | Val::Quarter(year, _) | Val::Season(year, _),
            ) => Val::Year(year),
            (Lex::Unit(Unit::Month, false), Val::Month(..)) => previous,
            (Lex::Unit(Unit::Month, false), Val::Day(date)) => {
                Val::Month(date.year(), date.month())
            }
            (Lex::Unit(Unit::Quarter, false), Val::Quarter(..)) => previous,
            (Lex::Unit(Unit::Day, false), Val::Day(_)) => previous,
            (Lex::Unit(Unit::Week, false), Val::Week(..)) => previous,
            (Lex::Unit(Unit::Week, false), Val::Day(date)) => week_of(date),
            _ => return None,
        };
        self.keep_previous.set(true);
        hit(pos, unit_pos + 1, value)
    }
}
