//! The answering commands (`search`, `entities`, `timeline`, `related`, `show`): run their
//! settings as library calls on one open [`Archive`] and hand the answers to a [`Printer`].

use std::io::{self, BufRead, Write};

use anyhow::Context;
use tantivy::query::{AllQuery, BooleanQuery, Query};

use crate::outcome::Outcome;
use crate::settings::{
    DuplicatesSettings, EntitiesSettings, Input, Queries, QuotesSettings, RelatedSettings,
    SearchSettings, ShowSettings, TimelineSettings, TypedName,
};
use morgue::config::QueryOptions;
use morgue::output::{Format, Printer, json, text};
use morgue::query::facets::{self, Counting, Picked};
use morgue::query::quotes::QuoteFilter;
use morgue::query::{Archive, SearchResults};

/// Batch-mode queries read and run together.
const BATCH_CHUNK: usize = 256;

/// `morgue search`: the hits of one query, or of each line of a file (`--queries`).
pub fn search<W: Write>(settings: &SearchSettings, out: &mut W) -> anyhow::Result<Outcome> {
    let archive = Archive::open(&settings.index_dir)?;
    let mut printer = Printer::new(out, settings.layout.clone());
    printer.header()?;
    match &settings.queries {
        Queries::One(query) => {
            for (word, column) in morgue::query::parser::lowercase_operators(query) {
                let operator = word.to_uppercase();
                eprintln!(
                    "morgue: note: '{word}' (column {column}) is searched as a word; did you \
                     mean {operator}?"
                );
            }
            let results = archive.search(query, &settings.options)?;
            print_results(&mut printer, settings, &results, None)?;
            if results.total == 0 {
                explain_undated(&archive, query, &settings.options)?;
            }
            Ok(Outcome::found_if(answered(&results, &settings.options)))
        }
        Queries::Batch(input) => search_batch(&archive, settings, input, &mut printer),
    }
}

/// Say, when `--since` or `--until` left nothing, how many matches they left out for having
/// no publication date at all.
fn explain_undated(archive: &Archive, query: &str, options: &QueryOptions) -> anyhow::Result<()> {
    if options.since.is_none() && options.until.is_none() {
        return Ok(());
    }
    let undated = QueryOptions {
        since: None,
        until: None,
        ..options.clone()
    };
    let all = archive.compile(query, &undated)?;
    let counting = facets::Counting::Stories;
    let t = facets::timeline(archive, &*all, facets::Interval::Year, counting)?;
    if t.undated > 0 {
        eprintln!(
            "morgue: note: {} matching stor{} no publication date, and --since and --until \
             leave {} out",
            t.undated,
            if t.undated == 1 { "y has" } else { "ies have" },
            if t.undated == 1 { "it" } else { "them" }
        );
    }
    Ok(())
}

/// `did you mean: …` on stderr, for output that is not for people.
fn note_suggestions(suggestions: &[String]) {
    if !suggestions.is_empty() {
        eprintln!("morgue: note: did you mean: {}?", suggestions.join(" or "));
    }
}

/// Whether a query found anything: a non-zero count, or hits on the page asked for.
fn answered(results: &SearchResults, options: &QueryOptions) -> bool {
    results.total > 0 && (options.count_only || !results.hits.is_empty())
}

/// One query of a batch and the line it was read from (1-based).
struct BatchLine {
    line_no: usize,
    query: String,
}

/// The next up to [`BATCH_CHUNK`] non-blank queries of `lines` (empty at the end).
fn next_chunk(
    lines: &mut impl Iterator<Item = (usize, io::Result<String>)>,
    name: &str,
) -> anyhow::Result<Vec<BatchLine>> {
    let mut chunk = Vec::with_capacity(BATCH_CHUNK);
    for (line_index, line) in lines {
        let line = line.with_context(|| name.to_string())?;
        let query = line.trim();
        if !query.is_empty() {
            chunk.push(BatchLine {
                line_no: line_index + 1,
                query: query.to_string(),
            });
            if chunk.len() == BATCH_CHUNK {
                break;
            }
        }
    }
    Ok(chunk)
}

/// A query file, or standard input, opened for reading by line.
fn open_lines(input: &Input) -> anyhow::Result<Box<dyn BufRead>> {
    Ok(match input {
        Input::Stdin => Box::new(io::BufReader::new(io::stdin())),
        Input::File(path) => Box::new(io::BufReader::new(
            std::fs::File::open(path).with_context(|| format!("{}", path.display()))?,
        )),
    })
}

/// `morgue search --queries`: queries run in parallel a chunk at a time and are printed in
/// input order; a bad query is reported by line on stderr and the others still run.
fn search_batch<W: Write>(
    archive: &Archive,
    settings: &SearchSettings,
    input: &Input,
    printer: &mut Printer<W>,
) -> anyhow::Result<Outcome> {
    let name = input.name();
    let (mut any, mut failed, mut index) = (false, false, 0usize);
    let mut lines = open_lines(input)?.lines().enumerate();
    loop {
        let chunk = next_chunk(&mut lines, &name)?;
        if chunk.is_empty() {
            break;
        }
        let queries: Vec<&str> = chunk.iter().map(|line| line.query.as_str()).collect();
        let results = archive.search_batch(&queries, &settings.options);
        for (line, result) in chunk.iter().zip(results) {
            let tag = json::BatchTag {
                index,
                query: &line.query,
            };
            index += 1;
            match result {
                Ok(results) => {
                    any |= answered(&results, &settings.options);
                    print_results(printer, settings, &results, Some(tag))?;
                }
                Err(e) => {
                    failed = true;
                    printer.flush()?;
                    eprintln!("{name}:{}: {e}", line.line_no);
                }
            }
        }
        printer.flush()?;
    }
    Ok(if failed {
        Outcome::InputFailed
    } else {
        Outcome::found_if(any)
    })
}

/// The answer to one query: its count (`--count`) or its hits, tagged with the query in a
/// batch.
fn print_results<W: Write>(
    printer: &mut Printer<W>,
    settings: &SearchSettings,
    results: &SearchResults,
    tag: Option<json::BatchTag>,
) -> io::Result<()> {
    let write_tag = |out: &mut W| match tag {
        Some(tag) => writeln!(out, "## {}: {}", tag.index, tag.query),
        None => Ok(()),
    };
    if settings.options.count_only {
        let count = json::CountJson {
            schema_version: json::SCHEMA_VERSION,
            total: results.total,
            counted: results.counted.as_str(),
            articles: results.articles,
            suggestions: results.suggestions.clone(),
        };
        // A count in text is one number, for `$(morgue search --count …)`: suggestions go
        // to stderr.
        if printer.format() == Format::Text {
            note_suggestions(&results.suggestions);
        }
        return printer.print(
            |out| {
                write_tag(out)?;
                writeln!(out, "{}", results.total)
            },
            [json::Tagged::new(tag, count)],
        );
    }
    // Hits as records stay hits only: a script asks `--count` for the suggestions, and
    // stderr shows them to the person reading; in text they follow the count line.
    if printer.format() != Format::Text {
        note_suggestions(&results.suggestions);
    }
    let style = text::Style {
        color: settings.color,
    };
    let first_rank = settings.options.offset + 1;
    printer.print(
        |out| {
            write_tag(out)?;
            text::write_hits(out, results, style)
        },
        (results.hits.iter().enumerate())
            .map(|(i, hit)| json::Tagged::new(tag, json::HitJson::new(first_rank + i, hit))),
    )
}

/// The compiled query of `entities` or `timeline` with its date limits, if either was given.
fn compile(
    archive: &Archive,
    query: Option<&str>,
    dates: &QueryOptions,
) -> anyhow::Result<Option<Box<dyn Query>>> {
    Ok(archive.compile_within(query, dates)?)
}

/// `morgue entities`: the most mentioned entities of the index or of a query's matches.
pub fn entities<W: Write>(settings: &EntitiesSettings, out: &mut W) -> anyhow::Result<Outcome> {
    let archive = Archive::open(&settings.index_dir)?;
    let query = compile(&archive, settings.query.as_deref(), &settings.dates)?;
    let counting = settings.counting;
    let list = if settings.quoted {
        facets::quoted(
            &archive,
            query.as_deref(),
            settings.kind,
            settings.top,
            counting,
        )?
    } else {
        facets::entities(
            &archive,
            query.as_deref(),
            settings.kind,
            settings.top,
            counting,
        )?
    };
    let counted = archive.stories()?.counted(counting);
    Printer::new(out, settings.layout.clone()).print(
        |out| text::write_entities(out, &list, counted),
        (list.iter().enumerate()).map(|(i, e)| json::EntityLineJson::new(i + 1, e, counting)),
    )?;
    Ok(Outcome::found_if(!list.is_empty()))
}

/// `morgue timeline`: article counts over publication date, of a query's matches, of the
/// articles naming an entity, or of both.
pub fn timeline<W: Write>(settings: &TimelineSettings, out: &mut W) -> anyhow::Result<Outcome> {
    let archive = Archive::open(&settings.index_dir)?;
    let query = compile(&archive, settings.query.as_deref(), &settings.dates)?;
    let (query, picked) = match &settings.entity {
        None => (query, None),
        Some(entity) => {
            let Some((of_entity, picked)) = entity_filter(&archive, entity, settings.counting)?
            else {
                return Ok(no_entity(&entity.name));
            };
            let query = match query {
                None => of_entity,
                Some(q) => Box::new(BooleanQuery::intersection(vec![q, of_entity])),
            };
            (Some(query), Some(picked))
        }
    };
    let query = query.unwrap_or_else(|| Box::new(AllQuery));
    let counting = settings.counting;
    let t = facets::timeline(&archive, &*query, settings.interval, counting)?;
    let undated = (t.undated > 0).then(|| json::BucketJson::undated(t.undated, counting));
    Printer::new(out, settings.layout.clone()).print(
        |out| {
            if let Some(p) = &picked {
                text::write_picked(out, p, counting)?;
            }
            text::write_timeline(out, &t)
        },
        (t.buckets.iter().map(|b| json::BucketJson::new(b, counting)))
            .chain(undated)
            .map(|b| b.picked(picked.as_ref())),
    )?;
    Ok(Outcome::found_if(!t.buckets.is_empty() || t.undated > 0))
}

/// The query for the articles naming `entity` and which entity that was, or `None` if no
/// entity of the index has that name.
fn entity_filter(
    archive: &Archive,
    entity: &TypedName,
    counting: Counting,
) -> anyhow::Result<Option<(Box<dyn Query>, Picked)>> {
    let table = archive.table()?;
    let Some(pick) = table.pick(&entity.name, entity.kind) else {
        return Ok(None);
    };
    let of_entity = facets::entity_query(&archive.fields(), table.get(pick.entity));
    Ok(Some((
        of_entity,
        facets::picked(
            &facets::Totals::new(archive, counting)?,
            &pick,
            &entity.name,
        ),
    )))
}

/// Say that no entity has this name: nothing found.
fn no_entity(name: &str) -> Outcome {
    eprintln!("morgue: no entity in the index is called '{name}'");
    Outcome::NothingFound
}

/// `morgue related`: the entities mentioned together with one, most significant first.
pub fn related<W: Write>(settings: &RelatedSettings, out: &mut W) -> anyhow::Result<Outcome> {
    let archive = Archive::open(&settings.index_dir)?;
    let Some(report) = facets::related(&archive, &settings.name, &settings.options)? else {
        return Ok(no_entity(&settings.name));
    };
    Printer::new(out, settings.layout.clone()).print(
        |out| text::write_related(out, &report),
        (report.related.iter().enumerate()).map(|(i, r)| json::RelatedJson::new(i + 1, &report, r)),
    )?;
    Ok(Outcome::found_if(!report.related.is_empty()))
}

/// `morgue show`: one article's stored fields and, re-read from its file, its mentions.
pub fn show<W: Write>(settings: &ShowSettings, out: &mut W) -> anyhow::Result<Outcome> {
    let archive = Archive::open(&settings.index_dir)?;
    let hit = match archive.article(&settings.id)? {
        Some(hit) => Some(hit),
        None => match absolute_id(&settings.id) {
            Some(id) => archive.article(&id)?,
            None => None,
        },
    };
    let Some(hit) = hit else {
        eprintln!("morgue: no article with id '{}'", settings.id);
        return Ok(Outcome::NothingFound);
    };
    let article = reextract(&hit);
    let copies = archive.copies_of(&hit)?;
    Printer::new(out, settings.layout.clone()).print(
        |out| text::write_article(out, &hit, article.as_ref(), &copies),
        std::iter::once_with(|| {
            json::ShowJson::new(&hit, article.as_ref(), archive.table().ok(), &copies)
        }),
    )?;
    Ok(Outcome::Found)
}

/// `morgue duplicates`: the clusters of copies, of the archive or of a query's matches.
pub fn duplicates<W: Write>(settings: &DuplicatesSettings, out: &mut W) -> anyhow::Result<Outcome> {
    let archive = Archive::open(&settings.index_dir)?;
    let reports =
        morgue::query::copies::clusters(&archive, settings.query.as_deref(), settings.limit)?;
    Printer::new(out, settings.layout.clone()).print(
        |out| text::write_duplicates(out, &reports),
        reports.iter().map(json::DuplicateJson::from),
    )?;
    Ok(if reports.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// `morgue quotes`: the quotes of the articles a query matches (newest first), those its
/// `said:` and `quote:` terms and `--speaker` ask for.
pub fn quotes<W: Write>(settings: &QuotesSettings, out: &mut W) -> anyhow::Result<Outcome> {
    let archive = Archive::open(&settings.index_dir)?;
    let mut filter = match &settings.query {
        Some(query) => QuoteFilter::of(&morgue::query::parse(query)?),
        None => QuoteFilter::default(),
    };
    let speaker =
        (settings.speaker.as_deref()).map(|name| format!("said:\"{}\"", name.replace('"', " ")));
    if let Some(name) = &settings.speaker {
        filter = filter.said_by(name);
    }
    let query = match (&settings.query, &speaker) {
        (Some(q), Some(s)) => Some(format!("({q}) {s}")),
        (q, s) => q.clone().or_else(|| s.clone()),
    };
    let listed = morgue::query::quotes::listed(
        &archive,
        query.as_deref(),
        &filter,
        &settings.within,
        settings.limit,
    )?;
    Printer::new(out, settings.layout.clone()).print(
        |out| text::write_quotes(out, &listed),
        listed
            .iter()
            .enumerate()
            .map(|(i, q)| json::QuoteLineJson::new(i + 1, q)),
    )?;
    Ok(Outcome::found_if(!listed.is_empty()))
}

/// An id given with a relative path (`sample-corpus/a.txt`, `news/b.sgm#12`), made absolute
/// as the index keeps paths; `None` when no such file exists here.
fn absolute_id(id: &str) -> Option<String> {
    morgue::article::id_splits(id).find_map(|(path, record)| {
        let path = std::path::Path::new(path).canonicalize().ok()?;
        let key = morgue::index::path_key(&path);
        Some(morgue::article::article_id(&key, record))
    })
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
