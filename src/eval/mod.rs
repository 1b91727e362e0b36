//! Measuring extraction on annotated corpora, through the same code path as `morgue extract`:
//! each annotated text goes through [`crate::extract::extract`] as the body of an article
//! whose publication date is the document's creation time; [`entities`] also reads the
//! annotated documents back from article files, through `parse`. [`facets`] measures the
//! entity answers instead, through the same code path as `morgue index` and `morgue entities`.

pub mod conll;
pub mod copies;
pub mod entities;
pub mod facets;
pub mod html;
pub mod quotes;
pub mod timeml;

pub use entities::{EntityReport, Reading, eval_entities};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::article::TextField;
use crate::parse::RawArticle;

/// `a / b`, 0 when `b` is 0.
pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The harmonic mean of a precision and a recall, 0 when both are 0.
pub(crate) fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Dates found by the full extraction pipeline in `text`, as `(start, end, value)`.
pub fn pipeline_dates(text: &str, dct: Option<NaiveDate>) -> Vec<(usize, usize, String)> {
    let raw = RawArticle {
        body: text.to_string(),
        published: dct.map(|d| d.to_string()),
        ..RawArticle::default()
    };
    crate::extract::extract(Path::new("-"), raw)
        .dates
        .into_iter()
        .filter(|d| d.field == TextField::Body)
        .map(|d| (d.start, d.end, d.value))
        .collect()
}

/// Evaluate date extraction on each folder (TempEval-3 `.tml` or MEANTIME CAT `.xml`).
pub fn eval_dates(dirs: &[std::path::PathBuf]) -> Vec<Result<timeml::Report, String>> {
    dirs.iter()
        .map(|dir| {
            let tml = timeml::load_tempeval(dir);
            let (kind, docs) = if !tml.is_empty() {
                ("TempEval-3", tml)
            } else {
                ("MEANTIME", timeml::load_meantime(dir))
            };
            if docs.is_empty() {
                return Err(format!("{}: no .tml or CAT .xml documents", dir.display()));
            }
            Ok(timeml::evaluate(
                &format!("{kind} {}", dir.display()),
                &docs,
                &pipeline_dates,
            ))
        })
        .collect()
}

/// A new, empty folder in the system's temporary folder, named for what it holds (never one
/// that already exists), removed with everything in it, all written by this run, when
/// dropped.
pub(crate) struct TempFolder(PathBuf);

impl TempFolder {
    pub(crate) fn create(purpose: &str) -> crate::Result<TempFolder> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let name = format!("morgue-eval-{purpose}-{}-{stamp}", std::process::id());
        let dir = std::env::temp_dir().join(name);
        std::fs::create_dir(&dir).map_err(|e| crate::Error::io(&dir, e))?;
        Ok(TempFolder(dir))
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        // A failure leaves the folder for the system's temporary-file cleaning.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
