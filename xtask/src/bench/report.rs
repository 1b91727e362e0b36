//! Benchmark results as JSON (for comparing runs) and as Markdown (for people and the README).

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

/// Write `latest.json` and `latest.md` to `out`, plus a dated copy of the JSON.
pub fn write(out: &Path, results: &Value) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    let json = serde_json::to_string_pretty(results).expect("a JSON value serialises");
    let date = results["date"]
        .as_str()
        .unwrap_or("undated")
        .replace(':', "");
    let prefix = if results["smoke"].as_bool() == Some(true) {
        "smoke-"
    } else {
        ""
    };
    std::fs::write(out.join(format!("{prefix}{date}.json")), &json)?;
    std::fs::write(out.join(format!("{prefix}latest.json")), &json)?;
    std::fs::write(out.join(format!("{prefix}latest.md")), markdown(results))?;
    Ok(())
}

fn num(v: &Value, digits: usize) -> String {
    match v.as_f64() {
        Some(x) => format!("{x:.digits$}"),
        None => "–".into(),
    }
}

fn mb(v: &Value) -> String {
    match v.as_f64() {
        Some(x) => format!("{:.0}", x / 1e6),
        None => "–".into(),
    }
}

/// A text field of a JSON value, `?` when missing.
fn text(v: &Value) -> &str {
    v.as_str().unwrap_or("?")
}

/// Appends a Markdown table: a left-aligned first column, the others right-aligned.
fn table(s: &mut String, header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let _ = writeln!(s, "| {} |", header.join(" | "));
    let _ = writeln!(s, "|---|{}", "--:|".repeat(header.len() - 1));
    for row in rows {
        let _ = writeln!(s, "| {} |", row.join(" | "));
    }
}

/// The runs over each corpus.
fn index_rows(r: &Value) -> impl Iterator<Item = &Value> {
    r["index"].as_array().into_iter().flatten()
}

/// The results as Markdown tables.
pub fn markdown(r: &Value) -> String {
    let m = &r["machine"];
    let mut s = format!(
        "Run {} on {} (commit {}; load average {} before, {} after).\n\n",
        text(&r["date"]),
        text(&m["description"]),
        text(&r["git_commit"]),
        text(&r["load_average"]["before"]),
        text(&r["load_average"]["after"]),
    );
    indexing(&mut s, r);
    plain_tantivy(&mut s, r);
    stages(&mut s, r);
    if r["queries"].is_object() {
        queries(&mut s, &r["queries"]);
    }
    if r["incremental"].is_object() {
        incremental(&mut s, &r["incremental"]);
    }
    s
}

/// morgue's indexing runs, one row a corpus.
fn indexing(s: &mut String, r: &Value) {
    s.push_str("#### Indexing\n\n");
    let header = [
        "corpus",
        "input MB",
        "articles",
        "wall s",
        "CPU s",
        "CPU/wall",
        "MB/s",
        "MB/CPU-s",
        "articles/s",
        "peak RSS MB",
        "peak anon MB",
        "index MB",
        "index/input",
        "segments",
        "plain tantivy articles/s",
        "morgue/plain (wall)",
        "morgue/plain (CPU)",
    ];
    let rows = index_rows(r).map(|row| {
        vec![
            text(&row["corpus"]).to_string(),
            mb(&row["input_bytes"]),
            row["articles"].to_string(),
            num(&row["wall_s"], 1),
            num(&row["cpu_s"], 1),
            num(&row["cpu_per_wall"], 2),
            num(&row["mb_per_s"], 2),
            num(&row["mb_per_cpu_s"], 2),
            num(&row["articles_per_s"], 0),
            mb(&row["peak_rss_bytes"]),
            mb(&row["peak_rss_anon_bytes"]),
            mb(&row["index_bytes"]),
            num(&row["index_to_input"], 2),
            row["segments"].to_string(),
            num(&row["plain_tantivy"]["articles_per_s"], 0),
            num(&row["morgue_to_plain_articles_per_s"], 2),
            num(&row["morgue_to_plain_articles_per_cpu_s"], 2),
        ]
    });
    table(s, &header, rows);
}

/// tantivy-cli's runs on the same documents, for the corpora that have one.
fn plain_tantivy(s: &mut String, r: &Value) {
    s.push_str("\n#### Plain tantivy (tantivy-cli, title and body, no extraction) on the same documents\n\n");
    let header = [
        "corpus",
        "JSON MB",
        "wall s",
        "CPU s",
        "CPU/wall",
        "MB/CPU-s",
        "articles/s",
        "articles/CPU-s",
        "peak RSS MB",
        "peak anon MB",
        "index MB",
    ];
    let rows = index_rows(r)
        .filter(|row| row["plain_tantivy"].is_object())
        .map(|row| {
            let p = &row["plain_tantivy"];
            vec![
                text(&row["corpus"]).to_string(),
                mb(&p["input_bytes"]),
                num(&p["wall_s"], 1),
                num(&p["cpu_s"], 1),
                num(&p["cpu_per_wall"], 2),
                num(&p["mb_per_cpu_s"], 1),
                num(&p["articles_per_s"], 0),
                num(&p["articles_per_cpu_s"], 0),
                mb(&p["peak_rss_bytes"]),
                mb(&p["peak_rss_anon_bytes"]),
                mb(&p["index_bytes"]),
            ]
        });
    table(s, &header, rows);
}

/// The stages of the index run, each as a share of the CPU time and in seconds.
fn stages(s: &mut String, r: &Value) {
    s.push_str("\n#### Where indexing time goes (share of the process's CPU time)\n\n");
    let stages = [
        "plan",
        "census",
        "read",
        "parse",
        "extract",
        "document",
        "resolve",
        "copies",
        "tantivy_and_other",
        "index",
        "commit",
        "handoff",
        "writer_wait",
    ];
    let header: Vec<&str> = std::iter::once("corpus").chain(stages).collect();
    let rows = index_rows(r).map(|row| {
        let shares = stages.iter().map(|&k| {
            let stage = &row["stages"][k];
            let percent = stage["share_of_cpu"].as_f64().map(|x| x * 100.0).into();
            format!("{}% ({} s)", num(&percent, 0), num(&stage["seconds"], 1))
        });
        std::iter::once(text(&row["corpus"]).to_string())
            .chain(shares)
            .collect()
    });
    table(s, &header, rows);
    s.push_str(
        "\n`read`…`document` are summed over the worker threads; `resolve` (the entity pass) and \
         `copies` (the copy pass) run once after the last commit; `tantivy_and_other` is the rest \
         of the CPU time (tantivy's indexing and merge threads, start-up). The last four are wall \
         time, shown against CPU time for scale: `index` and `commit` on the writer thread \
         (mostly waiting on tantivy), `handoff` summed over the workers (blocked sending \
         finished files to the writer: backpressure), `writer_wait` on the writer thread \
         (waiting for the workers: extraction is the bottleneck).\n",
    );
}

/// Query latency percentiles of `morgue search`, the library and ripgrep.
fn queries(s: &mut String, q: &Value) {
    let _ = writeln!(
        s,
        "\n#### Query latency, ms ({}, {} runs a query after one warm-up)\n",
        text(&q["corpus"]),
        q["runs_per_query"]
    );
    let header = [
        "kind",
        "`morgue search` p50",
        "p95",
        "p99",
        "library p50",
        "p95",
        "p99",
        "`rg -c -i -F` p50",
        "p95",
        "p99",
    ];
    let rows = ["word", "phrase", "entity"].map(|kind| {
        let timings = [("process_ms", 1), ("library_ms", 1), ("rg_ms", 0)];
        let cells = timings.into_iter().flat_map(|(key, digits)| {
            let ms = &q[kind][key];
            ["p50", "p95", "p99"].map(|p| num(&ms[p], digits))
        });
        std::iter::once(kind.to_string()).chain(cells).collect()
    });
    table(s, &header, rows);
}

/// A no-op re-run and a re-run after touching some files.
fn incremental(s: &mut String, inc: &Value) {
    let _ = writeln!(
        s,
        "\n#### Incremental re-index ({}, {} files)\n",
        text(&inc["corpus"]),
        inc["files"]
    );
    let header = [
        "run",
        "wall s",
        "CPU s",
        "peak RSS MB",
        "unchanged",
        "re-read",
    ];
    let runs = [
        ("no-op (best of 3)".to_string(), "noop"),
        (
            format!("after touching {} files", inc["touched_files"]),
            "after_touch",
        ),
    ];
    let rows = runs.map(|(label, key)| {
        let row = &inc[key];
        vec![
            label,
            num(&row["wall_s"], 2),
            num(&row["cpu_s"], 2),
            mb(&row["peak_rss_bytes"]),
            row["files_unchanged"].to_string(),
            row["files_updated"].to_string(),
        ]
    });
    table(s, &header, rows);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_partial_results() {
        let r = json!({
            "date": "2026-01-01T00:00:00Z",
            "machine": {"description": "2 cores"},
            "git_commit": "abc",
            "load_average": {"before": "0.1", "after": "0.2"},
            "index": [{"corpus": "c", "input_bytes": 2e6, "articles": 10, "wall_s": 1.0,
                       "stages": {"extract": {"seconds": 0.5, "share_of_cpu": 0.5}}}],
            "queries": null,
            "incremental": null,
        });
        let md = markdown(&r);
        assert!(md.contains("| c | 2 | 10 | 1.0 |"), "{md}");
        assert!(md.contains("50% (0.5 s)"), "{md}");
        assert!(!md.contains("Query latency"));
    }
}
