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

/// The results as Markdown tables.
pub fn markdown(r: &Value) -> String {
    let mut s = String::new();
    let m = &r["machine"];
    let _ = writeln!(
        s,
        "Run {} on {} (commit {}; load average {} before, {} after).\n",
        r["date"].as_str().unwrap_or("?"),
        m["description"].as_str().unwrap_or("?"),
        r["git_commit"].as_str().unwrap_or("?"),
        r["load_average"]["before"].as_str().unwrap_or("?"),
        r["load_average"]["after"].as_str().unwrap_or("?"),
    );

    s.push_str("#### Indexing\n\n");
    s.push_str(
        "| corpus | input MB | articles | wall s | CPU s | CPU/wall | MB/s | MB/CPU-s | articles/s | peak RSS MB | peak anon MB | index MB | index/input | segments | plain tantivy articles/s | morgue/plain (wall) | morgue/plain (CPU) |\n",
    );
    s.push_str("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for row in r["index"].as_array().into_iter().flatten() {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row["corpus"].as_str().unwrap_or("?"),
            mb(&row["input_bytes"]),
            row["articles"],
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
            row["segments"],
            num(&row["plain_tantivy"]["articles_per_s"], 0),
            num(&row["morgue_to_plain_articles_per_s"], 2),
            num(&row["morgue_to_plain_articles_per_cpu_s"], 2),
        );
    }

    s.push_str("\n#### Plain tantivy (tantivy-cli, title and body, no extraction) on the same documents\n\n");
    s.push_str("| corpus | JSON MB | wall s | CPU s | CPU/wall | MB/CPU-s | articles/s | articles/CPU-s | peak RSS MB | peak anon MB | index MB |\n");
    s.push_str("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for row in r["index"].as_array().into_iter().flatten() {
        let p = &row["plain_tantivy"];
        if !p.is_object() {
            continue;
        }
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row["corpus"].as_str().unwrap_or("?"),
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
        );
    }

    s.push_str("\n#### Where indexing time goes (share of the process's CPU time)\n\n");
    let stages = [
        "plan",
        "read",
        "parse",
        "extract",
        "document",
        "tantivy_and_other",
        "index",
        "commit",
        "handoff",
        "writer_wait",
    ];
    let _ = writeln!(s, "| corpus | {} |", stages.join(" | "));
    let _ = writeln!(s, "|---|{}", "--:|".repeat(stages.len()));
    for row in r["index"].as_array().into_iter().flatten() {
        let _ = write!(s, "| {} |", row["corpus"].as_str().unwrap_or("?"));
        for k in stages {
            let st = &row["stages"][k];
            let _ = write!(
                s,
                " {}% ({} s) |",
                num(&(st["share_of_cpu"].as_f64().map(|x| x * 100.0).into()), 0),
                num(&st["seconds"], 1)
            );
        }
        s.push('\n');
    }
    s.push_str(
        "\n`read`…`document` are summed over the worker threads; `tantivy_and_other` is the rest \
         of the CPU time (tantivy's indexing and merge threads, start-up). The last four are wall \
         time, shown against CPU time for scale: `index` and `commit` on the writer thread \
         (mostly waiting on tantivy), `handoff` summed over the workers (blocked sending \
         finished files to the writer: backpressure), `writer_wait` on the writer thread \
         (waiting for the workers: extraction is the bottleneck).\n",
    );

    let q = &r["queries"];
    if q.is_object() {
        let _ = writeln!(
            s,
            "\n#### Query latency, ms ({}, {} runs a query after one warm-up)\n",
            q["corpus"].as_str().unwrap_or("?"),
            q["runs_per_query"]
        );
        s.push_str("| kind | `morgue search` p50 | p95 | p99 | library p50 | p95 | p99 | `rg -c -i -F` p50 | p95 | p99 |\n");
        s.push_str("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for kind in ["word", "phrase", "entity"] {
            let k = &q[kind];
            let _ = writeln!(
                s,
                "| {kind} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                num(&k["process_ms"]["p50"], 1),
                num(&k["process_ms"]["p95"], 1),
                num(&k["process_ms"]["p99"], 1),
                num(&k["library_ms"]["p50"], 1),
                num(&k["library_ms"]["p95"], 1),
                num(&k["library_ms"]["p99"], 1),
                num(&k["rg_ms"]["p50"], 0),
                num(&k["rg_ms"]["p95"], 0),
                num(&k["rg_ms"]["p99"], 0),
            );
        }
    }

    let inc = &r["incremental"];
    if inc.is_object() {
        let _ = writeln!(
            s,
            "\n#### Incremental re-index ({}, {} files)\n",
            inc["corpus"].as_str().unwrap_or("?"),
            inc["files"]
        );
        s.push_str("| run | wall s | CPU s | peak RSS MB | unchanged | re-read |\n|---|--:|--:|--:|--:|--:|\n");
        for (label, key) in [
            ("no-op (best of 3)".to_string(), "noop"),
            (
                format!("after touching {} files", inc["touched_files"]),
                "after_touch",
            ),
        ] {
            let row = &inc[key];
            let _ = writeln!(
                s,
                "| {label} | {} | {} | {} | {} | {} |",
                num(&row["wall_s"], 2),
                num(&row["cpu_s"], 2),
                mb(&row["peak_rss_bytes"]),
                row["files_unchanged"],
                row["files_updated"],
            );
        }
    }
    s
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
