//! End-to-end tests: run the real `morgue` binary against fixture folders in temp dirs, with
//! a clean environment, and assert on parsed JSON.

use std::fs;

use serde_json::Value;

use crate::harness::{
    Env, assert_offsets, binary, json_lines, process, shared, stderr, stdout, strings, walk,
};

/// A small corpus every test can rely on, written here.
fn small_corpus(env: &Env) {
    env.write(
        "a.txt",
        "Title: Harbour cranes stop\nDate: 2021-03-08\nBy: Ines Vidal\n\nCranes at the harbour stopped on Monday as dockworkers walked out.\nMr Tanaka of Kestrel Logistics BV said losses were mounting.\n",
    );
    env.write(
        "b.html",
        "<html><head><title>Bridge reopens | Valley Post</title><meta property=\"article:published_time\" content=\"2021-11-02T10:00:00Z\"></head><body><nav>Home News Sport</nav><article><h1>Bridge reopens</h1><p>The old bridge in Leeds reopened after repairs, the council said.</p></article><footer>Copyright Valley Post</footer></body></html>",
    );
    env.write(
        "c.jsonl",
        "{\"title\":\"Chipmaker expands\",\"text\":\"Huawei opened a research centre in Munich, the company said.\",\"date\":\"2020-08-14\"}\n{\"title\":\"Talks stall\",\"text\":\"Talks between Microsoft and TikTok stalled, people familiar with the matter said.\",\"date\":\"2020-08-20\"}\n",
    );
}

#[test]
fn phrase_search_finds_and_highlights() {
    let env = Env::new().with_sample_corpus();
    env.index();
    let (code, hits) = env.search("\"national security\"");
    assert_eq!(code, 0);
    assert!(hits.len() >= 2, "{hits:?}");
    for hit in &hits {
        for key in ["id", "path", "title", "score", "snippet"] {
            assert!(hit.get(key).is_some(), "{key} missing in {hit}");
        }
        let snippet = hit["snippet"].as_str().unwrap();
        let marked: Vec<String> = hit["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                snippet[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize]
                    .to_lowercase()
            })
            .collect();
        assert!(
            marked.iter().any(|m| m == "national" || m == "security"),
            "{marked:?} in {snippet:?}"
        );
    }
    // Ranked: scores never increase down the list.
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn entity_filter_matches_canonical_names() {
    let env = Env::new().with_sample_corpus();
    env.index();
    let (code, hits) = env.search("person:\"mike pompeo\" company:huawei");
    assert_eq!(code, 0);
    assert!(!hits.is_empty());
    for hit in &hits {
        assert!(
            strings(&hit["people"]).contains(&"Mike Pompeo".to_string()),
            "{hit}"
        );
        assert!(
            strings(&hit["companies"]).contains(&"Huawei".to_string()),
            "{hit}"
        );
    }
    // A partial name matches too, and finds at least as much.
    let (_, partial) = env.search("person:pompeo company:huawei");
    assert!(partial.len() >= hits.len());
}

#[test]
fn date_range_agrees_with_a_scan_of_extract() {
    let env = Env::new().with_sample_corpus();
    env.index();
    let (code, hits) = env.search("date:2020-08-01..2020-08-31");
    assert_eq!(code, 0);
    for hit in &hits {
        let published = hit["published"].as_str().unwrap();
        assert!(published.starts_with("2020-08"), "{published}");
    }
    // The same count by a naive scan: extract every file and count August 2020 dates.
    let mut files = Vec::new();
    for entry in walk(&env.corpus()) {
        files.push(entry);
    }
    let mut args = vec!["extract".to_string(), "--format".into(), "json".into()];
    args.extend(files.iter().map(|p| p.display().to_string()));
    let out = env.morgue().args(&args).output().unwrap();
    let in_august = json_lines(&out)
        .iter()
        .filter(|a| {
            a["published"]
                .as_str()
                .is_some_and(|d| d.starts_with("2020-08"))
        })
        .count();
    assert_eq!(hits.len(), in_august);
}

#[test]
fn no_hits_exit_1_and_bad_query_exit_2() {
    let env = Env::new();
    small_corpus(&env);
    env.index();
    let (code, hits) = env.search("zebra");
    assert_eq!((code, hits.len()), (1, 0));

    for (query, message) in [
        ("\"unclosed phrase", "unbalanced quote"),
        ("colour:red", "unknown field"),
        ("date:someday", "bad date"),
        ("(cranes", "unbalanced parenthesis"),
        (
            "cranes AND ...",
            "nothing searchable in '...' (at column 12)",
        ),
    ] {
        let out = env.run(&["search", query]);
        assert_eq!(out.status.code(), Some(2), "{query}");
        let err = stderr(&out);
        assert_eq!(err.trim().lines().count(), 1, "one line for {query}: {err}");
        assert!(err.contains(message), "{query}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn query_language_words_or_not_and_dates() {
    let env = Env::new();
    small_corpus(&env);
    env.index();
    let titles = |q: &str| -> Vec<String> {
        let mut t: Vec<String> = env
            .search(q)
            .1
            .iter()
            .map(|h| h["title"].as_str().unwrap().to_string())
            .collect();
        t.sort();
        t
    };
    assert_eq!(titles("cranes harbour"), vec!["Harbour cranes stop"]);
    assert_eq!(titles("cranes bridge"), Vec::<String>::new());
    assert_eq!(
        titles("cranes OR bridge"),
        vec!["Bridge reopens", "Harbour cranes stop"]
    );
    assert_eq!(
        titles("said -huawei -microsoft"),
        vec!["Bridge reopens", "Harbour cranes stop"]
    );
    assert_eq!(
        titles("date:2020-08"),
        vec!["Chipmaker expands", "Talks stall"]
    );
    assert_eq!(
        titles("date:>=2021-03-01 said"),
        vec!["Bridge reopens", "Harbour cranes stop"]
    );
    assert_eq!(titles("company:tiktok"), vec!["Talks stall"]);
    assert_eq!(titles("place:leeds"), vec!["Bridge reopens"]);
    // The HTML page's navigation and footer are not searchable text.
    assert_eq!(titles("copyright"), Vec::<String>::new());
}

#[test]
fn broken_files_are_reported_and_skipped() {
    let env = Env::new();
    small_corpus(&env);
    env.write("broken.json", "{\"title\": \"cut off");
    env.write("binary.txt", b"\x00\x01\x02garbage\x00");
    env.write("empty.md", "");
    env.write("photo.jpg", b"\xff\xd8\xff");
    let out = env.index();
    assert_eq!(out.status.code(), Some(1), "some files failed");
    let err = stderr(&out);
    assert!(err.contains("broken.json: invalid JSON"), "{err}");
    assert!(err.contains("binary.txt: binary data"), "{err}");
    assert!(err.contains("empty.md: empty file"), "{err}");
    assert!(
        err.contains(
            "7 files seen: 3 added, 0 updated, 0 unchanged, 0 removed, 1 skipped, 3 failed"
        ),
        "{err}"
    );
    assert!(err.contains("4 articles indexed in"), "{err}");
    // Everything else is searchable.
    assert_eq!(env.search("cranes").0, 0);
    assert_eq!(env.search("huawei").0, 0);
}

#[test]
fn show_finds_articles_by_id_in_single_and_multi_article_files() {
    let env = Env::new();
    small_corpus(&env);
    // A `#` in a file name, and a multi-article file whose name is that file's id plus a
    // record: ids are split at the right `#`.
    env.write(
        "d#1.txt",
        "Title: Ferry resumes\nDate: 2022-01-18\n\nThe ferry resumed after the storm.\n",
    );
    env.write(
        "d.jsonl",
        "{\"title\":\"Storm closes port\",\"text\":\"The storm closed the port.\",\"date\":\"2022-01-17\"}\n{\"title\":\"Port reopens\",\"text\":\"The port reopened after the storm.\",\"date\":\"2022-01-19\"}\n",
    );
    env.index();
    let corpus = env.corpus().canonicalize().unwrap();
    let (_, hits) = env.search("said OR storm OR ferry OR cranes");
    let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    let p = |rel: &str| corpus.join(rel).display().to_string();
    for want in [
        p("a.txt"),
        p("c.jsonl#1"),
        p("c.jsonl#2"),
        p("d#1.txt"),
        p("d.jsonl#1"),
        p("d.jsonl#2"),
    ] {
        assert!(ids.contains(&want.as_str()), "{want} not in {ids:?}");
    }
    for hit in &hits {
        let id = hit["id"].as_str().unwrap();
        let out = env.run(&["show", "--format", "json", id]);
        assert_eq!(out.status.code(), Some(0), "{id}: {}", stderr(&out));
        let shown = &json_lines(&out)[0];
        for key in ["id", "path", "record", "title"] {
            assert_eq!(shown[key], hit[key], "{id}: {key}");
        }
        let path = hit["path"].as_str().unwrap();
        match hit["record"].as_str() {
            Some(record) => assert_eq!(id, format!("{path}#{record}")),
            None => assert_eq!(id, path),
        }
    }
    // A multi-article file's path alone, or a record it does not hold, is no article.
    for missing in [p("c.jsonl"), p("c.jsonl#3"), p("a.txt#1"), p("d#2.txt")] {
        let out = env.run(&["show", &missing]);
        assert_eq!(out.status.code(), Some(1), "{missing}");
        assert!(stderr(&out).contains("no article with id"), "{missing}");
    }
}

#[test]
fn reindexing_replaces_instead_of_duplicating() {
    let env = Env::new();
    small_corpus(&env);
    env.index();
    env.index();
    let stats = env.run(&["stats", "--format", "json"]);
    assert_eq!(stats.status.code(), Some(0), "{}", stderr(&stats));
    let stats = &json_lines(&stats)[0];
    assert_eq!(stats["articles"], 4);
    assert_eq!(stats["first_published"], "2020-08-14");
    assert_eq!(stats["last_published"], "2021-11-02");
    // An edited file replaces its old version.
    env.write(
        "a.txt",
        "Title: Cranes move again\nDate: 2021-03-09\n\nThe cranes moved again.",
    );
    env.index();
    let (_, hits) = env.search("cranes");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["title"], "Cranes move again");
}

#[test]
fn index_summary_as_json() {
    let env = Env::new();
    small_corpus(&env);
    let out = env.run(&["index", "--format", "json", env.corpus().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let summary = &json_lines(&out)[0];
    assert_eq!(summary["files_seen"], 3);
    assert_eq!(summary["articles_indexed"], 4);
    assert_eq!(summary["files_failed"], 0);
    // A short run commits once, at the end …
    assert_eq!(summary["commits"], 1);
    // … unless `--commit-every` asks for more: after every file that reaches the count (a
    // commit never holds half a file), and once more at the end.
    let c = env.corpus();
    let out = env.run(&[
        "index",
        "--full",
        "--format",
        "json",
        "--commit-every",
        "1",
        c.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_lines(&out)[0]["commits"], 4);
}

#[test]
fn overlapping_roots_index_each_file_once() {
    let env = Env::new();
    small_corpus(&env);
    env.write(
        "sub/d.txt",
        "Title: Ferry late\n\nThe morning ferry left an hour late.\n",
    );
    let c = env.corpus();
    let sub = c.join("sub");
    for _ in 0..2 {
        let out = env.run(&[
            "index",
            "--format",
            "json",
            c.to_str().unwrap(),
            sub.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let out = env.run(&["stats", "--format", "json"]);
    assert_eq!(json_lines(&out)[0]["articles"], 5, "{}", stdout(&out));
    let out = env.run(&["search", "--format", "json", "ferry"]);
    assert_eq!(json_lines(&out).len(), 1, "{}", stdout(&out));
}

#[test]
fn many_threads_share_the_writer_memory() {
    let env = Env::new();
    small_corpus(&env);
    let c = env.corpus();
    let out = env.run(&[
        "index",
        "--threads",
        "8",
        "--format",
        "json",
        c.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_lines(&out)[0]["articles_indexed"], 4);
}

#[test]
fn search_without_an_index_is_an_error() {
    let env = Env::new();
    let out = env.run(&["search", "anything"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no index at"), "{}", stderr(&out));
}

#[test]
fn extract_reports_mentions_with_byte_offsets() {
    let env = Env::new();
    let path = env.write(
        "story.txt",
        "Title: “Talks” in Geneva\nDate: 2020-08-03\n\n“We’re close,” Secretary of State Mike Pompeo said on Sunday in Geneva.\nMr Pompeo’s aides met Huawei and Bytedance Ltd executives — and the Chinese Communist Party.\n",
    );
    let out = env.run(&["extract", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let article = &json_lines(&out)[0];
    assert_offsets(article);
    assert_eq!(article["published"], "2020-08-03");
    let entities = article["entities"].as_array().unwrap();
    let has = |kind: &str, text: &str, canonical: &str| {
        entities
            .iter()
            .any(|e| e["type"] == kind && e["text"] == text && e["canonical"] == canonical)
    };
    assert!(has("person", "Mike Pompeo", "Mike Pompeo"), "{entities:?}");
    assert!(has("person", "Pompeo", "Mike Pompeo"), "{entities:?}");
    assert!(has("company", "Bytedance Ltd", "ByteDance"), "{entities:?}");
    assert!(has("company", "Huawei", "Huawei"), "{entities:?}");
    assert!(has(
        "organization",
        "Chinese Communist Party",
        "Chinese Communist Party"
    ));
    assert!(has("place", "Geneva", "Geneva"), "{entities:?}");
    let dates = article["dates"].as_array().unwrap();
    assert!(
        dates
            .iter()
            .any(|d| d["text"] == "Sunday" && d["value"] == "2020-08-02"),
        "{dates:?}"
    );
}

#[test]
fn extract_reads_stdin() {
    let env = Env::new();
    let out = env
        .morgue()
        .args(["extract", "-"])
        .write_stdin("{\"title\":\"T\",\"text\":\"Microsoft spoke.\"}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_lines(&out)[0]["entities"][0]["canonical"], "Microsoft");
}

/// The seed article (outside the project) must come out with its people and companies.
#[test]
fn seed_article_entities() {
    let Some(seeds) = shared("seeds") else {
        return;
    };
    let entries = fs::read_dir(&seeds).unwrap();
    let env = Env::new();
    for entry in entries {
        let path = entry.unwrap().path();
        let out = env.run(&["extract", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let article = &json_lines(&out)[0];
        assert_offsets(article);
        let names = |kind: &str| -> Vec<String> {
            article["entities"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["type"] == kind)
                .map(|e| e["canonical"].as_str().unwrap().to_string())
                .collect()
        };
        let people = names("person");
        for p in ["Donald Trump", "Mike Pompeo", "Steven Mnuchin"] {
            assert!(people.contains(&p.to_string()), "{p} not in {people:?}");
        }
        let mut distinct = people.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct, ["Donald Trump", "Mike Pompeo", "Steven Mnuchin"]);
        let companies = names("company");
        for c in ["Microsoft", "TikTok", "ByteDance", "Huawei", "ZTE"] {
            assert!(
                companies.contains(&c.to_string()),
                "{c} not in {companies:?}"
            );
        }
        // "Mr Pompeo" is reported under the canonical name.
        assert!(
            article["entities"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| { e["text"] == "Pompeo" && e["canonical"] == "Mike Pompeo" })
        );
        // The comment-policy footer is not part of the story.
        let body = article["body"].as_str().unwrap();
        assert!(!body.contains("Our rules"), "footer kept");
        assert!(body.contains("Huawei denies"));
    }
}

#[test]
fn incremental_runs_read_only_what_changed() {
    let env = Env::new();
    small_corpus(&env);
    let summary = |env: &Env, extra: &[&str]| -> Value {
        let mut args = vec!["index", "--format", "json"];
        args.extend_from_slice(extra);
        let corpus = env.corpus();
        args.push(corpus.to_str().unwrap());
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        json_lines(&out).remove(0)
    };
    let counts = |s: &Value| {
        [
            "files_added",
            "files_updated",
            "files_unchanged",
            "files_removed",
            "articles_indexed",
        ]
        .map(|k| s[k].as_u64().unwrap())
    };
    assert_eq!(counts(&summary(&env, &[])), [3, 0, 0, 0, 4]);
    assert_eq!(counts(&summary(&env, &[])), [0, 0, 3, 0, 0]);

    env.write(
        "a.txt",
        "Title: Cranes idle\nDate: 2021-03-10\n\nThe cranes stood idle for a third day.",
    );
    fs::remove_file(env.corpus().join("b.html")).unwrap();
    env.write(
        "new/d.md",
        "# Ferry returns\n\nThe ferry returned to service.",
    );
    assert_eq!(counts(&summary(&env, &[])), [1, 1, 1, 1, 2]);
    assert_eq!(
        env.search("bridge").0,
        1,
        "the removed file's article is gone"
    );
    assert_eq!(env.search("ferry").0, 0);
    let (_, hits) = env.search("cranes");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["title"], "Cranes idle");

    let full = summary(&env, &["--full"]);
    assert_eq!(counts(&full), [0, 3, 0, 0, 4]);
    assert_eq!(full["full"], true);

    // A second root shares the index; indexing one root never removes the other's files.
    let other = env.home().join("other");
    fs::create_dir_all(&other).unwrap();
    fs::write(
        other.join("e.txt"),
        "Title: Orchard harvest\n\nApples were picked early.",
    )
    .unwrap();
    let out = env.run(&["index", other.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(counts(&summary(&env, &[])), [0, 0, 3, 0, 0]);
    assert_eq!(env.search("orchard").0, 0);
    assert_eq!(env.search("ferry").0, 0);
}

#[test]
fn alias_file_renames_and_drops_and_triggers_reextraction() {
    let env = Env::new();
    small_corpus(&env);
    env.index();
    assert_eq!(env.search("company:tiktok").0, 0);
    // An alias file beside the index takes effect on the next run, which re-reads everything.
    fs::write(
        env.index_dir().join("aliases.tsv"),
        "# test aliases\ncompany:Huawei Technologies\tHuawei\n!\tTikTok\n",
    )
    .unwrap();
    let out = env.run(&["index", "--format", "json", env.corpus().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = &json_lines(&out)[0];
    assert_eq!(summary["full"], true);
    assert_eq!(summary["files_updated"], 3);
    assert_eq!(env.search("company:tiktok").0, 1);
    let (code, hits) = env.search("company:\"huawei technologies\"");
    assert_eq!(code, 0);
    assert_eq!(strings(&hits[0]["companies"]), ["Huawei Technologies"]);
    // Unchanged aliases: nothing to redo.
    let out = env.run(&["index", "--format", "json", env.corpus().to_str().unwrap()]);
    assert_eq!(json_lines(&out)[0]["files_unchanged"], 3);

    // The same file works for extract; a bad file is a clear error naming the line.
    let file = env.home().join("aliases.tsv");
    fs::write(&file, "company:Huawei Technologies\tHuawei\n").unwrap();
    let out = env.run(&[
        "extract",
        "--aliases",
        file.to_str().unwrap(),
        env.corpus().join("c.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(
        json_lines(&out)[0]["entities"][0]["canonical"],
        "Huawei Technologies"
    );
    fs::write(&file, "fruit:Apple\tapples\n").unwrap();
    let out = env.run(&[
        "extract",
        "--aliases",
        file.to_str().unwrap(),
        env.corpus().join("c.jsonl").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("aliases.tsv: line 1: unknown kind 'fruit'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let env = Env::new().with_sample_corpus();
    let files = walk(&env.corpus());
    let mut child = process(&env.index_dir())
        .arg("extract")
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe, as `| head -1` does.
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('{'));
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn index_summary_times_each_stage() {
    let env = Env::new();
    small_corpus(&env);
    let corpus = env.corpus();
    let out = env.run(&["index", "--format", "json", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = json_lines(&out).remove(0);
    let stages = &summary["stages"];
    for key in [
        "plan",
        "read",
        "parse",
        "extract",
        "document",
        "index",
        "commit",
        "handoff",
        "writer_wait",
    ] {
        let seconds = stages[key].as_f64();
        assert!(seconds.is_some_and(|s| s >= 0.0), "{key}: {stages}");
    }
    assert!(stages["extract"].as_f64().unwrap() > 0.0, "{stages}");
}

#[test]
fn progress_shows_on_a_terminal_only() {
    let env = Env::new();
    small_corpus(&env);
    // Through a pipe: no progress line.
    let out = env.run(&["index", env.corpus().to_str().unwrap()]);
    assert!(!stderr(&out).contains("files read"), "{}", stderr(&out));
    // On a terminal (util-linux `script` gives the command one).
    let script = std::path::Path::new("/usr/bin/script");
    if !script.exists() {
        crate::harness::skip("the terminal half: no /usr/bin/script");
        return;
    }
    let bin = binary();
    let command = format!("{} index --full {}", bin.display(), env.corpus().display());
    let out = std::process::Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .env("MORGUE_INDEX", env.index_dir())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("files read"), "{shown}");
}

#[test]
fn a_query_may_start_with_an_exclusion() {
    let env = Env::new();
    small_corpus(&env);
    env.index();
    let ids = |args: &[&str]| -> Vec<String> {
        let (_, hits) = env.json(args);
        hits.iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    let said = ids(&["search", "said"]);
    assert_eq!(said.len(), 4, "{said:?}");
    // `-huawei` is the word excluded, not an option; options after it still work.
    let without = ids(&["search", "-huawei", "said", "-n", "10"]);
    assert_eq!(without, ids(&["search", "said", "NOT", "huawei"]));
    assert_eq!(without.len(), 3, "{without:?}");
    // An unknown long option is still refused.
    let out = env.run(&["search", "--huawei", "said"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn show_takes_a_path_relative_to_where_it_runs_and_extract_says_a_folder_is_one() {
    let env = Env::new();
    small_corpus(&env);
    env.index();
    let out = env
        .morgue()
        .current_dir(env.corpus())
        .args(["show", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Harbour cranes stop"),
        "{}",
        stdout(&out)
    );

    let out = env.run(&["extract", env.corpus().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("is a folder"), "{message}");
    assert!(message.contains("morgue index"), "{message}");
}

#[test]
fn piped_text_is_plain_unless_color_is_asked_for() {
    let env = Env::new();
    small_corpus(&env);
    env.index();
    // Piped, the snippet reads as the article does: a grep for a phrase finds it.
    let plain = stdout(&env.run(&["search", "cranes harbour"]));
    assert!(plain.contains("Cranes at the harbour stopped"), "{plain}");
    assert!(!plain.contains("**") && !plain.contains('\x1b'), "{plain}");
    let never = stdout(&env.run(&["search", "--color", "never", "cranes"]));
    assert!(!never.contains('\x1b'), "{never}");
    // Asked for, colour marks the matched words, wherever the flag stands.
    for args in [
        ["search", "--color", "always", "cranes"],
        ["--color", "always", "search", "cranes"],
    ] {
        let out = stdout(&env.run(&args));
        assert!(out.contains("\x1b[1;31mCranes\x1b[0m"), "{out}");
    }
    // Every command takes the flag.
    let out = env.run(&["entities", "--color", "never"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        crate::harness::stderr(&out)
    );
}

#[test]
fn answers_over_many_articles_take_limit_and_dates() {
    let env = Env::new();
    small_corpus(&env);
    env.index();
    let names = |args: &[&str]| -> Vec<String> {
        let (_, lines) = env.json(args);
        (lines.iter())
            .map(|l| l["name"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    // One name for the count on every answering command, `--top` kept as an alias.
    assert_eq!(names(&["entities", "-n", "2"]).len(), 2);
    assert_eq!(names(&["entities", "--limit", "1"]).len(), 1);
    assert_eq!(names(&["entities", "--top", "1"]).len(), 1);
    let (_, stats) = env.json(&["stats", "-n", "1"]);
    assert!(stats[0]["top_entities"].as_array().unwrap().len() <= 4);
    // Dates limit what is counted, with or without a query.
    let recent = names(&["entities", "--since", "2021-01-01"]);
    assert!(recent.iter().any(|n| n.contains("Kestrel")), "{recent:?}");
    assert!(
        !recent.iter().any(|n| n == "Huawei" || n == "Microsoft"),
        "{recent:?}"
    );
    let older = names(&["entities", "said", "--until", "2020"]);
    assert!(older.iter().any(|n| n == "Huawei"), "{older:?}");
    assert!(!older.iter().any(|n| n.contains("Kestrel")), "{older:?}");
    let (_, months) = env.json(&["timeline", "--until", "2020-12", "--by", "month"]);
    let months: Vec<(&str, u64)> = (months.iter())
        .map(|b| {
            (
                b["bucket"].as_str().unwrap(),
                b["articles"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(months, [("2020-08", 2)]);
    let (code, related) = env.json(&[
        "related",
        "microsoft",
        "--min-count",
        "1",
        "--until",
        "2020",
    ]);
    assert_eq!(code, 0);
    assert!(related.iter().any(|r| r["name"] == "TikTok"), "{related:?}");
    let (code, none) = env.json(&[
        "related",
        "microsoft",
        "--min-count",
        "1",
        "--since",
        "2021",
    ]);
    assert_eq!((code, none.len()), (1, 0), "{none:?}");
}

#[test]
fn a_missing_root_is_reported_and_the_others_indexed() {
    let env = Env::new();
    small_corpus(&env);
    let corpus = env.corpus();
    let missing = corpus.with_file_name("unmounted");
    let out = env.run(&["index", corpus.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        crate::harness::stderr(&out)
    );
    let err = crate::harness::stderr(&out);
    let line = format!("{}: no such file or folder", missing.display());
    assert_eq!(err.matches(&line).count(), 1, "{err}");
    let (_, stats) = env.json(&["stats"]);
    assert_eq!(stats[0]["articles"], 4);
    // A root gone since the last run loses none of its articles.
    let out = env.run(&[
        "index",
        missing.to_str().unwrap(),
        corpus.join("a.txt").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let (_, stats) = env.json(&["stats"]);
    assert_eq!(stats[0]["articles"], 4);
    // With no root there at all, nothing runs.
    let out = env.run(&["index", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_lowercase_or_between_words_is_noticed() {
    let env = Env::new();
    small_corpus(&env);
    env.index();
    let out = env.run(&["search", "huawei or tiktok"]);
    let err = crate::harness::stderr(&out);
    assert!(
        err.contains("'or' (column 8) is searched as a word; did you mean OR?"),
        "{err}"
    );
    let out = env.run(&["search", "huawei OR tiktok"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(crate::harness::stderr(&out).is_empty());
}

#[test]
fn answers_within_a_folder() {
    let env = Env::new();
    let story = |place: &str| {
        format!("Title: {place} report\n\nHuawei opened an office in {place}, the company said.\n")
    };
    env.write("tech/a.txt", story("Munich"));
    env.write("tech/b.txt", story("Lyon"));
    env.write("tech2/c.txt", story("Porto"));
    env.write(
        "sport/d.txt",
        "Title: Match\n\nLeeds United won on Saturday, the club said.\n",
    );
    env.index();
    let ids = |args: &[&str]| -> Vec<String> {
        let (_, hits) = env.json(args);
        let name = |h: &Value| {
            h["id"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        };
        let mut ids: Vec<String> = hits.iter().map(name).collect();
        ids.sort();
        ids
    };
    let tech = env.corpus().join("tech");
    let tech = tech.to_str().unwrap();
    // A folder holds its files, not a folder whose name starts the same.
    assert_eq!(
        ids(&["search", &format!("said under:{tech}")]),
        ["a.txt", "b.txt"]
    );
    assert_eq!(
        ids(&["search", "said", "--under", tech]),
        ["a.txt", "b.txt"]
    );
    assert_eq!(
        ids(&["search", &format!("said -under:{tech}")]),
        ["c.txt", "d.txt"]
    );
    let file = format!("{tech}/a.txt");
    assert_eq!(ids(&["search", "said", "--under", &file]), ["a.txt"]);
    // Relative to where morgue runs.
    let out = env
        .morgue()
        .current_dir(env.corpus())
        .args(["search", "--format", "json", "said under:sport"])
        .output()
        .unwrap();
    assert_eq!(crate::harness::json_lines(&out).len(), 1);
    // The answers over many articles take it too.
    let (_, places) = env.json(&["entities", "--type", "place", "--under", tech]);
    let mut names: Vec<&str> = places.iter().map(|p| p["name"].as_str().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["Lyon", "Munich"]);
    let (_, timeline) = env.json(&["timeline", "--under", tech]);
    let total: u64 = timeline
        .iter()
        .map(|b| b["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 2);
    let picked = |args: &[&str]| {
        let out = stdout(&env.run(args));
        out.lines().next().unwrap_or_default().to_string()
    };
    assert_eq!(
        picked(&["related", "huawei"]),
        "Huawei (company), in 3 stories:"
    );
    let within = picked(&["related", "huawei", "--under", tech]);
    assert_eq!(within, "Huawei (company), in 2 stories:");
}

#[test]
fn an_undated_archive_says_why_dates_find_nothing() {
    let env = Env::new();
    env.write(
        "a.txt",
        "Title: Cranes stop\n\nCranes at the harbour stopped on Monday.\n",
    );
    env.write(
        "b.txt",
        "Title: Cranes start\n\nCranes at the harbour started again.\n",
    );
    env.index();
    let out = env.run(&["timeline"]);
    let text = stdout(&out);
    assert!(text.contains("undated"), "{text}");
    assert!(
        text.contains("none of these has a publication date"),
        "{text}"
    );
    let out = env.run(&["search", "cranes", "--since", "2020"]);
    assert_eq!(out.status.code(), Some(1));
    let err = crate::harness::stderr(&out);
    assert!(
        err.contains(
            "2 matching stories have no publication date, and --since and --until leave them out"
        ),
        "{err}"
    );
    // Dated matches say nothing of the kind.
    let out = env.run(&["search", "zebra", "--since", "2020"]);
    assert!(crate::harness::stderr(&out).is_empty());
}

#[test]
fn completions_and_a_manual_page_are_printed() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = env.run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout(&out);
        for word in ["morgue", "duplicates", "since", "color"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    let out = env.run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    let page = stdout(&env.run(&["man"]));
    assert!(page.contains(".TH morgue 1"), "{page}");
    assert!(
        page.contains("search") && page.contains("entities"),
        "{page}"
    );
    let help = stdout(&env.run(&["search", "--help"]));
    assert!(help.contains("Examples:\n  morgue search"), "{help}");
}
