//! The answering commands (`search`, `entities`, `timeline`, `related`, `show`): turn their
//! arguments into library calls on one open [`Archive`] and print the answers.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::{
    EntitiesArgs, PageArgs, RelatedArgs, ResultFormat, SearchArgs, ShowArgs, SortOrder,
    TimelineArgs, TimelineInterval,
};
use morgue::config::{QueryOptions, Sort};
use morgue::output::{Records, json, text};
use morgue::query::Archive;
use morgue::query::facets::{self, Interval, RelatedOptions};

/// Batch-mode queries read and run together.
const BATCH_CHUNK: usize = 256;

fn found(any: bool) -> ExitCode {
    if any {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

impl PageArgs {
    fn options(&self) -> QueryOptions {
        QueryOptions {
            offset: self.offset,
            sort: match self.sort {
                SortOrder::Relevance => Sort::Relevance,
                SortOrder::Newest => Sort::Newest,
                SortOrder::Oldest => Sort::Oldest,
            },
            since: self.since,
            until: self.until,
            ..QueryOptions::default()
        }
    }
}

/// `--fields` checked against the hit columns; the columns to print.
fn hit_columns(args: &SearchArgs, batch: bool) -> anyhow::Result<Option<Vec<String>>> {
    let mut cols: Vec<String> = Vec::new();
    if batch {
        cols.extend(["query_index".to_string(), "query".to_string()]);
    }
    if args.count {
        cols.push("total".into());
        return Ok((args.format == ResultFormat::Csv).then_some(cols));
    }
    if args.fields.is_empty() {
        if args.format != ResultFormat::Csv {
            return Ok(None);
        }
        cols.extend(
            json::HIT_FIELDS
                .iter()
                .filter(|f| **f != "highlights" && (args.explain || **f != "explanation"))
                .map(|f| f.to_string()),
        );
        return Ok(Some(cols));
    }
    for f in &args.fields {
        let f = f.trim();
        if !json::HIT_FIELDS.contains(&f) {
            anyhow::bail!(
                "--fields: unknown field '{f}' (known: {})",
                json::HIT_FIELDS.join(", ")
            );
        }
        cols.push(f.to_string());
    }
    Ok(Some(cols))
}

pub fn search<W: Write>(args: SearchArgs, out: &mut W, color: bool) -> anyhow::Result<ExitCode> {
    let batch = args.queries.is_some();
    let columns = hit_columns(&args, batch)?;
    let archive = Archive::open(&args.location.dir())?;
    let options = QueryOptions {
        limit: args.limit as usize,
        explain: args.explain,
        count_only: args.count,
        // Snippets are the costliest part of a hit: cut them only when they are printed.
        snippets: args.format == ResultFormat::Text
            || args.fields.is_empty()
            || args
                .fields
                .iter()
                .any(|f| matches!(f.trim(), "snippet" | "highlights")),
        ..args.page.options()
    };
    let mut records = Records::new(args.format == ResultFormat::Csv, columns);
    records.header(out)?;
    let Some(file) = &args.queries else {
        let query = args.query.join(" ");
        let results = archive.search(&query, &options)?;
        print_results(out, &args, &mut records, &results, None, color)?;
        return Ok(found(
            results.total > 0 && (args.count || !results.hits.is_empty()),
        ));
    };
    let input: Box<dyn BufRead> = if file.as_os_str() == "-" {
        Box::new(io::BufReader::new(io::stdin()))
    } else {
        Box::new(io::BufReader::new(
            std::fs::File::open(file).with_context(|| format!("{}", file.display()))?,
        ))
    };
    let name = if file.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        file.display().to_string()
    };
    let (mut any, mut failed, mut index) = (false, false, 0usize);
    // Queries run in parallel a chunk at a time; results are printed in input order.
    let mut chunk: Vec<(usize, String)> = Vec::with_capacity(BATCH_CHUNK);
    let mut lines = input.lines().enumerate();
    loop {
        chunk.clear();
        for (line_no, line) in lines.by_ref() {
            let line = line.with_context(|| name.clone())?;
            let query = line.trim();
            if !query.is_empty() {
                chunk.push((line_no + 1, query.to_string()));
                if chunk.len() == BATCH_CHUNK {
                    break;
                }
            }
        }
        if chunk.is_empty() {
            break;
        }
        let queries: Vec<&str> = chunk.iter().map(|(_, q)| q.as_str()).collect();
        let results = archive.search_batch(&queries, &options);
        for ((line_no, query), result) in chunk.iter().zip(results) {
            let tag = (index, query.as_str());
            index += 1;
            match result {
                Ok(results) => {
                    any |= results.total > 0 && (args.count || !results.hits.is_empty());
                    print_results(out, &args, &mut records, &results, Some(tag), color)?;
                }
                Err(e) => {
                    failed = true;
                    out.flush()?;
                    eprintln!("{name}:{line_no}: {e}");
                }
            }
        }
        out.flush()?;
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        found(any)
    })
}

fn print_results<W: Write>(
    out: &mut W,
    args: &SearchArgs,
    records: &mut Records,
    results: &morgue::query::SearchResults,
    tag: Option<(usize, &str)>,
    color: bool,
) -> io::Result<()> {
    if args.format == ResultFormat::Text {
        if let Some((i, q)) = tag {
            writeln!(out, "## {i}: {q}")?;
        }
        if args.count {
            return writeln!(out, "{}", results.total);
        }
        return text::write_hits(out, results, text::Style { color });
    }
    if args.count {
        let count = json::CountJson {
            schema_version: json::SCHEMA_VERSION,
            total: results.total,
        };
        return records.write(out, &json::Tagged::new(tag, count));
    }
    for (i, hit) in results.hits.iter().enumerate() {
        let hit = json::HitJson::new(args.page.offset + i + 1, hit);
        records.write(out, &json::Tagged::new(tag, hit))?;
    }
    Ok(())
}

/// The query of `entities` or `timeline`: the whole index when none is given.
fn optional_query(
    archive: &Archive,
    words: &[String],
) -> anyhow::Result<Option<Box<dyn tantivy::query::Query>>> {
    if words.is_empty() {
        return Ok(None);
    }
    Ok(Some(
        archive.compile(&words.join(" "), &QueryOptions::default())?,
    ))
}

/// The one way `entities`, `timeline`, `related` and `show` print their answer: `text` for
/// people, else one record per row, as JSON lines or as CSV under the header `cols`.
fn print_answer<W: Write, T: serde::Serialize>(
    out: &mut W,
    format: ResultFormat,
    cols: &[&str],
    text: impl FnOnce(&mut W) -> io::Result<()>,
    rows: impl IntoIterator<Item = T>,
) -> io::Result<()> {
    if format == ResultFormat::Text {
        return text(out);
    }
    let csv = format == ResultFormat::Csv;
    let columns = csv.then(|| cols.iter().map(|c| c.to_string()).collect());
    let mut records = Records::new(csv, columns);
    records.header(out)?;
    for row in rows {
        records.write(out, &row)?;
    }
    Ok(())
}

pub fn entities<W: Write>(args: EntitiesArgs, out: &mut W) -> anyhow::Result<ExitCode> {
    let archive = Archive::open(&args.location.dir())?;
    let query = optional_query(&archive, &args.query)?;
    let list = facets::entities(
        &archive,
        query.as_deref(),
        args.kind.map(Into::into),
        args.top,
    )?;
    print_answer(
        out,
        args.format,
        &["rank", "type", "name", "articles"],
        |out| text::write_entities(out, &list),
        list.iter()
            .enumerate()
            .map(|(i, e)| json::EntityLineJson::new(i + 1, e)),
    )?;
    Ok(found(!list.is_empty()))
}

pub fn timeline<W: Write>(args: TimelineArgs, out: &mut W) -> anyhow::Result<ExitCode> {
    let archive = Archive::open(&args.location.dir())?;
    let mut query = optional_query(&archive, &args.query)?;
    let mut picked = None;
    if let Some(name) = &args.entity {
        let (kind, name) = typed_name(name);
        let table = archive.table()?;
        let Some(pick) = table.pick(&name, kind) else {
            eprintln!("morgue: no entity in the index is called '{name}'");
            return Ok(ExitCode::from(1));
        };
        let of_entity = facets::entity_query(&archive.fields(), table.get(pick.entity));
        query = Some(match query {
            None => of_entity,
            Some(q) => Box::new(tantivy::query::BooleanQuery::intersection(vec![
                q, of_entity,
            ])),
        });
        picked = Some(facets::picked(table, &pick, &name));
    }
    let query = query.unwrap_or_else(|| Box::new(tantivy::query::AllQuery));
    let interval = match args.by {
        TimelineInterval::Day => Interval::Day,
        TimelineInterval::Week => Interval::Week,
        TimelineInterval::Month => Interval::Month,
        TimelineInterval::Year => Interval::Year,
    };
    let t = facets::timeline(&archive, &*query, interval)?;
    let undated = (t.undated > 0).then(|| json::BucketJson::undated(t.undated));
    print_answer(
        out,
        args.format,
        &["bucket", "start", "articles"],
        |out| {
            if let Some(p) = &picked {
                text::write_picked(out, p)?;
            }
            text::write_timeline(out, &t)
        },
        t.buckets
            .iter()
            .map(json::BucketJson::new)
            .chain(undated)
            .map(|b| b.picked(picked.as_ref())),
    )?;
    Ok(found(!t.buckets.is_empty() || t.undated > 0))
}

/// A name as `related` and `timeline --entity` take it: `kind:name` or a bare name.
fn typed_name(name: &str) -> (Option<morgue::EntityKind>, String) {
    if let Some((prefix, rest)) = name.split_once(':')
        && let Some(kind) = morgue::EntityKind::named(&prefix.to_ascii_lowercase())
    {
        return (Some(kind), rest.trim().trim_matches('"').to_string());
    }
    (None, name.to_string())
}

pub fn related<W: Write>(args: RelatedArgs, out: &mut W) -> anyhow::Result<ExitCode> {
    let archive = Archive::open(&args.location.dir())?;
    let (of_kind, name) = typed_name(&args.entity.join(" "));
    let options = RelatedOptions {
        kind: args.kind.map(Into::into),
        of_kind,
        top: args.top,
        min_count: args.min_count,
    };
    let Some(report) = facets::related(&archive, &name, &options)? else {
        eprintln!("morgue: no entity in the index is called '{name}'");
        return Ok(ExitCode::from(1));
    };
    print_answer(
        out,
        args.format,
        &[
            "rank", "type", "name", "together", "articles", "llr", "pmi", "example",
        ],
        |out| text::write_related(out, &report),
        report
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| json::RelatedJson::new(i + 1, &report, r)),
    )?;
    Ok(found(!report.related.is_empty()))
}

pub fn show<W: Write>(args: ShowArgs, out: &mut W) -> anyhow::Result<ExitCode> {
    let archive = Archive::open(&args.location.dir())?;
    let Some(hit) = archive.article(&args.id)? else {
        eprintln!("morgue: no article with id '{}'", args.id);
        return Ok(ExitCode::from(1));
    };
    let article = reextract(&hit);
    print_answer(
        out,
        args.format,
        &[
            "id",
            "path",
            "record",
            "title",
            "published",
            "byline",
            "source",
            "url",
            "people",
            "companies",
            "organizations",
            "places",
            "body",
        ],
        |out| text::write_article(out, &hit, article.as_ref()),
        std::iter::once_with(|| json::ShowJson::new(&hit, article.as_ref(), archive.table().ok())),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Re-read an article's file for its mentions with offsets; `None` (with a warning) if the
/// file is gone or no longer holds an article with this id and title.
fn reextract(hit: &morgue::query::Hit) -> Option<morgue::Article> {
    use morgue::parse::{self, Format};
    let path = morgue::index::key_path(&hit.path);
    let path = path.as_path();
    let format = Format::from_path(path)?;
    let parsed = match parse::parse_file(path, format) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("morgue: warning: mentions unavailable: {e}");
            return None;
        }
    };
    let raw = parsed
        .articles
        .into_iter()
        .find(|raw| raw.record == hit.record)?;
    let article = morgue::extract::extract(path, raw);
    if article.id() == hit.id && article.title == hit.title {
        Some(article)
    } else {
        eprintln!(
            "morgue: warning: {}: the file changed since it was indexed; mentions left out",
            hit.path
        );
        None
    }
}
