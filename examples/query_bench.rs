//! Query latency benchmark: search, entity counts, timelines, related entities and batch
//! throughput on a large index, compared with `rg -c` over the raw files.
//!
//! We will:
//! 1. optionally write N copies of Reuters-21578 (`--replicate SRC --copies N --corpus DIR`),
//!    each with its own NEWIDs and its dates moved to another year, so the copies are distinct
//!    articles;
//! 2. optionally index them (`--build`), once, with the library's `index::build`;
//! 3. open the index once and warm it with every query;
//! 4. time each query of a mixed set (words, phrases, entity filters) many times, top 10 with
//!    the total count, snippets included, and report p50/p99;
//! 5. time `entities` and `timeline` over the whole index, `related`, and batch throughput;
//! 6. time `rg -c -F` over the raw files for the same phrases.
//!
//! ```sh
//! cargo run --release --example query_bench -- --replicate ../shared/corpora/reuters21578 \
//!     --copies 47 --corpus /tmp/reuters-1m --index /tmp/reuters-1m-index --build
//! cargo run --release --example query_bench -- --corpus /tmp/reuters-1m --index /tmp/reuters-1m-index
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use morgue::config::{IndexConfig, QueryOptions};
use morgue::query::Archive;
use morgue::query::facets::{self, Counting, Interval, RelatedOptions};

const WORDS: &[&str] = &[
    "oil",
    "coffee prices",
    "dividend",
    "wheat exports",
    "opec output",
    "gold",
    "bank rate cut",
    "yen",
];
const PHRASES: &[&str] = &[
    "\"interest rates\"",
    "\"crude oil\"",
    "\"trade deficit\"",
    "\"money supply\"",
    "\"stock exchange\"",
    "\"net loss\"",
];
const ENTITY_FILTERS: &[&str] = &[
    "person:volcker",
    "person:\"james baker\" dollar",
    "company:chrysler",
    "org:\"federal reserve\"",
    "place:japan tariffs",
    "person:reagan place:japan",
];

struct Args {
    replicate: Option<PathBuf>,
    copies: usize,
    corpus: Option<PathBuf>,
    index: PathBuf,
    build: bool,
    runs: usize,
}

fn args() -> Args {
    let mut a = Args {
        replicate: None,
        copies: 47,
        corpus: None,
        index: PathBuf::from("/tmp/reuters-1m-index"),
        build: false,
        runs: 30,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().expect("a value after the flag");
        match flag.as_str() {
            "--replicate" => a.replicate = Some(value().into()),
            "--copies" => a.copies = value().parse().expect("a number"),
            "--corpus" => a.corpus = Some(value().into()),
            "--index" => a.index = value().into(),
            "--build" => a.build = true,
            "--runs" => a.runs = value().parse().expect("a number"),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

/// Write `copies` copies of the `.sgm` files in `src` under `dst/copyNNN/`, with NEWIDs
/// offset by 100,000 per copy and the year 1987 replaced by 1980 + copy.
fn replicate(src: &Path, dst: &Path, copies: usize) {
    let newid = regex::bytes::Regex::new(r#"NEWID="(\d+)""#).unwrap();
    let date = regex::bytes::Regex::new(r"(<DATE>\s*\d+-[A-Z]+-)1987").unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(src)
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    for k in 0..copies {
        let dir = dst.join(format!("copy{k:03}"));
        std::fs::create_dir_all(&dir).unwrap();
        for f in &files {
            let bytes = std::fs::read(f).unwrap();
            let bytes = newid.replace_all(&bytes, |c: &regex::bytes::Captures| {
                let id: u64 = std::str::from_utf8(&c[1]).unwrap().parse().unwrap();
                format!("NEWID=\"{}\"", k as u64 * 100_000 + id).into_bytes()
            });
            let year = format!("${{1}}{}", 1980 + k);
            let bytes = date.replace_all(&bytes, year.as_bytes());
            std::fs::write(dir.join(f.file_name().unwrap()), &bytes).unwrap();
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// Run `f` `runs` times; (p50, max) in ms.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            ms(start.elapsed())
        })
        .collect();
    t.sort_by(f64::total_cmp);
    (percentile(&t, 0.5), t[t.len() - 1])
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|es| {
            es.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn main() -> anyhow::Result<()> {
    let a = args();
    if let (Some(src), Some(corpus)) = (&a.replicate, &a.corpus) {
        let start = Instant::now();
        replicate(src, corpus, a.copies);
        println!(
            "replicated {} copies into {} in {:.1}s",
            a.copies,
            corpus.display(),
            start.elapsed().as_secs_f64()
        );
    }
    if a.build {
        let corpus = a.corpus.clone().expect("--build needs --corpus");
        let summary = morgue::index::build(&IndexConfig {
            roots: vec![corpus],
            index_dir: a.index.clone(),
            threads: 0,
            full: true,
            commit_every: 20_000,
            aliases: None,
            progress: None,
        })?;
        println!(
            "indexed {} articles in {:.0}s ({:.0} articles/s, {:.1} MB/s)",
            summary.articles_indexed,
            summary.elapsed.as_secs_f64(),
            summary.articles_per_sec(),
            summary.mb_per_sec()
        );
    }

    let start = Instant::now();
    let archive = Archive::open(&a.index)?;
    let docs = archive.searcher().num_docs();
    println!(
        "index {}: {} articles, {} segments, {:.0} MB, opened in {:.0} ms",
        a.index.display(),
        docs,
        archive.searcher().segment_readers().len(),
        dir_size(&a.index) as f64 / 1e6,
        ms(start.elapsed())
    );

    let options = QueryOptions::default();
    let all: Vec<&str> = WORDS
        .iter()
        .chain(PHRASES)
        .chain(ENTITY_FILTERS)
        .copied()
        .collect();
    // Warm: every query once.
    for q in &all {
        archive.search(q, &options)?;
    }

    println!(
        "\nsearch, top 10 + total count + snippets, {} runs each:",
        a.runs
    );
    println!(
        "{:<34} {:>9} {:>8} {:>8}",
        "query", "total", "p50 ms", "max ms"
    );
    let mut samples: Vec<f64> = Vec::new();
    for q in &all {
        let total = archive.search(q, &options)?.total;
        let mut t = Vec::with_capacity(a.runs);
        for _ in 0..a.runs {
            let start = Instant::now();
            std::hint::black_box(archive.search(q, &options)?);
            t.push(ms(start.elapsed()));
        }
        samples.extend(&t);
        t.sort_by(f64::total_cmp);
        println!(
            "{:<34} {:>9} {:>8.2} {:>8.2}",
            q,
            total,
            percentile(&t, 0.5),
            t[t.len() - 1]
        );
    }
    samples.sort_by(f64::total_cmp);
    println!(
        "ALL {} searches: p50 {:.2} ms, p99 {:.2} ms",
        samples.len(),
        percentile(&samples, 0.5),
        percentile(&samples, 0.99)
    );

    let runs = 5;
    println!("\naggregations over the whole index ({runs} runs, p50 / max ms):");
    let report = |label: &str, (p50, max): (f64, f64)| {
        println!("{label:<44} {p50:>8.1} {max:>8.1}");
    };
    report(
        "entities (all types, top 20)",
        time(runs, || {
            facets::entities(&archive, None, None, 20, Counting::Stories).unwrap()
        }),
    );
    report(
        "entities --type person --top 20",
        time(runs, || {
            facets::entities(
                &archive,
                None,
                Some(morgue::EntityKind::Person),
                20,
                Counting::Stories,
            )
            .unwrap()
        }),
    );
    let every = tantivy::query::AllQuery;
    report(
        "entities over a query matching everything",
        time(runs, || {
            facets::entities(&archive, Some(&every), None, 20, Counting::Stories).unwrap()
        }),
    );
    let oil = archive.compile("oil", &options)?;
    report(
        "entities oil",
        time(runs, || {
            facets::entities(&archive, Some(&*oil), None, 20, Counting::Stories).unwrap()
        }),
    );
    report(
        "timeline (every article) --by month",
        time(runs, || {
            facets::timeline(&archive, &every, Interval::Month, Counting::Stories).unwrap()
        }),
    );
    report(
        "timeline oil --by week",
        time(runs, || {
            facets::timeline(&archive, &*oil, Interval::Week, Counting::Stories).unwrap()
        }),
    );
    let related = RelatedOptions {
        kind: None,
        of_kind: None,
        top: 20,
        min_count: 5,
        counting: Counting::Stories,
        since: None,
        until: None,
        under: None,
    };
    report(
        "related volcker",
        time(runs, || {
            facets::related(&archive, "volcker", &related).unwrap()
        }),
    );

    // Batch: the same mixed queries over and over, as `search --queries` runs them: in
    // parallel chunks of 256 on one open index.
    let n = 3000;
    let batch: Vec<&str> = (0..n).map(|i| all[i % all.len()]).collect();
    let no_phrases: Vec<&str> = WORDS.iter().chain(ENTITY_FILTERS).copied().collect();
    let start = Instant::now();
    let light: Vec<&str> = (0..n).map(|i| no_phrases[i % no_phrases.len()]).collect();
    for chunk in light.chunks(256) {
        for r in archive.search_batch(chunk, &options) {
            std::hint::black_box(r?);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "\nbatch, words and entity filters only: {n} queries in {secs:.2}s = {:.0} queries/s",
        n as f64 / secs
    );
    for (label, opts) in [
        ("top 10 + count + snippets", &options),
        (
            "--count",
            &QueryOptions {
                count_only: true,
                ..QueryOptions::default()
            },
        ),
    ] {
        let start = Instant::now();
        for chunk in batch.chunks(256) {
            for r in archive.search_batch(chunk, opts) {
                std::hint::black_box(r?);
            }
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "batch {label}: {n} queries in {secs:.2}s = {:.0} queries/s",
            n as f64 / secs
        );
    }

    let rg_found = Command::new("rg")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if a.corpus.is_some() && !rg_found {
        println!("\nphrases against rg: skipped, rg (ripgrep) is not on PATH");
    }
    if let Some(corpus) = a.corpus.as_ref().filter(|_| rg_found) {
        println!(
            "\nphrases: morgue search vs rg -c -F -i over {}:",
            corpus.display()
        );
        println!(
            "{:<22} {:>10} {:>9} {:>12} {:>9} {:>8}",
            "phrase", "morgue hits", "morgue ms", "rg lines", "rg ms", "ratio"
        );
        for p in PHRASES {
            let words = p.trim_matches('"');
            let (p50, _) = time(a.runs, || archive.search(p, &options).unwrap());
            let total = archive.search(p, &options)?.total;
            let rg = || {
                Command::new("rg")
                    .args(["-c", "-F", "-i", "--no-filename", words])
                    .arg(corpus)
                    .output()
                    .unwrap()
            };
            // The first run reads the files into the page cache; time warm runs.
            let out = rg();
            let (rg_ms, _) = time(3, rg);
            let lines: u64 = String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| l.trim().parse::<u64>().ok())
                .sum();
            println!(
                "{:<22} {:>10} {:>9.2} {:>12} {:>9.0} {:>7.0}x",
                p,
                total,
                p50,
                lines,
                rg_ms,
                rg_ms / p50
            );
        }
    }
    Ok(())
}
