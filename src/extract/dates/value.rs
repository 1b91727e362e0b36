//! Resolved date values and their TIMEX3 spelling.

use chrono::{Datelike, NaiveDate};

use super::Granularity;

/// A resolved date at its own granularity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Val {
    Day(NaiveDate),
    /// ISO year and week.
    Week(i32, u32),
    /// The weekend of an ISO year and week.
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
    /// `PRESENT_REF`, `PAST_REF` or `FUTURE_REF`.
    Ref(&'static str),
}

/// TIMEX3 season codes, by season index.
const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

impl Val {
    /// The TIMEX3 value: `2020-08-02`, `2020-W31`, `2020-Q3`, `198`, ...
    pub(super) fn render(&self) -> String {
        match *self {
            Val::Day(date) => format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
            Val::Week(year, week) => format!("{year:04}-W{week:02}"),
            Val::Weekend(year, week) => format!("{year:04}-W{week:02}-WE"),
            Val::Month(year, month) => format!("{year:04}-{month:02}"),
            Val::Quarter(year, quarter) => format!("{year:04}-Q{quarter}"),
            Val::Season(year, season) => format!("{year:04}-{}", SEASONS[season as usize & 3]),
            Val::Year(year) => format!("{year:04}"),
            Val::Decade(decade) => format!("{decade:03}"),
            Val::Century(century) => format!("{century:02}"),
            Val::Ref(name) => name.to_string(),
        }
    }

    /// The unit of the value.
    pub(super) fn granularity(&self) -> Granularity {
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

    /// The same value `years` years later (earlier when negative); `None` for
    /// decades, centuries and vague references.
    pub(super) fn shift_years(&self, years: i32) -> Option<Val> {
        Some(match *self {
            Val::Day(date) => {
                let year = date.year() + years;
                Val::Day(
                    NaiveDate::from_ymd_opt(year, date.month(), date.day())
                        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))?,
                )
            }
            Val::Month(year, month) => Val::Month(year + years, month),
            Val::Quarter(year, quarter) => Val::Quarter(year + years, quarter),
            Val::Season(year, season) => Val::Season(year + years, season),
            Val::Year(year) => Val::Year(year + years),
            Val::Week(year, week) => Val::Week(year + years, week),
            Val::Weekend(year, week) => Val::Weekend(year + years, week),
            _ => return None,
        })
    }

    /// The value can be written as a four-digit-year TIMEX3 value.
    pub(super) fn valid(&self) -> bool {
        let four_digits = |year: i32| (0..=9999).contains(&year);
        match *self {
            Val::Day(date) => four_digits(date.year()),
            Val::Week(year, _) | Val::Weekend(year, _) | Val::Month(year, _) => four_digits(year),
            Val::Quarter(year, _) | Val::Season(year, _) | Val::Year(year) => four_digits(year),
            Val::Decade(decade) => (0..=999).contains(&decade),
            Val::Century(century) => (0..=99).contains(&century),
            Val::Ref(_) => true,
        }
    }
}
