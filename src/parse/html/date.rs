//! Normalisation of the many date spellings found in page metadata to
//! ISO 8601: `2020-08-02` for a bare date, `2020-08-02T14:03:00` for a local
//! time, `2020-08-02T14:03:00+00:00` when the offset is known.

use chrono::{DateTime, NaiveDate};
use regex::{Captures, Regex};
use std::sync::OnceLock;

fn iso_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?)?",
        )
        .expect("valid regex")
    })
}

fn compact_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b|^\s*(\d{4})(\d{2})(\d{2})(?:\D|$)")
            .expect("valid regex")
    })
}

fn day_first_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*(\d{1,2})([./])(\d{1,2})[./](\d{4})\b").expect("valid regex")
    })
}

fn month_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))\b",
        )
        .expect("valid regex")
    })
}

fn url_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\.|_|$)|/((?:19|20)\d{2})(\d{2})(\d{2})/")
            .expect("valid regex")
    })
}

fn month_num(name: &str) -> u32 {
    let n = name.to_ascii_lowercase();
    match n.get(..3).unwrap_or("") {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => 0,
    }
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

fn fmt_offset(tz: &str) -> Option<String> {
    let t = tz.to_ascii_lowercase();
    if t == "z" || t == "utc" || t == "gmt" {
        return Some("+00:00".to_string());
    }
    let sign = &tz[..1];
    let digits: String = tz[1..].chars().filter(|c| c.is_ascii_digit()).collect();
    let (h, m) = match digits.len() {
        2 => (&digits[..2], "00"),
        4 => (&digits[..2], &digits[2..]),
        _ => return None,
    };
    let hn: u32 = h.parse().ok()?;
    let mn: u32 = m.parse().ok()?;
    if hn > 14 || mn > 59 {
        return None;
    }
    Some(format!("{sign}{h}:{m}"))
}

/// Normalise a date string found in metadata; `None` if it is not a date.
/// The first spelling that matches decides: ISO 8601, RFC 2822, a Unix
/// time in seconds or milliseconds, `2020/08/02` or `20200802`, `28.04.2024`
/// or an unambiguous `4/28/2024`, a date with a month name.
pub fn normalize_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Some(c) = iso_re().captures(s) {
        return iso_date(&c);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    if s.len() >= 10 && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit()) {
        return epoch_date(s);
    }
    if let Some(c) = compact_re().captures(s) {
        return ymd_either(&c).map(day);
    }
    if let Some(c) = day_first_re().captures(s) {
        return day_first_date(&c);
    }
    if let Some(c) = month_re().captures(s) {
        return month_name_date(&c);
    }
    None
}

/// `2020-08-02`, `2020-08-02T14:03:00`, with the offset when it is given
/// (the time is dropped when it is out of range).
fn iso_date(c: &Captures) -> Option<String> {
    let mut out = day(ymd(&c[1], &c[2], &c[3])?);
    if let (Some(h), Some(mi)) = (c.get(4), c.get(5)) {
        let h: u32 = h.as_str().parse().ok()?;
        let mi: u32 = mi.as_str().parse().ok()?;
        let sec: u32 = c.get(6).and_then(|x| x.as_str().parse().ok()).unwrap_or(0);
        if h < 24 && mi < 60 && sec < 61 {
            out.push_str(&format!("T{h:02}:{mi:02}:{sec:02}"));
            if let Some(off) = c.get(7).and_then(|t| fmt_offset(t.as_str())) {
                out.push_str(&off);
            }
        }
    }
    Some(out)
}

/// A Unix time of 10 to 13 digits: seconds, or milliseconds with 13.
fn epoch_date(digits: &str) -> Option<String> {
    let v: i64 = digits.parse().ok()?;
    let secs = if digits.len() == 13 { v / 1000 } else { v };
    let dt = DateTime::from_timestamp(secs, 0)?;
    Some(dt.format("%Y-%m-%dT%H:%M:%S+00:00").to_string())
}

/// "28.04.2024" is day-first; with slashes only unambiguous forms
/// (a number over 12 is the day).
fn day_first_date(c: &Captures) -> Option<String> {
    let (a, b): (u32, u32) = (c[1].parse().ok()?, c[3].parse().ok()?);
    let (d, m) = if &c[2] == "." || a > 12 {
        (a, b)
    } else if b > 12 {
        (b, a)
    } else {
        return None;
    };
    ymd(&c[4], &m.to_string(), &d.to_string()).map(day)
}

/// "2nd August 2020" or "Aug. 2, 2020".
fn month_name_date(c: &Captures) -> Option<String> {
    let date = if let Some(d) = c.get(1) {
        let m = month_num(&c[2]);
        ymd(&c[3], &m.to_string(), d.as_str())
    } else {
        let m = month_num(&c[4]);
        ymd(&c[6], &m.to_string(), &c[5])
    }?;
    Some(day(date))
}

/// The date of a pattern with two numeric alternatives, year-month-day in
/// groups 1 to 3 or 4 to 6.
fn ymd_either(c: &Captures) -> Option<NaiveDate> {
    if c.get(1).is_some() {
        ymd(&c[1], &c[2], &c[3])
    } else {
        ymd(&c[4], &c[5], &c[6])
    }
}

/// `2020-08-02`.
fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A date embedded in a URL path such as `/2020/08/02/` or `/20200802/`.
pub fn date_from_url(url: &str) -> Option<String> {
    let c = url_date_re().captures(url)?;
    ymd_either(&c).map(day)
}
