//! `morgue eval facets`: the top entities of a corpus scored against hand judgements.

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

use crate::harness::{Env, json_lines, morgue, shared, stderr, stdout};

/// Three short local-news stories. Today's extraction finds in them: Helen Carter (2, with
/// "Carter" in a third article, which the archive pass counts as hers), David Moss (1);
/// Acme Shipping (3, one of them in capitals); Northgate Harbour Board (2), Harbour (1),
/// Harbour Board (1); Portmere (3), Kelby (1), London (1).
const ARTICLES: [(&str, &str); 3] = [
    (
        "a1.txt",
        "Harbour board approves new ferry terminal\n\nMayor Helen Carter said on Monday that \
         the Northgate Harbour Board had approved the new ferry terminal in Portmere. Acme \
         Shipping Ltd will build it.\n\n\"This is a good day for Portmere,\" Helen Carter told \
         reporters.\n",
    ),
    (
        "a2.txt",
        "Ferry operator wins contract\n\nAcme Shipping Ltd won the contract to run ferries \
         from Portmere to Kelby, the Northgate Harbour Board said. Helen Carter welcomed the \
         news.\n\nACME SHIPPING LTD shares rose in London.\n",
    ),
    (
        "a3.txt",
        "Council debates terminal costs\n\nCouncillor David Moss of Portmere questioned the \
         cost of the terminal. Carter said Acme Shipping Ltd had agreed a fixed price with the \
         Harbour Board.\n\nKelby residents wrote to David Moss about the noise.\n",
    ),
];

/// The shared judgements: Kelby is judged wrong here and put right by the second file.
const JUDGED: &str = "# type\tname\tverdict\tnote\n\
person\tHelen Carter\tok\t\n\
person\tCarter\twrong\tsame as Helen Carter\n\
company\tAcme Shipping\tok\n\
organization\tNorthgate Harbour Board\tok\t\n\
org\tHarbour\twrong\tvariant of Northgate Harbour Board\n\
\n\
place\tPortmere\tok\t\n\
place\tLondon\tok\t\n\
place\tKelby\twrong\ta slip, put right in the second file\n\
person\tNobody Listed\tok\t\n";

const EXTRA: &str = "place\tKelby\tok\t\nperson\tDavid Moss\tok\t\n";

fn corpus(dir: &Path) -> std::path::PathBuf {
    let arts = dir.join("articles");
    fs::create_dir_all(&arts).unwrap();
    for (name, text) in ARTICLES {
        fs::write(arts.join(name), text).unwrap();
    }
    fs::write(dir.join("judged.tsv"), JUDGED).unwrap();
    fs::write(dir.join("extra.tsv"), EXTRA).unwrap();
    arts
}

fn named(list: &Value) -> Vec<(String, u64)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_string(),
                e["articles"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn scores_the_top_entities_against_judgements() {
    let env = Env::new();
    let arts = corpus(env.home());
    let out = env
        .morgue()
        .args(["eval", "facets"])
        .arg(&arts)
        .arg(env.home().join("judged.tsv"))
        .arg(env.home().join("extra.tsv"))
        .args(["--top", "10", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    let report = &lines[0];
    assert_eq!(report["top"], 10);
    assert_eq!(report["articles"], 3);
    let types = report["types"].as_array().unwrap();
    let figures: Vec<(&str, u64, u64, u64, u64, u64)> = types
        .iter()
        .map(|t| {
            let n = |k: &str| t[k].as_u64().unwrap();
            (
                t["type"].as_str().unwrap(),
                n("listed"),
                n("judged"),
                n("ok"),
                n("wrong"),
                n("unjudged"),
            )
        })
        .collect();
    assert_eq!(
        figures,
        [
            ("person", 2, 2, 2, 0, 0),
            ("company", 1, 1, 1, 0, 0),
            ("organization", 3, 2, 1, 1, 1),
            ("place", 3, 3, 3, 0, 0),
        ]
    );
    let precisions: Vec<f64> = types
        .iter()
        .map(|t| t["precision"].as_f64().unwrap())
        .collect();
    assert_eq!(precisions, [1.0, 1.0, 0.5, 1.0]);
    assert_eq!(named(&types[0]["wrong_names"]), []);
    assert_eq!(
        named(&types[2]["wrong_names"]),
        [("Harbour".to_string(), 1)]
    );
    assert_eq!(
        types[2]["wrong_names"][0]["note"],
        "variant of Northgate Harbour Board"
    );
    assert_eq!(
        named(&types[2]["unjudged_names"]),
        [("Harbour Board".to_string(), 1)]
    );
    assert_eq!(
        report["overall"],
        json!({"listed": 9, "judged": 8, "ok": 7, "wrong": 1, "unjudged": 1,
               "precision": 7.0 / 8.0})
    );
    assert_eq!(
        report["splits"],
        json!([
            {"names": [{"entity_id": "organization:Harbour", "type": "organization",
                        "name": "Harbour", "articles": 1, "aliases": []}],
             "note": "variant of Northgate Harbour Board"},
        ])
    );
    // The temporary index is gone, and nothing was written where MORGUE_INDEX points.
    assert!(!env.index_dir().exists());
}

#[test]
fn prints_the_scores_for_people() {
    let env = Env::new();
    let arts = corpus(env.home());
    let judged = env.home().join("judged.tsv");
    let extra = env.home().join("extra.tsv");
    let out = env
        .morgue()
        .args(["eval", "facets"])
        .arg(&arts)
        .arg(&judged)
        .arg(&extra)
        .args(["--top", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let want = format!(
        "{}: 3 articles; top 2 of each type judged by {}, {}\n\
         type          listed judged   ok wrong unjudged  precision\n\
         person             2      2    2     0        0  1.000 (2/2)\n\
         company            1      1    1     0        0  1.000 (1/1)\n\
         organization       2      2    1     1        0  0.500 (1/2)\n\
         place              2      2    2     0        0  1.000 (2/2)\n\
         all                7      7    6     1        0  0.857 (6/7)\n\
         wrong:\n\
         \x20 organization  Harbour (1): variant of Northgate Harbour Board\n\
         split (one entity under several names):\n\
         \x20 organization Harbour (1): variant of Northgate Harbour Board\n",
        arts.display(),
        judged.display(),
        extra.display()
    );
    assert_eq!(stdout(&out), want);
}

#[test]
fn keeps_the_index_when_asked() {
    let env = Env::new();
    let arts = corpus(env.home());
    let kept = env.home().join("kept");
    let out = env
        .morgue()
        .args(["eval", "facets"])
        .arg(&arts)
        .arg(env.home().join("judged.tsv"))
        .arg("--keep-index")
        .arg(&kept)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let entities = morgue(env.home(), &kept)
        .args([
            "entities", "--type", "place", "--top", "1", "--format", "json",
        ])
        .output()
        .unwrap();
    let lines = json_lines(&entities);
    assert_eq!(lines[0]["name"], "Portmere");
    assert_eq!(lines[0]["articles"], 3);
}

#[test]
fn a_bad_judgement_line_names_the_file_and_line() {
    let env = Env::new();
    let arts = corpus(env.home());
    let bad = env.home().join("bad.tsv");
    fs::write(
        &bad,
        "# judged\nperson\tHelen Carter\tok\nplace\tPortmere\tmaybe\n",
    )
    .unwrap();
    let out = env
        .morgue()
        .args(["eval", "facets"])
        .arg(&arts)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "morgue: {}:3: verdict 'maybe' is neither ok nor wrong; write each line as \
             type<TAB>name<TAB>ok|wrong<TAB>note\n",
            bad.display()
        )
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_corpus_without_articles_is_an_error() {
    let env = Env::new();
    corpus(env.home());
    let empty = env.home().join("empty");
    fs::create_dir(&empty).unwrap();
    let missing = env.home().join("missing");
    for (dir, cause) in [
        (
            &empty,
            "no articles found (give a folder or file of articles morgue reads)",
        ),
        (&missing, "no such file or folder"),
    ] {
        let out = env
            .morgue()
            .args(["eval", "facets"])
            .arg(dir)
            .arg(env.home().join("judged.tsv"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr(&out),
            format!("morgue: {}: {cause}\n", dir.display())
        );
    }
}

/// The hand-judged top 40 of Reuters-21578, on the corpus itself (minutes in a debug build).
#[test]
#[ignore = "indexes all of Reuters-21578; run with --ignored"]
fn reuters_judgements_cover_the_top_40() {
    let Some(corpora) = shared("corpora") else {
        return;
    };
    let env = Env::new();
    let out = env
        .morgue()
        .args(["eval", "facets", "--json"])
        .arg(corpora.join("reuters21578"))
        .arg(corpora.join("judged/reuters21578_facets.tsv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = &json_lines(&out)[0];
    assert_eq!(report["overall"]["listed"], 160);
    // Every type lists 40 names, and most of them are judged.
    for t in report["types"].as_array().unwrap() {
        assert_eq!(t["listed"], 40, "{t}");
        assert!(t["judged"].as_u64().unwrap() >= 30, "{t}");
    }
}
