//! Normalisation of the many date spellings found in page metadata to
//! ISO 8601: `2020-08-02` for a bare date, `2020-08-02T14:03:00` for a local
//! time, `2020-08-02T14:03:00+00:00` when the offset is known.

use chrono::{DateTime, NaiveDate};
use regex::Regex;
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
pub fn normalize_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Some(c) = iso_re().captures(s) {
        let date = ymd(&c[1], &c[2], &c[3])?;
        let mut out = date.format("%Y-%m-%d").to_string();
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
        return Some(out);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    if s.len() >= 10 && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit()) {
        let v: i64 = s.parse().ok()?;
        let secs = if s.len() == 13 { v / 1000 } else { v };
        let dt = DateTime::from_timestamp(secs, 0)?;
        return Some(dt.format("%Y-%m-%dT%H:%M:%S+00:00").to_string());
    }
    if let Some(c) = compact_re().captures(s) {
        let date = if c.get(1).is_some() {
            ymd(&c[1], &c[2], &c[3])
        } else {
            ymd(&c[4], &c[5], &c[6])
        }?;
        return Some(date.format("%Y-%m-%d").to_string());
    }
    if let Some(c) = day_first_re().captures(s) {
        // "28.04.2024" is day-first; with slashes only unambiguous forms.
        let (a, b): (u32, u32) = (c[1].parse().ok()?, c[3].parse().ok()?);
        let (d, m) = if &c[2] == "." || a > 12 {
            (a, b)
        } else if b > 12 {
            (b, a)
        } else {
            return None;
        };
        let date = ymd(&c[4], &m.to_string(), &d.to_string())?;
        return Some(date.format("%Y-%m-%d").to_string());
    }
    if let Some(c) = month_re().captures(s) {
        let date = if let Some(d) = c.get(1) {
            let m = month_num(&c[2]);
            ymd(&c[3], &m.to_string(), d.as_str())
        } else {
            let m = month_num(&c[4]);
            ymd(&c[6], &m.to_string(), &c[5])
        }?;
        return Some(date.format("%Y-%m-%d").to_string());
    }
    None
}

/// A date embedded in a URL path such as `/2020/08/02/` or `/20200802/`.
pub fn date_from_url(url: &str) -> Option<String> {
    let c = url_date_re().captures(url)?;
    let date = if c.get(1).is_some() {
        ymd(&c[1], &c[2], &c[3])
    } else {
        ymd(&c[4], &c[5], &c[6])
    }?;
    Some(date.format("%Y-%m-%d").to_string())
}
