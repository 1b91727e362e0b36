//! How fast is extraction? A benchmark over Reuters-21578 story bodies, one thread.
//!
//! We will:
//! 1. parse every `.sgm` file in the folder given (default `../shared/corpora/reuters21578`),
//! 2. run the whole extraction step (`morgue::extract::extract`: boilerplate, tokenizer,
//!    tagger, entity typing and canonical names, date expressions) over every story,
//!    repeating for at least five seconds,
//! 3. time the tagger and the date recogniser alone on the same text, and print tokens and
//!    articles per CPU-second for each.
//!
//! Run: `cargo run --release --example extract_speed [DIR] [whole|tagger|dates]`; naming one
//! part times only that part, which keeps a profile of it clean.

use std::path::{Path, PathBuf};
use std::time::Instant;

use morgue::extract::{self, dates, entities, tokenize};
use morgue::parse::{self, Format, RawArticle};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpora/reuters21578"));
    let only = std::env::args().nth(2);
    let wanted = |part: &str| only.as_deref().is_none_or(|o| o == part);
    let mut stories: Vec<RawArticle> = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    for f in &files {
        match parse::parse_file(f, Format::Sgml) {
            Ok(parsed) => stories.extend(parsed.articles),
            Err(e) => eprintln!("{e}"),
        }
    }
    let tokens: usize = stories
        .iter()
        .map(|s| {
            tokenize::tokenize(&s.body)
                .iter()
                .map(|x| x.tokens.len())
                .sum::<usize>()
        })
        .sum();
    let bytes: usize = stories.iter().map(|s| s.body.len()).sum();
    println!(
        "{} stories, {} tokens, {:.1} MB of body text from {} files",
        stories.len(),
        tokens,
        bytes as f64 / 1e6,
        files.len()
    );
    // Load the model before timing.
    let _ = entities::model();

    let report = |name: &str, secs: f64, rounds: usize| {
        println!(
            "{name:<28} {:>10.0} tokens/s {:>8.0} articles/s {:>7.1} MB/s",
            (tokens * rounds) as f64 / secs,
            (stories.len() * rounds) as f64 / secs,
            (bytes * rounds) as f64 / secs / 1e6
        );
    };
    if wanted("whole") {
        let (secs, rounds) = repeat(|| {
            for s in &stories {
                std::hint::black_box(extract::extract(Path::new("-"), s.clone()));
            }
        });
        report("whole extraction step", secs, rounds);
    }
    if wanted("tagger") {
        let (secs, rounds) = repeat(|| {
            for s in &stories {
                let sentences = tokenize::tokenize(&s.body);
                let words: Vec<Vec<&str>> = sentences
                    .iter()
                    .map(|x| x.tokens.iter().map(|t| &s.body[t.start..t.end]).collect())
                    .collect();
                std::hint::black_box(entities::model().tag_document(&words));
            }
        });
        report("tokenizer + tagger", secs, rounds);
    }
    if wanted("dates") {
        let (secs, rounds) = repeat(|| {
            for s in &stories {
                std::hint::black_box(dates::find_dates(&s.body, None));
            }
        });
        report("date expressions", secs, rounds);
    }
    if wanted("quotes") {
        let (secs, rounds) = repeat(|| {
            for s in &stories {
                let sentences = tokenize::tokenize(&s.body);
                std::hint::black_box(extract::quotes::find_quotes(&s.body, &sentences, &[]));
            }
        });
        report("attributions", secs, rounds);
    }
}

/// Run `f` until five seconds have passed; the CPU seconds it used (wall seconds where the
/// system cannot say) and the number of rounds. CPU time keeps the figure honest on a busy
/// machine.
fn repeat(mut f: impl FnMut()) -> (f64, usize) {
    let started = Instant::now();
    let cpu = cpu_seconds();
    let mut rounds = 0;
    while rounds == 0 || started.elapsed().as_secs_f64() < 5.0 {
        f();
        rounds += 1;
    }
    match (cpu, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => (b - a, rounds),
        _ => (started.elapsed().as_secs_f64(), rounds),
    }
}

/// User plus system CPU time of this process, from `/proc/self/stat` (Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Clock ticks are 100 per second on Linux.
    Some((utime + stime) / 100.0)
}
