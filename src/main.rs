//! The `morgue` binary: arguments become settings (`settings`), each command runs as one
//! function (`commands`, `answer`) that prints its answers through a
//! [`morgue::output::Printer`] (the text-only `eval` reports are written as they are), and
//! its [`Outcome`] becomes the exit code in one place (`outcome`).

mod answer;
mod cli;
mod commands;
mod outcome;
mod settings;

use std::io::{self, Write};
use std::process::ExitCode;

use commands::in_index;
use outcome::Outcome;
use settings::Settings;

fn main() -> ExitCode {
    morgue::fault::quiet_while_guarded();
    let outcome = match cli::Cli::parse_args(std::env::args_os()) {
        Ok(cli) => settings::from_cli(cli)
            .and_then(run)
            .unwrap_or_else(|err| Outcome::of_error(&err)),
        Err(refused) => Outcome::of_arguments(&refused),
    };
    outcome.into()
}

/// Run one command, its output buffered on stdout; flushed here so that a failed write is
/// an error too.
fn run(settings: Settings) -> anyhow::Result<Outcome> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let outcome = match settings {
        Settings::Index(s) => commands::index(&s, &mut out)?,
        Settings::Extract(s) => commands::extract(&s, &mut out)?,
        Settings::Stats(s) => in_index(&s.index_dir, commands::stats(&s, &mut out))?,
        Settings::Search(s) => in_index(&s.index_dir, answer::search(&s, &mut out))?,
        Settings::Entities(s) => in_index(&s.index_dir, answer::entities(&s, &mut out))?,
        Settings::Timeline(s) => in_index(&s.index_dir, answer::timeline(&s, &mut out))?,
        Settings::Related(s) => in_index(&s.index_dir, answer::related(&s, &mut out))?,
        Settings::Show(s) => in_index(&s.index_dir, answer::show(&s, &mut out))?,
        Settings::Duplicates(s) => in_index(&s.index_dir, answer::duplicates(&s, &mut out))?,
        Settings::Quotes(s) => in_index(&s.index_dir, answer::quotes(&s, &mut out))?,
        Settings::EvalDates { dirs, misses } => commands::eval_dates(&dirs, misses, &mut out)?,
        Settings::EvalQuotes { dirs, misses } => commands::eval_quotes(&dirs, misses, &mut out)?,
        Settings::EvalHtml(s) => commands::eval_html(&s, &mut out)?,
        Settings::EvalEntities(s) => commands::eval_entities(&s, &mut out)?,
        Settings::EvalFacets(s) => commands::eval_facets(&s, &mut out)?,
        Settings::Completions(shell) => commands::completions(shell, &mut out)?,
        Settings::Man => commands::man(&mut out)?,
    };
    out.flush()?;
    Ok(outcome)
}
