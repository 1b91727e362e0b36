//! Through the real binary: articles that are only a headline are indexed and found by their
//! title.

use std::fs;
use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

mod common;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.corpus().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn run(&self, args: &[&str]) -> Output {
        common::morgue(self.dir.path(), &self.dir.path().join("index"))
            .args(args)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap()
    }

    /// `morgue index --format json` on the corpus: the exit code and the summary.
    fn index(&self) -> (Option<i32>, Value) {
        let corpus = self.corpus();
        let out = self.run(&["index", "--format", "json", corpus.to_str().unwrap()]);
        let summary = common::json_lines(&out).remove(0);
        (out.status.code(), summary)
    }

    /// The titles of the hits of a JSON search.
    fn titles(&self, query: &str) -> Vec<String> {
        let out = self.run(&["search", "--format", "json", "-n", "100", query]);
        let mut titles: Vec<String> = common::json_lines(&out)
            .iter()
            .map(|h| h["title"].as_str().unwrap_or_default().to_string())
            .collect();
        titles.sort();
        titles
    }
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
    let (code, summary) = env.index();
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
        assert_eq!(env.titles(word), [title], "{word}");
    }
}

#[test]
fn a_record_with_neither_title_nor_text_still_fails() {
    let env = Env::new();
    let path = env.write(
        "empty.json",
        r#"{"author": "Ana Ruiz", "url": "https://example.org/x"}"#,
    );
    let (code, summary) = env.index();
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
