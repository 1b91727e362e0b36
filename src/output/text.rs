//! Human-readable output: hits with highlighted snippets, index summaries, stats, and the
//! facet evaluation's report.

use std::io::{self, Write};

use crate::article::Article;
use crate::copies::{Counted, Counting};
use crate::eval::facets::{FacetsReport, Totals};
use crate::index::Summary;
use crate::index::quotes::StoredQuote;
use crate::query::facets::{Picked, RelatedReport, Timeline};
use crate::query::{EntityCount, Stats};
use crate::query::{Hit, SearchResults};

/// How matched words are marked in snippets.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// ANSI bold and colour (`--color`: on a terminal with `NO_COLOR` unset, or always), or
    /// plain text with nothing marked, so that what is piped reads as the article does.
    pub color: bool,
}

impl Style {
    fn marks(self) -> (&'static str, &'static str) {
        if self.color {
            ("\x1b[1;31m", "\x1b[0m")
        } else {
            ("", "")
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
        let copies = match hit.copies {
            0 => String::new(),
            1 => "  (1 copy)".to_string(),
            n => format!("  ({n} copies)"),
        };
        match hit.score {
            Some(score) => writeln!(out, "   {date}  {}  score {score:.2}{copies}", hit.id)?,
            None => writeln!(out, "   {date}  {}{copies}", hit.id)?,
        }
        writeln!(out, "   {}", highlight(hit, style))?;
        // The quotes the query's `said:` and `quote:` terms asked for.
        for q in &hit.quotes {
            writeln!(out, "   > {}: {}", said_by(q), said(q))?;
        }
        if let Some(e) = &hit.explanation {
            for line in e.to_pretty_json().lines() {
                writeln!(out, "   | {line}")?;
            }
        }
        writeln!(out)?;
    }
    let shown = results.hits.len();
    if results.total == results.articles {
        let articles = plural(results.total as u64, "article", "articles");
        writeln!(out, "{shown} of {} matching {articles}", results.total)?;
    } else {
        let stories = plural(results.total as u64, "story", "stories");
        writeln!(
            out,
            "{shown} of {} matching {stories} ({} articles with their copies; --all-copies \
             shows each)",
            results.total, results.articles
        )?;
    }
    write_suggestions(out, &results.suggestions)
}

/// `did you mean: …`, a line for each respelt query.
pub fn write_suggestions<W: Write>(out: &mut W, suggestions: &[String]) -> io::Result<()> {
    for (i, query) in suggestions.iter().enumerate() {
        let lead = if i == 0 {
            "did you mean:"
        } else {
            "         or:"
        };
        writeln!(out, "{lead} {query}")?;
    }
    Ok(())
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
    if s.clusters == 0 {
        writeln!(out, "stories       {} (no copies)", s.stories)?;
    } else {
        writeln!(
            out,
            "stories       {} ({} {} of copies hold {} more {})",
            s.stories,
            s.clusters,
            plural(s.clusters as u64, "cluster", "clusters"),
            s.copies,
            plural(s.copies, "article", "articles")
        )?;
    }
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
    write_counted(out, s.counted)
}

/// The word for one thing or for any other number of them.
fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// The last line of a counting answer: whether it counted stories or articles.
pub fn write_counted<W: Write>(out: &mut W, c: Counted) -> io::Result<()> {
    match c.counting {
        Counting::Stories if c.copies == 0 => {
            writeln!(
                out,
                "counted in stories (the archive holds no copies of a story)"
            )
        }
        Counting::Stories => writeln!(
            out,
            "counted in stories: {} {} of copies count once each, not as {} articles \
             (--copies counts every article)",
            c.clusters,
            plural(c.clusters as u64, "cluster", "clusters"),
            c.clusters as u64 + c.copies
        ),
        Counting::Articles => writeln!(out, "counted in articles, every copy of a story included"),
    }
}

pub fn write_entities<W: Write>(
    out: &mut W,
    entities: &[EntityCount],
    counted: Counted,
) -> io::Result<()> {
    for e in entities {
        writeln!(out, "{:>7}  {:<13}{}", e.articles, e.kind.as_str(), e.name)?;
    }
    write_counted(out, counted)
}

pub fn write_timeline<W: Write>(out: &mut W, t: &Timeline) -> io::Result<()> {
    let max = t
        .buckets
        .iter()
        .map(|b| b.articles)
        .max()
        .unwrap_or(0)
        .max(1);
    for b in &t.buckets {
        let bar = "#".repeat(((b.articles * 40).div_ceil(max)) as usize);
        writeln!(out, "{:<10} {:>7}  {bar}", b.label, b.articles)?;
    }
    if t.undated > 0 {
        writeln!(out, "{:<10} {:>7}", "undated", t.undated)?;
    }
    if t.buckets.is_empty() && t.undated > 0 {
        writeln!(
            out,
            "none of these has a publication date: morgue reads one from a text file's `Date:` \
             line, a page's published time or a JSON `date` field"
        )?;
    }
    write_counted(out, t.counted)
}

/// The entity a name was taken for, and what else it could have meant.
pub fn write_picked<W: Write>(out: &mut W, p: &Picked, counting: Counting) -> io::Result<()> {
    let e = &p.entity;
    let unit = match (counting, e.articles) {
        (Counting::Stories, 1) => "story",
        (Counting::Stories, _) => "stories",
        (Counting::Articles, 1) => "article",
        (Counting::Articles, _) => "articles",
    };
    writeln!(out, "{} ({}), in {} {unit}:", e.name, e.kind, e.articles)?;
    if !p.alternatives.is_empty() {
        let others: Vec<String> = (p.alternatives.iter())
            .map(|a| format!("{} ({}, {})", a.name, a.kind, a.articles))
            .collect();
        writeln!(
            out,
            "'{}' could also mean: {}",
            p.matched,
            others.join("; ")
        )?;
    }
    Ok(())
}

pub fn write_related<W: Write>(out: &mut W, r: &RelatedReport) -> io::Result<()> {
    write_picked(out, &r.picked, r.counted.counting)?;
    writeln!(out, "{:>9} {:>8} {:>7}  entity", "llr", "together", "pmi")?;
    for e in &r.related {
        writeln!(
            out,
            "{:>9.1} {:>8} {:>7.2}  {} ({})  e.g. {}",
            e.llr, e.together, e.pmi, e.name, e.kind, e.example
        )?;
    }
    write_counted(out, r.counted)
}

/// `morgue extract`: one article as the pipeline sees it: id, title, date, the canonical
/// names of each kind and the dates with their values.
pub fn write_extracted<W: Write>(out: &mut W, a: &Article) -> io::Result<()> {
    writeln!(out, "{}", a.id())?;
    writeln!(out, "  title        {}", a.title)?;
    if let Some(d) = a.published {
        writeln!(out, "  published    {d}")?;
    }
    for kind in crate::EntityKind::ALL {
        let names = a.canonical_names(kind);
        if !names.is_empty() {
            writeln!(out, "  {:<13}{}", kind.as_str(), names.join(", "))?;
        }
    }
    let dates: Vec<String> = a
        .dates
        .iter()
        .map(|d| format!("{} ({})", d.value, d.text))
        .collect();
    if !dates.is_empty() {
        writeln!(out, "  dates        {}", dates.join(", "))?;
    }
    writeln!(out)
}

/// One article: stored fields, then its mentions if they could be re-read from the file.
pub fn write_article<W: Write>(
    out: &mut W,
    hit: &Hit,
    article: Option<&Article>,
    copies: &[String],
) -> io::Result<()> {
    writeln!(out, "{}", hit.id)?;
    writeln!(out, "  title         {}", hit.title)?;
    if let Some(d) = hit.published {
        writeln!(out, "  published     {d}")?;
    }
    for (label, value) in [
        ("byline", &hit.byline),
        ("source", &hit.source),
        ("url", &hit.url),
    ] {
        if let Some(v) = value {
            writeln!(out, "  {label:<14}{v}")?;
        }
    }
    for (label, names) in [
        ("people", &hit.people),
        ("companies", &hit.companies),
        ("organizations", &hit.organizations),
        ("places", &hit.places),
    ] {
        if !names.is_empty() {
            writeln!(out, "  {label:<14}{}", names.join(", "))?;
        }
    }
    for copy in copies {
        writeln!(out, "  copy          {copy}")?;
    }
    if let Some(a) = article {
        write_mentions(out, a)?;
    }
    writeln!(out)?;
    writeln!(out, "{}", hit.snippet)
}

/// `morgue duplicates`: each cluster, its representative first, each copy with what
/// differs from it.
/// `morgue quotes`: each quote with its speaker, date and article.
pub fn write_quotes<W: Write>(
    out: &mut W,
    quotes: &[crate::query::quotes::ListedQuote],
) -> io::Result<()> {
    for (n, q) in quotes.iter().enumerate() {
        let date = q
            .published
            .map_or_else(|| "----------".into(), |d| d.to_string());
        writeln!(out, "{}. {date}  {}:", n + 1, said_by(&q.quote))?;
        writeln!(out, "   {}", said(&q.quote))?;
        writeln!(out, "   {}  {}", q.title, q.id)?;
    }
    Ok(())
}

/// Who said a quote, and how: "Mike Pompeo (Mr Pompeo), told".
fn said_by(q: &StoredQuote) -> String {
    let who = match (&q.entity, &q.speaker) {
        (Some((name, _)), Some(source)) if name != source => format!("{name} ({source})"),
        (Some((name, _)), _) => name.clone(),
        (None, Some(source)) => source.clone(),
        (None, None) => "(no speaker)".into(),
    };
    format!("{who}, {}", q.cue.as_deref().unwrap_or("-"))
}

/// What a quote said, a direct one in quotation marks.
fn said(q: &StoredQuote) -> String {
    if q.direct {
        format!("\u{201c}{}\u{201d}", q.text)
    } else {
        q.text.clone()
    }
}

pub fn write_duplicates<W: Write>(
    out: &mut W,
    reports: &[crate::query::copies::CopyReport],
) -> io::Result<()> {
    for (n, report) in reports.iter().enumerate() {
        let title = report.members.first().map_or("", |m| m.title.as_str());
        writeln!(
            out,
            "{}. {} articles: {}",
            n + 1,
            report.members.len(),
            title
        )?;
        for (i, m) in report.members.iter().enumerate() {
            let date = m
                .published
                .map_or_else(|| "----------".into(), |d| d.to_string());
            let how = if i == 0 {
                "the first".to_string()
            } else {
                copy_changes(m)
            };
            writeln!(out, "   {date}  {}  {how}", m.id)?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} {} of copies",
        reports.len(),
        plural(reports.len() as u64, "cluster", "clusters")
    )
}

/// What differs in a copy: "same words", or its similarity, headline and paragraphs.
fn copy_changes(m: &crate::query::copies::CopyMember) -> String {
    if m.exact {
        return "same words".to_string();
    }
    let mut parts = vec![format!("similarity {:.2}", m.similarity)];
    if !m.same_title {
        parts.push(format!("headline {:?}", m.title));
    }
    if m.paragraphs_added > 0 {
        parts.push(format!("{} paragraph(s) added", m.paragraphs_added));
    }
    if m.paragraphs_dropped > 0 {
        parts.push(format!("{} dropped", m.paragraphs_dropped));
    }
    parts.join(", ")
}

/// An article's entity and date mentions, a line each with field, offsets and value.
fn write_mentions<W: Write>(out: &mut W, a: &Article) -> io::Result<()> {
    for e in &a.entities {
        writeln!(
            out,
            "  mention       {} {}..{} {:?} → {} ({})",
            e.field.as_str(),
            e.start,
            e.end,
            e.text,
            e.canonical,
            e.kind
        )?;
    }
    for d in &a.dates {
        writeln!(
            out,
            "  date          {} {}..{} {:?} → {}",
            d.field.as_str(),
            d.start,
            d.end,
            d.text,
            d.value
        )?;
    }
    for q in &a.quotes {
        let (start, end) = q.span();
        let speaker = (q.speaker.as_ref()).map_or_else(
            || "-".to_string(),
            |s| match &s.entity {
                Some((name, _)) if *name != s.text => format!("{} → {name}", s.text),
                _ => s.text.clone(),
            },
        );
        let text = a.text_of(q.field);
        let cue = q.cue.and_then(|(s, e)| text.get(s..e)).unwrap_or("-");
        let kind = if q.direct { "direct" } else { "reported" };
        writeln!(
            out,
            "  quote         {kind} {} {start}..{end} {:?} ({cue}: {speaker})",
            q.field.as_str(),
            q.text(text)
        )?;
    }
    Ok(())
}

/// `morgue eval facets`: a table of the scores per type, then the wrong, unjudged and split
/// names.
pub fn write_facets_eval<W: Write>(out: &mut W, r: &FacetsReport) -> io::Result<()> {
    let judged: Vec<String> = r
        .judged_files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    writeln!(
        out,
        "{}: {} articles; top {} of each type judged by {}",
        r.corpus.display(),
        r.articles,
        r.top,
        judged.join(", ")
    )?;
    writeln!(
        out,
        "{:<13} {:>6} {:>6} {:>4} {:>5} {:>8}  precision",
        "type", "listed", "judged", "ok", "wrong", "unjudged"
    )?;
    for k in &r.kinds {
        write_totals(out, k.kind.as_str(), k.totals())?;
    }
    write_totals(out, "all", r.overall())?;
    let wrong: Vec<_> = r
        .kinds
        .iter()
        .flat_map(|k| k.wrong.iter().map(|(e, note)| (e, Some(note.as_str()))))
        .collect();
    write_names(out, "wrong", &wrong)?;
    let unjudged: Vec<_> = r
        .kinds
        .iter()
        .flat_map(|k| k.unjudged.iter().map(|e| (e, None)))
        .collect();
    write_names(out, "unjudged", &unjudged)?;
    if !r.splits.is_empty() {
        writeln!(out, "split (one entity under several names):")?;
    }
    for split in &r.splits {
        let names: Vec<String> = split
            .names
            .iter()
            .map(|e| format!("{} {} ({})", e.kind.as_str(), e.name, e.articles))
            .collect();
        let one_name = split.names.iter().all(|e| e.name == split.names[0].name);
        let why = match &split.note {
            Some(note) => note.as_str(),
            None if one_name => "the same name under several types",
            None => "the same name in other case or punctuation",
        };
        writeln!(out, "  {}: {why}", names.join(" = "))?;
    }
    Ok(())
}

fn write_totals<W: Write>(out: &mut W, label: &str, t: Totals) -> io::Result<()> {
    let precision = match t.precision() {
        Some(p) => format!("{p:.3} ({}/{})", t.ok, t.judged),
        None => "-".to_string(),
    };
    writeln!(
        out,
        "{label:<13} {:>6} {:>6} {:>4} {:>5} {:>8}  {precision}",
        t.listed, t.judged, t.ok, t.wrong, t.unjudged
    )
}

/// A heading and one line per name: type, name, article count and the judgement's note.
fn write_names<W: Write>(
    out: &mut W,
    heading: &str,
    names: &[(&EntityCount, Option<&str>)],
) -> io::Result<()> {
    if names.is_empty() {
        return Ok(());
    }
    writeln!(out, "{heading}:")?;
    for (e, note) in names {
        let note = note.filter(|n| !n.is_empty()).map(|n| format!(": {n}"));
        writeln!(
            out,
            "  {:<14}{} ({}){}",
            e.kind.as_str(),
            e.name,
            e.articles,
            note.unwrap_or_default()
        )?;
    }
    Ok(())
}
