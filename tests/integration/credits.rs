//! Through the real binary: wire sign-offs, staff credits, photo credits and copyright lines
//! leave the body and the entities (credited reporters fill an empty byline), and articles
//! that are only a headline are indexed and found by their title.

use std::path::Path;

use serde_json::Value;

use crate::harness::{Env, json_lines};

/// `morgue extract` on one file: its one article as JSON.
fn only_article(env: &Env, path: &Path) -> Value {
    let mut articles = env.extract(path);
    assert_eq!(articles.len(), 1, "{}", path.display());
    articles.remove(0)
}

/// `morgue index --format json` on the corpus (watched): the exit code and the summary.
fn index_summary(env: &Env) -> (Option<i32>, Value) {
    let corpus = env.corpus();
    let out = env.watched(&["index", "--format", "json", corpus.to_str().unwrap()]);
    let summary = json_lines(&out).remove(0);
    (out.status.code(), summary)
}

/// The titles of the hits of a JSON search (watched), sorted.
fn titles(env: &Env, query: &str) -> Vec<String> {
    let out = env.watched(&["search", "--format", "json", "-n", "100", query]);
    let mut titles: Vec<String> = json_lines(&out)
        .iter()
        .map(|h| h["title"].as_str().unwrap_or_default().to_string())
        .collect();
    titles.sort();
    titles
}

/// The canonical names of an article's entities.
fn entity_names(article: &Value) -> Vec<String> {
    article["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["canonical"].as_str().unwrap().to_string())
        .collect()
}

const TEXT: &str = "Pound rises\n\n\
LONDON, March 3 (Reuters) - The pound rose against the dollar on Tuesday, dealers said.\n\n\
The Bank of England kept its rates unchanged.\n\n\
Reporting by Jane Smith and Tom Brown; Editing by Alan Grey\n\n\
REUTER\n\u{3}\n";

const JSON: &str = r#"{"title": "Floods close the coast road", "text": "GALWAY (AP) — Floods closed the coast road near Galway on Monday, police said.\n\nPhoto: Mary Keane/Getty Images\n\nCrews worked through the night to clear it.\n\nAdditional reporting by Sean Walsh in Dublin\n\n(AP)"}"#;

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour reopens after the storm</title></head>
<body><article>
<h1>Harbour reopens after the storm</h1>
<p>The harbour at Kinsale reopened on Friday after a week of repairs to the sea wall, the port authority said in a statement.</p>
<p>(Photo by Ian West/AFP via Getty Images)</p>
<p>Fishing boats were the first to leave, followed by the ferry to the islands, which had been tied up since the storm.</p>
<p>Writing by Karl Olsen; Editing by Ruth Hale</p>
<p>Copyright 2020 The Harbour Gazette. All rights reserved.</p>
<p>AFP</p>
</article></body></html>"#;

#[test]
fn sign_offs_and_credits_leave_the_body_and_fill_the_byline() {
    let env = Env::new();
    let cases = [
        (
            env.write("wire.txt", TEXT),
            "LONDON, March 3 - The pound rose against the dollar on Tuesday, dealers said.\n\n\
             The Bank of England kept its rates unchanged.",
            "Jane Smith, Tom Brown",
            vec!["London", "Bank of England"],
        ),
        (
            env.write("wire.json", JSON),
            "GALWAY — Floods closed the coast road near Galway on Monday, police said.\n\n\
             Crews worked through the night to clear it.",
            "Sean Walsh",
            vec!["Galway", "Galway"],
        ),
        (
            env.write("page.html", PAGE),
            "The harbour at Kinsale reopened on Friday after a week of repairs to the sea wall, \
             the port authority said in a statement.\n\n\
             Fishing boats were the first to leave, followed by the ferry to the islands, which \
             had been tied up since the storm.",
            "Karl Olsen",
            vec!["Kinsale"],
        ),
    ];
    for (path, body, byline, entities) in cases {
        let article = only_article(&env, &path);
        assert_eq!(article["body"], body, "{}", path.display());
        assert_eq!(article["byline"], byline, "{}", path.display());
        assert_eq!(entity_names(&article), entities, "{}", path.display());
    }
}

#[test]
fn a_sentence_about_a_wire_and_a_given_byline_stay() {
    let env = Env::new();
    let text = "Title: Talks stall\nBy: Ana Ruiz\n\n\
                Reuters reported that the talks in Geneva had stalled.\n\n\
                Reporting by Jane Smith\n\nAP\n";
    let article = only_article(&env, &env.write("talks.txt", text));
    assert_eq!(
        article["body"],
        "Reuters reported that the talks in Geneva had stalled."
    );
    assert_eq!(article["byline"], "Ana Ruiz");
    assert_eq!(entity_names(&article), ["Reuters", "Geneva"]);
}

#[test]
fn headline_only_articles_are_indexed_and_found_by_title() {
    let env = Env::new();
    env.write("brief.txt", "Title: Mill fire contained\n\n");
    env.write("oneline.txt", "Council approves the harbour budget");
    env.write("signoff.txt", "Bank raises discount rate\n\nReuter\n\u{3}");
    env.write(
        "headline.json",
        r#"{"title": "Ferry fares frozen", "url": "https://example.org/f"}"#,
    );
    env.write(
        "lines.jsonl",
        "{\"headline\": \"Bridge tolls scrapped\"}\n{\"title\": \"Tram line opens\", \"body\": \"   \"}\n",
    );
    env.write(
        "brief.html",
        "<!DOCTYPE html><html><head><title>Lighthouse keeper retires</title></head><body></body></html>",
    );
    env.write(
        "brief.sgm",
        "<REUTERS NEWID=\"9\"><DATE>3-MAR-1987</DATE><TEXT TYPE=\"BRIEF\">&#2;\n\
         <TITLE>COPPER PRICE CUT</TITLE>\n</TEXT></REUTERS>",
    );
    let (code, summary) = index_summary(&env);
    assert_eq!(code, Some(0), "{summary}");
    assert_eq!(summary["files_failed"], 0, "{summary}");
    assert_eq!(summary["articles_indexed"], 8, "{summary}");
    for (word, title) in [
        ("mill", "Mill fire contained"),
        ("council", "Council approves the harbour budget"),
        ("discount", "Bank raises discount rate"),
        ("ferry", "Ferry fares frozen"),
        ("bridge", "Bridge tolls scrapped"),
        ("tram", "Tram line opens"),
        ("lighthouse", "Lighthouse keeper retires"),
        ("copper", "COPPER PRICE CUT"),
    ] {
        assert_eq!(titles(&env, word), [title], "{word}");
    }
}

#[test]
fn a_record_with_neither_title_nor_text_still_fails() {
    let env = Env::new();
    let path = env.write(
        "empty.json",
        r#"{"author": "Ana Ruiz", "url": "https://example.org/x"}"#,
    );
    let (code, summary) = index_summary(&env);
    assert_eq!(code, Some(1), "{summary}");
    assert_eq!(summary["articles_indexed"], 0, "{summary}");
    assert_eq!(
        summary["failures"],
        serde_json::json!([{
            "path": path.to_str().unwrap(),
            "reason": "no article text found (no title or text field)"
        }])
    );
}
