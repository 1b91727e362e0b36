//! Publication dates as newsrooms write them, normalised to a calendar date.
//!
//! Accepts ISO 8601 (`2020-08-02`, `2020-08-02T14:03:00Z`, with offsets), RFC 2822
//! (`Sun, 02 Aug 2020 14:03:00 +0000`), Reuters' `26-FEB-1987 15:01:01.79`, and written dates
//! (`August 2, 2020`, `2 Aug 2020`, `Aug. 2, 2020`), with or without a weekday in front.

use chrono::{DateTime, Datelike, NaiveDate};

/// The calendar date a publication-date string names, if it names one.
pub fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    // ISO date at the start, whatever follows (`2020-08-02 14:03`, `2020-08-02T14:03`).
    if s.len() >= 10
        && let Some(d) = s
            .get(..10)
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    if let Some(d) = s.get(..8).and_then(|p| {
        p.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| NaiveDate::parse_from_str(p, "%Y%m%d").ok())
            .flatten()
    }) {
        return Some(d);
    }
    written_date(s)
}

/// `26-FEB-1987`, `August 2, 2020`, `2 Aug 2020`, `Sunday, Aug. 2, 2020`, `08/02/2020` (US).
fn written_date(s: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let mut numbers = Vec::new();
    for w in &words {
        let w = w.trim_end_matches('.');
        if let Some(m) = month_number(w) {
            month.get_or_insert(m);
        } else if let Some(d) = w
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<u32>()
            .ok()
            .filter(|_| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        {
            if w.contains(':') {
                continue;
            }
            numbers.push(d);
        } else if w.contains(':') {
            // a time of day
        }
    }
    for n in numbers {
        if n >= 1000 && year.is_none() {
            year = Some(n as i32);
        } else if (1..=31).contains(&n) && day.is_none() && month.is_some() {
            day = Some(n);
        } else if month.is_none() && (1..=12).contains(&n) {
            month = Some(n);
        } else if (1..=31).contains(&n) && day.is_none() {
            day = Some(n);
        }
    }
    NaiveDate::from_ymd_opt(year?, month?, day.unwrap_or(1))
}

/// Month names in lower case, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `1` for `January`, `Jan`, `JAN`; `None` otherwise.
pub fn month_number(word: &str) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    if lower == "sept" {
        return Some(9);
    }
    MONTH_NAMES
        .iter()
        .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(&lower)))
        .map(|i| i as u32 + 1)
}

/// The first day of the period a TIMEX3 value names: a day `2020-08-02`, a month `2020-08`,
/// a week `2020-W31` (its Monday), a quarter `2020-Q3`, a season `2020-SU`, a year `2020`,
/// a decade `198` or a century `19`. `None` for vague values such as `PRESENT_REF`.
pub fn period_start(value: &str) -> Option<NaiveDate> {
    let (head, rest) = match value.split_once('-') {
        Some((h, r)) => (h, Some(r)),
        None => (value, None),
    };
    if head.is_empty() || !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: i32 = head.parse().ok()?;
    let year = match head.len() {
        4 => number,
        3 if rest.is_none() => number * 10,
        2 if rest.is_none() => number * 100,
        _ => return None,
    };
    let Some(rest) = rest else {
        return NaiveDate::from_ymd_opt(year.max(1), 1, 1);
    };
    let mut parts = rest.splitn(2, '-');
    let second = parts.next()?;
    let third = parts.next();
    if let Some(week) = second.strip_prefix('W') {
        let week: u32 = week.parse().ok()?;
        return NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon);
    }
    if let Some(q) = second.strip_prefix('Q') {
        let q: u32 = q.parse().ok()?;
        return (1..=4)
            .contains(&q)
            .then(|| NaiveDate::from_ymd_opt(year, 3 * q - 2, 1))
            .flatten();
    }
    let season_month = match second {
        "SP" => Some(3),
        "SU" => Some(6),
        "FA" => Some(9),
        "WI" => Some(12),
        _ => None,
    };
    if let Some(m) = season_month {
        return NaiveDate::from_ymd_opt(year, m, 1);
    }
    let month: u32 = second.parse().ok()?;
    let day: u32 = match third {
        Some(d) => d.get(..2).unwrap_or(d).parse().ok()?,
        None => 1,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The ISO day string of a date.
pub fn iso_day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_forms() {
        let check = |s: &str, want: Option<&str>| {
            assert_eq!(parse_published(s).map(iso_day).as_deref(), want, "{s:?}")
        };
        check("2020-08-02", Some("2020-08-02"));
        check("2020-08-02T23:30:00-05:00", Some("2020-08-02"));
        check("2020-08-02 14:03:00", Some("2020-08-02"));
        check("Sun, 02 Aug 2020 14:03:00 +0000", Some("2020-08-02"));
        check("26-FEB-1987 15:01:01.79", Some("1987-02-26"));
        check("August 2, 2020", Some("2020-08-02"));
        check("Sunday, Aug. 2, 2020", Some("2020-08-02"));
        check("2 Aug 2020", Some("2020-08-02"));
        check("08/02/2020", Some("2020-08-02"));
        check("20200802", Some("2020-08-02"));
        check("August 2020", Some("2020-08-01"));
        check("yesterday", None);
        check("", None);
        check("2020-02-30", None);
    }

    #[test]
    fn period_starts() {
        assert_eq!(
            period_start("2020-08-02").map(iso_day).as_deref(),
            Some("2020-08-02")
        );
        assert_eq!(
            period_start("2020-08").map(iso_day).as_deref(),
            Some("2020-08-01")
        );
        assert_eq!(
            period_start("2020").map(iso_day).as_deref(),
            Some("2020-01-01")
        );
        let check = |v: &str, want: Option<&str>| {
            assert_eq!(period_start(v).map(iso_day).as_deref(), want, "{v}")
        };
        check("2020-W31", Some("2020-07-27"));
        check("2020-Q3", Some("2020-07-01"));
        check("2020-SU", Some("2020-06-01"));
        check("198", Some("1980-01-01"));
        check("19", Some("1900-01-01"));
        check("2020-08-02T10:00", Some("2020-08-02"));
        check("PRESENT_REF", None);
        check("XXXX-08", None);
    }
}
