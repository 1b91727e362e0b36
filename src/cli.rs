//! Command-line arguments as clap parses them; `settings` turns them into the settings each
//! command runs with, so neither the commands nor the library see clap types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// morgue: search a folder of news articles by words, phrases, people, companies, places and dates.
#[derive(Debug, Parser)]
#[command(name = "morgue", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 results or done, 1 no results (index: some files failed), 2 error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour and bold in text output: `auto` on a terminal (unless NO_COLOR is set),
    /// `always`, or `never`. Without colour, text is plain: matched words are not marked.
    #[arg(long, value_enum, global = true, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

/// When text output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl Cli {
    /// Parses the command line, reading a word of a search query that starts with `-` and is
    /// none of `search`'s options (`morgue search -wechat tiktok`) as the exclusion it means:
    /// `NOT wechat`.
    pub fn parse_args(
        args: impl IntoIterator<Item = std::ffi::OsString>,
    ) -> clap::error::Result<Cli> {
        use clap::{CommandFactory, Parser};
        let mut args: Vec<std::ffi::OsString> = args.into_iter().collect();
        let command = Cli::command();
        let search = command
            .find_subcommand("search")
            .expect("search is a command");
        let is_search = args
            .iter()
            .skip(1)
            .find(|a| !a.to_string_lossy().starts_with('-'))
            == Some(&std::ffi::OsString::from("search"));
        if is_search {
            let shorts: Vec<char> = search
                .get_arguments()
                .filter_map(|a| a.get_short())
                .collect();
            for arg in args.iter_mut().skip(2) {
                if let Some(word) = exclusion(&arg.to_string_lossy(), &shorts) {
                    *arg = word.into();
                }
            }
        }
        Cli::try_parse_from(args)
    }
}

/// `NOT WORD` for an argument `-WORD` whose first letter is no short option of the command
/// (`-wechat`, `-"national security"`); `None` for anything else (`-n`, `--limit`, `-`).
fn exclusion(arg: &str, shorts: &[char]) -> Option<String> {
    let rest = arg.strip_prefix('-')?;
    let first = rest.chars().next()?;
    let word_like = first.is_alphanumeric() || matches!(first, '"' | '(' | '\u{201c}');
    (word_like && !shorts.contains(&first) && !first.is_ascii_digit())
        .then(|| format!("NOT {rest}"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index the articles under one or more folders (re-running replaces, never duplicates).
    #[command(after_help = "Examples:
  morgue index ~/news                      build or update the index in the default folder
  morgue index ~/news ~/wires --index idx  two folders into the index at ./idx
  morgue index ~/news --full               read every file again")]
    Index(IndexArgs),
    /// Search the index and print ranked hits with snippets.
    #[command(after_help = "Examples:
  morgue search '\"national security\" tiktok'       a phrase and a word
  morgue search '\"mobile phone\" =phones'           any form of a phrase, one form of a word
  morgue search 'person:pompeo huawei' --since 2020  an entity filter and a date
  morgue search '(strike OR walkout) -rotterdam' -n 20
  morgue search tiktok --under ~/news/tech --format json | jq .title
  morgue search --queries queries.txt --count      one count per line of the file")]
    Search(SearchArgs),
    /// Parse and extract files without indexing; print what morgue finds in each article.
    #[command(after_help = "Examples:
  morgue extract story.html                 the article, its entities and dates as JSON
  morgue extract --format text news/*.txt   every file, for reading
  curl -s URL | morgue extract --as html -  standard input")]
    Extract(ExtractArgs),
    /// Show the number of articles, index size, date range and top entities.
    #[command(after_help = "Examples:
  morgue stats
  morgue stats -n 3 --format json")]
    Stats(StatsArgs),
    /// The most mentioned entities in the whole index or in the articles a query matches.
    #[command(after_help = "Examples:
  morgue entities                                  the whole index
  morgue entities 'tiktok' --type person -n 10     the people of the stories about TikTok
  morgue entities --since 2020-08 --until 2020-09  one month
  morgue entities --copies                         every copy of a story counted
  morgue entities tiktok --quoted                  who is quoted most on TikTok")]
    Entities(EntitiesArgs),
    /// Article counts over publication date for a query.
    #[command(after_help = "Examples:
  morgue timeline tiktok --by week
  morgue timeline --entity 'person:mnuchin' --by month
  morgue timeline huawei --since 2019 --format csv")]
    Timeline(TimelineArgs),
    /// Entities mentioned together with one entity, ranked by significance.
    #[command(after_help = "Examples:
  morgue related pompeo
  morgue related 'company:huawei' --type person -n 10
  morgue related tiktok --since 2020-06 --min-count 3")]
    Related(RelatedArgs),
    /// One article: its fields and its entity and date mentions.
    #[command(after_help = "Examples:
  morgue show /news/2020/tiktok.html
  morgue show 'wires/reut2-000.sgm#12'      one record of a file of many")]
    Show(ShowArgs),
    /// Copies of a story: the clusters of the archive (largest first) or of the articles a
    /// query matches, each article with what differs from the cluster's first.
    #[command(after_help = "Examples:
  morgue duplicates                the largest clusters of copies
  morgue duplicates tiktok -n 5    the copies among the stories about TikTok")]
    Duplicates(DuplicatesArgs),
    /// Quotes: who said what, in the articles a query matches (or the whole index).
    #[command(after_help = "Examples:
  morgue quotes --speaker 'mike pompeo'            what he said, newest first
  morgue quotes tiktok --speaker mnuchin            what he said in the stories about TikTok
  morgue quotes 'quote:\"national security\"'      quotes holding a phrase
  morgue quotes 'said:pompeo huawei' --format csv")]
    Quotes(QuotesArgs),
    /// Measure extraction against annotated corpora (precision, recall, accuracy).
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Print a completion script for a shell on standard output.
    #[command(after_help = "Examples:
  morgue completions bash > ~/.local/share/bash-completion/completions/morgue
  morgue completions zsh > ~/.zfunc/_morgue
  morgue completions fish > ~/.config/fish/completions/morgue.fish")]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) on standard output.
    #[command(after_help = "Examples:
  morgue man > ~/.local/share/man/man1/morgue.1
  morgue man | man -l -")]
    Man,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell the script is for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Date expressions and their values, on TempEval-3 (.tml) or MEANTIME (CAT .xml) folders.
    Dates {
        /// Folders of annotated documents.
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// List every gold date missed or given another value, with what was found and the
        /// text around it.
        #[arg(long)]
        misses: bool,
    },
    /// Main text, title and date of web pages, on the article-extraction benchmark and fundus.
    Html {
        /// A folder with `ground-truth.json` and `html/<id>.html.gz`.
        #[arg(long, value_name = "DIR")]
        bench: Option<PathBuf>,
        /// A fundus checkout with `english_html_files.txt` and `test_data/`.
        #[arg(long, value_name = "DIR")]
        fundus: Option<PathBuf>,
        /// How many of the worst benchmark pages to list.
        #[arg(long, default_value_t = 10)]
        worst: usize,
    },
    /// Person, organisation and place mentions, on CoNLL-2003 files (exact span match), read
    /// two ways: from the tokens, and from article files written and parsed back.
    Entities {
        /// CoNLL-format files (token in the first column, IOB NER tag in the last).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Only through article files (a `Title:` header, then a sentence a line), read back
        /// with the text parser as `morgue extract` reads them.
        #[arg(long, conflicts_with = "as_tokens")]
        as_files: bool,
        /// Only through the tokens, each sentence a paragraph of the body.
        #[arg(long)]
        as_tokens: bool,
    },
    /// The top entities of each type of a corpus, scored against hand judgements.
    Facets(EvalFacetsArgs),
    /// Attributions (who said what), on folders in the PolNeAR layout (`text/` and brat
    /// `attributions/`): content precision, recall and F1, for all and for direct quotes,
    /// and speaker accuracy.
    Quotes {
        /// Folders holding `text/` and `attributions/`.
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// List every gold attribution missed, every one found that matches none, and
        /// every matched one given another speaker.
        #[arg(long)]
        misses: bool,
    },
}

#[derive(Debug, Args)]
pub struct EvalFacetsArgs {
    /// A folder or file of articles, indexed into a temporary index.
    #[arg(value_name = "CORPUS")]
    pub corpus: PathBuf,
    /// Judged entities, one a line: type<TAB>name<TAB>ok|wrong<TAB>note (`#` comments); of
    /// several files, later judgements of the same type and name override earlier ones.
    #[arg(required = true, value_name = "JUDGED.tsv")]
    pub judged: Vec<PathBuf>,
    /// How many entities of each type to score.
    #[arg(long, default_value_t = 40, value_name = "N")]
    pub top: usize,
    /// Build the index in DIR and keep it (a later run with the same DIR re-reads only
    /// changed files).
    #[arg(long, value_name = "DIR")]
    pub keep_index: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Short for `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IndexLocation {
    /// Index folder [default: $XDG_DATA_HOME/morgue]
    #[arg(long, env = "MORGUE_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people.
    Text,
    /// One JSON object per line.
    Json,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders or files to index.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Worker threads [default: one per core]
    #[arg(
        long,
        short = 'j',
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true
    )]
    pub threads: usize,
    /// Re-read every file, even those unchanged since the last run.
    #[arg(long)]
    pub full: bool,
    /// Alias file: canonical names and their variants, names to drop [default: aliases.tsv
    /// in the index folder, if present]
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Also commit after every N articles (smaller: less work lost to a crash, slower)
    /// [default: commit every 30 seconds or 512 MiB of input]
    #[arg(long, value_name = "N")]
    pub commit_every: Option<usize>,
    /// Summary format (the summary goes to stderr as text, to stdout as JSON).
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (all required, in any form: phone finds "phones"), "phrases",
    /// =exact forms, "words near"~5, secur* prefixes, pompeo~1 fuzzy words, OR, AND,
    /// -excluded, (groups), title:/body:/byline:/source:/url:/under:, person:/company:/org:/
    /// place: filters, date:2020-08-01..2020-08-31, mentions:2020-08.
    #[arg(value_name = "QUERY", num_args = 1.., required_unless_present = "queries")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Number of hits to show.
    #[arg(short = 'n', long = "limit", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub limit: u32,
    #[command(flatten)]
    pub page: PageArgs,
    /// Print only the number of matching articles.
    #[arg(long, help_heading = "Output")]
    pub count: bool,
    /// Columns to print, comma-separated (json and csv): rank, id, path, record, score, title,
    /// published, byline, source, url, snippet, highlights, people, companies,
    /// organizations, places, explanation.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "FIELDS",
        help_heading = "Output"
    )]
    pub fields: Vec<String>,
    /// Show how each hit's score was computed.
    #[arg(long, help_heading = "Output")]
    pub explain: bool,
    /// Show every copy of a story as a hit of its own (by default copies are collapsed into
    /// the best-ranked one, which says how many it stands for).
    #[arg(long, help_heading = "Output")]
    pub all_copies: bool,
    /// Run one query per line of FILE (`-`: standard input) against one open index; each
    /// result is tagged with its query and its index (0-based, blank lines skipped).
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub queries: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ResultFormat::Text, help_heading = "Output")]
    pub format: ResultFormat,
}

/// Ordering, paging and date limits of a search.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// Hits to skip (for paging), at most 1,000,000.
    #[arg(long, default_value_t = 0, value_name = "N", value_parser = offset)]
    pub offset: usize,
    /// Hit order.
    #[arg(long, value_enum, default_value_t = SortOrder::Relevance)]
    pub sort: SortOrder,
    #[command(flatten)]
    pub within: WithinArgs,
}

/// The articles an answer is limited to: by publication date, and by where they were read.
#[derive(Debug, Args)]
pub struct WithinArgs {
    /// Only articles published on or after this day, month or year (2020-08-01, 2020-08, 2020).
    #[arg(long, value_name = "DATE", value_parser = since_day)]
    pub since: Option<chrono::NaiveDate>,
    /// Only articles published on or before this day, month or year (its last day).
    #[arg(long, value_name = "DATE", value_parser = until_day)]
    pub until: Option<chrono::NaiveDate>,
    /// Only the articles of this file, or of the files below this folder (as `under:PATH`).
    #[arg(long, value_name = "PATH")]
    pub under: Option<PathBuf>,
}

/// The deepest page `--offset` reaches: the hits skipped are held in memory.
const MAX_OFFSET: usize = 1_000_000;

fn offset(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n <= MAX_OFFSET => Ok(n),
        _ => Err(format!(
            "'{s}' is not a number of hits from 0 to {MAX_OFFSET}; narrow the query instead of \
             paging deeper"
        )),
    }
}

fn since_day(s: &str) -> Result<chrono::NaiveDate, String> {
    morgue::query::parser::parse_range(s)?
        .from
        .ok_or_else(|| format!("'{s}' is not a day, month or year"))
}

fn until_day(s: &str) -> Result<chrono::NaiveDate, String> {
    let to = morgue::query::parser::parse_range(s)?
        .to
        .ok_or_else(|| format!("'{s}' is not a day, month or year"))?;
    Ok(to - chrono::Duration::days(1))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortOrder {
    /// Best match first.
    Relevance,
    /// Latest published first.
    Newest,
    /// Earliest published first.
    Oldest,
}

/// Output of the answering commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultFormat {
    /// For people.
    Text,
    /// One JSON object per line.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

/// An entity kind on the command line, by the names [`morgue::EntityKind`] knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityType {
    Person,
    Company,
    Organization,
    Place,
}

impl ValueEnum for EntityType {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            EntityType::Person,
            EntityType::Company,
            EntityType::Organization,
            EntityType::Place,
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let kind = morgue::EntityKind::from(*self);
        Some(clap::builder::PossibleValue::new(kind.as_str()).aliases(kind.aliases()))
    }
}

impl From<EntityType> for morgue::EntityKind {
    fn from(t: EntityType) -> Self {
        match t {
            EntityType::Person => morgue::EntityKind::Person,
            EntityType::Company => morgue::EntityKind::Company,
            EntityType::Organization => morgue::EntityKind::Organization,
            EntityType::Place => morgue::EntityKind::Place,
        }
    }
}

#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Count only in the articles this query matches (default: the whole index).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Only entities of this type.
    #[arg(long = "type", value_enum)]
    pub kind: Option<EntityType>,
    /// How many to list.
    #[arg(
        short = 'n',
        long = "limit",
        visible_alias = "top",
        value_name = "N",
        default_value_t = 20
    )]
    pub top: usize,
    #[command(flatten)]
    pub within: WithinArgs,
    /// Count every article, copies of a story included (by default a story and its copies
    /// count once).
    #[arg(long)]
    pub copies: bool,
    /// Rank the entities quoted most (the articles quoting each) instead of those named
    /// most.
    #[arg(long)]
    pub quoted: bool,
    #[arg(long, value_enum, default_value_t = ResultFormat::Text)]
    pub format: ResultFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineInterval {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The query whose matches are counted (default: every article).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Count the articles mentioning this entity (under any of its names), as `related`
    /// names one: a name or part of one, optionally typed (`person:blair`). With a QUERY,
    /// both must match.
    #[arg(long, value_name = "ENTITY")]
    pub entity: Option<String>,
    /// Bucket size.
    #[arg(long, value_enum, default_value_t = TimelineInterval::Month)]
    pub by: TimelineInterval,
    #[command(flatten)]
    pub within: WithinArgs,
    /// Count every article, copies of a story included (by default a story and its copies
    /// count once).
    #[arg(long)]
    pub copies: bool,
    #[arg(long, value_enum, default_value_t = ResultFormat::Text)]
    pub format: ResultFormat,
}

#[derive(Debug, Args)]
pub struct RelatedArgs {
    /// The entity: a canonical name or part of one (`pompeo`), optionally with its type
    /// (`person:pompeo`); case and accents do not matter.
    #[arg(required = true, value_name = "ENTITY", num_args = 1..)]
    pub entity: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Only related entities of this type.
    #[arg(long = "type", value_enum)]
    pub kind: Option<EntityType>,
    /// How many to list.
    #[arg(
        short = 'n',
        long = "limit",
        visible_alias = "top",
        value_name = "N",
        default_value_t = 20
    )]
    pub top: usize,
    #[command(flatten)]
    pub within: WithinArgs,
    /// Fewest articles (or stories) mentioning both for an entity to be ranked.
    #[arg(long, default_value_t = 2)]
    pub min_count: u64,
    /// Count every article, copies of a story included (by default a story and its copies
    /// count once).
    #[arg(long)]
    pub copies: bool,
    #[arg(long, value_enum, default_value_t = ResultFormat::Text)]
    pub format: ResultFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article id, as printed by `search` (`path` or `path#record`).
    #[arg(required = true, value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub location: IndexLocation,
    #[arg(long, value_enum, default_value_t = ResultFormat::Text)]
    pub format: ResultFormat,
}

#[derive(Debug, Args)]
pub struct DuplicatesArgs {
    /// Only the clusters of the articles this query matches (default: every cluster).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// How many clusters to list.
    #[arg(short = 'n', long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = ResultFormat::Text)]
    pub format: ResultFormat,
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// The articles whose quotes are listed (default: every article); its `said:` and
    /// `quote:` terms also pick which of their quotes.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Only the quotes of this speaker (as `said:"NAME"`).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// How many quotes to list.
    #[arg(short = 'n', long, default_value_t = 20)]
    pub limit: usize,
    #[command(flatten)]
    pub within: WithinArgs,
    #[arg(long, value_enum, default_value_t = ResultFormat::Text)]
    pub format: ResultFormat,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files to read; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Alias file to apply (see `morgue index --aliases`).
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Read every file as this format instead of going by its extension.
    #[arg(long = "as", value_enum, value_name = "FORMAT")]
    pub as_format: Option<InputFormat>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub format: OutputFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Text,
    Html,
    Json,
    Sgml,
    Warc,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// How many of each kind of entity to list.
    #[arg(
        short = 'n',
        long = "limit",
        visible_alias = "top",
        value_name = "N",
        default_value_t = 10
    )]
    pub top: usize,
    /// Count every article, copies of a story included (by default a story and its copies
    /// count once).
    #[arg(long)]
    pub copies: bool,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

impl IndexLocation {
    pub fn dir(&self) -> PathBuf {
        self.index
            .clone()
            .unwrap_or_else(morgue::config::default_index_dir)
    }
}

impl From<InputFormat> for morgue::parse::Format {
    fn from(f: InputFormat) -> Self {
        match f {
            InputFormat::Text => morgue::parse::Format::Text,
            InputFormat::Html => morgue::parse::Format::Html,
            InputFormat::Json => morgue::parse::Format::Json,
            InputFormat::Sgml => morgue::parse::Format::Sgml,
            InputFormat::Warc => morgue::parse::Format::Warc,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_leading_minus_word_is_an_exclusion_unless_it_is_an_option() {
        let shorts = ['n', 'h'];
        assert_eq!(
            super::exclusion("-wechat", &shorts).as_deref(),
            Some("NOT wechat")
        );
        let phrase = super::exclusion("-\"national security\"", &shorts);
        assert_eq!(phrase.as_deref(), Some("NOT \"national security\""));
        for kept in ["-n", "-n5", "-h", "--limit", "-", "-5", "plain"] {
            assert_eq!(super::exclusion(kept, &shorts), None, "{kept}");
        }
    }

    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    /// The words of a shell command line, with '…' and "…" quoting.
    fn shell_words(line: &str) -> Vec<String> {
        let (mut words, mut word, mut quote, mut any) = (Vec::new(), String::new(), None, false);
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match (quote, c) {
                (None, '\'' | '"') => (quote, any) = (Some(c), true),
                (Some(q), c) if c == q => quote = None,
                (Some('"'), '\\') => word.extend(chars.next()),
                (None, c) if c.is_whitespace() => {
                    if any || !word.is_empty() {
                        words.push(std::mem::take(&mut word));
                    }
                    any = false;
                }
                (_, c) => word.push(c),
            }
        }
        if any || !word.is_empty() {
            words.push(word);
        }
        words
    }

    #[test]
    fn every_help_example_is_a_valid_command_line() {
        let command = Cli::command();
        let mut checked = 0;
        for sub in command.get_subcommands() {
            let help = sub
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            for line in help.lines().filter(|l| l.contains("morgue ")) {
                let from = line.find("morgue ").expect("a morgue command");
                // The command ends at a pipe, a redirection or the two spaces before its
                // description.
                let rest = &line[from..];
                let ends = [rest.find(" |"), rest.find(" >"), rest.find("  ")];
                let end = ends.into_iter().flatten().min();
                let example = &rest[..end.unwrap_or(rest.len())];
                let words = shell_words(example);
                if let Err(e) = Cli::parse_args(words.iter().map(std::ffi::OsString::from)) {
                    panic!("{example}: {e}");
                }
                checked += 1;
            }
        }
        assert!(checked >= 20, "{checked} examples");
    }
}
