//! Every input format through the real binary: `morgue extract` and `morgue index` on files
//! written here (WARC crawls are generated record by record), files whose extension lies,
//! and paragraphs repeated across the records of one source.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::harness::{Env, assert_offsets, json_lines, stderr};

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Ferry service resumes after storm | Coastal Courier</title>
<meta property="og:site_name" content="Coastal Courier">
<meta property="article:published_time" content="2022-01-18T08:30:00Z">
<link rel="canonical" href="https://courier.example/ferry-resumes">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<article><h1>Ferry service resumes after storm</h1>
<p class="byline">By Maren Holt</p>
<p>The ferry between Oban and Mull resumed on Tuesday after three days of cancellations caused by the storm, the operator said.</p>
<p>Passengers queued from early morning, and extra sailings were added to clear the backlog of freight lorries waiting at the pier.</p>
<div class="share">Share on Facebook Share on Twitter</div>
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Council tax rises</a></li><li><a href="/b">New school opens</a></li></ul></aside>
<footer>Copyright Coastal Courier 2022. All rights reserved.</footer>
</body></html>"#;

/// One WARC record.
fn record(kind: &str, extra: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\n{extra}Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// A response record for `uri` carrying `body` with the given HTTP content type.
fn response(uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    block.extend_from_slice(body);
    record(
        "response",
        &format!(
            "WARC-Target-URI: {uri}\r\nWARC-Date: 2023-05-06T07:08:09Z\r\nContent-Type: application/http;msgtype=response\r\n"
        ),
        &block,
    )
}

/// A small crawl: warcinfo, request, two HTML pages, an image. Returned as records.
fn crawl() -> Vec<Vec<u8>> {
    let page_without_metadata = "<html><body><main><p>Lighthouse keepers on the island were honoured at a ceremony attended by the harbour master and local families.</p><p>The lighthouse was automated in 1998.</p></main></body></html>";
    vec![
        record(
            "warcinfo",
            "Content-Type: application/warc-fields\r\n",
            b"software: handmade\r\nformat: WARC File Format 1.0\r\n",
        ),
        record(
            "request",
            "WARC-Target-URI: https://courier.example/ferry-resumes\r\nContent-Type: application/http;msgtype=request\r\n",
            b"GET /ferry-resumes HTTP/1.1\r\nHost: courier.example\r\n\r\n",
        ),
        response(
            "https://courier.example/ferry-resumes?utm=x",
            "text/html; charset=utf-8",
            PAGE.as_bytes(),
        ),
        response(
            "https://courier.example/logo.png",
            "image/png",
            b"\x89PNG\r\n\x1a\n\0\0\0",
        ),
        response(
            "https://courier.example/lighthouse",
            "text/html",
            page_without_metadata.as_bytes(),
        ),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn check_crawl(articles: &[Value], path: &Path) {
    assert_eq!(articles.len(), 2, "{articles:#?}");
    let ferry = &articles[0];
    assert_eq!(ferry["record"], "3");
    assert_eq!(ferry["id"], format!("{}#3", path.display()));
    assert_eq!(ferry["title"], "Ferry service resumes after storm");
    assert_eq!(ferry["url"], "https://courier.example/ferry-resumes");
    assert_eq!(ferry["published"], "2022-01-18");
    assert_eq!(ferry["language"], "en-GB");
    let light = &articles[1];
    assert_eq!(light["record"], "5");
    // No canonical link or date in the page: the record's own.
    assert_eq!(light["url"], "https://courier.example/lighthouse");
    assert_eq!(light["published"], "2023-05-06");
    assert!(
        light["body"]
            .as_str()
            .unwrap()
            .contains("automated in 1998")
    );
}

#[test]
fn warc_and_warc_gz_yield_one_article_per_html_response() {
    let env = Env::new();
    let records = crawl();
    let plain = env.write("crawl.warc", records.concat());
    check_crawl(&env.extract(&plain), &plain);

    // A .warc.gz is one gzip member per record.
    let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    let gz = env.write("crawl.warc.gz", members);
    check_crawl(&env.extract(&gz), &gz);

    // Indexed, a hit names the exact record.
    let out = env.run(&["index", env.corpus().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = env.run(&[
        "search",
        "--format",
        "json",
        "--all-copies",
        "lighthouse keepers",
    ]);
    let hits = json_lines(&out);
    assert_eq!(hits.len(), 2, "{hits:#?}");
    assert!(hits.iter().all(|h| h["record"] == "5"), "{hits:#?}");
    // The two files hold the same page: one story, shown once unless asked.
    let out = env.run(&["search", "--format", "json", "lighthouse keepers"]);
    let hits = json_lines(&out);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0]["copies"], 1, "{hits:#?}");
}

#[test]
fn each_format_by_extension() {
    let env = Env::new();
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            env.write("a.txt", "Title: Quarry plan rejected\nDate: 2021-06-01\n\nThe quarry plan was rejected by councillors."),
            "Quarry plan rejected",
        ),
        (
            env.write("b.md", "# Tram line opens\n\nThe first trams ran on Sunday."),
            "Tram line opens",
        ),
        (env.write("c.html", PAGE), "Ferry service resumes after storm"),
        (
            env.write("d.json", r#"{"headline": "Mill closes", "body": "The mill closed after ninety years.", "language": "en"}"#),
            "Mill closes",
        ),
        (
            env.write("e.jsonl", "{\"title\": \"Bakery wins prize\", \"text\": \"A bakery won a national prize.\"}\n"),
            "Bakery wins prize",
        ),
        (
            env.write("f.sgm", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"11\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>\n<TITLE>COCOA CROP FORECAST RAISED</TITLE>\n<BODY>The cocoa crop forecast was raised, traders said.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"),
            "COCOA CROP FORECAST RAISED",
        ),
        (env.write("g.html.gz", gzip(PAGE.as_bytes())), "Ferry service resumes after storm"),
    ];
    for (path, title) in cases {
        let articles = env.extract(&path);
        assert_eq!(articles.len(), 1, "{}", path.display());
        assert_eq!(articles[0]["title"], title, "{}", path.display());
        assert_offsets(&articles[0]);
    }
}

#[test]
fn content_wins_over_a_lying_extension() {
    let env = Env::new();
    let cases: Vec<(PathBuf, usize, &str)> = vec![
        // HTML saved as .txt.
        (env.write("page.txt", PAGE), 1, "Ferry service resumes after storm"),
        // JSON lines saved as .json.
        (
            env.write("lines.json", "{\"title\": \"One\", \"text\": \"First story text.\"}\n{\"title\": \"Two\", \"text\": \"Second story text.\"}\n"),
            2,
            "One",
        ),
        // Reuters SGML saved as .html.
        (
            env.write("wire.html", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"5\">\n<DATE> 2-MAR-1987 10:00:00.00</DATE>\n<TEXT><TITLE>GOLD OUTPUT UP</TITLE><BODY>Gold output rose in February.\n Reuter</BODY></TEXT></REUTERS>\n<REUTERS NEWID=\"6\">\n<DATE> 2-MAR-1987 11:00:00.00</DATE>\n<TEXT><TITLE>TIN TALKS</TITLE><BODY>Tin talks resumed.\n Reuter</BODY></TEXT></REUTERS>\n"),
            2,
            "GOLD OUTPUT UP",
        ),
        // A JSON object saved as .txt.
        (
            env.write("obj.txt", "{\"title\": \"Port expands\", \"text\": \"The port will add two berths.\"}"),
            1,
            "Port expands",
        ),
        // Gzip data without .gz in its name.
        (env.write("zipped.html", gzip(PAGE.as_bytes())), 1, "Ferry service resumes after storm"),
        // A crawl saved as .json.
        (env.write("crawl.json", crawl().concat()), 2, "Ferry service resumes after storm"),
    ];
    for (path, n, title) in cases {
        let articles = env.extract(&path);
        assert_eq!(articles.len(), n, "{}: {articles:#?}", path.display());
        assert_eq!(articles[0]["title"], title, "{}", path.display());
    }
    // Text that only looks a little like markup stays text.
    let txt = env.write(
        "plain.txt",
        "[Update] Council meets\n\nThe council meets on Monday.",
    );
    assert_eq!(env.extract(&txt)[0]["title"], "[Update] Council meets");
}

#[test]
fn paragraphs_repeated_across_a_source_are_dropped() {
    let env = Env::new();
    let promo = "Support independent local journalism: subscribe to the Valley Post today.";
    let stories = [
        "Flood defences in Leeds were completed on Monday, the council said.",
        "A new bus route links Otley and Ilkley from June.",
        "The library reopened after a two-year refurbishment.",
        "Farmers in Wharfedale reported a late harvest.",
        "Microsoft opened an office in Harrogate, the company said.",
        "The cricket club appointed a new captain.",
    ];
    let mut lines = String::new();
    for (i, s) in stories.iter().enumerate() {
        let obj = serde_json::json!({
            "title": format!("Story {i}"),
            "text": format!("{s}\n\n{promo}\n\nReported for the Valley Post desk {i}."),
            "source": "Valley Post",
            "date": "2022-03-01",
        });
        lines.push_str(&obj.to_string());
        lines.push('\n');
    }
    let path = env.write("export.jsonl", lines);
    let articles = env.extract(&path);
    assert_eq!(articles.len(), stories.len());
    for (a, s) in articles.iter().zip(stories) {
        let body = a["body"].as_str().unwrap();
        assert!(!body.contains("subscribe"), "{body}");
        assert!(body.starts_with(s), "{body}");
        assert!(body.contains("desk"), "{body}");
        assert_offsets(a);
    }
    assert!(
        articles[4]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["canonical"] == "Microsoft")
    );
}

/// Text files of one folder (one publisher's stories), each with the same promotion under it.
fn write_folder_of_stories(env: &Env, folder: &str, count: usize, promo: &str) -> Vec<PathBuf> {
    (0..count)
        .map(|i| {
            let text = format!(
                "Title: Harbour story {i}\n\nThe harbour board met on day {i} and approved \
                 the plan for berth {i}, its chairman said.\n\n{promo}\n"
            );
            env.write(&format!("{folder}/story-{i}.txt"), text)
        })
        .collect()
}

#[test]
fn paragraphs_repeated_across_files_of_a_source_are_dropped() {
    let env = Env::new();
    let promo = "Read the Harbour Gazette every morning with our new smartphone application.";
    let gazette = write_folder_of_stories(&env, "gazette", 5, promo);
    // Another publisher's folder carries it in four files only: there it stays.
    write_folder_of_stories(&env, "other", 4, promo);
    env.index();
    let (_, hits) = env.json(&["search", "smartphone", "--all-copies"]);
    let found: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(found.iter().all(|id| id.contains("/other/")), "{found:?}");
    let (_, story) = env.json(&["search", "berth", "-n", "20", "--all-copies"]);
    assert_eq!(story.len(), 9);

    // A later run drops the known promotion from a new story of the same folder.
    write_folder_of_stories(&env, "gazette", 6, promo);
    env.index();
    let (_, hits) = env.json(&["search", "smartphone", "--all-copies"]);
    assert_eq!(hits.len(), 4, "{hits:?}");
    assert!(env.index_dir().join("boilerplate.bin").exists());

    // `extract` finds it across the files it is given, as `index` does.
    let paths: Vec<&str> = gazette.iter().map(|p| p.to_str().unwrap()).collect();
    let mut args = vec!["extract"];
    args.extend(&paths);
    let (code, articles) = env.json(&args);
    assert_eq!((code, articles.len()), (0, 5));
    for a in &articles {
        let body = a["body"].as_str().unwrap();
        assert!(
            !body.contains("smartphone") && body.contains("harbour board"),
            "{body}"
        );
        assert_offsets(a);
    }
    let (_, alone) = env.json(&["extract", paths[0]]);
    assert!(alone[0]["body"].as_str().unwrap().contains("smartphone"));
}

#[test]
fn extract_shows_the_clean_body_of_a_page() {
    let env = Env::new();
    let path = env.write("ferry.html", PAGE);
    let a = &env.extract(&path)[0];
    let body = a["body"].as_str().unwrap();
    assert!(
        body.starts_with("The ferry between Oban and Mull"),
        "{body}"
    );
    assert!(
        body.contains("pier.\n\n") || body.ends_with("pier."),
        "{body}"
    );
    for junk in [
        "cookies",
        "Share on",
        "Most read",
        "Council tax",
        "Copyright",
        "Sport",
    ] {
        assert!(!body.contains(junk), "{junk:?} in {body}");
    }
    assert_eq!(a["byline"], "Maren Holt");
    assert_eq!(a["source"], "Coastal Courier");
    assert_eq!(a["language"], "en-GB");
    assert_offsets(a);
}

// ---- Damaged and unusual files: what can be read is kept, the rest is reported. ----

/// `morgue extract` on one file: its articles, and its lines on stderr.
fn extract_warned(env: &Env, path: &Path) -> (Vec<Value>, Vec<String>) {
    let out = env.watched(&["extract", "--format", "json", path.to_str().unwrap()]);
    let stderr = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    (json_lines(&out), stderr.lines().map(String::from).collect())
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
const FIFO: &str = "a named pipe (FIFO), not a regular file: not read (morgue reads only regular \
                    files; replace it with one, or move it out of the folder)";

#[cfg(unix)]
#[test]
fn a_fifo_found_by_the_walk_is_reported_and_never_read() {
    let env = Env::new();
    env.write(
        "a.txt",
        "Title: Quarry plan rejected\n\nThe quarry plan was rejected.",
    );
    let corpus = env.corpus().canonicalize().unwrap();
    mkfifo(&corpus.join("pipe.txt"));
    let out = env.watched(&["index", "--format", "json", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let summary = &json_lines(&out)[0];
    assert_eq!(summary["articles_indexed"], 1);
    assert_eq!(
        summary["failures"],
        serde_json::json!([{"path": corpus.join("pipe.txt"), "reason": FIFO}])
    );
}

#[cfg(unix)]
#[test]
fn a_file_replaced_by_a_fifo_after_the_walk_is_refused_not_waited_on() {
    use morgue::parse::{Format, parse_file};
    let dir = tempfile::tempdir().unwrap();
    for (name, format) in [("f.txt", Format::Text), ("f.warc", Format::Warc)] {
        let path = dir.path().join(name);
        mkfifo(&path);
        let (tx, rx) = std::sync::mpsc::channel();
        let read = path.clone();
        std::thread::spawn(move || {
            let _ = tx.send(parse_file(&read, format).map_err(|e| e.to_string()));
        });
        let got = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("reading the FIFO {name} hangs"));
        assert_eq!(got.unwrap_err(), format!("{}: {FIFO}", path.display()));
    }
}

#[cfg(unix)]
#[test]
fn show_of_a_file_that_is_now_a_fifo_does_not_hang() {
    let env = Env::new();
    let path = env.write(
        "a.txt",
        "Title: Quarry plan rejected\n\nThe quarry plan was rejected.",
    );
    let corpus = env.corpus();
    let out = env.watched(&["index", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = path.canonicalize().unwrap();
    fs::remove_file(&path).unwrap();
    mkfifo(&path);
    let id = path.to_str().unwrap();
    let out = env.watched(&["show", "--format", "json", id]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_lines(&out)[0]["title"], "Quarry plan rejected");
    assert_eq!(
        stderr(&out),
        format!("morgue: warning: mentions unavailable: {id}: {FIFO}\n")
    );
}

#[test]
fn gzip_data_followed_by_junk_keeps_what_decompresses() {
    let env = Env::new();
    let story = "Title: Harbour dredging starts\n\nDredging of the harbour started on Monday.";
    let mut bytes = gzip(story.as_bytes());
    bytes.extend_from_slice(b"\0\0 junk after the gzip member");
    let path = env.write("dredging.txt.gz", bytes);
    let (articles, stderr) = extract_warned(&env, &path);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["title"], "Harbour dredging starts");
    assert_eq!(
        stderr,
        [format!(
            "{}: warning: data after the gzip data ({} bytes decompressed) is not gzip; ignored",
            path.display(),
            story.len()
        )]
    );
}

#[test]
fn json_with_a_lone_surrogate_escape_keeps_its_record() {
    let env = Env::new();
    let path = env.write(
        "dam.json",
        r#"{"title": "Dam report \ud800 out", "text": "The dam report was published on Friday."}"#,
    );
    let (articles, stderr) = extract_warned(&env, &path);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["title"], "Dam report \u{fffd} out");
    assert_eq!(
        stderr,
        [format!(
            "{}: warning: invalid escape \\ud800 (half of a surrogate pair, not a character) \
             replaced with U+FFFD",
            path.display()
        )]
    );
}

#[test]
fn a_one_line_text_file_is_indexed() {
    let env = Env::new();
    env.write("note.txt", "Council approves the new budget");
    let corpus = env.corpus();
    let out = env.watched(&["index", "--format", "json", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = &json_lines(&out)[0];
    assert_eq!(summary["files_failed"], 0, "{summary}");
    assert_eq!(summary["articles_indexed"], 1);
    let out = env.watched(&["search", "--format", "json", "budget"]);
    let hits = json_lines(&out);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["title"], "Council approves the new budget");
}

#[test]
fn an_unclosed_sgml_record_ends_at_the_next_and_repeated_newids_stay_apart() {
    let env = Env::new();
    let record = |id: &str, title: &str, close: bool| {
        format!(
            "<REUTERS NEWID=\"{id}\">\n<DATE> 2-MAR-1987 10:00:00.00</DATE>\n<TEXT><TITLE>{title}</TITLE><BODY>{title} was reported today.\n Reuter</BODY></TEXT>{}\n",
            if close { "</REUTERS>" } else { "" }
        )
    };
    let wire = [
        record("1", "GOLD OUTPUT UP", true),
        record("2", "TIN TALKS END", false),
        record("3", "COFFEE PRICES FALL", true),
        record("3", "COCOA PRICES RISE", true),
        record("3", "SUGAR QUOTA SET", true),
    ];
    let path = env.write("wire.sgm", wire.concat());
    let (articles, stderr) = extract_warned(&env, &path);
    let got: Vec<(&str, &str, &str)> = articles
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap(),
                a["title"].as_str().unwrap(),
                a["body"].as_str().unwrap(),
            )
        })
        .collect();
    let p = path.display();
    let (tin_id, c2, c3) = (format!("{p}#2"), format!("{p}#3-2"), format!("{p}#3-3"));
    assert_eq!(
        got[1],
        (
            tin_id.as_str(),
            "TIN TALKS END",
            "TIN TALKS END was reported today."
        )
    );
    let ids: Vec<&str> = got.iter().map(|a| a.0).collect();
    assert_eq!(
        ids,
        [format!("{p}#1"), tin_id.clone(), format!("{p}#3"), c2, c3]
    );
    assert_eq!(got[4].1, "SUGAR QUOTA SET");
    assert_eq!(
        stderr,
        [
            format!(
                "{p}: warning: record 2: no closing </REUTERS> before the next <REUTERS>; the record ends there"
            ),
            format!(
                "{p}: warning: NEWID 3 is used by an earlier record too; this one is keyed 3-2"
            ),
            format!(
                "{p}: warning: NEWID 3 is used by an earlier record too; this one is keyed 3-3"
            ),
        ]
    );
}

#[test]
fn a_warc_record_with_a_bad_content_length_loses_only_itself() {
    let env = Env::new();
    let mut records = crawl();
    // Between the image and the last page: a record whose length is not a number.
    records.insert(
        4,
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 12x\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>lost</p>\r\n\r\n".to_vec(),
    );
    let path = env.write("crawl.warc", records.concat());
    let (articles, stderr) = extract_warned(&env, &path);
    let records: Vec<&str> = articles
        .iter()
        .map(|a| a["record"].as_str().unwrap())
        .collect();
    assert_eq!(records, ["3", "6"]);
    assert_eq!(articles[1]["url"], "https://courier.example/lighthouse");
    assert_eq!(
        stderr,
        [format!(
            "{}: warning: record 5: Content-Length \"12x\" is not a number; skipped to the next record",
            path.display()
        )]
    );
}

#[test]
fn a_warc_length_past_the_end_of_a_small_file_is_called_that() {
    let env = Env::new();
    let mut warc = b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 99999999999\r\n\r\n<p>lying</p>\r\n\r\n".to_vec();
    warc.extend(crawl().remove(4));
    let size = warc.len();
    let path = env.write("small.warc", warc);
    let (articles, stderr) = extract_warned(&env, &path);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["record"], "2");
    assert_eq!(articles[0]["url"], "https://courier.example/lighthouse");
    assert_eq!(
        stderr,
        [format!(
            "{}: warning: record 1: Content-Length 99999999999 runs past the end of the file \
             ({size} bytes): the record is cut short or its length is wrong; skipped to the next \
             record",
            path.display()
        )]
    );
}

#[test]
fn pages_with_many_attributes_are_parsed_in_linear_time() {
    // Many attributes on one tag hung the HTML parser: `extract_warned` kills a run after 60 s.
    let env = Env::new();
    let story = [
        "The harbour board met on Monday and agreed, after a long debate, to dredge the channel.",
        "Work starts in May, the board said, and boats will use the north quay until it ends.",
    ];
    let text = format!("<p>{}</p><p>{}</p>", story[0], story[1]);
    let names = |tag: usize, n: usize| -> String {
        (0..n).map(|i| format!(" data-t{tag}-a{i}=\"x\"")).collect()
    };
    // One tag with 400,000 distinct attributes (8 MB): the duplicate check of each
    // attribute against all earlier ones took minutes.
    let one_tag = format!(
        "<!DOCTYPE html><html><head><title>Channel to be dredged</title></head>\
         <body><article{}>{text}</article></body></html>",
        names(0, 400_000)
    );
    // 1,000 <html> tags of 250 distinct attributes each: all are merged into one element.
    let merged: String = (1..=1000)
        .map(|t| format!("<html{}>", names(t, 250)))
        .collect();
    let many_tags = format!(
        "<!DOCTYPE html><html><head><title>Channel to be dredged</title></head>\
         <body>{merged}<article>{text}</article></body></html>"
    );
    for (name, page) in [("one-tag.html", one_tag), ("many-tags.html", many_tags)] {
        let path = env.write(name, page);
        let (articles, _) = extract_warned(&env, &path);
        assert_eq!(articles.len(), 1, "{name}");
        assert_eq!(articles[0]["title"], "Channel to be dredged", "{name}");
        assert_eq!(
            articles[0]["body"],
            format!("{}\n\n{}", story[0], story[1]),
            "{name}"
        );
    }
}
