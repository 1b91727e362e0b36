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
    if s.len() >= 10 {
        if let Some(d) = s
            .get(..10)
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
        {
            return Some(d);
        }
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

/// `1` for `January`, `Jan`, `JAN`; `None` otherwise.
pub fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
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
    let lower = word.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    if lower == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(&lower)))
        .map(|i| i as u32 + 1)
}

/// The first day of the period an ISO value names: `2020-08-02`, `2020-08`, `2020`.
pub fn period_start(value: &str) -> Option<NaiveDate> {
    let mut parts = value.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    if !(1..=9999).contains(&year) {
        return None;
    }
    let month: u32 = match parts.next() {
        Some(m) => m.parse().ok()?,
        None => 1,
    };
    let day: u32 = match parts.next() {
        Some(d) => d.parse().ok()?,
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
        assert_eq!(period_start("2020-W31"), None);
    }
}
