//! Counted offsets: "two days ago", "a week ago" (days), "six weeks ago"
//! (a week) from the publication date, "a year
//! earlier", "three weeks later" and "the year-earlier quarter" (from the
//! expression the story is at).

use chrono::Datelike;

use super::calendar::{add_months, add_quarters, days, quarter_of, week_of};
use super::lexicon::{Lex, Unit};
use super::parser::{Hit, Parser, hit};
use super::value::Val;

impl Parser<'_> {
    /// "two days ago", "a year earlier", "three weeks later": `count` units
    /// (the unit word at `unit_pos`) from the token at `pos`.
    pub(super) fn ago(&self, pos: usize, count: u32, unit_pos: usize) -> Option<Hit> {
        let unit = match self.lex(unit_pos) {
            Lex::Unit(unit, plural) if plural == (count != 1) => unit,
            _ => return None,
        };
        let direction_word = self.lex(unit_pos + 1);
        let back = match direction_word {
            Lex::Ago | Lex::Earlier | Lex::Before => true,
            Lex::Later => false,
            _ => return None,
        };
        let anchor = self.anchor?;
        let count = count as i32;
        let end = unit_pos + 2;
        let offset = if back { -count } else { count };
        let from_anchor = matches!(direction_word, Lex::Ago);
        if unit == Unit::Year
            && count == 1
            && let Some(value) = self.year_from_story(pos, from_anchor)
        {
            self.keep_previous.set(true);
            return hit(pos, end, value.shift_years(offset)?);
        }
        if !from_anchor {
            return self.offset_from_story(pos, end, unit, offset, anchor.year());
        }
        let value = match unit {
            Unit::Day => Val::Day(days(anchor, offset as i64)?),
            // "a week ago", "two weeks ago" name a day; "six weeks ago" is
            // only as precise as its week
            Unit::Week if count <= 2 => Val::Day(days(anchor, 7 * offset as i64)?),
            Unit::Week => week_of(days(anchor, 7 * offset as i64)?),
            Unit::Weekend => return None,
            Unit::Month => {
                let (year, month) = add_months(anchor.year(), anchor.month(), offset);
                Val::Month(year, month)
            }
            Unit::Quarter => {
                let (year, quarter) = quarter_of(anchor);
                let (year, quarter) = add_quarters(year, quarter, offset);
                Val::Quarter(year, quarter)
            }
            Unit::Year => Val::Year(anchor.year() + offset),
            Unit::Decade => Val::Decade((anchor.year() + 10 * offset) / 10),
        };
        hit(pos, end, value)
    }

    /// What "a year earlier/ago" at `pos` is a year away from: a quarter just
    /// before ("profit rose in the third quarter from a year earlier"), with
    /// "earlier" also a day, month or year; else the quarter of a results story.
    fn year_from_story(&self, pos: usize, from_anchor: bool) -> Option<Val> {
        if let Some(previous) = self.recent_previous(pos, 300)
            && (matches!(previous, Val::Quarter(..))
                || (!from_anchor
                    && matches!(previous, Val::Day(_) | Val::Month(..) | Val::Year(_))))
        {
            return Some(previous);
        }
        self.recent_quarter(pos, 1500)
    }

    /// "three days later", "two months earlier": from the expression just
    /// before; years also from the publication year `anchor_year`.
    fn offset_from_story(
        &self,
        pos: usize,
        end: usize,
        unit: Unit,
        offset: i32,
        anchor_year: i32,
    ) -> Option<Hit> {
        let Some(previous) = self.recent_previous(pos, 300) else {
            if unit == Unit::Year {
                self.keep_previous.set(true);
                return hit(pos, end, Val::Year(anchor_year + offset));
            }
            return None;
        };
        let value = match (unit, previous) {
            (Unit::Day, Val::Day(date)) => Val::Day(days(date, offset as i64)?),
            (Unit::Year, Val::Year(year)) => Val::Year(year + offset),
            (Unit::Month, Val::Month(year, month)) => {
                let (year, month) = add_months(year, month, offset);
                Val::Month(year, month)
            }
            _ => return None,
        };
        hit(pos, end, value)
    }

    /// "year-earlier", "year-ago" (+ "quarter"/"period"): the same period a
    /// year before the one the story is at.
    pub(super) fn year_earlier(&self, pos: usize) -> Option<Hit> {
        if !(self.punct(pos + 1, b'-')
            && self.adj(pos + 1)
            && self.adj(pos + 2)
            && matches!(self.lex(pos + 2), Lex::Earlier | Lex::Ago))
        {
            return None;
        }
        let anchor = self.anchor?;
        let mut end = pos + 3;
        let period = matches!(self.lex(end), Lex::Unit(Unit::Quarter, false) | Lex::Period);
        if period {
            end += 1;
        }
        let first = if pos > 0 && matches!(self.lex(pos - 1), Lex::The) {
            pos - 1
        } else {
            pos
        };
        let value = if period {
            // "the year-earlier quarter"
            let (year, quarter) = self.story_quarter(pos, 2000)?;
            Val::Quarter(year - 1, quarter)
        } else {
            match self.recent_previous(pos, 300) {
                Some(previous @ (Val::Quarter(..) | Val::Year(_) | Val::Month(..))) => {
                    previous.shift_years(-1)?
                }
                _ => Val::Year(anchor.year() - 1),
            }
        };
        self.keep_previous.set(true);
        hit(first, end, value)
    }
}
