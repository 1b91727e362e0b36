//! The commands that build, read or measure rather than answer questions: `index`,
//! `extract`, `stats` and `eval`. Each takes its settings and stdout and says what came of
//! it; per-file failures go to stderr and the run goes on.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::outcome::Outcome;
use crate::settings::{
    EvalEntitiesSettings, ExtractSettings, FacetsSettings, HtmlSettings, IndexSettings, Input,
    StatsSettings,
};
use morgue::extract::aliases::Aliases;
use morgue::output::{Layout, Printer, json, text};

/// A tantivy error from reading an index says nothing of where the index is: name it.
pub fn in_index<T>(dir: &Path, result: anyhow::Result<T>) -> anyhow::Result<T> {
    result.map_err(|err| match err.downcast::<morgue::Error>() {
        Ok(morgue::Error::Tantivy(cause)) => morgue::Error::Index {
            path: dir.to_path_buf(),
            cause,
        }
        .into(),
        Ok(other) => other.into(),
        Err(err) => err,
    })
}

/// Clear the progress line, if one was drawn on stderr.
fn clear_progress<T>(progress: Option<T>) {
    if progress.is_some() {
        eprint!("\r\x1b[K");
    }
}

/// `morgue index`: build or update the index; the summary goes to stderr as text, to
/// stdout as JSON.
pub fn index<W: Write>(settings: &IndexSettings, out: &mut W) -> anyhow::Result<Outcome> {
    let config = &settings.config;
    // A missing root among others is reported with the run's failures; the rest are indexed.
    if let Some(root) = config.roots.iter().find(|r| !r.exists())
        && config.roots.iter().all(|r| !r.exists())
    {
        anyhow::bail!("{}: no such file or folder", root.display());
    }
    let summary = morgue::index::build(config);
    clear_progress(config.progress);
    // Every error of the run names the index folder or the file it concerns.
    let summary = summary?;
    Printer::new(out, Layout::whole(settings.format)).print(
        |_| text::write_summary(&mut io::stderr().lock(), &summary),
        [json::SummaryJson::from(&summary)],
    )?;
    Ok(if summary.failures.is_empty() {
        Outcome::Found
    } else {
        Outcome::SomeFilesFailed
    })
}

/// `morgue extract`: every article of every file, as the pipeline sees it; a file that
/// cannot be read is reported and the others printed.
pub fn extract<W: Write>(settings: &ExtractSettings, out: &mut W) -> anyhow::Result<Outcome> {
    let aliases = match &settings.aliases {
        Some(path) => Aliases::load(path)?,
        None => Aliases::default(),
    };
    let mut printer = Printer::new(out, Layout::whole(settings.format));
    let repeated = repeated_in(&settings.files, settings.forced);
    let (mut failed, mut printed) = (false, 0usize);
    for file in &settings.files {
        let extracted =
            morgue::fault::guarded(|| extract_one(file, settings.forced, &aliases, &repeated))
                .unwrap_or_else(|reason| Err(anyhow::anyhow!("{}: {reason}", file.name())));
        match extracted {
            Ok(extracted) => {
                for warning in &extracted.warnings {
                    eprintln!("{}: warning: {warning}", file.path().display());
                }
                for article in &extracted.articles {
                    printed += 1;
                    printer.print(
                        |out| text::write_extracted(out, article),
                        std::iter::once_with(|| json::ArticleJson::from(article)),
                    )?;
                }
            }
            Err(e) => {
                failed = true;
                eprintln!("morgue: {e:#}");
            }
        }
    }
    Ok(if failed {
        Outcome::InputFailed
    } else {
        Outcome::found_if(printed > 0)
    })
}

/// The paragraphs the files given repeat as `morgue index` finds them across files (none
/// with fewer files than a paragraph must be in).
fn repeated_in(
    files: &[Input],
    forced: Option<morgue::parse::Format>,
) -> morgue::extract::repeated::Repeated {
    use morgue::parse::Format;
    let files: Vec<(&std::path::Path, Format)> = (files.iter())
        .filter_map(|file| match file {
            Input::File(path) if path.is_file() => {
                Some((path.as_path(), forced.or_else(|| Format::from_path(path))?))
            }
            _ => None,
        })
        .collect();
    if files.len() < morgue::extract::boilerplate::MIN_REPEATS {
        return Default::default();
    }
    morgue::index::census::count(&files)
}

/// The articles of one file and the warnings its parser gave.
struct Extracted {
    articles: Vec<morgue::Article>,
    warnings: Vec<String>,
}

/// Read, parse and extract one file (or standard input), as `forced` or as its extension
/// (its content, for standard input) says.
fn extract_one(
    file: &Input,
    forced: Option<morgue::parse::Format>,
    aliases: &Aliases,
    repeated: &morgue::extract::repeated::Repeated,
) -> anyhow::Result<Extracted> {
    use morgue::parse::{self, Format};
    let parsed = match file {
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .context("reading standard input")?;
            let format = forced.unwrap_or_else(|| parse::guess_format(&bytes));
            parse::parse_bytes(&bytes, format).map_err(|r| anyhow::anyhow!("<stdin>: {r}"))?
        }
        Input::File(path) if path.is_dir() => anyhow::bail!(
            "{}: is a folder; extract reads files (give them, e.g. {}/*.txt), and \
             `morgue index` reads folders",
            path.display(),
            path.display()
        ),
        Input::File(path) => {
            let format = forced.or_else(|| Format::from_path(path)).ok_or_else(|| {
                anyhow::anyhow!("{}: unknown file type (use --as FORMAT)", path.display())
            })?;
            let mut parsed = parse::parse_file(path, format)?;
            morgue::index::census::apply(repeated, path, format, &mut parsed.articles);
            parsed
        }
    };
    let articles = (parsed.articles.into_iter())
        .map(|raw| morgue::extract::extract_with(file.path(), raw, aliases))
        .collect();
    Ok(Extracted {
        articles,
        warnings: parsed.warnings,
    })
}

/// `morgue stats`: counts, size, date range and top entities of the index.
pub fn stats<W: Write>(settings: &StatsSettings, out: &mut W) -> anyhow::Result<Outcome> {
    let archive = morgue::query::Archive::open(&settings.index_dir)?;
    let stats = morgue::query::stats(&archive, settings.top, settings.counting)?;
    Printer::new(out, Layout::whole(settings.format)).print(
        |out| text::write_stats(out, &stats),
        [json::StatsJson::from(&stats)],
    )?;
    Ok(Outcome::found_if(stats.articles > 0))
}

/// `morgue eval dates`: a report per folder, with its misses when asked; a folder that
/// cannot be read is reported and the others scored.
pub fn eval_dates<W: Write>(
    dirs: &[PathBuf],
    misses: bool,
    out: &mut W,
) -> anyhow::Result<Outcome> {
    print_reports(morgue::eval::eval_dates(dirs), out, |out, r| {
        writeln!(out, "{r}")?;
        if misses {
            writeln!(
                out,
                "  misses: document, gold value, found values, gold text, context"
            )?;
            for m in &r.misses {
                let found = match m.predicted.as_slice() {
                    [] => "-".to_string(),
                    values => values.join(","),
                };
                writeln!(
                    out,
                    "  {}\t{}\t{found}\t{}\t{}",
                    m.doc, m.gold, m.text, m.context
                )?;
            }
            writeln!(out)?;
        }
        Ok(())
    })
}

/// `morgue eval quotes`: a report per folder.
pub fn eval_quotes<W: Write>(
    dirs: &[PathBuf],
    misses: bool,
    out: &mut W,
) -> anyhow::Result<Outcome> {
    let reports = dirs.iter().map(|dir| morgue::eval::quotes::evaluate(dir));
    print_reports(reports, out, |out, report| {
        writeln!(out, "{report}")?;
        if misses {
            writeln!(
                out,
                "  misses: document, what, direct, content, cue (speaker: content, found, gold)"
            )?;
            for m in &report.misses {
                let direct = if m.direct { "direct" } else { "indirect" };
                writeln!(out, "  {}\t{}\t{direct}\t{}", m.document, m.what, m.text)?;
            }
            writeln!(out)?;
        }
        Ok(())
    })
}

/// Print each report of an evaluation; one that could not be made (a folder that cannot be
/// read) is named on stderr and the others are printed.
fn print_reports<T, W: Write>(
    reports: impl IntoIterator<Item = Result<T, String>>,
    out: &mut W,
    mut print: impl FnMut(&mut W, &T) -> std::io::Result<()>,
) -> anyhow::Result<Outcome> {
    let mut failed = false;
    for report in reports {
        match report {
            Ok(r) => print(out, &r)?,
            Err(e) => {
                failed = true;
                eprintln!("morgue: {e}");
            }
        }
    }
    Ok(if failed {
        Outcome::InputFailed
    } else {
        Outcome::Found
    })
}

/// `morgue eval html`: main text, title and date against the benchmark and fundus.
pub fn eval_html<W: Write>(settings: &HtmlSettings, out: &mut W) -> anyhow::Result<Outcome> {
    let report = morgue::eval::html::report(
        settings.bench.as_deref(),
        settings.fundus.as_deref(),
        settings.worst,
    )
    .map_err(anyhow::Error::msg)?;
    write!(out, "{report}")?;
    Ok(Outcome::Found)
}

/// `morgue eval entities`: a report per CoNLL file, in each reading asked for.
pub fn eval_entities<W: Write>(
    settings: &EvalEntitiesSettings,
    out: &mut W,
) -> anyhow::Result<Outcome> {
    for file in &settings.files {
        let report =
            morgue::eval::eval_entities(file, settings.readings).map_err(anyhow::Error::msg)?;
        writeln!(out, "{report}\n")?;
    }
    Ok(Outcome::Found)
}

/// `morgue eval facets`: index, score, print; index failures go to stderr, `path: reason`.
pub fn eval_facets<W: Write>(settings: &FacetsSettings, out: &mut W) -> anyhow::Result<Outcome> {
    let report = morgue::eval::facets::evaluate(&settings.options);
    clear_progress(settings.options.progress);
    let report = report?;
    for f in &report.failures {
        eprintln!("{}: {}", f.path.display(), f.reason);
    }
    Printer::new(out, Layout::whole(settings.format)).print(
        |out| text::write_facets_eval(out, &report),
        [json::FacetsEvalJson::from(&report)],
    )?;
    Ok(Outcome::Found)
}

/// `morgue completions SHELL`: the completion script for a shell.
pub fn completions<W: Write>(shell: clap_complete::Shell, out: &mut W) -> anyhow::Result<Outcome> {
    use clap::CommandFactory;
    clap_complete::generate(shell, &mut crate::cli::Cli::command(), "morgue", out);
    Ok(Outcome::Found)
}

/// `morgue man`: the manual page, in roff.
pub fn man<W: Write>(out: &mut W) -> anyhow::Result<Outcome> {
    use clap::CommandFactory;
    clap_mangen::Man::new(crate::cli::Cli::command()).render(out)?;
    Ok(Outcome::Found)
}
