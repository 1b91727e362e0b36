//! Expressions that point back at the time the story is at: "the year",
//! "the quarter", "the weekend", "the day before", "later in the day", "on
//! the day", "the year before", "that year", "that same day", "the same day",
//! "the same period last year".

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
        let direction = match self.lex(pos + 1) {
            Lex::Before | Lex::Earlier | Lex::Previous => -1,
            Lex::After | Lex::Later | Lex::Following => 1,
            Lex::Ago | Lex::Of => return None,
            _ if self.punct(pos + 1, b'-') => return None,
            _ => return hit(pos, pos + 1, Val::Year(anchor.year())),
        };
        self.year_around_story(pos, direction, anchor)
    }

    /// "the year before", "the year previous", "the year after" (the unit
    /// word at `pos`): a year from the one the story is at, not "the year
    /// before the war"; "the year before last" is two years back.
    fn year_around_story(&self, pos: usize, direction: i32, anchor: NaiveDate) -> Option<Hit> {
        if matches!(self.lex(pos + 2), Lex::Last) && direction < 0 {
            return hit(pos, pos + 3, Val::Year(anchor.year() - 2));
        }
        if self.is_word(pos + 2)
            && self.lower_word(pos + 2)
            && matches!(
                self.lex(pos + 2),
                Lex::The | Lex::Other | Lex::NumberWord(_)
            )
        {
            return None;
        }
        let base = self.story_year(pos).unwrap_or(anchor.year());
        self.keep_previous.set(true);
        hit(pos, pos + 2, Val::Year(base + direction))
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
            _ if self.day_of_story(pos) => {
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

    /// "the day" at `pos` (after "the") refers to the day the story is at:
    /// "later in the day", "late in the day", "on the day", "during the
    /// day", "ended the day higher" (not "on the day of the vote", "the day
    /// he left").
    fn day_of_story(&self, pos: usize) -> bool {
        if pos < 2 {
            return false;
        }
        let before = pos - 2;
        if self.word_is(before, "in")
            && before > 0
            && matches!(
                self.lex(before - 1),
                Lex::Later | Lex::Earlier | Lex::Late | Lex::Early
            )
        {
            return true;
        }
        let ends_phrase = match self.tokens.get(pos + 1) {
            None => true,
            Some(_) if self.is_word(pos + 1) => {
                matches!(self.lex(pos + 1), Lex::Prep)
                    && !self.word_in(pos + 1, &["of", "as", "and"])
            }
            Some(_) => !self.punct(pos + 1, b'\''),
        };
        // "ended the day higher"
        self.word_is(before, "ended")
            || ends_phrase && self.word_in(before, &["on", "during", "throughout", "for"])
    }

    /// "the same day", "the same month", "the same period last year", "the
    /// same month a year ago" (the unit word at `unit_pos`): the unit the
    /// story is at, a year back when a year phrase follows.
    pub(super) fn same(&self, pos: usize, unit_pos: usize, anchor: NaiveDate) -> Option<Hit> {
        let unit = self.lex(unit_pos);
        // "the same year-ago period" is read from "year-ago"
        if self.punct(unit_pos + 1, b'-') {
            return None;
        }
        if let Some(end) = self.year_back_after(unit_pos + 1) {
            let value = self.story_unit(pos, unit, anchor)?.shift_years(-1)?;
            self.keep_previous.set(true);
            return hit(pos, end, value);
        }
        let value = match unit {
            Lex::Unit(Unit::Day, false) => Val::Day(self.story_day(pos, 600, anchor)),
            Lex::Unit(Unit::Week | Unit::Month | Unit::Year, false) => {
                return self.that_value(pos, unit_pos);
            }
            _ => return None,
        };
        self.keep_previous.set(true);
        hit(pos, unit_pos + 1, value)
    }

    /// The period named by `unit` that the story is at: the day, week,
    /// month or quarter of the expression before (a quarter of a results
    /// story first), else the one holding the publication date.
    fn story_unit(&self, pos: usize, unit: Lex, anchor: NaiveDate) -> Option<Val> {
        let previous = self.recent_previous(pos, 600);
        let day = self.story_day(pos, 600, anchor);
        Some(match unit {
            Lex::Unit(Unit::Day, false) => Val::Day(day),
            Lex::Unit(Unit::Week, false) => week_of(day),
            Lex::Unit(Unit::Month, false) => match previous {
                Some(month @ Val::Month(..)) => month,
                _ => Val::Month(day.year(), day.month()),
            },
            Lex::Unit(Unit::Quarter, false) => match self.recent_quarter(pos, 2000) {
                Some(quarter) => quarter,
                None => {
                    let (year, quarter) = self.story_quarter(pos, 2000)?;
                    Val::Quarter(year, quarter)
                }
            },
            // "the same period": the quarter of a results story, else the
            // period of the expression before, else the year
            Lex::Period => match (self.recent_quarter(pos, 2000), previous) {
                (Some(quarter), _) => quarter,
                (None, Some(value @ (Val::Month(..) | Val::Season(..) | Val::Week(..)))) => value,
                _ => Val::Year(anchor.year()),
            },
            _ => return None,
        })
    }

    /// A phrase a year back starting at token `pos`: "last year", "of the
    /// last year", "a year ago", "a year earlier", "the previous year", "the
    /// year before"; returns the token after it.
    fn year_back_after(&self, pos: usize) -> Option<usize> {
        let mut pos = pos;
        if matches!(self.lex(pos), Lex::Of) {
            pos += 1;
        }
        let year = |at: usize| matches!(self.lex(at), Lex::Unit(Unit::Year, false));
        let back = |at: usize| matches!(self.lex(at), Lex::Ago | Lex::Earlier | Lex::Before);
        if matches!(self.lex(pos), Lex::The) {
            if matches!(self.lex(pos + 1), Lex::Last | Lex::Previous) && year(pos + 2) {
                return Some(pos + 3);
            }
            if year(pos + 1) && matches!(self.lex(pos + 2), Lex::Before | Lex::Earlier) {
                return Some(pos + 3);
            }
            return None;
        }
        if matches!(self.lex(pos), Lex::Last) && year(pos + 1) {
            return Some(pos + 2);
        }
        if self.word_in(pos, &["a", "one"]) && year(pos + 1) && back(pos + 2) {
            return Some(pos + 3);
        }
        None
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
        if matches!(unit, Lex::Unit(Unit::Day, false)) && self.recent_previous(pos, 800).is_none() {
            // "that day" with no date before: the day of the story
            self.keep_previous.set(true);
            return hit(pos, unit_pos + 1, Val::Day(self.anchor?));
        }
        self.that_value(pos, unit_pos)
    }

    /// The expression before token `pos`, at the unit named at `unit_pos`
    /// ("that year" after "March 1998" is 1998).
    fn that_value(&self, pos: usize, unit_pos: usize) -> Option<Hit> {
        let unit = self.lex(unit_pos);
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
