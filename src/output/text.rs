//! Human-readable output: hits with highlighted snippets, index summaries, stats.

use std::io::{self, Write};

use crate::index::{Stats, Summary};
use crate::query::{Hit, SearchResults};

/// How matched words are marked in snippets.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// ANSI bold and colour (a terminal with `NO_COLOR` unset) or plain `**` markers.
    pub color: bool,
}

impl Style {
    fn marks(self) -> (&'static str, &'static str) {
        if self.color {
            ("\x1b[1;31m", "\x1b[0m")
        } else {
            ("**", "**")
        }
    }
}

/// The snippet with its matched ranges marked.
pub fn highlight(hit: &Hit, style: Style) -> String {
    let (open, close) = style.marks();
    let mut out = String::with_capacity(hit.snippet.len() + 16);
    let mut at = 0;
    for r in &hit.highlights {
        if r.start < at || r.end > hit.snippet.len() {
            continue;
        }
        out.push_str(&hit.snippet[at..r.start]);
        out.push_str(open);
        out.push_str(&hit.snippet[r.clone()]);
        out.push_str(close);
        at = r.end;
    }
    out.push_str(&hit.snippet[at..]);
    out.replace('\n', " ")
}

pub fn write_hits<W: Write>(out: &mut W, results: &SearchResults, style: Style) -> io::Result<()> {
    for (i, hit) in results.hits.iter().enumerate() {
        let date = hit
            .published
            .map(|d| d.to_string())
            .unwrap_or_else(|| "----------".into());
        let title = if hit.title.is_empty() {
            "(untitled)"
        } else {
            &hit.title
        };
        if style.color {
            writeln!(out, "\x1b[1m{}. {}\x1b[0m", i + 1, title)?;
        } else {
            writeln!(out, "{}. {}", i + 1, title)?;
        }
        writeln!(out, "   {date}  {}  score {:.2}", hit.id, hit.score)?;
        writeln!(out, "   {}", highlight(hit, style))?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} of {} matching article{}",
        results.hits.len(),
        results.total,
        if results.total == 1 { "" } else { "s" }
    )
}

pub fn write_summary<W: Write>(out: &mut W, s: &Summary) -> io::Result<()> {
    for f in &s.failures {
        writeln!(out, "{}: {}", f.path.display(), f.reason)?;
    }
    for w in &s.warnings {
        writeln!(out, "{}: warning: {}", w.path.display(), w.reason)?;
    }
    writeln!(
        out,
        "{} files seen: {} added, {} updated, {} unchanged, {} removed, {} skipped, {} failed{}",
        s.files_seen,
        s.files_added,
        s.files_updated,
        s.files_unchanged,
        s.files_removed,
        s.files_skipped,
        s.failures.len(),
        if s.full { " (full rebuild)" } else { "" }
    )?;
    writeln!(
        out,
        "{} articles indexed in {:.2}s ({:.1} MB/s, {:.0} articles/s)",
        s.articles_indexed,
        s.elapsed.as_secs_f64(),
        s.mb_per_sec(),
        s.articles_per_sec()
    )
}

pub fn write_stats<W: Write>(out: &mut W, s: &Stats) -> io::Result<()> {
    writeln!(out, "articles      {}", s.articles)?;
    writeln!(out, "index size    {:.1} MB", s.index_bytes as f64 / 1e6)?;
    match (s.first_published, s.last_published) {
        (Some(a), Some(b)) => writeln!(out, "published     {a} .. {b}")?,
        _ => writeln!(out, "published     (no dates)")?,
    }
    let mut kind = None;
    for e in &s.top_entities {
        if kind != Some(e.kind) {
            writeln!(out, "top {}:", e.kind)?;
            kind = Some(e.kind);
        }
        writeln!(out, "  {:>5}  {}", e.articles, e.name)?;
    }
    Ok(())
}
