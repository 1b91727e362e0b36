//! Calendar arithmetic: weeks, quarters, seasons, holidays, and the occurrence
//! of a month or day nearest to the publication date.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::value::Val;

/// A holiday the lexicon knows, with its rule for a given year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Holiday {
    Christmas,
    Thanksgiving,
    Halloween,
    Easter,
    LaborDay,
    MemorialDay,
    IndependenceDay,
    ElectionDay,
}

/// The ISO week holding `date`.
pub(super) fn week_of(date: NaiveDate) -> Val {
    let iso = date.iso_week();
    Val::Week(iso.year(), iso.week())
}

/// The year and quarter (1-4) holding `date`.
pub(super) fn quarter_of(date: NaiveDate) -> (i32, u32) {
    (date.year(), (date.month() - 1) / 3 + 1)
}

/// Month `month` of `year` moved by `offset` months.
pub(super) fn add_months(year: i32, month: u32, offset: i32) -> (i32, u32) {
    let index = year * 12 + month as i32 - 1 + offset;
    (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32)
}

/// Quarter `quarter` of `year` moved by `offset` quarters.
pub(super) fn add_quarters(year: i32, quarter: u32, offset: i32) -> (i32, u32) {
    let index = year * 4 + quarter as i32 - 1 + offset;
    (index.div_euclid(4), (index.rem_euclid(4) + 1) as u32)
}

/// `date` moved by `offset` days, `None` when out of range.
pub(super) fn days(date: NaiveDate, offset: i64) -> Option<NaiveDate> {
    date.checked_add_signed(Duration::try_days(offset)?)
}

/// Days since Monday (Monday 0, Sunday 6).
pub(super) fn weekday_index(weekday: Weekday) -> i64 {
    weekday.num_days_from_monday() as i64
}

/// How far a candidate `diff` units from the publication date is: news looks
/// back more often than ahead, so a future distance counts double.
fn past_leaning_cost(diff: i64) -> i64 {
    if diff > 0 { 4 * diff + 1 } else { -2 * diff }
}

/// Which way a month without a year leans from the publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lean {
    /// News usage: a future distance counts double.
    News,
    /// A past-tense clause: a future distance counts five times.
    Past,
    /// A future-tense clause: a past distance counts five times.
    Future,
}

/// The occurrence of month `month` nearest to `anchor`, distances weighed
/// by `lean` (ties go to the side it leans to, the past for news).
pub(super) fn leaning_month(anchor: NaiveDate, month: u32, lean: Lean) -> (i32, u32) {
    let anchor_index = anchor.year() * 12 + anchor.month() as i32 - 1;
    let mut best = (anchor.year(), month);
    let mut best_cost = i64::MAX;
    for year in [anchor.year() - 1, anchor.year(), anchor.year() + 1] {
        let diff = (year * 12 + month as i32 - 1 - anchor_index) as i64;
        let cost = match lean {
            Lean::News => past_leaning_cost(diff),
            Lean::Past if diff > 0 => 10 * diff + 1,
            Lean::Past => -2 * diff,
            Lean::Future if diff < 0 => -10 * diff + 1,
            Lean::Future => 2 * diff,
        };
        if cost < best_cost {
            best_cost = cost;
            best = (year, month);
        }
    }
    best
}

/// Of the dates `candidate(year)` for the years around `anchor`, the one
/// nearest to it (a future one counts double; ties go to the past).
fn nearest_by_year(
    anchor: NaiveDate,
    candidate: impl Fn(i32) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    let mut best: Option<(i64, NaiveDate)> = None;
    for year in [anchor.year() - 1, anchor.year(), anchor.year() + 1] {
        if let Some(date) = candidate(year) {
            let cost = past_leaning_cost((date - anchor).num_days());
            if best.is_none_or(|(best_cost, _)| cost < best_cost) {
                best = Some((cost, date));
            }
        }
    }
    best.map(|(_, date)| date)
}

/// The date with month `month` and day `day` nearest to `anchor`.
pub(super) fn nearest_day(anchor: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    nearest_by_year(anchor, |year| NaiveDate::from_ymd_opt(year, month, day))
}

/// The occurrence of `holiday` nearest to `anchor` (`eve`: the day before).
pub(super) fn nearest_holiday(anchor: NaiveDate, holiday: Holiday, eve: bool) -> Option<NaiveDate> {
    nearest_by_year(anchor, |year| holiday_date(holiday, year, eve))
}

/// Season index (0 spring .. 3 winter) of a month.
pub(super) fn season_of_month(month: u32) -> u32 {
    match month {
        3..=5 => 0,
        6..=8 => 1,
        9..=11 => 2,
        _ => 3,
    }
}

/// The year a season around `date` belongs to: winter belongs to the year it
/// starts in, so January and February are the winter of the year before.
pub(super) fn season_year(date: NaiveDate, season: u32) -> i32 {
    if season == 3 && date.month() <= 2 {
        date.year() - 1
    } else {
        date.year()
    }
}

/// Date of `holiday` in `year` (`eve`: the day before).
pub(super) fn holiday_date(holiday: Holiday, year: i32, eve: bool) -> Option<NaiveDate> {
    let nth_weekday = |month: u32, weekday: Weekday, nth: u8| {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth)
    };
    let date = match holiday {
        Holiday::Christmas => NaiveDate::from_ymd_opt(year, 12, 25)?,
        Holiday::Thanksgiving => nth_weekday(11, Weekday::Thu, 4)?,
        Holiday::Halloween => NaiveDate::from_ymd_opt(year, 10, 31)?,
        Holiday::Easter => easter(year)?,
        Holiday::LaborDay => nth_weekday(9, Weekday::Mon, 1)?,
        Holiday::MemorialDay => {
            let last = NaiveDate::from_ymd_opt(year, 5, 31)?;
            days(last, -(weekday_index(last.weekday()) % 7))?
        }
        Holiday::IndependenceDay => NaiveDate::from_ymd_opt(year, 7, 4)?,
        // US Election Day: the Tuesday after the first Monday of November
        Holiday::ElectionDay => days(nth_weekday(11, Weekday::Mon, 1)?, 1)?,
    };
    if eve { days(date, -1) } else { Some(date) }
}

/// Western Easter Sunday (anonymous Gregorian algorithm).
fn easter(year: i32) -> Option<NaiveDate> {
    if year < 1583 {
        return None;
    }
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
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
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The weekend a story published on `anchor` most likely means: the coming
/// one from Friday on, the one just past otherwise (returned as its Saturday).
pub(super) fn weekend_near(anchor: NaiveDate) -> NaiveDate {
    let weekday = weekday_index(anchor.weekday());
    match weekday {
        4 => anchor + Duration::days(1),
        5 => anchor,
        6 => anchor - Duration::days(1),
        _ => anchor - Duration::days(weekday + 2),
    }
}
