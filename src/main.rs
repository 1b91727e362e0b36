//! The `morgue` binary: parse arguments, call the library, print, and map the outcome to an
//! exit code (0 results, 1 no results, 2 error).

mod answer;
mod cli;

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use cli::{Cli, Command, OutputFormat};
use morgue::config::IndexConfig;
use morgue::output::{self, json, text};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("morgue: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// A tantivy error from reading an index says nothing of where the index is: name it.
fn in_index<T>(dir: PathBuf, result: anyhow::Result<T>) -> anyhow::Result<T> {
    result.map_err(|err| match err.downcast::<morgue::Error>() {
        Ok(morgue::Error::Tantivy(cause)) => morgue::Error::Index { path: dir, cause }.into(),
        Ok(other) => other.into(),
        Err(err) => err,
    })
}

fn color() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Index(args) => {
            let config = IndexConfig {
                roots: args.paths,
                index_dir: args.location.dir(),
                threads: args.threads,
                full: args.full,
                commit_every: args.commit_every.unwrap_or(0),
                aliases: args.aliases,
                // Progress goes to stderr, and only when stderr is a terminal.
                progress: io::stderr()
                    .is_terminal()
                    .then_some(show_progress as fn(&_)),
            };
            for root in &config.roots {
                if !root.exists() {
                    anyhow::bail!("{}: no such file or folder", root.display());
                }
            }
            let summary = morgue::index::build(&config);
            if config.progress.is_some() {
                // Clear the progress line.
                eprint!("\r\x1b[K");
            }
            // Every error of the run names the index folder or the file it concerns.
            let summary = summary?;
            match args.format {
                OutputFormat::Text => text::write_summary(&mut io::stderr().lock(), &summary)?,
                OutputFormat::Json => {
                    output::write_json_line(&mut out, &json::SummaryJson::from(&summary))?
                }
            }
            if summary.failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Search(args) => {
            in_index(args.location.dir(), answer::search(args, &mut out, color()))?
        }
        Command::Entities(args) => in_index(args.location.dir(), answer::entities(args, &mut out))?,
        Command::Timeline(args) => in_index(args.location.dir(), answer::timeline(args, &mut out))?,
        Command::Related(args) => in_index(args.location.dir(), answer::related(args, &mut out))?,
        Command::Show(args) => in_index(args.location.dir(), answer::show(args, &mut out))?,
        Command::Extract(args) => {
            let mut failed = false;
            let mut printed = 0usize;
            let aliases = match &args.aliases {
                Some(path) => morgue::extract::aliases::Aliases::load(path)?,
                None => Default::default(),
            };
            for file in &args.files {
                match extract_one(file, args.as_format.map(Into::into), &aliases) {
                    Ok(parsed) => {
                        for w in &parsed.1 {
                            eprintln!("{}: warning: {w}", file.display());
                        }
                        for article in &parsed.0 {
                            printed += 1;
                            match args.format {
                                OutputFormat::Json => output::write_json_line(
                                    &mut out,
                                    &json::ArticleJson::from(article),
                                )?,
                                OutputFormat::Text => write_article(&mut out, article)?,
                            }
                        }
                    }
                    Err(e) => {
                        failed = true;
                        eprintln!("morgue: {e:#}");
                    }
                }
            }
            if failed {
                ExitCode::from(2)
            } else if printed == 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Stats(args) => {
            let dir = args.location.dir();
            let morgue_index = morgue::index::MorgueIndex::open(&dir)?;
            let stats = in_index(
                dir,
                morgue::index::stats(&morgue_index, args.top).map_err(Into::into),
            )?;
            match args.format {
                OutputFormat::Text => text::write_stats(&mut out, &stats)?,
                OutputFormat::Json => {
                    output::write_json_line(&mut out, &json::StatsJson::from(&stats))?
                }
            }
            if stats.articles == 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Eval(cli::EvalCommand::Dates { dirs }) => {
            let mut failed = false;
            for report in morgue::eval::eval_dates(&dirs) {
                match report {
                    Ok(r) => writeln!(out, "{r}")?,
                    Err(e) => {
                        failed = true;
                        eprintln!("morgue: {e}");
                    }
                }
            }
            if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Eval(cli::EvalCommand::Html {
            bench,
            fundus,
            worst,
        }) => {
            if bench.is_none() && fundus.is_none() {
                anyhow::bail!("say what to measure: --bench DIR and/or --fundus DIR");
            }
            let report = morgue::eval::html::report(bench.as_deref(), fundus.as_deref(), worst)
                .map_err(anyhow::Error::msg)?;
            write!(out, "{report}")?;
            ExitCode::SUCCESS
        }
        Command::Eval(cli::EvalCommand::Facets(args)) => eval_facets(args, &mut out)?,
        Command::Eval(cli::EvalCommand::Entities {
            files,
            as_files,
            as_tokens,
        }) => {
            use morgue::eval::Reading;
            let readings: &[Reading] = match (as_files, as_tokens) {
                (true, _) => &[Reading::Files],
                (false, true) => &[Reading::Tokens],
                (false, false) => &[Reading::Tokens, Reading::Files],
            };
            for file in &files {
                let report =
                    morgue::eval::eval_entities(file, readings).map_err(anyhow::Error::msg)?;
                writeln!(out, "{report}\n")?;
            }
            ExitCode::SUCCESS
        }
    };
    out.flush()?;
    Ok(code)
}

/// `morgue eval facets`: index, score, print; index failures go to stderr, `path: reason`.
fn eval_facets<W: Write>(args: cli::EvalFacetsArgs, out: &mut W) -> anyhow::Result<ExitCode> {
    let options = morgue::eval::facets::FacetsOptions {
        corpus: args.corpus,
        judged: args.judged,
        top: args.top,
        keep_index: args.keep_index,
        progress: io::stderr()
            .is_terminal()
            .then_some(show_progress as fn(&_)),
    };
    let report = morgue::eval::facets::evaluate(&options);
    if options.progress.is_some() {
        eprint!("\r\x1b[K");
    }
    let report = report?;
    for f in &report.failures {
        eprintln!("{}: {}", f.path.display(), f.reason);
    }
    if args.json || args.format == OutputFormat::Json {
        output::write_json_line(out, &json::FacetsEvalJson::from(&report))?;
    } else {
        text::write_facets_eval(out, &report)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn show_progress(p: &morgue::index::Progress) {
    eprint!(
        "\r{}/{} files read, {} articles",
        p.files_done, p.files_total, p.articles
    );
}

type Extracted = (Vec<morgue::Article>, Vec<String>);

fn extract_one(
    file: &Path,
    forced: Option<morgue::parse::Format>,
    aliases: &morgue::extract::aliases::Aliases,
) -> anyhow::Result<Extracted> {
    use morgue::parse::{self, Format};
    let parsed = if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        let format = forced.unwrap_or_else(|| parse::guess_format(&bytes));
        parse::parse_bytes(&bytes, format).map_err(|r| anyhow::anyhow!("<stdin>: {r}"))?
    } else {
        let format = forced.or_else(|| Format::from_path(file)).ok_or_else(|| {
            anyhow::anyhow!("{}: unknown file type (use --as FORMAT)", file.display())
        })?;
        parse::parse_file(file, format)?
    };
    let articles = parsed
        .articles
        .into_iter()
        .map(|raw| morgue::extract::extract_with(file, raw, aliases))
        .collect();
    Ok((articles, parsed.warnings))
}

fn write_article<W: Write>(out: &mut W, a: &morgue::Article) -> io::Result<()> {
    writeln!(out, "{}", a.id())?;
    writeln!(out, "  title        {}", a.title)?;
    if let Some(d) = a.published {
        writeln!(out, "  published    {d}")?;
    }
    for kind in morgue::EntityKind::ALL {
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
