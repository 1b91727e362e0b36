//! End to end: line structure as evidence. Through the real binary, a name at the end of one
//! line of a text file does not run into the first word of the next (results tables, lists
//! of names), while a name split over a hard-wrapped line break stays one name; and
//! `morgue eval entities` reads a CoNLL file both from its tokens and from article files,
//! which on CoNLL-2003's development set agree (skipped when the shared corpora are absent).

use crate::harness::{Env, json_lines, shared, stderr};

/// The entity mentions (`text`, `type`) of the one article `morgue extract` prints for `path`.
fn mentions(env: &Env, path: &std::path::Path) -> Vec<(String, String)> {
    let out = env.run(&["extract", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let articles = json_lines(&out);
    assert_eq!(articles.len(), 1);
    (articles[0]["entities"].as_array().unwrap().iter())
        .map(|e| {
            let field = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (field("text"), field("type"))
        })
        .collect()
}

#[test]
fn names_end_at_line_breaks_but_not_at_wraps() {
    let env = Env::new();
    let path = env.home().join("roundup.txt");
    std::fs::write(
        &path,
        "Title: Weekend roundup\n\n\
         Men's 1,500 metres:\n\
         Peter Holmgren\n\
         Norway took the silver medal in the final on Sunday.\n\
         Football results:\n\
         Real Nordby 2 Vikstad United 1\n\
         Ola Lindqvist scored twice for Real Nordby.\n\n\
         The harbour board said on Tuesday that its new chairman, Anna\n\
         Karlsen, would take over in May, and that the old quay at Nordby\n\
         would close for repairs until the end of the summer season.\n",
    )
    .unwrap();
    let found = mentions(&env, &path);
    for (text, kind) in &found {
        assert!(!text.contains('\n'), "{text:?} ({kind}) runs across a line");
        for joined in ["Holmgren Norway", "United 1", "United Ola", "1 Ola"] {
            assert!(
                !text.contains(joined),
                "{text:?} ({kind}) runs across a line"
            );
        }
    }
    let has = |text: &str| found.iter().any(|(t, _)| t == text);
    assert!(
        has("Anna Karlsen"),
        "the wrapped name is one name: {found:?}"
    );
    assert!(has("Norway"), "{found:?}");
}

#[test]
fn eval_entities_reads_tokens_and_files() {
    let env = Env::new();
    let path = env.home().join("tiny.conll");
    let rows = [
        "-DOCSTART- -X- O O",
        "",
        "ROWING NN O O",
        "- : O O",
        "NORDBY NNP I-NP I-LOC",
        "WINS VBZ O O",
        "",
        "Peter NNP I-NP I-PER",
        "Holmgren NNP I-NP I-PER",
        "",
        "Norway NNP I-NP I-LOC",
        "took VBD O O",
        "the DT O O",
        "silver NN O O",
        ". . O O",
        "",
    ];
    std::fs::write(&path, rows.join("\n")).unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["eval", "entities", path.to_str().unwrap()];
        args.extend(extra);
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let both = run(&[]);
    assert!(both.contains("through tokens"), "{both}");
    assert!(both.contains("through files"), "{both}");
    assert!(both.contains("PER+ORG+LOC F1"), "{both}");
    let files = run(&["--as-files"]);
    assert!(files.contains("through files") && !files.contains("through tokens"));
    let tokens = run(&["--as-tokens"]);
    assert!(tokens.contains("through tokens") && !tokens.contains("through files"));
}

/// On CoNLL-2003's development set, reading the documents from article files scores within
/// 0.005 F1 of reading them from their tokens (seconds in a debug build).
#[test]
fn conll_readings_agree() {
    let Some(file) = shared("corpora/conll2003/eng.testa") else {
        return;
    };
    use morgue::eval::{Reading, entities::AGREEMENT};
    let report = morgue::eval::eval_entities(&file, &[Reading::Tokens, Reading::Files]).unwrap();
    let [tokens, files] = &report.readings[..] else {
        panic!("two readings: {report}");
    };
    assert_eq!(files.sentences_lost, 0, "{report}");
    assert!(
        (tokens.f1() - files.f1()).abs() <= AGREEMENT,
        "the readings disagree: {report}"
    );
}
