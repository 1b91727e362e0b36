//! Date expressions in running text, normalised to ISO 8601 values at their own granularity
//! and resolved against the publication date when they are relative.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use std::sync::LazyLock;

use super::timestamp::{iso_day, month_number};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Day,
    Month,
    Year,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub value: String,
    pub granularity: Granularity,
}

const MONTH: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let p = format!(
        r"(?x)(?-u:\b)(?:
          (?P<iso>(?P<iy>1[89]\d\d|20\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))
        | (?P<mdy>(?P<m1>{MONTH})\ (?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\ (?P<y1>1[89]\d\d|20\d\d))?)
        | (?P<dmy>(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\ (?:of\ )?(?P<m2>{MONTH})(?:,?\ (?P<y2>1[89]\d\d|20\d\d))?)
        | (?P<my>(?P<m3>{MONTH})\ (?:of\ )?(?P<y3>1[89]\d\d|20\d\d))
        | (?:in|since|until|by|during)\ (?P<year>1[89]\d\d|20\d\d)
        | (?:on\ |last\ |this\ |next\ )?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)
        | (?P<rel>yesterday|today|tomorrow|Yesterday|Today|Tomorrow)
        )(?-u:\b)"
    );
    Regex::new(&p).expect("date pattern compiles")
});

/// Find the date expressions in `text`. Relative ones need `anchor` (the publication date)
/// and are skipped without it.
pub fn find_dates(text: &str, anchor: Option<NaiveDate>) -> Vec<DateMention> {
    let mut out = Vec::new();
    for caps in PATTERN.captures_iter(text) {
        let whole = caps.get(0).expect("group 0 always matches");
        let (mut start, end) = (whole.start(), whole.end());
        let g = |n: &str| caps.name(n).map(|m| m.as_str());
        let num = |n: &str| g(n).and_then(|s| s.parse::<u32>().ok());
        let resolved: Option<(String, Granularity)> = if g("iso").is_some() {
            NaiveDate::from_ymd_opt(
                num("iy").unwrap_or(0) as i32,
                num("im").unwrap_or(0),
                num("id").unwrap_or(0),
            )
            .map(|d| (iso_day(d), Granularity::Day))
        } else if let Some(m) = g("m1").or(g("m2")) {
            let month = month_number(m.trim_end_matches('.'));
            let day = num("d1").or(num("d2"));
            let year = num("y1").or(num("y2")).map(|y| y as i32);
            // "may 5" in lowercase is not a date; the month word must be capitalised.
            match (month, day) {
                (Some(month), Some(day)) => {
                    let year = year.or_else(|| anchor.map(|a| nearest_year(a, month, day)));
                    year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
                        .map(|d| (iso_day(d), Granularity::Day))
                }
                _ => None,
            }
        } else if let Some(m) = g("m3") {
            month_number(m.trim_end_matches('.'))
                .zip(num("y3"))
                .map(|(m, y)| (format!("{y:04}-{m:02}"), Granularity::Month))
        } else if let Some(y) = g("year") {
            start = caps.name("year").map(|m| m.start()).unwrap_or(start);
            Some((y.to_string(), Granularity::Year))
        } else if let Some(w) = g("wd") {
            let wd: Weekday = w.parse().ok().unwrap_or(Weekday::Mon);
            let text = whole.as_str();
            anchor.map(|a| {
                let d = if text.starts_with("next") {
                    next_weekday(a, wd)
                } else {
                    last_weekday(a, wd, text.starts_with("last"))
                };
                (iso_day(d), Granularity::Day)
            })
        } else if let Some(r) = g("rel") {
            anchor.map(|a| {
                let d = match r.to_ascii_lowercase().as_str() {
                    "yesterday" => a - Duration::days(1),
                    "tomorrow" => a + Duration::days(1),
                    _ => a,
                };
                (iso_day(d), Granularity::Day)
            })
        } else {
            None
        };
        if let Some((value, granularity)) = resolved {
            out.push(DateMention {
                start,
                end,
                value,
                granularity,
            });
        }
    }
    out
}

/// The year that puts `month`-`day` nearest to the anchor.
fn nearest_year(anchor: NaiveDate, month: u32, day: u32) -> i32 {
    let y = anchor.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|y| {
            NaiveDate::from_ymd_opt(y, month, day).map(|d| (y, (d - anchor).num_days().abs()))
        })
        .min_by_key(|&(_, dist)| dist)
        .map(|(y, _)| y)
        .unwrap_or(y)
}

/// The most recent `wd` on or before the anchor (strictly before with `strict`).
fn last_weekday(anchor: NaiveDate, wd: Weekday, strict: bool) -> NaiveDate {
    let mut back =
        (7 + anchor.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64) % 7;
    if strict && back == 0 {
        back = 7;
    }
    anchor - Duration::days(back)
}

fn next_weekday(anchor: NaiveDate, wd: Weekday) -> NaiveDate {
    let mut ahead =
        (7 + wd.num_days_from_monday() as i64 - anchor.weekday().num_days_from_monday() as i64) % 7;
    if ahead == 0 {
        ahead = 7;
    }
    anchor + Duration::days(ahead)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, anchor: Option<&str>, want: &[(&str, &str)]) {
        let anchor = anchor.map(|a| NaiveDate::parse_from_str(a, "%Y-%m-%d").unwrap());
        let got: Vec<(&str, String)> = find_dates(text, anchor)
            .into_iter()
            .map(|m| (&text[m.start..m.end], m.value))
            .collect();
        let want: Vec<(&str, String)> = want.iter().map(|(t, v)| (*t, v.to_string())).collect();
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn absolute() {
        check(
            "On August 2, 2020 it rained.",
            None,
            &[("August 2, 2020", "2020-08-02")],
        );
        check(
            "“2020-08-02” and 2 Aug 2019.",
            None,
            &[("2020-08-02", "2020-08-02"), ("2 Aug 2019", "2019-08-02")],
        );
        check("It launched in 2017.", None, &[("2017", "2017")]);
        check(
            "Sales in March 1987 fell.",
            None,
            &[("March 1987", "1987-03")],
        );
    }

    #[test]
    fn relative_needs_anchor() {
        // 2020-08-03 is a Monday.
        check(
            "Pompeo said on Sunday.",
            Some("2020-08-03"),
            &[("on Sunday", "2020-08-02")],
        );
        check("Pompeo said on Sunday.", None, &[]);
        // Across a month boundary: 2020-09-01 is a Tuesday.
        check(
            "They met on Saturday.",
            Some("2020-09-01"),
            &[("on Saturday", "2020-08-29")],
        );
        check(
            "It fell yesterday.",
            Some("2020-03-01"),
            &[("yesterday", "2020-02-29")],
        );
        check(
            "Due on Jan 3.",
            Some("2020-12-30"),
            &[("Jan 3", "2021-01-03")],
        );
    }
}
