//! Measurement of HTML parsing ([`crate::parse::html`]) against reference corpora, through
//! the same code path as `morgue index`: [`crate::parse::parse_bytes`] then the body's
//! boilerplate step of [`crate::extract`].
//!
//! * Article-extraction benchmark: bag-of-words F1 of the main text per
//!   page (tokens are `\w+` matches, lowercased, compared as multisets),
//!   macro-averaged.
//! * Fundus test pages: title and publication-date accuracy, body F1.
//! * Throughput of decode + extract over in-memory pages.

use crate::parse::{Format, decode};
use flate2::read::GzDecoder;
use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

fn word_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\w+").expect("valid regex"))
}

/// Lowercased `\w+` tokens.
pub fn tokens(text: &str) -> Vec<String> {
    word_re()
        .find_iter(text)
        .map(|m| m.as_str().to_lowercase())
        .collect()
}

/// Bag-of-words precision, recall and F1 of `pred` against `gold`.
pub fn bow_prf(pred: &str, gold: &str) -> (f64, f64, f64) {
    let p = tokens(pred);
    let g = tokens(gold);
    if p.is_empty() && g.is_empty() {
        return (1.0, 1.0, 1.0);
    }
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for t in &g {
        *counts.entry(t).or_default() += 1;
    }
    let mut overlap = 0usize;
    for t in &p {
        if let Some(c) = counts.get_mut(t.as_str())
            && *c > 0
        {
            *c -= 1;
            overlap += 1;
        }
    }
    let prec = if p.is_empty() {
        0.0
    } else {
        overlap as f64 / p.len() as f64
    };
    let rec = if g.is_empty() {
        0.0
    } else {
        overlap as f64 / g.len() as f64
    };
    let f = if prec + rec == 0.0 {
        0.0
    } else {
        2.0 * prec * rec / (prec + rec)
    };
    (prec, rec, f)
}

/// Read a whole gzip file.
pub fn read_gz(path: &Path) -> std::io::Result<Vec<u8>> {
    let f = std::fs::File::open(path)?;
    let mut out = Vec::new();
    GzDecoder::new(f).read_to_end(&mut out)?;
    Ok(out)
}

/// What the indexer keeps of one page.
#[derive(Debug, Default)]
pub struct Extracted {
    pub title: Option<String>,
    pub published: Option<String>,
    pub byline: Option<String>,
    pub body: String,
}

/// Parse a page as `morgue index` does and strip the body's trailing boilerplate.
pub fn through_pipeline(bytes: &[u8]) -> Extracted {
    match crate::parse::parse_bytes(bytes, Format::Html) {
        Ok(mut parsed) if !parsed.articles.is_empty() => {
            let raw = parsed.articles.swap_remove(0);
            Extracted {
                body: crate::extract::boilerplate::strip_trailing(&raw.body).to_string(),
                title: raw.title,
                published: raw.published,
                byline: raw.byline,
            }
        }
        _ => Extracted::default(),
    }
}

/// The benchmark's and fundus's figures, as a printable report.
pub fn report(bench: Option<&Path>, fundus: Option<&Path>, worst: usize) -> Result<String, String> {
    use std::fmt::Write;
    let mut out = String::new();
    if let Some(dir) = bench {
        let pages = load_benchmark(dir)?;
        let scores = score_benchmark(&pages);
        let _ = writeln!(out, "article-extraction-benchmark: {} pages", scores.len());
        let _ = writeln!(
            out,
            "  bag-of-words F1 {:.4}  precision {:.4}  recall {:.4} (macro over pages)",
            mean(scores.iter().map(|s| s.f1)),
            mean(scores.iter().map(|s| s.precision)),
            mean(scores.iter().map(|s| s.recall))
        );
        let mut sorted: Vec<&PageScore> = scores.iter().collect();
        sorted.sort_by(|a, b| a.f1.total_cmp(&b.f1));
        let _ = writeln!(out, "  worst {worst}:");
        for s in sorted.iter().take(worst) {
            let _ = writeln!(
                out,
                "    F1 {:.3} P {:.3} R {:.3}  {}",
                s.f1, s.precision, s.recall, s.url
            );
        }
        let refs: Vec<&[u8]> = pages.iter().map(|p| p.bytes.as_slice()).collect();
        let (pps, mbps) = throughput(&refs, 3.0);
        let _ = writeln!(
            out,
            "  speed: {pps:.0} pages/s, {mbps:.1} MB/s (decode + parse + main text + metadata, one thread)"
        );
    }
    if let Some(dir) = fundus {
        let pages = load_fundus(dir)?;
        let n = pages.len().max(1) as f64;
        let (mut t_exact, mut t_quotes, mut t_len, mut d_day, mut d_exact, mut authors) =
            (0, 0, 0, 0, 0, 0);
        let mut f1s = Vec::new();
        for p in &pages {
            let a = through_pipeline(&p.bytes);
            let (te, tl) = title_match(a.title.as_deref(), p.title.as_deref());
            let (dd, de) = date_match(a.published.as_deref(), p.date.as_deref());
            t_exact += te as usize;
            t_len += tl as usize;
            t_quotes += title_match(
                a.title.as_deref().map(fold_quotes).as_deref(),
                p.title.as_deref().map(fold_quotes).as_deref(),
            )
            .0 as usize;
            d_day += dd as usize;
            d_exact += de as usize;
            authors += authors_match(a.byline.as_deref(), &p.authors) as usize;
            f1s.push(bow_prf(&a.body, &p.body).2);
        }
        let _ = writeln!(out, "fundus: {} English pages", pages.len());
        let _ = writeln!(
            out,
            "  title exact {:.3} ({t_exact}), ignoring quote style {:.3} ({t_quotes}), one contains the other {:.3} ({t_len})",
            t_exact as f64 / n,
            t_quotes as f64 / n,
            t_len as f64 / n
        );
        let _ = writeln!(
            out,
            "  publication date same day {:.3} ({d_day}), same to the minute {:.3} ({d_exact})",
            d_day as f64 / n,
            d_exact as f64 / n
        );
        let _ = writeln!(
            out,
            "  all expected authors in byline {:.3} ({authors})",
            authors as f64 / n
        );
        let _ = writeln!(out, "  body bag-of-words F1 {:.4}", mean(f1s.into_iter()));
    }
    Ok(out)
}

/// One page of the article-extraction benchmark.
pub struct BenchPage {
    pub id: String,
    pub url: String,
    pub bytes: Vec<u8>,
    pub gold: String,
}

/// Load `html/<id>.html.gz` and `ground-truth.json` from `dir`.
pub fn load_benchmark(dir: &Path) -> Result<Vec<BenchPage>, String> {
    let gt_text =
        std::fs::read_to_string(dir.join("ground-truth.json")).map_err(|e| e.to_string())?;
    let gt: Value = serde_json::from_str(&gt_text).map_err(|e| e.to_string())?;
    let obj = gt.as_object().ok_or("ground truth is not an object")?;
    let mut pages = Vec::new();
    for (id, v) in obj {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let bytes = read_gz(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        pages.push(BenchPage {
            id: id.clone(),
            url: v["url"].as_str().unwrap_or("").to_string(),
            bytes,
            gold: v["articleBody"].as_str().unwrap_or("").to_string(),
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// Per-page benchmark result.
pub struct PageScore {
    pub id: String,
    pub url: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Score every page; returns per-page scores.
pub fn score_benchmark(pages: &[BenchPage]) -> Vec<PageScore> {
    pages
        .iter()
        .map(|p| {
            let art = through_pipeline(&p.bytes);
            let (precision, recall, f1) = bow_prf(&art.body, &p.gold);
            PageScore {
                id: p.id.clone(),
                url: p.url.clone(),
                precision,
                recall,
                f1,
            }
        })
        .collect()
}

/// Mean of a field over scores.
pub fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let v: Vec<f64> = xs.collect();
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

/// One fundus test page with its expected output.
pub struct FundusPage {
    pub file: String,
    pub bytes: Vec<u8>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub body: String,
}

fn norm_title(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn fundus_body(v: &Value) -> String {
    let mut parts: Vec<String> = Vec::new();
    let b = &v["body"];
    for s in b["summary"].as_array().into_iter().flatten() {
        parts.extend(s.as_str().map(str::to_string));
    }
    for sec in b["sections"].as_array().into_iter().flatten() {
        for key in ["headline", "paragraphs"] {
            for s in sec[key].as_array().into_iter().flatten() {
                parts.extend(s.as_str().map(str::to_string));
            }
        }
    }
    parts.join("\n\n")
}

/// Load the pages listed in `english_html_files.txt` under `dir` with their
/// expected output. The expected JSON is keyed by parser version; the
/// version whose title occurs in the page is used, else the versions are
/// matched to the publisher's pages in date order.
pub fn load_fundus(dir: &Path) -> Result<Vec<FundusPage>, String> {
    let list =
        std::fs::read_to_string(dir.join("english_html_files.txt")).map_err(|e| e.to_string())?;
    let rels: Vec<String> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    load_fundus_files(dir, &rels)
}

/// Every page under `test_data/` (all languages), for body checks.
pub fn load_fundus_all(dir: &Path) -> Result<Vec<FundusPage>, String> {
    let mut rels = Vec::new();
    let root = dir.join("test_data");
    for country in std::fs::read_dir(&root).map_err(|e| e.to_string())? {
        let country = country.map_err(|e| e.to_string())?;
        let cname = country.file_name().to_string_lossy().to_string();
        let Ok(files) = std::fs::read_dir(country.path()) else {
            continue;
        };
        for f in files.flatten() {
            let name = f.file_name().to_string_lossy().to_string();
            if name.ends_with(".html.gz") {
                rels.push(format!("{cname}/{name}"));
            }
        }
    }
    rels.sort();
    load_fundus_files(dir, &rels)
}

fn load_fundus_files(dir: &Path, rels: &[String]) -> Result<Vec<FundusPage>, String> {
    let mut out = Vec::new();
    for rel in rels {
        let rel = rel.as_str();
        let path: PathBuf = dir.join("test_data").join(rel);
        let bytes = read_gz(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let fname = path
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or("")
            .to_string();
        let stem = fname.trim_end_matches(".html.gz");
        let segs: Vec<&str> = stem.split('_').collect();
        let publisher = if segs.len() > 3 {
            segs[..segs.len() - 3].join("_")
        } else {
            stem.to_string()
        };
        let parent = path.parent().unwrap_or(Path::new("."));
        let Ok(json_text) = std::fs::read_to_string(parent.join(format!("{publisher}.json")))
        else {
            continue;
        };
        let json: Value = serde_json::from_str(&json_text).map_err(|e| e.to_string())?;
        let versions = json.as_object().ok_or("fundus json not an object")?;
        let html_norm = norm_title(&decode(bytes.clone(), true))
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&amp;", "&")
            .replace("&quot;", "\"");
        let mut siblings: Vec<String> = std::fs::read_dir(parent)
            .map_err(|e| e.to_string())?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|f| f.starts_with(&format!("{publisher}_")) && f.ends_with(".html.gz"))
            .collect();
        siblings.sort();
        let pos = siblings.iter().position(|f| *f == fname).unwrap_or(0);
        let mut keys: Vec<&String> = versions.keys().collect();
        keys.sort_by_key(|k| {
            k.trim_start_matches('V')
                .split('_')
                .map(|x| x.parse::<u32>().unwrap_or(0))
                .collect::<Vec<_>>()
        });
        let by_order = keys
            .get(pos.min(keys.len().saturating_sub(1)))
            .and_then(|k| versions.get(*k));
        let matching: Vec<&Value> = keys
            .iter()
            .filter_map(|k| versions.get(*k))
            .filter(|v| {
                v["title"]
                    .as_str()
                    .is_some_and(|t| !t.is_empty() && html_norm.contains(&norm_title(t)))
            })
            .collect();
        let chosen = if matching.len() == 1 {
            Some(matching[0])
        } else {
            by_order
        };
        let Some(v) = chosen else { continue };
        out.push(FundusPage {
            file: rel.to_string(),
            bytes,
            title: v["title"].as_str().map(str::to_string),
            date: v["publishing_date"].as_str().map(str::to_string),
            authors: v["authors"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str().map(str::to_string))
                .collect(),
            body: fundus_body(v),
        });
    }
    Ok(out)
}

/// Pieces of an ISO-ish datetime used for comparison.
struct DateParts {
    /// Calendar date as written.
    local_date: String,
    /// Calendar date in UTC, when an offset is present.
    utc_date: Option<String>,
    /// Instant, when an offset is present.
    instant: Option<i64>,
    /// Local date and time, when a time is present.
    local_time: Option<String>,
}

fn date_parts(s: &str) -> Option<DateParts> {
    let s = s.trim();
    let date = s.get(..10)?.to_string();
    let iso = s.replacen(' ', "T", 1);
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(&iso) {
        let utc = dt.with_timezone(&chrono::Utc);
        return Some(DateParts {
            local_date: date,
            utc_date: Some(utc.format("%Y-%m-%d").to_string()),
            instant: Some(utc.timestamp()),
            local_time: Some(dt.naive_local().format("%Y-%m-%dT%H:%M").to_string()),
        });
    }
    let naive = chrono::NaiveDateTime::parse_from_str(&iso, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|d| d.format("%Y-%m-%dT%H:%M").to_string());
    Some(DateParts {
        local_date: date,
        utc_date: None,
        instant: None,
        local_time: naive,
    })
}

/// Outcome of comparing an extracted date with the expected one:
/// (same calendar date, same date and time to the minute). A bare date
/// matches an expected midnight exactly, since the expected data pads
/// bare dates with 00:00:00.
pub fn date_match(pred: Option<&str>, gold: Option<&str>) -> (bool, bool) {
    match (pred.and_then(date_parts), gold.and_then(date_parts)) {
        (Some(p), Some(g)) => {
            let same_day =
                p.local_date == g.local_date || (p.utc_date.is_some() && p.utc_date == g.utc_date);
            let bare = |d: &DateParts| {
                d.local_time
                    .as_deref()
                    .is_none_or(|t| t.ends_with("T00:00") && d.instant.is_none())
            };
            let exact = match (p.instant, g.instant) {
                (Some(a), Some(b)) => a.div_euclid(60) == b.div_euclid(60),
                _ if p.local_time.is_some() && p.local_time == g.local_time => true,
                _ => p.local_date == g.local_date && bare(&p) && bare(&g),
            };
            (same_day, exact)
        }
        (None, None) => (true, true),
        _ => (false, false),
    }
}

/// Byline check: every expected author name occurs in the byline (case
/// insensitive); no expected authors and no byline also counts as a match.
pub fn authors_match(byline: Option<&str>, authors: &[String]) -> bool {
    match byline {
        None => authors.is_empty(),
        Some(b) => {
            let b = norm_title(b);
            !authors.is_empty() && authors.iter().all(|a| b.contains(&norm_title(a)))
        }
    }
}

/// Straight quotes for curly ones, for a quote-style-insensitive comparison.
pub use crate::parse::html::fold_quotes;

/// Title comparison: (exact after normalisation, one contains the other).
pub fn title_match(pred: Option<&str>, gold: Option<&str>) -> (bool, bool) {
    match (pred, gold) {
        (Some(p), Some(g)) => {
            let (p, g) = (norm_title(p), norm_title(g));
            (
                p == g,
                !p.is_empty() && !g.is_empty() && (p.contains(&g) || g.contains(&p)),
            )
        }
        (None, None) => (true, true),
        _ => (false, false),
    }
}

/// Throughput: (pages/s, MB/s) for decode + extract over `pages`, single
/// thread, repeated until at least `min_secs` have elapsed.
pub fn throughput(pages: &[&[u8]], min_secs: f64) -> (f64, f64) {
    let total_bytes: usize = pages.iter().map(|p| p.len()).sum();
    let start = Instant::now();
    let mut rounds = 0usize;
    let mut sink = 0usize;
    loop {
        for p in pages {
            let a = through_pipeline(p);
            sink = sink.wrapping_add(a.body.len());
        }
        rounds += 1;
        if start.elapsed().as_secs_f64() >= min_secs {
            break;
        }
    }
    std::hint::black_box(sink);
    let secs = start.elapsed().as_secs_f64();
    let n = (pages.len() * rounds) as f64;
    (n / secs, (total_bytes * rounds) as f64 / secs / 1e6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bow_scores() {
        let cases: &[(&str, &str, (f64, f64))] = &[
            ("a b c", "a b c", (1.0, 1.0)),
            ("a a b", "a b", (2.0 / 3.0, 1.0)),
            ("A, b!", "a b c d", (1.0, 0.5)),
            ("", "a", (0.0, 0.0)),
        ];
        for (pred, gold, (p, r)) in cases {
            let (pp, rr, _) = bow_prf(pred, gold);
            assert!(
                (pp - p).abs() < 1e-9 && (rr - r).abs() < 1e-9,
                "{pred:?} vs {gold:?}"
            );
        }
    }

    #[test]
    fn date_and_title_matching() {
        assert_eq!(
            date_match(
                Some("2022-10-10T15:21:17+02:00"),
                Some("2022-10-10 13:21:17+00:00")
            ),
            (true, true)
        );
        assert_eq!(
            date_match(Some("2022-10-10"), Some("2022-10-10 13:21:17+00:00")),
            (true, false)
        );
        assert_eq!(
            date_match(Some("2022-10-10"), Some("2022-10-10 00:00:00")),
            (true, true)
        );
        assert_eq!(
            date_match(
                Some("2022-10-10T13:21:42+02:00"),
                Some("2022-10-10 13:21:00+02:00")
            ),
            (true, true)
        );
        assert_eq!(
            date_match(Some("2022-10-11"), Some("2022-10-10 13:21:17+00:00")),
            (false, false)
        );
        assert_eq!(title_match(Some("A  Title"), Some("a title")), (true, true));
        assert_eq!(
            title_match(Some("A Title | Site"), Some("a title")),
            (false, true)
        );
    }
}
