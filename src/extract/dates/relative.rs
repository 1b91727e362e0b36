//! Expressions resolved against the publication date: "today", "on
//! Sunday", "last March", "next week", "this summer", "two days ago",
//! "the following year".

use chrono::{Datelike, NaiveDate};

use super::calendar::{
    Holiday, add_months, add_quarters, days, holiday_date, quarter_of, season_of_month,
    season_year, week_of, weekday_index, weekend_near,
};
use super::lexicon::{Lex, Unit};
use super::parser::{Hit, Parser, hit};
use super::value::Val;

/// A relative word ("last", "next", "this", "the previous") and where the
/// unit it modifies is.
#[derive(Clone, Copy, Debug)]
struct Relative {
    /// The token of the relative word.
    first: usize,
    /// The token after it ("Sunday" in "last Sunday").
    unit_pos: usize,
    /// `Last`, `Next`, `This`, `Previous`, `Following`, `Current` or `Coming`.
    kind: Lex,
    /// -1 back, 1 ahead, 0 the current one.
    direction: i32,
    /// "the" came before.
    the: bool,
    anchor: NaiveDate,
}

impl Relative {
    /// The token after the unit the relative word modifies.
    fn unit_end(self) -> usize {
        self.unit_pos + 1
    }

    /// "previous"/"following": counted from the story, not from the publication date.
    fn counts_from_story(self) -> bool {
        matches!(self.kind, Lex::Previous | Lex::Following)
    }
}

impl Parser<'_> {
    /// "today", unless it is a name ("USA Today", "Today show") or the
    /// present in general ("today's youth").
    pub(super) fn today(&self, pos: usize) -> Option<Hit> {
        let name = self.cap(pos)
            && !self.all_caps(pos)
            && pos > 0
            && self.cap(pos - 1)
            && self.adj_space(pos)
            && !self.sentence_start(pos)
            && matches!(self.lex(pos - 1), Lex::Other);
        if matches!(self.lex(pos + 1), Lex::Unit(Unit::Week, false)) || name {
            return None;
        }
        if self.punct(pos + 1, b'\'') && self.word_is(pos + 2, "s") && self.generic_noun(pos + 3) {
            return None;
        }
        hit(pos, pos + 1, Val::Day(self.anchor?))
    }

    /// "yesterday", "tomorrow" (with "morning", "evening", ...).
    pub(super) fn day_from_anchor(&self, pos: usize, offset: i64) -> Option<Hit> {
        let end = self.skip_day_part(pos + 1);
        hit(pos, end, Val::Day(days(self.anchor?, offset)?))
    }

    /// "earlier this month", "later that year".
    pub(super) fn earlier_later(&self, pos: usize) -> Option<Hit> {
        let found = match self.lex(pos + 1) {
            kind @ (Lex::This | Lex::Last | Lex::Next) => self.relative(pos + 1, kind, false)?,
            Lex::That => self.that(pos + 1)?,
            _ => return None,
        };
        hit(pos, found.end, found.value)
    }

    /// A bare weekday ("on Sunday", "Friday's vote"), or a weekday before a
    /// full date ("Friday, August 2, 2020").
    pub(super) fn weekday(&self, pos: usize, weekday: u32) -> Option<Hit> {
        if !self.weekday_is_date(pos) {
            return None;
        }
        let date_pos = self.skip_comma(pos + 1);
        let dated = match self.lex(date_pos) {
            Lex::Month(month) => self.month(date_pos, month, true),
            Lex::MonthAbbr(month) => self.month(date_pos, month, false),
            _ if self.num(date_pos).is_some() => self.numeric(date_pos, false),
            _ => None,
        };
        if let Some(Hit {
            end,
            value: value @ Val::Day(_),
            ..
        }) = dated
        {
            return hit(pos, end, value);
        }
        let anchor = self.anchor?;
        let end = self.skip_day_part(pos + 1);
        let from_monday = weekday_index(anchor.weekday());
        let target = weekday as i64;
        // "Friday's meeting" is nearly always past
        let possessive =
            self.punct(pos + 1, b'\'') && self.adj(pos + 1) && self.word_is(pos + 2, "s");
        let date = if !possessive && self.future(pos) {
            days(anchor, (target - from_monday).rem_euclid(7))?
        } else {
            days(anchor, -(from_monday - target).rem_euclid(7))?
        };
        hit(pos, end, Val::Day(date))
    }

    /// The weekday at `pos` names a day, not "Good Friday" or "Sunday Times".
    fn weekday_is_date(&self, pos: usize) -> bool {
        if !self.cap(pos) && !self.all_caps(pos) {
            return false;
        }
        if self.all_caps(pos)
            && !self.sentence_start(pos)
            && !matches!(self.lex(pos.wrapping_sub(1)), Lex::Prep)
        {
            return false;
        }
        if pos > 0 && matches!(self.lex(pos - 1), Lex::HolidayPrefix) && self.cap(pos - 1) {
            return false;
        }
        !(self.cap(pos + 1) && matches!(self.lex(pos + 1), Lex::NameAfterDay))
    }

    /// "last Sunday", "next March", "this week", "the previous day", "the
    /// latest quarter", "last fiscal year" (the relative word at `pos`).
    pub(super) fn relative(&self, pos: usize, kind: Lex, the: bool) -> Option<Hit> {
        let anchor = self.anchor?;
        let mut unit_pos = pos + 1;
        let mut kind = kind;
        // "this past Sunday"
        if matches!(kind, Lex::This) && matches!(self.lex(unit_pos), Lex::Past) {
            kind = Lex::Last;
            unit_pos += 1;
        }
        let next = self.lex(unit_pos);
        if let Some(found) = self.relative_special(pos, unit_pos, kind, the, anchor) {
            return found;
        }
        let direction = match kind {
            Lex::Last | Lex::Past | Lex::Previous => -1,
            Lex::Next | Lex::Coming | Lex::Following => 1,
            Lex::This | Lex::Current => 0,
            Lex::Latest | Lex::Same => return self.latest_same(pos, unit_pos, kind, the, anchor),
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
        let relative = Relative {
            first: pos,
            unit_pos,
            kind,
            direction,
            the,
            anchor,
        };
        // "previous"/"following" are relative to the story, only with "the"
        if (the && matches!(kind, Lex::Next)) || matches!(kind, Lex::Past) {
            return None;
        }
        if relative.counts_from_story() && !the {
            return None;
        }
        self.relative_unit(relative, next)
    }

    /// The forms before the direction is known: the programme "This Week",
    /// "this morning", "the next morning", "last Christmas".
    fn relative_special(
        &self,
        pos: usize,
        unit_pos: usize,
        kind: Lex,
        the: bool,
        anchor: NaiveDate,
    ) -> Option<Option<Hit>> {
        let next = self.lex(unit_pos);
        // "This Week" (a programme title)
        if matches!(kind, Lex::This)
            && self.cap(unit_pos)
            && !self.all_caps(unit_pos)
            && matches!(next, Lex::Unit(..))
            && !self.sentence_start(unit_pos)
        {
            return Some(None);
        }
        if matches!(kind, Lex::This)
            && matches!(next, Lex::DayPart)
            && !self.word_is(unit_pos, "night")
        {
            return Some(hit(pos, unit_pos + 1, Val::Day(anchor)));
        }
        // "the next morning", "the following evening", "the previous night"
        if the
            && matches!(kind, Lex::Next | Lex::Following | Lex::Previous)
            && matches!(next, Lex::DayPart)
        {
            let base = self.story_day(pos, 600, anchor);
            let direction = if matches!(kind, Lex::Previous) { -1 } else { 1 };
            let date = days(base, direction);
            return Some(date.and_then(|date| hit(pos, unit_pos + 1, Val::Day(date))));
        }
        if let Lex::Holiday(holiday, needs_day) = next {
            if matches!(kind, Lex::Last | Lex::Next | Lex::This) && self.cap(unit_pos) {
                return Some(self.relative_holiday(pos, unit_pos, kind, holiday, needs_day));
            }
            return Some(None);
        }
        None
    }

    /// "last Christmas", "next Thanksgiving", "this Easter".
    fn relative_holiday(
        &self,
        pos: usize,
        holiday_pos: usize,
        kind: Lex,
        holiday: Holiday,
        needs_day: bool,
    ) -> Option<Hit> {
        let anchor = self.anchor?;
        let (end, _) = self.holiday_tail(holiday_pos, needs_day)?;
        let eve = self.holiday_eve(holiday_pos + 1);
        let in_year = |year: i32| holiday_date(holiday, year, eve);
        let date = match kind {
            Lex::Last => [anchor.year(), anchor.year() - 1]
                .iter()
                .find_map(|&year| in_year(year).filter(|date| *date < anchor))?,
            Lex::Next => [anchor.year(), anchor.year() + 1]
                .iter()
                .find_map(|&year| in_year(year).filter(|date| *date > anchor))?,
            _ => in_year(anchor.year())?,
        };
        hit(pos, end, Val::Day(date))
    }

    /// "the latest quarter", "the most recent quarter"; "the same ..." in
    /// [`Parser::same`].
    fn latest_same(
        &self,
        pos: usize,
        unit_pos: usize,
        kind: Lex,
        the: bool,
        anchor: NaiveDate,
    ) -> Option<Hit> {
        if !the {
            return None;
        }
        if matches!(kind, Lex::Same) {
            return self.same(pos, unit_pos, anchor);
        }
        let mut unit_pos = unit_pos;
        if self.word_is(pos, "most") {
            if !matches!(self.lex(unit_pos), Lex::Latest) {
                return None;
            }
            unit_pos += 1;
        }
        if !matches!(
            self.lex(unit_pos),
            Lex::Unit(Unit::Quarter, false) | Lex::Period
        ) {
            return None;
        }
        if let Some(quarter @ Val::Quarter(..)) = self.recent_previous(pos, 400) {
            return hit(pos, unit_pos + 1, quarter);
        }
        let (year, quarter) = quarter_of(anchor);
        let (year, quarter) = add_quarters(year, quarter, -1);
        hit(pos, unit_pos + 1, Val::Quarter(year, quarter))
    }

    /// What the relative word modifies: a weekday, a month, a season, a unit,
    /// an ordinal quarter or a fiscal period.
    fn relative_unit(&self, relative: Relative, next: Lex) -> Option<Hit> {
        let Relative {
            first,
            unit_pos,
            kind,
            ..
        } = relative;
        let this_or_current = matches!(kind, Lex::This | Lex::Current);
        match next {
            Lex::Weekday(weekday) if !matches!(kind, Lex::Current) => {
                self.relative_weekday(relative, weekday)
            }
            Lex::Month(month) => self.relative_month(relative, month),
            Lex::Season(season) => self.relative_season(relative, season),
            Lex::Unit(unit, false) => self.relative_calendar_unit(relative, unit),
            Lex::Ordinal(nth) if this_or_current => self.this_ordinal_quarter(relative, nth),
            Lex::Fiscal if relative.direction != 0 || this_or_current => {
                let found =
                    self.relative_after_fiscal(unit_pos + 1, relative.direction, relative.anchor)?;
                hit(first, found.end, found.value)
            }
            _ => None,
        }
    }

    /// "last Sunday", "next Tuesday", "this Friday", "the previous Friday".
    fn relative_weekday(&self, relative: Relative, weekday: u32) -> Option<Hit> {
        // "the previous Friday": before the day the story is at
        let base = if relative.counts_from_story() {
            self.story_day(relative.first, 600, relative.anchor)
        } else {
            relative.anchor
        };
        let from_monday = weekday_index(base.weekday());
        let target = weekday as i64;
        let offset = match relative.direction {
            -1 => -((from_monday - target - 1).rem_euclid(7) + 1),
            1 => (target - from_monday - 1).rem_euclid(7) + 1,
            _ => target - from_monday,
        };
        let end = self.skip_day_part(relative.unit_pos + 1);
        hit(relative.first, end, Val::Day(days(base, offset)?))
    }

    /// "last March" (before the publication month), "next March" (after it),
    /// "this March".
    fn relative_month(&self, relative: Relative, month: u32) -> Option<Hit> {
        if !self.cap(relative.unit_pos)
            || matches!(relative.kind, Lex::Previous | Lex::Following | Lex::Current)
        {
            return None;
        }
        let (year, current) = (relative.anchor.year(), relative.anchor.month());
        let year = match relative.direction {
            -1 if month < current => year,
            -1 => year - 1,
            1 if month > current => year,
            1 => year + 1,
            _ => year,
        };
        hit(
            relative.first,
            relative.unit_pos + 1,
            Val::Month(year, month),
        )
    }

    /// "last summer" (the last one that has ended), "next winter", "this fall".
    fn relative_season(&self, relative: Relative, season: u32) -> Option<Hit> {
        if matches!(relative.kind, Lex::Previous | Lex::Following | Lex::Current) {
            return None;
        }
        let anchor = relative.anchor;
        let current = season_of_month(anchor.month());
        let current_year = season_year(anchor, current);
        let current_index = current_year * 4 + current as i32;
        let mut year = current_year;
        match relative.direction {
            -1 => {
                while year * 4 + season as i32 >= current_index {
                    year -= 1;
                }
            }
            1 => {
                while year * 4 + season as i32 <= current_index {
                    year += 1;
                }
            }
            _ => {}
        }
        hit(
            relative.first,
            relative.unit_pos + 1,
            Val::Season(year, season),
        )
    }

    /// "this quarter", "last week", "next year", "the previous day", "the
    /// following month", "last year's quarter".
    fn relative_calendar_unit(&self, relative: Relative, unit: Unit) -> Option<Hit> {
        let end = relative.unit_end();
        if relative.counts_from_story() && !matches!(unit, Unit::Day | Unit::Year | Unit::Month) {
            return None;
        }
        let value = match unit {
            Unit::Day => {
                if !relative.the || matches!(relative.kind, Lex::This) {
                    return None;
                }
                // the previous day / the following day: relative to the story
                let base = self.story_day(relative.first, 600, relative.anchor);
                Val::Day(days(base, relative.direction as i64)?)
            }
            Unit::Week => week_of(days(relative.anchor, 7 * relative.direction as i64)?),
            Unit::Weekend => {
                let saturday = days(weekend_near(relative.anchor), 7 * relative.direction as i64)?;
                let iso = saturday.iso_week();
                Val::Weekend(iso.year(), iso.week())
            }
            Unit::Month => self.relative_month_unit(relative)?,
            Unit::Quarter => {
                // in a results story "this quarter" is the one reported on
                if relative.direction == 0
                    && let Some(quarter) = self.recent_quarter(relative.first, 2000)
                {
                    return hit(relative.first, end, quarter);
                }
                let (year, quarter) = quarter_of(relative.anchor);
                let (year, quarter) = add_quarters(year, quarter, relative.direction);
                Val::Quarter(year, quarter)
            }
            Unit::Year => return self.relative_year(relative),
            Unit::Decade => return None,
        };
        hit(relative.first, end, value)
    }

    /// "last month", "the following month" (after the month the story is at).
    fn relative_month_unit(&self, relative: Relative) -> Option<Val> {
        let (year, month) = if relative.counts_from_story() {
            match self.recent_previous(relative.first, 600) {
                Some(Val::Month(year, month)) => (year, month),
                Some(Val::Day(date)) => (date.year(), date.month()),
                _ => return None,
            }
        } else {
            (relative.anchor.year(), relative.anchor.month())
        };
        let (year, month) = add_months(year, month, relative.direction);
        Some(Val::Month(year, month))
    }

    /// "last year", "next year", "the previous year" (before the year the
    /// story is at, else the publication year), "last year's quarter".
    fn relative_year(&self, relative: Relative) -> Option<Hit> {
        let end = relative.unit_end();
        if self.punct(end, b'\'')
            && self.word_is(end + 1, "s")
            && matches!(
                self.lex(end + 2),
                Lex::Unit(Unit::Quarter, false) | Lex::Period
            )
            && !relative.counts_from_story()
        {
            let (_, quarter) = self.story_quarter(relative.first, 2000)?;
            return hit(
                relative.first,
                end + 3,
                Val::Quarter(relative.anchor.year() + relative.direction, quarter),
            );
        }
        if !relative.counts_from_story() {
            return hit(
                relative.first,
                end,
                Val::Year(relative.anchor.year() + relative.direction),
            );
        }
        let base = self
            .story_year(relative.first)
            .unwrap_or(relative.anchor.year());
        hit(relative.first, end, Val::Year(base + relative.direction))
    }

    /// "this third quarter", "the current second quarter".
    fn this_ordinal_quarter(&self, relative: Relative, nth: u32) -> Option<Hit> {
        let mut end = relative.unit_end();
        if self.punct(end, b'-') {
            end += 1;
        }
        if matches!(self.lex(end), Lex::Unit(Unit::Quarter, false)) && (1..=4).contains(&nth) {
            return hit(
                relative.first,
                end + 1,
                Val::Quarter(relative.anchor.year(), nth),
            );
        }
        None
    }

    /// "(next) fiscal year", "(this) fiscal quarter" after the relative word.
    fn relative_after_fiscal(&self, pos: usize, direction: i32, anchor: NaiveDate) -> Option<Hit> {
        match self.lex(pos) {
            Lex::Unit(Unit::Year, false) => hit(pos, pos + 1, Val::Year(anchor.year() + direction)),
            Lex::Unit(Unit::Quarter, false) => {
                let (year, quarter) = quarter_of(anchor);
                let (year, quarter) = add_quarters(year, quarter, direction);
                hit(pos, pos + 1, Val::Quarter(year, quarter))
            }
            _ => None,
        }
    }
}
