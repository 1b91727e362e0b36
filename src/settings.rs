//! The one place command-line arguments become settings: each command gets a plain struct
//! of library configuration ([`morgue::config`] and the option structs of the modules it
//! calls) and its output [`Layout`], checked before anything runs. Commands never see clap
//! types.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

use morgue::config::{IndexConfig, QueryOptions, Sort};
use morgue::eval::Reading;
use morgue::eval::facets::FacetsOptions;
use morgue::output::{Format, Layout, json};
use morgue::query::facets::{Counting, Interval, RelatedOptions};

use crate::cli::{
    Cli, ColorWhen, Command, EntitiesArgs, EvalCommand, ExtractArgs, IndexArgs, OutputFormat,
    PageArgs, RelatedArgs, ResultFormat, SearchArgs, ShowArgs, SortOrder, StatsArgs, TimelineArgs,
    TimelineInterval, WithinArgs,
};

/// One command, ready to run.
pub enum Settings {
    Index(IndexSettings),
    Search(SearchSettings),
    Extract(ExtractSettings),
    Stats(StatsSettings),
    Entities(EntitiesSettings),
    Timeline(TimelineSettings),
    Related(RelatedSettings),
    Show(ShowSettings),
    Duplicates(DuplicatesSettings),
    Quotes(QuotesSettings),
    EvalDates { dirs: Vec<PathBuf>, misses: bool },
    EvalQuotes { dirs: Vec<PathBuf>, misses: bool },
    EvalHtml(HtmlSettings),
    EvalEntities(EvalEntitiesSettings),
    EvalFacets(FacetsSettings),
    Completions(clap_complete::Shell),
    Man,
}

/// A file argument where `-` means standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    fn from_arg(path: PathBuf) -> Input {
        if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::File(path)
        }
    }

    /// The path as given (`-` for standard input).
    pub fn path(&self) -> &Path {
        match self {
            Input::Stdin => Path::new("-"),
            Input::File(path) => path,
        }
    }

    /// The name messages give it: `<stdin>` or the path.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// `morgue index`.
pub struct IndexSettings {
    pub config: IndexConfig,
    /// The summary's format (text goes to stderr, JSON to stdout).
    pub format: Format,
}

/// `morgue search`.
pub struct SearchSettings {
    pub index_dir: PathBuf,
    pub queries: Queries,
    pub options: QueryOptions,
    pub layout: Layout,
    /// Mark matched words with ANSI colour rather than `**`.
    pub color: bool,
}

/// What `morgue search` runs: the query of its arguments, or one per line of a file.
pub enum Queries {
    One(String),
    Batch(Input),
}

/// `morgue extract`.
pub struct ExtractSettings {
    pub files: Vec<Input>,
    /// The format every file is read as, instead of the one its extension says.
    pub forced: Option<morgue::parse::Format>,
    pub aliases: Option<PathBuf>,
    pub format: Format,
}

/// `morgue stats`.
pub struct StatsSettings {
    pub index_dir: PathBuf,
    pub top: usize,
    pub counting: Counting,
    pub format: Format,
}

/// `morgue entities`.
pub struct EntitiesSettings {
    pub index_dir: PathBuf,
    /// The articles counted: those this query matches, or all.
    pub query: Option<String>,
    pub kind: Option<morgue::EntityKind>,
    pub top: usize,
    pub counting: Counting,
    /// Rank by the articles quoting each entity, not naming it.
    pub quoted: bool,
    /// The publication dates counted (`since` and `until`).
    pub dates: QueryOptions,
    pub layout: Layout,
}

/// `morgue timeline`.
pub struct TimelineSettings {
    pub index_dir: PathBuf,
    /// The articles counted: those this query matches, or all.
    pub query: Option<String>,
    /// Only the articles mentioning this entity.
    pub entity: Option<TypedName>,
    pub interval: Interval,
    pub counting: Counting,
    /// The publication dates counted (`since` and `until`).
    pub dates: QueryOptions,
    pub layout: Layout,
}

/// `morgue related`.
pub struct RelatedSettings {
    pub index_dir: PathBuf,
    /// The entity's name; its kind, if given, is `options.of_kind`.
    pub name: String,
    pub options: RelatedOptions,
    pub layout: Layout,
}

/// `morgue show`.
pub struct ShowSettings {
    pub index_dir: PathBuf,
    pub id: String,
    pub layout: Layout,
}

/// `morgue duplicates`.
pub struct DuplicatesSettings {
    pub index_dir: PathBuf,
    pub query: Option<String>,
    pub limit: usize,
    pub layout: Layout,
}

/// `morgue quotes`.
pub struct QuotesSettings {
    pub index_dir: PathBuf,
    pub query: Option<String>,
    pub speaker: Option<String>,
    pub limit: usize,
    /// The publication dates and folder the articles are limited to.
    pub within: QueryOptions,
    pub layout: Layout,
}

/// `morgue eval html`: at least one of the two is given.
pub struct HtmlSettings {
    pub bench: Option<PathBuf>,
    pub fundus: Option<PathBuf>,
    /// How many of the worst benchmark pages to list.
    pub worst: usize,
}

/// `morgue eval entities`.
pub struct EvalEntitiesSettings {
    pub files: Vec<PathBuf>,
    /// The ways the files are read, each scored on its own.
    pub readings: &'static [Reading],
}

/// `morgue eval facets`.
pub struct FacetsSettings {
    pub options: FacetsOptions,
    pub format: Format,
}

/// An entity as `related` and `timeline --entity` name it: `kind:name` or a bare name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedName {
    pub kind: Option<morgue::EntityKind>,
    pub name: String,
}

impl TypedName {
    fn parse(name: &str) -> TypedName {
        if let Some((prefix, rest)) = name.split_once(':')
            && let Some(kind) = morgue::EntityKind::named(&prefix.to_ascii_lowercase())
        {
            return TypedName {
                kind: Some(kind),
                name: rest.trim().trim_matches('"').to_string(),
            };
        }
        TypedName {
            kind: None,
            name: name.to_string(),
        }
    }
}

/// The settings of the command `cli` asks for, or why they make no sense.
pub fn from_cli(cli: Cli) -> anyhow::Result<Settings> {
    let color = match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    Ok(match cli.command {
        Command::Index(args) => Settings::Index(index(args)),
        Command::Search(args) => Settings::Search(search(args, color)?),
        Command::Extract(args) => Settings::Extract(extract(args)),
        Command::Stats(args) => Settings::Stats(stats(args)),
        Command::Entities(args) => Settings::Entities(entities(args)),
        Command::Timeline(args) => Settings::Timeline(timeline(args)),
        Command::Related(args) => Settings::Related(related(args)),
        Command::Show(args) => Settings::Show(show(args)),
        Command::Duplicates(args) => Settings::Duplicates(DuplicatesSettings {
            index_dir: args.location.dir(),
            query: optional_query(&args.query),
            limit: args.limit,
            layout: Layout::table(args.format.into(), json::DuplicateJson::COLUMNS),
        }),
        Command::Quotes(args) => Settings::Quotes(QuotesSettings {
            index_dir: args.location.dir(),
            query: optional_query(&args.query),
            speaker: args.speaker,
            limit: args.limit,
            within: dates(&args.within),
            layout: Layout::table(args.format.into(), json::QuoteLineJson::COLUMNS),
        }),
        Command::Eval(command) => eval(command)?,
        Command::Completions(args) => Settings::Completions(args.shell),
        Command::Man => Settings::Man,
    })
}

/// Progress goes to stderr, and only when stderr is a terminal.
fn progress() -> Option<fn(&morgue::index::Progress)> {
    io::stderr()
        .is_terminal()
        .then_some(show_progress as fn(&_))
}

fn show_progress(p: &morgue::index::Progress) {
    eprint!(
        "\r{}/{} files read, {} articles",
        p.files_done, p.files_total, p.articles
    );
}

fn index(args: IndexArgs) -> IndexSettings {
    IndexSettings {
        config: IndexConfig {
            roots: args.paths,
            index_dir: args.location.dir(),
            threads: args.threads,
            full: args.full,
            commit_every: args.commit_every.unwrap_or(0),
            aliases: args.aliases,
            progress: progress(),
        },
        format: args.format.into(),
    }
}

fn search(args: SearchArgs, color: bool) -> anyhow::Result<SearchSettings> {
    let layout = Layout {
        format: args.format.into(),
        columns: hit_columns(&args)?,
    };
    let options = QueryOptions {
        limit: args.limit as usize,
        explain: args.explain,
        count_only: args.count,
        all_copies: args.all_copies,
        // Snippets are the costliest part of a hit: cut them only when they are printed.
        snippets: args.format == ResultFormat::Text
            || args.fields.is_empty()
            || args
                .fields
                .iter()
                .any(|f| matches!(f.trim(), "snippet" | "highlights")),
        ..page_options(&args.page)
    };
    let queries = match args.queries {
        Some(file) => Queries::Batch(Input::from_arg(file)),
        None => Queries::One(args.query.join(" ")),
    };
    Ok(SearchSettings {
        index_dir: args.location.dir(),
        queries,
        options,
        layout,
        color,
    })
}

fn page_options(page: &PageArgs) -> QueryOptions {
    QueryOptions {
        offset: page.offset,
        sort: match page.sort {
            SortOrder::Relevance => Sort::Relevance,
            SortOrder::Newest => Sort::Newest,
            SortOrder::Oldest => Sort::Oldest,
        },
        since: page.within.since,
        until: page.within.until,
        under: page.within.under.clone(),
        ..QueryOptions::default()
    }
}

/// `--fields` checked against the hit columns; the columns to print (`None`: whole hits).
/// A batch's records start with the query they answer.
fn hit_columns(args: &SearchArgs) -> anyhow::Result<Option<Vec<String>>> {
    let csv = args.format == ResultFormat::Csv;
    let mut cols: Vec<String> = Vec::new();
    if args.queries.is_some() {
        cols.extend(["query_index".to_string(), "query".to_string()]);
    }
    if args.count {
        cols.push("total".into());
        return Ok(csv.then_some(cols));
    }
    if args.fields.is_empty() {
        if !csv {
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

fn extract(args: ExtractArgs) -> ExtractSettings {
    ExtractSettings {
        files: args.files.into_iter().map(Input::from_arg).collect(),
        forced: args.as_format.map(Into::into),
        aliases: args.aliases,
        format: args.format.into(),
    }
}

fn stats(args: StatsArgs) -> StatsSettings {
    StatsSettings {
        index_dir: args.location.dir(),
        top: args.top,
        counting: counting(args.copies),
        format: args.format.into(),
    }
}

/// What an answer counts: stories, unless `--copies` asks for every article.
fn counting(copies: bool) -> Counting {
    if copies {
        Counting::Articles
    } else {
        Counting::Stories
    }
}

/// The date limits of an answer over many articles, as query options.
fn dates(args: &WithinArgs) -> QueryOptions {
    QueryOptions {
        since: args.since,
        until: args.until,
        under: args.under.clone(),
        ..QueryOptions::default()
    }
}

/// The query of `entities` or `timeline`: none (the whole index) when no word is given.
fn optional_query(words: &[String]) -> Option<String> {
    (!words.is_empty()).then(|| words.join(" "))
}

fn entities(args: EntitiesArgs) -> EntitiesSettings {
    EntitiesSettings {
        index_dir: args.location.dir(),
        query: optional_query(&args.query),
        kind: args.kind.map(Into::into),
        top: args.top,
        counting: counting(args.copies),
        quoted: args.quoted,
        dates: dates(&args.within),
        layout: Layout::table(args.format.into(), json::EntityLineJson::COLUMNS),
    }
}

fn timeline(args: TimelineArgs) -> TimelineSettings {
    TimelineSettings {
        index_dir: args.location.dir(),
        query: optional_query(&args.query),
        entity: args.entity.as_deref().map(TypedName::parse),
        interval: match args.by {
            TimelineInterval::Day => Interval::Day,
            TimelineInterval::Week => Interval::Week,
            TimelineInterval::Month => Interval::Month,
            TimelineInterval::Year => Interval::Year,
        },
        counting: counting(args.copies),
        dates: dates(&args.within),
        layout: Layout::table(args.format.into(), json::BucketJson::COLUMNS),
    }
}

fn related(args: RelatedArgs) -> RelatedSettings {
    let entity = TypedName::parse(&args.entity.join(" "));
    RelatedSettings {
        index_dir: args.location.dir(),
        name: entity.name,
        options: RelatedOptions {
            kind: args.kind.map(Into::into),
            of_kind: entity.kind,
            top: args.top,
            min_count: args.min_count,
            counting: counting(args.copies),
            since: args.within.since,
            until: args.within.until,
            under: args.within.under,
        },
        layout: Layout::table(args.format.into(), json::RelatedJson::COLUMNS),
    }
}

fn show(args: ShowArgs) -> ShowSettings {
    ShowSettings {
        index_dir: args.location.dir(),
        id: args.id,
        layout: Layout::table(args.format.into(), json::ShowJson::COLUMNS),
    }
}

fn eval(command: EvalCommand) -> anyhow::Result<Settings> {
    Ok(match command {
        EvalCommand::Dates { dirs, misses } => Settings::EvalDates { dirs, misses },
        EvalCommand::Quotes { dirs, misses } => Settings::EvalQuotes { dirs, misses },
        EvalCommand::Html {
            bench,
            fundus,
            worst,
        } => {
            if bench.is_none() && fundus.is_none() {
                anyhow::bail!("say what to measure: --bench DIR and/or --fundus DIR");
            }
            Settings::EvalHtml(HtmlSettings {
                bench,
                fundus,
                worst,
            })
        }
        EvalCommand::Entities {
            files,
            as_files,
            as_tokens,
        } => Settings::EvalEntities(EvalEntitiesSettings {
            files,
            readings: match (as_files, as_tokens) {
                (true, _) => &[Reading::Files],
                (false, true) => &[Reading::Tokens],
                (false, false) => &[Reading::Tokens, Reading::Files],
            },
        }),
        EvalCommand::Facets(args) => Settings::EvalFacets(FacetsSettings {
            format: if args.json {
                Format::Json
            } else {
                args.format.into()
            },
            options: FacetsOptions {
                corpus: args.corpus,
                judged: args.judged,
                top: args.top,
                keep_index: args.keep_index,
                progress: progress(),
            },
        }),
    })
}

impl From<OutputFormat> for Format {
    fn from(format: OutputFormat) -> Format {
        match format {
            OutputFormat::Text => Format::Text,
            OutputFormat::Json => Format::Json,
        }
    }
}

impl From<ResultFormat> for Format {
    fn from(format: ResultFormat) -> Format {
        match format {
            ResultFormat::Text => Format::Text,
            ResultFormat::Json => Format::Json,
            ResultFormat::Csv => Format::Csv,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn settings(args: &[&str]) -> anyhow::Result<Settings> {
        let cli = Cli::try_parse_from(std::iter::once("morgue").chain(args.iter().copied()))?;
        from_cli(cli)
    }

    #[test]
    fn typed_names() {
        let typed = TypedName::parse("Person: \"Mike Pompeo\"");
        assert_eq!(typed.kind, Some(morgue::EntityKind::Person));
        assert_eq!(typed.name, "Mike Pompeo");
        let bare = TypedName::parse("re: pompeo");
        assert_eq!((bare.kind, bare.name.as_str()), (None, "re: pompeo"));
    }

    #[test]
    fn search_columns() {
        let Ok(Settings::Search(s)) = settings(&["search", "x", "--format", "csv", "--count"])
        else {
            panic!("search settings")
        };
        assert_eq!(s.layout.columns, Some(vec!["total".to_string()]));
        let Ok(Settings::Search(s)) = settings(&[
            "search",
            "--queries",
            "-",
            "--fields",
            "rank",
            "--format",
            "json",
        ]) else {
            panic!("search settings")
        };
        assert!(matches!(&s.queries, Queries::Batch(input) if input.name() == "<stdin>"));
        assert_eq!(
            s.layout.columns,
            Some(vec!["query_index".into(), "query".into(), "rank".into()])
        );
        assert!(!s.options.snippets);
        assert!(settings(&["search", "x", "--fields", "rank,nope"]).is_err());
    }

    #[test]
    fn eval_html_needs_a_corpus() {
        assert!(settings(&["eval", "html"]).is_err());
        assert!(settings(&["eval", "html", "--bench", "b"]).is_ok());
    }
}
