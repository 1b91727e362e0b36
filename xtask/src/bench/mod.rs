//! `cargo xtask bench`: index throughput, stage breakdown, memory, index size, query latency
//! and incremental re-indexing, against plain tantivy and ripgrep, in one run.
//!
//! It runs the release binary (`target/release/morgue`, built first) as a child process so
//! the numbers are what a user gets, and reads CPU time and peak memory from `wait4`. It is a
//! benchmark, not a test: it reports, and fails only when something could not run at all.

mod corpus;
mod measure;
mod report;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use corpus::Corpus;
use measure::{Cost, percentile, run};

const USAGE: &str = "usage: cargo xtask bench [--sizes 100MB,1GB] [--files 100000] [--out DIR] \
[--work DIR] [--reuters DIR] [--tantivy PATH] [--repeat N] [--query-runs N] [--no-plain] [--smoke]";

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Sizes of the many-articles-per-file corpora, bytes.
    pub sizes: Vec<u64>,
    /// Files in the one-article-per-file corpus (also the incremental re-index test); 0 skips it.
    pub files: usize,
    pub out: PathBuf,
    /// Where corpora, indexes and tools go (kept between runs).
    pub work: PathBuf,
    pub reuters: PathBuf,
    pub morgue: PathBuf,
    pub tantivy: Option<PathBuf>,
    /// Index runs per corpus up to 200 MB (the best is kept); bigger ones run once.
    pub repeat: usize,
    /// Timed runs of each query.
    pub query_runs: usize,
    pub plain: bool,
    pub smoke: bool,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut o = Options {
            sizes: vec![100_000_000, 1_000_000_000],
            files: 100_000,
            out: root.join("bench/results"),
            work: std::env::temp_dir().join("morgue-bench-work"),
            reuters: root.join("../shared/corpora/reuters21578"),
            morgue: root.join("target/release/morgue"),
            tantivy: None,
            repeat: 3,
            query_runs: 20,
            plain: true,
            smoke: false,
        };
        let mut out = None;
        let mut i = 0;
        while i < args.len() {
            let flag = args[i].as_str();
            match flag {
                "--no-plain" => o.plain = false,
                "--smoke" => {
                    o.smoke = true;
                    o.sizes = vec![2_000_000];
                    o.files = 500;
                    o.repeat = 1;
                    o.query_runs = 3;
                }
                _ => {
                    let value = args
                        .get(i + 1)
                        .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
                    let number = || value.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
                    match flag {
                        "--sizes" => {
                            o.sizes = value.split(',').map(parse_size).collect::<Result<_, _>>()?
                        }
                        "--files" => o.files = number()?,
                        "--out" => out = Some(value.into()),
                        "--work" => o.work = value.into(),
                        "--reuters" => o.reuters = value.into(),
                        "--morgue" => o.morgue = value.into(),
                        "--tantivy" => o.tantivy = Some(value.into()),
                        "--repeat" => o.repeat = number()?.max(1),
                        "--query-runs" => o.query_runs = number()?.max(1),
                        _ => return Err(format!("unknown option {flag}\n{USAGE}")),
                    }
                    i += 1;
                }
            }
            i += 1;
        }
        // A smoke run checks the code path; its numbers do not belong with the results.
        o.out = out.unwrap_or_else(|| {
            if o.smoke {
                o.work.join("smoke-results")
            } else {
                o.out.clone()
            }
        });
        Ok(o)
    }
}

/// `100MB`, `1GB`, `1.5GB`, `500kB` or plain bytes; decimal units.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let split = s.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let number: f64 = number.parse().map_err(|_| format!("bad size {s:?}"))?;
    let scale = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1.0,
        "KB" | "K" => 1e3,
        "MB" | "M" => 1e6,
        "GB" | "G" => 1e9,
        _ => return Err(format!("bad size unit in {s:?}")),
    };
    Ok((number * scale) as u64)
}

/// A size as the corpus names and tables show it.
pub fn size_label(bytes: u64) -> String {
    if bytes >= 1_000_000_000 && bytes.is_multiple_of(100_000_000) {
        format!("{}GB", bytes as f64 / 1e9)
    } else if bytes >= 1_000_000 {
        format!("{}MB", bytes / 1_000_000)
    } else {
        format!("{}kB", bytes / 1000)
    }
}

pub fn main(args: &[String]) -> Result<(), String> {
    let o = Options::parse(args)?;
    let started = Instant::now();
    let load_before = load_average();
    if !o.morgue.exists() {
        return Err(format!(
            "{} not found: run `cargo build --release` first",
            o.morgue.display()
        ));
    }
    std::fs::create_dir_all(&o.work).map_err(|e| format!("{}: {e}", o.work.display()))?;

    let (stories, source) = if o.smoke {
        (corpus::generate(300), "generated")
    } else {
        let real = corpus::load_reuters(&o.reuters);
        if real.is_empty() {
            (corpus::generate(20_000), "generated")
        } else {
            (real, "reuters21578")
        }
    };
    eprintln!("bench: {} stories from {source}", stories.len());
    let prefix = if o.smoke { "smoke-" } else { "" };
    let io = |e: std::io::Error| e.to_string();

    let tantivy = if o.plain { find_tantivy(&o) } else { None };
    let mut index_rows = Vec::new();
    let mut corpora = Vec::new();
    let mut queries = Value::Null;
    for &size in &o.sizes {
        let name = format!("{prefix}{source}-sgm-{}", size_label(size));
        eprintln!("bench: corpus {name}");
        let c = corpus::sgml(&o.work, &name, size, &stories, source).map_err(io)?;
        let repeat = if size <= 200_000_000 { o.repeat } else { 1 };
        let idx = o.work.join(format!("{name}.index"));
        index_rows.push(index_corpus(&o, &c, &idx, repeat, tantivy.as_deref())?);
        if queries.is_null() {
            queries = query_latency(&o, &c, &idx)?;
        }
        corpora.push(c.to_json());
    }

    let mut incremental = Value::Null;
    if o.files > 0 {
        let name = format!("{prefix}{source}-txt-{}files", o.files);
        eprintln!("bench: corpus {name}");
        let c = corpus::text(&o.work, &name, o.files, &stories, source).map_err(io)?;
        let idx = o.work.join(format!("{name}.index"));
        // Best of `--repeat` like the small `.sgm` corpora: a single run times the disk as much
        // as morgue when a bigger corpus has just pushed these files out of the page cache.
        index_rows.push(index_corpus(&o, &c, &idx, o.repeat, tantivy.as_deref())?);
        incremental = self::incremental(&o, &c, &idx)?;
        corpora.push(c.to_json());
    }

    let results = json!({
        "date": chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "machine": machine(),
        "git_commit": git_commit(),
        "load_average": {"before": load_before, "after": load_average()},
        "smoke": o.smoke,
        "corpora": corpora,
        "index": index_rows,
        "queries": queries,
        "incremental": incremental,
        "bench_seconds": started.elapsed().as_secs_f64(),
    });
    report::write(&o.out, &results).map_err(io)?;
    eprintln!("bench: results in {}", o.out.display());
    Ok(())
}

/// The tantivy-cli binary: `--tantivy`, else on PATH, else installed under the work folder.
fn find_tantivy(o: &Options) -> Option<PathBuf> {
    if let Some(p) = &o.tantivy {
        return Some(p.clone());
    }
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("tantivy"))
            .find(|p| p.is_file())
    });
    if on_path.is_some() {
        return on_path;
    }
    let root = o.work.join("tools");
    let bin = root.join("bin/tantivy");
    if bin.is_file() {
        return Some(bin);
    }
    if o.smoke {
        return None;
    }
    // `--locked` pins traitobject 0.1.0, which no longer compiles; the resolver picks 0.1.1.
    eprintln!(
        "bench: installing tantivy-cli into {} (takes minutes)",
        root.display()
    );
    let ok = Command::new("cargo")
        .args(["install", "tantivy-cli", "--root"])
        .arg(&root)
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(bin)
}

/// Index `c` with morgue (best of `repeat` fresh runs) and with plain tantivy.
fn index_corpus(
    o: &Options,
    c: &Corpus,
    idx: &Path,
    repeat: usize,
    tantivy: Option<&Path>,
) -> Result<Value, String> {
    let mut best: Option<(Cost, Value)> = None;
    for attempt in 0..repeat {
        let _ = std::fs::remove_dir_all(idx);
        let r = run(
            Command::new(&o.morgue)
                .arg("index")
                .arg(&c.dir)
                .arg("--index")
                .arg(idx)
                .args(["--format", "json"]),
            None,
        )
        .map_err(|e| e.to_string())?;
        let summary: Value = serde_json::from_slice(&r.stdout).unwrap_or(Value::Null);
        eprintln!(
            "bench: morgue index {} run {}: {:.1}s wall, {:.1}s cpu, {} MB peak",
            c.name,
            attempt + 1,
            r.cost.wall.as_secs_f64(),
            r.cost.cpu().as_secs_f64(),
            r.cost.max_rss / 1_000_000
        );
        if best.as_ref().is_none_or(|(b, _)| r.cost.wall < b.wall) {
            best = Some((r.cost, summary));
        }
    }
    let (cost, summary) = best.expect("at least one run");
    let articles = summary["articles_indexed"].as_u64().unwrap_or(0);
    let stages = &summary["stages"];
    let plain = match tantivy {
        Some(bin) => plain_tantivy(bin, c, &o.work)?,
        None => Value::Null,
    };
    let mb = c.bytes as f64 / 1e6;
    let cpu = cost.cpu().as_secs_f64();
    let wall = cost.wall.as_secs_f64();
    let index_bytes = measure::disk_usage(idx);
    let ratio = |key: &str| {
        plain[key]
            .as_f64()
            .map(|p| (articles as f64 / wall) / p.max(1e-9))
    };
    Ok(json!({
        "corpus": c.name,
        "input_bytes": c.bytes,
        "files": c.files,
        "articles": articles,
        "runs": repeat,
        "wall_s": wall,
        "cpu_s": cpu,
        "cpu_per_wall": cost.parallelism(),
        "peak_rss_bytes": cost.max_rss,
        "peak_rss_anon_bytes": cost.max_rss_anon,
        "mb_per_s": mb / wall,
        "mb_per_cpu_s": mb / cpu.max(1e-9),
        "articles_per_s": articles as f64 / wall,
        "index_bytes": index_bytes,
        "index_to_input": index_bytes as f64 / c.bytes.max(1) as f64,
        "segments": measure::segment_count(idx),
        "stages": stage_shares(stages, cpu),
        "plain_tantivy": plain,
        "morgue_to_plain_articles_per_s": ratio("articles_per_s"),
        "morgue_to_plain_articles_per_cpu_s": plain["articles_per_cpu_s"].as_f64().map(|p| {
            (articles as f64 / cpu.max(1e-9)) / p.max(1e-9)
        }),
    }))
}

/// Seconds per stage and each stage's share of the process's CPU time. What the stages do
/// not cover is tantivy's indexing threads (tokenising, postings, segment serialisation),
/// idle waits and start-up: reported as `tantivy_and_other`.
fn stage_shares(stages: &Value, cpu: f64) -> Value {
    let keys = [
        "plan",
        "census",
        "read",
        "parse",
        "extract",
        "document",
        "resolve",
        "copies",
        "index",
        "commit",
        "handoff",
        "writer_wait",
    ];
    let mut out = serde_json::Map::new();
    let mut covered = 0.0;
    for k in keys {
        let s = stages[k].as_f64().unwrap_or(0.0);
        // The writer thread's index and commit time is mostly waiting on tantivy's threads,
        // so it is not counted as covered CPU.
        if !matches!(k, "index" | "commit" | "handoff" | "writer_wait") {
            covered += s;
        }
        out.insert(
            k.into(),
            json!({"seconds": s, "share_of_cpu": s / cpu.max(1e-9)}),
        );
    }
    let rest = (cpu - covered).max(0.0);
    out.insert(
        "tantivy_and_other".into(),
        json!({"seconds": rest, "share_of_cpu": rest / cpu.max(1e-9)}),
    );
    Value::Object(out)
}

/// The same documents (title and body) into a fresh index by tantivy-cli: no extraction.
fn plain_tantivy(bin: &Path, c: &Corpus, work: &Path) -> Result<Value, String> {
    let dir = work.join(format!("{}.plain", c.name));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    // The schema morgue gives these two fields: English stems, positions, field norms,
    // stored (morgue also keeps each word as written beside a stem that differs).
    let text = json!({
        "indexing": {"record": "position", "fieldnorms": true, "tokenizer": "en_stem"},
        "stored": true,
        "fast": false,
    });
    let meta = json!({
        "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
        "segments": [],
        "schema": [
            {"name": "title", "type": "text", "options": text},
            {"name": "body", "type": "text", "options": text},
        ],
        "opstamp": 0,
    });
    std::fs::write(dir.join("meta.json"), meta.to_string()).map_err(|e| e.to_string())?;
    let r = run(
        Command::new(bin).args(["index", "-i"]).arg(&dir),
        Some(&c.jsonl),
    )
    .map_err(|e| e.to_string())?;
    if !r.success {
        return Ok(json!({"error": "tantivy index failed"}));
    }
    let wall = r.cost.wall.as_secs_f64();
    let cpu = r.cost.cpu().as_secs_f64();
    let mb = c.jsonl_bytes as f64 / 1e6;
    eprintln!(
        "bench: tantivy index {}: {wall:.1}s wall, {cpu:.1}s cpu",
        c.name
    );
    let index_bytes = measure::disk_usage(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(json!({
        "input_bytes": c.jsonl_bytes,
        "wall_s": wall,
        "cpu_s": cpu,
        "cpu_per_wall": r.cost.parallelism(),
        "peak_rss_bytes": r.cost.max_rss,
        "peak_rss_anon_bytes": r.cost.max_rss_anon,
        "mb_per_s": mb / wall,
        "mb_per_cpu_s": mb / cpu.max(1e-9),
        "articles_per_s": c.articles as f64 / wall,
        "articles_per_cpu_s": c.articles as f64 / cpu.max(1e-9),
        "index_bytes": index_bytes,
    }))
}

/// The queries timed, by kind, with the text `rg` looks for (`None`: no plain-text equivalent).
const QUERIES: [(&str, &str, Option<&str>); 15] = [
    ("word", "oil", Some("oil")),
    ("word", "wheat", Some("wheat")),
    ("word", "dollar", Some("dollar")),
    ("word", "tonnes", Some("tonnes")),
    ("word", "shares", Some("shares")),
    ("phrase", "\"interest rates\"", Some("interest rates")),
    ("phrase", "\"crude oil\"", Some("crude oil")),
    ("phrase", "\"trade deficit\"", Some("trade deficit")),
    ("phrase", "\"stock exchange\"", Some("stock exchange")),
    ("phrase", "\"last march\"", Some("last march")),
    ("entity", "place:japan", None),
    ("entity", "place:\"west germany\"", None),
    ("entity", "company:texaco", None),
    ("entity", "person:baker", None),
    ("entity", "place:brazil oil", None),
];

/// Latency percentiles per query kind: `morgue search` as a process, the library in
/// process, and `rg -c -i -F` over the raw files for the words and phrases.
fn query_latency(o: &Options, c: &Corpus, idx: &Path) -> Result<Value, String> {
    let mut out = serde_json::Map::new();
    let rg = Command::new("rg").arg("--version").output().is_ok();
    let mut per_query = Vec::new();
    for kind in ["word", "phrase", "entity"] {
        let (mut process, mut library, mut grep) = (Vec::new(), Vec::new(), Vec::new());
        for &(_, query, text) in QUERIES.iter().filter(|q| q.0 == kind) {
            let mut hits = 0;
            for i in 0..=o.query_runs {
                let r = run(
                    Command::new(&o.morgue)
                        .arg("search")
                        .arg("--index")
                        .arg(idx)
                        .args(["--format", "json", "-n", "10", query]),
                    None,
                )
                .map_err(|e| e.to_string())?;
                // The first run warms the page cache and is not counted.
                if i > 0 {
                    process.push(r.cost.wall);
                }
                hits = r
                    .stdout
                    .split(|&b| b == b'\n')
                    .filter(|l| !l.is_empty())
                    .count();
            }
            let config = morgue::config::SearchConfig {
                index_dir: idx.to_path_buf(),
                query: query.to_string(),
                limit: 10,
                snippet_chars: 200,
            };
            let mut total = 0;
            for i in 0..=o.query_runs {
                let t = Instant::now();
                let found = morgue::query::search(&config).map_err(|e| format!("{query}: {e}"))?;
                if i > 0 {
                    library.push(t.elapsed());
                }
                total = found.total;
            }
            let mut rg_lines = Value::Null;
            if let (true, Some(text)) = (rg, text) {
                // Fewer runs: a scan of the whole corpus is slow.
                for i in 0..=o.query_runs.min(5) {
                    let r = run(
                        Command::new("rg")
                            .args(["-c", "-i", "-F", "--", text])
                            .arg(&c.dir),
                        None,
                    )
                    .map_err(|e| e.to_string())?;
                    if i > 0 {
                        grep.push(r.cost.wall);
                    }
                    let lines: u64 = String::from_utf8_lossy(&r.stdout)
                        .lines()
                        .filter_map(|l| l.rsplit(':').next()?.parse::<u64>().ok())
                        .sum();
                    rg_lines = json!(lines);
                }
            }
            per_query.push(json!({
                "kind": kind,
                "query": query,
                "hits_total": total,
                "hits_printed": hits,
                "rg_matching_lines": rg_lines,
            }));
        }
        out.insert(
            kind.to_string(),
            json!({
                "process_ms": percentiles(&process),
                "library_ms": percentiles(&library),
                "rg_ms": if grep.is_empty() { Value::Null } else { percentiles(&grep) },
            }),
        );
    }
    out.insert("corpus".into(), json!(c.name));
    out.insert("runs_per_query".into(), json!(o.query_runs));
    out.insert("queries".into(), Value::Array(per_query));
    Ok(Value::Object(out))
}

fn percentiles(samples: &[Duration]) -> Value {
    let ms = |p| percentile(samples, p).as_secs_f64() * 1000.0;
    json!({"p50": ms(50.0), "p95": ms(95.0), "p99": ms(99.0), "n": samples.len()})
}

/// Re-index with nothing changed (best of three), then after touching 1% of the files.
fn incremental(o: &Options, c: &Corpus, idx: &Path) -> Result<Value, String> {
    let index = |label: &str| -> Result<(Cost, Value), String> {
        let r = run(
            Command::new(&o.morgue)
                .arg("index")
                .arg(&c.dir)
                .arg("--index")
                .arg(idx)
                .args(["--format", "json"]),
            None,
        )
        .map_err(|e| e.to_string())?;
        eprintln!(
            "bench: re-index {label}: {:.2}s wall, {:.2}s cpu",
            r.cost.wall.as_secs_f64(),
            r.cost.cpu().as_secs_f64()
        );
        Ok((
            r.cost,
            serde_json::from_slice(&r.stdout).unwrap_or(Value::Null),
        ))
    };
    let mut noop: Option<(Cost, Value)> = None;
    for _ in 0..3 {
        let r = index("no-op")?;
        if noop.as_ref().is_none_or(|(b, _)| r.0.wall < b.wall) {
            noop = Some(r);
        }
    }
    let (noop_cost, noop_summary) = noop.expect("three runs");

    // Touch every hundredth file: a new modification time, same content.
    let mut files = Vec::new();
    let mut stack = vec![c.dir.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(e.path());
            } else {
                files.push(e.path());
            }
        }
    }
    files.sort();
    let now = std::time::SystemTime::now();
    let mut touched = 0;
    for path in files.iter().step_by(100) {
        let file = std::fs::File::options()
            .write(true)
            .open(path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        file.set_modified(now).map_err(|e| e.to_string())?;
        touched += 1;
    }
    let (touch_cost, touch_summary) = index("after touching 1%")?;
    let row = |cost: &Cost, s: &Value| {
        json!({
            "wall_s": cost.wall.as_secs_f64(),
            "cpu_s": cost.cpu().as_secs_f64(),
            "peak_rss_bytes": cost.max_rss,
            "files_unchanged": s["files_unchanged"],
            "files_updated": s["files_updated"],
            "articles_indexed": s["articles_indexed"],
            "stages": s["stages"],
        })
    };
    Ok(json!({
        "corpus": c.name,
        "files": c.files,
        "noop": row(&noop_cost, &noop_summary),
        "touched_files": touched,
        "after_touch": row(&touch_cost, &touch_summary),
    }))
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn machine() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name")?.split(':').nth(1))
        .map(str::trim)
        .unwrap_or("unknown CPU");
    let mem = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("MemTotal:")?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse::<u64>()
                .ok()
        })
        .unwrap_or(0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    json!({
        "cores": cores,
        "cpu": model,
        "memory_gb": (mem as f64 / 1024.0 / 1024.0).round(),
        "os": format!("{} {}", std::env::consts::OS, kernel.trim()),
        "description": format!("{cores} cores, {model}, {:.0} GB RAM", mem as f64 / 1024.0 / 1024.0),
    })
}

fn git_commit() -> String {
    let out = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    let commit = out(&["rev-parse", "--short=12", "HEAD"]);
    let dirty = !out(&["status", "--porcelain", "--untracked-files=no"]).is_empty();
    if dirty {
        format!("{commit}-dirty")
    } else {
        commit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sizes() {
        for (input, expected) in [
            ("100MB", 100_000_000),
            ("1GB", 1_000_000_000),
            ("1.5GB", 1_500_000_000),
            ("500kB", 500_000),
            ("42", 42),
        ] {
            assert_eq!(parse_size(input), Ok(expected), "{input}");
        }
        assert!(parse_size("12XB").is_err());
        assert_eq!(size_label(1_000_000_000), "1GB");
        assert_eq!(size_label(100_000_000), "100MB");
    }

    #[test]
    fn parses_options() {
        let args: Vec<String> = ["--sizes", "10MB,1GB", "--no-plain", "--repeat", "2"]
            .map(String::from)
            .to_vec();
        let o = Options::parse(&args).unwrap();
        assert_eq!(o.sizes, vec![10_000_000, 1_000_000_000]);
        assert!(!o.plain);
        assert_eq!(o.repeat, 2);
        assert!(Options::parse(&["--bogus".to_string()]).is_err());
    }
}
