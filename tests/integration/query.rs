//! End-to-end tests of the answering commands (`search`, `entities`, `timeline`, `related`,
//! `show`): the real binary over a temp copy of `sample-corpus/`, asserting on parsed JSON and
//! CSV. One index is built and shared by every test (they only read it).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::sync::OnceLock;

use serde_json::Value;

use crate::harness::{Env, binary, copy_dir, json_lines, process, stderr, stdout, strings, walk};

/// The sample corpus, copied and indexed once for all tests.
fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let env = Env::kept("query-tests").with_sample_corpus();
        let out = env.run(&["index", env.corpus().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        env
    })
}

/// The ids of a JSON search.
fn hit_ids(env: &Env, query: &str) -> Vec<String> {
    let (_, hits) = env.json(&["search", "-n", "1000", query]);
    hits.iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

/// Every article of the corpus as `morgue extract` sees it.
fn extracted() -> &'static Vec<Value> {
    static ARTICLES: OnceLock<Vec<Value>> = OnceLock::new();
    ARTICLES.get_or_init(|| {
        let env = env();
        let mut args = vec!["extract".to_string(), "--format".into(), "json".into()];
        args.extend(walk(&env.corpus()).iter().map(|p| p.display().to_string()));
        let out = env.morgue().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        json_lines(&out)
    })
}

/// A minimal RFC 4180 reader: rows of cells.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(
        cell.is_empty() && row.is_empty(),
        "CSV must end with a newline"
    );
    rows
}

#[test]
fn new_operators_match_what_they_say() {
    let env = env();
    // Proximity: the words within N positions; exact phrase is a subset of it.
    let exact = hit_ids(env, "\"security national\"");
    let near = hit_ids(env, "\"security national\"~2");
    assert!(exact.is_empty(), "{exact:?}");
    assert!(!near.is_empty());
    let phrase: HashSet<String> = hit_ids(env, "\"national security\"").into_iter().collect();
    assert!(near.iter().all(|id| phrase.contains(id)), "{near:?}");
    // Prefix: covers the word itself.
    let security: HashSet<String> = hit_ids(env, "security").into_iter().collect();
    let prefix: HashSet<String> = hit_ids(env, "secur*").into_iter().collect();
    assert!(security.is_subset(&prefix) && !security.is_empty());
    // Fuzzy: a misspelt name finds the articles of the right one.
    assert_eq!(
        hit_ids(env, "pompei~1").into_iter().collect::<HashSet<_>>(),
        hit_ids(env, "pompeo").into_iter().collect::<HashSet<_>>()
    );
    assert!(hit_ids(env, "pompei").is_empty());
    // AND and + are the default conjunction.
    let both = hit_ids(env, "huawei pompeo");
    assert_eq!(hit_ids(env, "huawei AND pompeo"), both);
    assert_eq!(hit_ids(env, "+huawei +pompeo"), both);
    // Entity filters: case, accents and partial names.
    assert_eq!(
        hit_ids(env, "person:POMPEO"),
        hit_ids(env, "person:\"mike pompeo\"")
    );
    assert!(!hit_ids(env, "person:pompeo").is_empty());
    // published:>= and the --since/--until shortcuts agree.
    let (_, hits) = env.json(&["search", "-n", "1000", "tiktok published:>=2020-09-01"]);
    let (_, same) = env.json(&["search", "-n", "1000", "tiktok", "--since", "2020-09"]);
    assert_eq!(hits, same);
    assert!(!hits.is_empty());
    for h in &hits {
        assert!(h["published"].as_str().unwrap() >= "2020-09-01");
    }
    let (_, until) = env.json(&["search", "-n", "1000", "tiktok", "--until", "2020-08"]);
    for h in &until {
        assert!(h["published"].as_str().unwrap() <= "2020-08-31");
    }
    assert_eq!(
        until.len() + hits.len(),
        hit_ids(env, "tiktok published:2000..2100").len()
    );
}

#[test]
fn url_field_matches_whole_urls_and_patterns() {
    let env = env();
    let with_url: Vec<Value> = extracted()
        .iter()
        .filter(|a| a["url"].is_string())
        .cloned()
        .collect();
    assert!(!with_url.is_empty());
    let url = with_url[0]["url"].as_str().unwrap();
    let (code, hits) = env.json(&["search", &format!("url:{url}")]);
    assert_eq!(code, 0);
    assert!(hits.iter().all(|h| h["url"] == url), "{hits:?}");
    let (_, all) = env.json(&["search", "-n", "1000", "url:*"]);
    assert_eq!(all.len(), with_url.len());
    let host = url.split('/').nth(2).unwrap();
    let (_, by_host) = env.json(&["search", "-n", "1000", &format!("url:*{host}*")]);
    assert!(by_host.iter().any(|h| h["url"] == url));
}

#[test]
fn sort_offset_and_count() {
    let env = env();
    let (_, newest) = env.json(&["search", "-n", "1000", "tiktok", "--sort", "newest"]);
    let dates: Vec<&str> = newest
        .iter()
        .filter_map(|h| h["published"].as_str())
        .collect();
    assert!(dates.len() > 2);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert!(newest.iter().all(|h| h["score"].is_null()));
    let (_, oldest) = env.json(&["search", "-n", "1000", "tiktok", "--sort", "oldest"]);
    let dates: Vec<&str> = oldest
        .iter()
        .filter_map(|h| h["published"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");

    // Paging: offset 2 -n 3 is the third to fifth hit, ranks included.
    let (_, all) = env.json(&["search", "-n", "1000", "tiktok"]);
    let (_, page) = env.json(&["search", "-n", "3", "--offset", "2", "tiktok"]);
    let ids = |v: &[Value]| -> Vec<Value> { v.iter().map(|h| h["id"].clone()).collect() };
    assert_eq!(ids(&page), ids(&all[2..5]));
    assert_eq!(page[0]["rank"], 3);

    let (code, count) = env.json(&["search", "--count", "tiktok"]);
    assert_eq!(code, 0);
    assert_eq!(count.len(), 1);
    assert_eq!(count[0]["total"].as_u64().unwrap() as usize, all.len());
    assert_eq!(count[0]["schema_version"], 4);
    let out = env.run(&["search", "--count", "tiktok"]);
    assert_eq!(stdout(&out).trim(), all.len().to_string());
    let out = env.run(&["search", "--count", "zebra"]);
    assert_eq!((out.status.code(), stdout(&out).trim()), (Some(1), "0"));
}

#[test]
fn fields_explain_and_csv() {
    let env = env();
    let (_, hits) = env.json(&["search", "huawei", "--fields", "id,title,score"]);
    assert!(!hits.is_empty());
    for h in &hits {
        let keys: Vec<&String> = h.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 3, "{h}");
        assert!(h["id"].is_string() && h["title"].is_string() && h["score"].is_number());
    }
    let out = env.run(&["search", "huawei", "--fields", "id,colour"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown field 'colour'"),
        "{}",
        stderr(&out)
    );

    let (_, explained) = env.json(&["search", "huawei", "--explain", "-n", "2"]);
    for h in &explained {
        let e = &h["explanation"];
        let value = e["value"].as_f64().unwrap();
        assert!((value - h["score"].as_f64().unwrap()).abs() < 1e-3, "{h}");
        assert!(e["description"].is_string());
    }

    let out = env.run(&["search", "huawei", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    let rows = parse_csv(&stdout(&out));
    assert_eq!(rows[0][..3], ["rank", "id", "path"]);
    assert!(rows[0].contains(&"people".to_string()));
    let (_, json) = env.json(&["search", "huawei"]);
    assert_eq!(rows.len(), json.len() + 1);
    let title = rows[0].iter().position(|c| c == "title").unwrap();
    for (row, hit) in rows[1..].iter().zip(&json) {
        assert_eq!(row.len(), rows[0].len());
        assert_eq!(row[title], hit["title"].as_str().unwrap());
    }
    // The header is printed even when nothing matches.
    let out = env.run(&["search", "zebra", "--format", "csv", "--fields", "id"]);
    assert_eq!(
        (out.status.code(), stdout(&out)),
        (Some(1), "id\n".to_string())
    );
}

#[test]
fn batch_mode_tags_each_result_with_its_query() {
    let env = env();
    let queries = "huawei\n\n\"national security\"\nzebra\ncolour:red\nperson:pompeo\n";
    let file = env.home().join("queries.txt");
    fs::write(&file, queries).unwrap();
    let out = env.run(&[
        "search",
        "--queries",
        file.to_str().unwrap(),
        "--format",
        "json",
        "-n",
        "1000",
    ]);
    // One bad query: reported with its line and column, the rest still run, exit 2.
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("queries.txt:5: query: unknown field 'colour:'"),
        "{err}"
    );
    assert!(err.contains("(at column 1)"), "{err}");
    let lines = json_lines(&out);
    let mut by_query: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    for l in &lines {
        let i = l["query_index"].as_u64().unwrap();
        let q = l["query"].as_str().unwrap();
        assert_eq!(
            q,
            [
                "huawei",
                "\"national security\"",
                "zebra",
                "colour:red",
                "person:pompeo"
            ][i as usize]
        );
        by_query
            .entry(i)
            .or_default()
            .push(l["id"].as_str().unwrap().to_string());
    }
    assert_eq!(by_query.keys().copied().collect::<Vec<_>>(), [0, 1, 4]);
    assert_eq!(by_query[&0], hit_ids(env, "huawei"));
    assert_eq!(by_query[&1], hit_ids(env, "\"national security\""));
    assert_eq!(by_query[&4], hit_ids(env, "person:pompeo"));

    // From standard input, with counts.
    let out = env
        .morgue()
        .args(["search", "--queries", "-", "--count", "--format", "json"])
        .write_stdin("huawei\nzebra\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let counts = json_lines(&out);
    assert_eq!(counts.len(), 2);
    assert_eq!(
        counts[0]["total"].as_u64().unwrap() as usize,
        hit_ids(env, "huawei").len()
    );
    assert_eq!(
        (counts[1]["query"].as_str(), counts[1]["total"].as_u64()),
        (Some("zebra"), Some(0))
    );
}

/// The index's entity table as its file holds it: each name's `type:name` term → the
/// `type:name` of the entity it belongs to, or `None` for entities left out of answers.
fn entity_table() -> HashMap<String, Option<String>> {
    let text = fs::read_to_string(env().index_dir().join("entities.tsv")).unwrap();
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("# morgue entities 1\topstamp\t")
    );
    let mut table = HashMap::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let id = (f[3] == "-").then(|| format!("{}:{}", f[0], f[1]));
        for term in &f[4..] {
            table.insert(term.to_string(), id.clone());
        }
    }
    table
}

/// Per entity (`type:name` as the entity table shows it), the articles mentioning it under
/// any of its names, by a scan of `extract`.
fn naive_entity_counts(filter: impl Fn(&Value) -> bool) -> HashMap<String, u64> {
    let table = entity_table();
    let mut counts = HashMap::new();
    for article in extracted().iter().filter(|a| filter(a)) {
        let keys: HashSet<String> = article["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| {
                let term = format!(
                    "{}:{}",
                    e["type"].as_str().unwrap(),
                    e["canonical"].as_str().unwrap()
                );
                table[&term].clone()
            })
            .collect();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    counts
}

fn entity_lines(lines: &[Value]) -> HashMap<String, u64> {
    lines
        .iter()
        .map(|l| {
            assert_eq!(l["schema_version"], 4);
            (
                format!(
                    "{}:{}",
                    l["type"].as_str().unwrap(),
                    l["name"].as_str().unwrap()
                ),
                l["articles"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn entity_counts_equal_a_naive_scan() {
    let env = env();
    let (code, lines) = env.json(&["entities", "--top", "100000"]);
    assert_eq!(code, 0);
    assert_eq!(entity_lines(&lines), naive_entity_counts(|_| true));
    // Most first.
    let counts: Vec<u64> = lines
        .iter()
        .map(|l| l["articles"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]));

    // Restricted by a query: the articles published in August 2020.
    let (_, lines) = env.json(&["entities", "date:2020-08", "--top", "100000"]);
    let want = naive_entity_counts(|a| {
        a["published"]
            .as_str()
            .is_some_and(|d| d.starts_with("2020-08"))
    });
    assert_eq!(entity_lines(&lines), want);

    // By type, top N.
    let (_, people) = env.json(&["entities", "--type", "person", "--top", "3"]);
    assert_eq!(people.len(), 3);
    assert!(people.iter().all(|p| p["type"] == "person"));
    let (_, people) = env.json(&["entities", "--type", "person", "--top", "100000"]);
    let mut want = naive_entity_counts(|_| true);
    want.retain(|k, _| k.starts_with("person:"));
    assert_eq!(entity_lines(&people), want);
    let (_, orgs) = env.json(&["entities", "--type", "org", "--top", "100000"]);
    assert!(orgs.iter().all(|p| p["type"] == "organization"));

    let out = env.run(&["entities", "--top", "2", "--format", "csv"]);
    let rows = parse_csv(&stdout(&out));
    assert_eq!(rows[0], ["rank", "type", "name", "articles"]);
    assert_eq!(rows.len(), 3);
}

#[test]
fn timeline_counts_equal_a_naive_scan() {
    let env = env();
    for (by, len) in [("day", 10), ("month", 7), ("year", 4)] {
        let (code, lines) = env.json(&["timeline", "--by", by]);
        assert_eq!(code, 0);
        let mut want: BTreeMap<String, u64> = BTreeMap::new();
        let mut undated = 0;
        for a in extracted() {
            match a["published"].as_str() {
                Some(d) => *want.entry(d[..len].to_string()).or_default() += 1,
                None => undated += 1,
            }
        }
        let mut got: BTreeMap<String, u64> = BTreeMap::new();
        let mut got_undated = 0;
        for l in &lines {
            match l["bucket"].as_str() {
                Some(b) => {
                    assert!(l["start"].as_str().unwrap().starts_with(b));
                    got.insert(b.to_string(), l["articles"].as_u64().unwrap());
                }
                None => got_undated = l["articles"].as_u64().unwrap(),
            }
        }
        assert_eq!(got, want, "--by {by}");
        assert_eq!(got_undated, undated);
    }
    // A query and weeks: every bucket is a Monday and the sum is the hit count.
    let (_, lines) = env.json(&["timeline", "tiktok", "--by", "week"]);
    let total: u64 = lines.iter().map(|l| l["articles"].as_u64().unwrap()).sum();
    assert_eq!(total as usize, hit_ids(env, "tiktok").len());
    for l in lines.iter().filter(|l| l["bucket"].is_string()) {
        assert!(l["bucket"].as_str().unwrap().contains("-W"));
        let start =
            chrono::NaiveDate::parse_from_str(l["start"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        assert_eq!(chrono::Datelike::weekday(&start), chrono::Weekday::Mon);
    }
}

#[test]
fn related_ranks_by_significance() {
    let env = env();
    let (code, lines) = env.json(&["related", "pompeo"]);
    assert_eq!(code, 0);
    assert!(!lines.is_empty());
    assert_eq!(lines[0]["entity"]["name"], "Mike Pompeo");
    let pompeo = naive_entity_counts(|a| {
        a["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["canonical"] == "Mike Pompeo")
    });
    let everywhere = naive_entity_counts(|_| true);
    let llr: Vec<f64> = lines.iter().map(|l| l["llr"].as_f64().unwrap()).collect();
    assert!(llr.windows(2).all(|w| w[0] >= w[1]), "{llr:?}");
    let example_ids: HashSet<String> = hit_ids(env, "person:\"mike pompeo\"").into_iter().collect();
    for l in &lines {
        let key = format!(
            "{}:{}",
            l["type"].as_str().unwrap(),
            l["name"].as_str().unwrap()
        );
        assert_eq!(l["together"].as_u64(), pompeo.get(&key).copied(), "{key}");
        assert_eq!(
            l["articles"].as_u64(),
            everywhere.get(&key).copied(),
            "{key}"
        );
        assert!(l["together"].as_u64().unwrap() >= 2);
        assert!(l["pmi"].as_f64().unwrap() > 0.0);
        assert!(example_ids.contains(l["example"].as_str().unwrap()));
    }
    // Significance, not frequency: Huawei (nearly always with Pompeo here) outranks the
    // United States (mentioned everywhere).
    let rank = |name: &str| lines.iter().position(|l| l["name"] == name);
    assert!(rank("Huawei").unwrap() < rank("United States").unwrap_or(usize::MAX));

    let (_, places) = env.json(&["related", "person:Mike Pompeo", "--type", "place"]);
    assert!(!places.is_empty() && places.iter().all(|l| l["type"] == "place"));
    let out = env.run(&["related", "nobody at all"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no entity"));
}

#[test]
fn show_prints_one_article_with_mentions() {
    let env = env();
    let id = hit_ids(env, "person:pompeo huawei")[0].clone();
    let (code, lines) = env.json(&["show", &id]);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 1);
    let a = &lines[0];
    assert_eq!(a["schema_version"], 4);
    assert_eq!(a["id"], id.as_str());
    let want = extracted().iter().find(|e| e["id"] == id.as_str()).unwrap();
    // Each mention names the archive entity it belongs to; otherwise as `extract` has it.
    let table = entity_table();
    let mut a = a.clone();
    for e in a["entities"].as_array_mut().unwrap() {
        let term = format!(
            "{}:{}",
            e["type"].as_str().unwrap(),
            e["canonical"].as_str().unwrap()
        );
        let id = e.as_object_mut().unwrap().remove("entity_id").unwrap();
        assert_eq!(
            Some(id.as_str().unwrap().to_string()),
            table[&term],
            "{term}"
        );
    }
    for key in [
        "path",
        "record",
        "title",
        "published",
        "byline",
        "source",
        "url",
        "body",
        "entities",
        "dates",
        "quotes",
    ] {
        assert_eq!(a[key], want[key], "{key}");
    }
    assert!(strings(&a["people"]).contains(&"Mike Pompeo".to_string()));
    let quoted = |q: &Value| q["speaker_canonical"] == "Mike Pompeo";
    assert!(
        a["quotes"].as_array().unwrap().iter().any(quoted),
        "{}",
        a["quotes"]
    );
    let text = stdout(&env.run(&["show", &id]));
    assert!(
        text.lines()
            .any(|l| l.starts_with("  quote ") && l.contains("Mike Pompeo")),
        "{text}"
    );
    for e in a["entities"].as_array().unwrap() {
        let field = a[e["field"].as_str().unwrap()].as_str().unwrap();
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&field[s..t], e["text"].as_str().unwrap());
    }
    let out = env.run(&["show", "/no/such/article"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn errors_name_the_column() {
    let env = env();
    for (query, message) in [
        (
            "huawei colour:red",
            "unknown field 'colour:' (known: title, body, byline, source, url,",
        ),
        ("huawei pompeo~7", "fuzzy distance"),
        ("\"huawei ban\"~x", "proximity needs a number"),
    ] {
        let out = env.run(&["search", query]);
        assert_eq!(out.status.code(), Some(2), "{query}");
        let err = stderr(&out);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains(message), "{query}: {err}");
        assert!(err.contains("(at column "), "{err}");
        assert_eq!(err.matches(message).count(), 1, "said once: {err}");
    }
    assert!(stderr(&env.run(&["search", "huawei colour:red"])).contains("(at column 8)"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = env();
    for args in [
        vec!["search", "--queries", "-", "--format", "json", "-n", "1000"],
        vec!["entities", "--top", "100000", "--format", "json"],
    ] {
        let mut child = process(&env.index_dir())
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            // Many queries, so the output outgrows the pipe buffer.
            let lines = "tiktok\nhuawei\n\"national security\"\n".repeat(2000);
            std::thread::spawn(move || {
                let _ = stdin.write_all(lines.as_bytes());
            });
        }
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        reader.read_line(&mut first).unwrap();
        assert!(serde_json::from_str::<Value>(&first).is_ok(), "{first}");
        drop(reader);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(out.stderr.is_empty(), "{}", stderr(&out));
    }
}

/// Deeply nested or negated queries are answered or refused with a message, never a crash
/// (each used to overflow the stack), and in batch mode one such line spoils only itself.
#[test]
fn deep_queries_never_overflow_the_stack() {
    let env = env();
    let huawei = hit_ids(env, "huawei");
    assert!(!huawei.is_empty());
    let minus = format!("{}huawei", "-".repeat(5000));
    let nots = format!("{}huawei", "NOT ".repeat(2000));
    // (after `--`: a query that starts with `-` is not an option)
    let ids = |query: &str| -> Vec<String> {
        let out = env.run(&["search", "--format", "json", "-n", "1000", "--", query]);
        json_lines(&out)
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    for query in [&minus, &nots] {
        assert_eq!(ids(query), huawei, "an even run of negations cancels out");
    }
    let out = env.run(&["search", "--", &format!("-{minus}")]);
    assert!(out.status.code().unwrap() < 2, "{}", stderr(&out));

    let parens = "(".repeat(20_000);
    let out = env.run(&["search", &parens]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("parentheses nest deeper than 64 levels (at column 65)"),
        "{err}"
    );

    let file = env.home().join("deep-queries.txt");
    let deep = format!("{}huawei", "-".repeat(1000));
    fs::write(&file, format!("huawei\n{parens}\n{deep}\nperson:pompeo\n")).unwrap();
    let out = env.run(&[
        "search",
        "--queries",
        file.to_str().unwrap(),
        "--count",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "one line failed: {}",
        stderr(&out)
    );
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("deep-queries.txt:2: query: parentheses nest deeper"),
        "{err}"
    );
    let counts: Vec<(u64, u64)> = json_lines(&out)
        .iter()
        .map(|l| {
            (
                l["query_index"].as_u64().unwrap(),
                l["total"].as_u64().unwrap(),
            )
        })
        .collect();
    let pompeo = hit_ids(env, "person:pompeo").len() as u64;
    assert_eq!(
        counts,
        [
            (0, huawei.len() as u64),
            (2, huawei.len() as u64),
            (3, pompeo)
        ]
    );
}

/// `--offset` is bounded like `-n`, and the library never holds more hits than the index has.
#[test]
fn deep_offsets_are_bounded() {
    let env = env();
    let out = env.run(&["search", "--offset", "2147483647", "huawei"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("'2147483647' is not a number of hits from 0 to 1000000"),
        "{err}"
    );
    let (code, hits) = env.json(&["search", "--offset", "1000000", "huawei"]);
    assert_eq!((code, hits.len()), (1, 0));
}

/// Searching needs no write access to the index: another user (or read-only media) reads it.
#[test]
fn another_user_can_search_a_read_only_index() {
    let env = env();
    let setpriv = std::path::Path::new("/usr/bin/setpriv");
    if !setpriv.exists() || !running_as_root() {
        crate::harness::skip("needs root and setpriv to run morgue as another user");
        return;
    }
    // A copy in a folder of its own that anyone may enter, owned by root: the user `nobody`
    // can read it and write nothing there.
    let tmp = tempfile::tempdir().unwrap();
    let shared = tmp.path().join("index");
    copy_dir(&env.index_dir(), &shared);
    for dir in [tmp.path(), &shared] {
        chmod(dir, 0o755);
    }
    for entry in fs::read_dir(&shared).unwrap() {
        chmod(&entry.unwrap().path(), 0o644);
    }
    let before: Vec<_> = fs::read_dir(&shared)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let as_nobody = |args: &[&str]| {
        std::process::Command::new(setpriv)
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(binary())
            .args(args)
            .args(["--index", shared.to_str().unwrap(), "--format", "json"])
            .env_clear()
            .env("HOME", "/nonexistent")
            .output()
            .unwrap()
    };
    let out = as_nobody(&["search", "-n", "1000", "huawei"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids: Vec<String> = json_lines(&out)
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, hit_ids(env, "huawei"));
    let out = as_nobody(&["stats"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = as_nobody(&["entities", "--type", "person"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after: Vec<_> = fs::read_dir(&shared)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after, "nothing written");
}

fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}
