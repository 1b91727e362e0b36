//! Words in all their forms, through the real binary: stemming and exact forms, prefixes
//! and fuzzy words that score and highlight, and "did you mean" for a query that finds
//! nothing. The corpus is written here: articles about mobile phones in every way news
//! writes the phrase, among articles that are not.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde_json::Value;

use crate::harness::{Env, stderr, stdout};

/// How each article about mobile phones names them (the forms a reader would grep for).
const FORMS: [&str; 8] = [
    "mobile phone",
    "mobile phones",
    "Mobile Phones",
    "mobile-phone",
    "MOBILE PHONE",
    "mobile\nphones",
    "mobile  phone's",
    "Mobile phone",
];

/// Sentences that name neither, or only one of the two words, or both apart.
const OTHERS: [&str; 8] = [
    "The council approved plans for a park of mobile homes beside the river.",
    "Callers jammed the phone lines of the ticket office for most of the morning.",
    "Shares of the telephone company rose after it reported higher profits.",
    "The clinic runs a mobile unit that visits villages twice a month.",
    "Officials said the phone call lasted about twenty minutes.",
    "Smartphones now outsell every other device the chain stocks.",
    "A mobile crane lifted the bridge section into place overnight.",
    "Her phone rang twice before the hearing resumed.",
];

/// Filler for the bodies, so articles differ in length and words.
const FILLER: [&str; 6] = [
    "Security officials met again on Tuesday to discuss the securities market.",
    "Secretary of State Mike Pompeo spoke to reporters in Brussels.",
    "Huawei said it would answer the charges in court.",
    "The secure line was installed after the summit.",
    "The ministry declined to comment on the report.",
    "Trading was thin ahead of the holiday weekend.",
];

/// Words for made-up sentences, so that no two articles are copies of one story.
const SUBJECTS: [&str; 12] = [
    "The mayor",
    "A spokesman",
    "The regulator",
    "Farmers",
    "The central bank",
    "Analysts",
    "The airline",
    "Dock workers",
    "The museum",
    "Investors",
    "The province",
    "Engineers",
];
const VERBS: [&str; 10] = [
    "expects",
    "rejected",
    "welcomed",
    "questioned",
    "announced",
    "delayed",
    "approved",
    "criticised",
    "reviewed",
    "doubled",
];
const OBJECTS: [&str; 12] = [
    "the harbour plan",
    "a new tariff",
    "the wheat harvest",
    "its annual budget",
    "the rail link",
    "a bond sale",
    "the pension reform",
    "the copper output",
    "a cargo terminal",
    "the tax rebate",
    "the coal contract",
    "a water scheme",
];

/// The mobile-phone corpus, indexed once: 300 articles, every third naming mobile phones in
/// one of [`FORMS`], in the title or the body.
fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let env = Env::kept("words-tests");
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for i in 0..300 {
            let mut body = Vec::new();
            for _ in 0..(4 + next(6)) {
                let (s, v, o) = (next(SUBJECTS.len()), next(VERBS.len()), next(OBJECTS.len()));
                let figure = 10 + next(990);
                body.push(format!(
                    "{} {} {} worth {figure} million on day {}.",
                    SUBJECTS[s],
                    VERBS[v],
                    OBJECTS[o],
                    next(28) + 1
                ));
            }
            if next(2) == 0 {
                body.push(FILLER[next(FILLER.len())].to_string());
            }
            body.push(OTHERS[next(OTHERS.len())].to_string());
            let mut title = format!("Report number {i}");
            if i % 3 == 0 {
                let form = FORMS[(i / 3) % FORMS.len()];
                if i % 7 == 0 {
                    let form = form.replace('\n', " ");
                    title = format!("Sales of {form} slow in report {i}");
                } else {
                    let at = next(body.len() + 1);
                    body.insert(at, format!("Sales of {form} handsets slowed this year."));
                }
            }
            let text = format!("Title: {title}\n\n{}\n", body.join(" "));
            env.write(&format!("news/{i:03}.txt"), text);
        }
        let out = env.run(&["index", env.corpus().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        env
    })
}

/// The file names of every article whose text matches `pattern` (a grep of the corpus).
fn grep(pattern: &str) -> HashSet<String> {
    let pattern = regex::RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .unwrap();
    let mut found = HashSet::new();
    for entry in std::fs::read_dir(env().corpus().join("news")).unwrap() {
        let path = entry.unwrap().path();
        if pattern.is_match(&std::fs::read_to_string(&path).unwrap()) {
            found.insert(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    found
}

/// Every hit of a JSON search, each copy on its own.
fn hits(query: &str) -> Vec<Value> {
    let out = env().run(&[
        "search",
        "--format",
        "json",
        "--all-copies",
        "-n",
        "1000",
        query,
    ]);
    assert!(out.status.code() == Some(0), "{query}: {}", stderr(&out));
    crate::harness::json_lines(&out)
}

fn names(hits: &[Value]) -> HashSet<String> {
    (hits.iter())
        .map(|h| {
            let id = h["id"].as_str().unwrap();
            id.rsplit('/').next().unwrap().to_string()
        })
        .collect()
}

/// The words a hit's snippet highlights.
fn marked(hit: &Value) -> Vec<String> {
    let snippet = hit["snippet"].as_str().unwrap();
    (hit["highlights"].as_array().unwrap().iter())
        .map(|r| {
            let (a, b) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
            snippet[a as usize..b as usize].to_string()
        })
        .collect()
}

#[test]
fn a_phrase_finds_every_form_of_its_words() {
    let wanted = grep(r"\bmobile[\s-]+phone(s|'s)?\b");
    assert_eq!(wanted.len(), 100);
    let found = names(&hits("\"mobile phone\""));
    let recall = wanted.intersection(&found).count() as f64 / wanted.len() as f64;
    let precision = wanted.intersection(&found).count() as f64 / found.len() as f64;
    eprintln!("\"mobile phone\": recall {recall:.3}, precision {precision:.3}");
    assert!(recall >= 0.98, "recall {recall}");
    assert_eq!(precision, 1.0);
    // A word alone finds its other forms too.
    assert_eq!(names(&hits("phones")), names(&hits("phone")));
}

#[test]
fn an_exact_form_finds_that_form_only() {
    let plural = names(&hits("=\"mobile phones\""));
    assert_eq!(plural, grep(r"\bmobile\s+phones\b"));
    assert!(!plural.is_empty());
    let singular = names(&hits("=phone"));
    assert_eq!(singular, grep(r"\bphone\b"));
    assert!(singular.len() < names(&hits("phone")).len());
    // In a field too.
    let titles = names(&hits("title:=\"mobile phones\""));
    assert_eq!(titles, grep(r"(?m)^Title: Sales of mobile\s+phones "));
    assert!(!titles.is_empty());
}

#[test]
fn snippets_highlight_every_form_matched() {
    let mut forms_seen = HashSet::new();
    for hit in hits("\"mobile phone\"") {
        for word in marked(&hit) {
            let word = word.to_lowercase();
            assert!(
                ["mobile", "phone", "phones", "phone's"].contains(&word.as_str()),
                "{word:?} in {hit}"
            );
            forms_seen.insert(word);
        }
    }
    assert!(forms_seen.contains("phones") && forms_seen.contains("phone"));
}

#[test]
fn prefixes_score_and_highlight_the_words_they_match() {
    let found = hits("secur*");
    assert_eq!(names(&found), grep(r"\bsecur"));
    let scores: HashSet<String> = (found.iter())
        .map(|h| format!("{:.4}", h["score"].as_f64().unwrap()))
        .collect();
    assert!(scores.len() > 1, "every hit scored the same: {scores:?}");
    for hit in &found {
        let words = marked(hit);
        assert!(!words.is_empty(), "nothing highlighted in {hit}");
        assert!(words.iter().all(|w| w.to_lowercase().starts_with("secur")));
    }
}

#[test]
fn fuzzy_words_highlight_what_they_found() {
    let found = hits("pompei~1");
    assert_eq!(names(&found), grep(r"\bpompeo\b"));
    for hit in &found {
        let words = marked(hit);
        assert!(
            !words.is_empty() && words.iter().all(|w| w == "Pompeo"),
            "{hit}"
        );
    }
}

#[test]
fn a_query_that_finds_nothing_suggests_the_words_the_index_has() {
    let env = env();
    let out = env.run(&["search", "pompei reportres"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("0 of 0 matching articles\ndid you mean: pompeo reporters\n"),
        "{text}"
    );
    // A text count stays one number.
    let out = env.run(&["search", "--count", "pompei reportres"]);
    assert_eq!(stdout(&out), "0\n");
    assert_eq!(
        stderr(&out),
        "morgue: note: did you mean: pompeo reporters?\n"
    );
    // JSON hit lines stay hits: the count says what might match, and stderr tells the reader.
    let out = env.run(&["search", "--format", "json", "Pompei reportrs"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        "morgue: note: did you mean: Pompeo reporters?\n"
    );
    let (code, lines) = env.json(&["search", "--count", "Pompei reportrs"]);
    assert_eq!((code, lines.len()), (1, 1));
    assert_eq!(lines[0]["total"], 0);
    assert_eq!(lines[0]["suggestions"][0], "Pompeo reporters");
    let (_, lines) = env.json(&["search", "--count", "person:pompei"]);
    assert_eq!(lines[0]["suggestions"][0], "person:pompeo", "{lines:?}");
    // Every suggestion finds something; a query of known words gets none.
    for suggestion in lines[0]["suggestions"].as_array().unwrap() {
        assert!(!hits(suggestion.as_str().unwrap()).is_empty());
    }
    let (_, lines) = env.json(&["search", "--count", "pompeo -pompeo"]);
    assert_eq!(lines[0]["total"], 0);
    assert_eq!(lines[0]["suggestions"], serde_json::json!([]));
}

#[test]
fn a_prefix_of_many_words_finds_them_all_and_scores_the_commonest() {
    let env = Env::new();
    for i in 0..80 {
        env.write(
            &format!("rare/{i}.txt"),
            format!("Title: Note {i}\n\nThe ledger listed zqword{i} once among the entries.\n"),
        );
    }
    for i in 0..10 {
        env.write(
            &format!("common/{i}.txt"),
            format!("Title: Memo {i}\n\nThe zqcommon clause and the zqcommon fee, item {i}.\n"),
        );
    }
    env.index();
    let (code, found) = env.search("zq*");
    assert_eq!(code, 0);
    assert_eq!(
        found.len(),
        90,
        "every article a prefix of 81 words matches"
    );
    // The commonest words score; past the first 64, the rest match at no score.
    let first = &found[0];
    assert!(
        first["id"].as_str().unwrap().contains("/common/"),
        "{first}"
    );
    assert!(marked(first).iter().all(|w| w == "zqcommon"));
    assert!(first["score"].as_f64().unwrap() > found[89]["score"].as_f64().unwrap());
}

#[test]
fn a_long_phrase_of_words_in_two_forms_still_finds_its_forms() {
    let env = Env::new();
    env.write(
        "plural.txt",
        "Title: Plural\n\nThe phones sales clerks markets reports were late.\n",
    );
    env.write(
        "singular.txt",
        "Title: Singular\n\nOne phone sale clerk market report was early.\n",
    );
    env.write(
        "apart.txt",
        "Title: Apart\n\nThe phone was sold. A sale, a clerk, a market and a report.\n",
    );
    env.index();
    // Five words with two terms each: 32 choices, searched as one phrase of patterns.
    let (_, found) = env.search("\"phone sale clerk market report\"");
    let mut titles: Vec<&str> = found.iter().map(|h| h["title"].as_str().unwrap()).collect();
    titles.sort();
    assert_eq!(titles, ["Plural", "Singular"]);
    let (_, found) = env.search("=\"phone sale clerk market report\"");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["title"], "Singular");
}

/// The kinds of query a score explanation names under its root, and whether any node below
/// the root is itself a disjunction.
fn explained(explanation: &Value) -> (Vec<String>, bool) {
    fn kind(node: &Value) -> String {
        let description = node["description"].as_str().unwrap();
        match description.strip_prefix("Boost") {
            Some(_) => kind(&node["details"][0]),
            None => description.split([',', '.']).next().unwrap().to_string(),
        }
    }
    fn nested(node: &Value) -> bool {
        let children = node["details"].as_array().map_or(&[][..], Vec::as_slice);
        children.iter().any(|child| {
            child["description"]
                .as_str()
                .unwrap()
                .starts_with("BooleanClause")
                || nested(child)
        })
    }
    let children = explanation["details"].as_array().unwrap();
    (children.iter().map(kind).collect(), nested(explanation))
}

#[test]
fn a_word_in_any_form_is_one_disjunction_of_its_terms() {
    // "phones" is `phones` and `~phone` in the index, "phone" is `phone`: the word in any
    // form reads `~phone` and `phone`, in the title and in the body, as one disjunction of
    // terms, not a disjunction of one per field (that would merge postings twice).
    let out = env().run(&[
        "search",
        "--format",
        "json",
        "--explain",
        "-n",
        "1",
        "phones",
    ]);
    assert!(out.status.code() == Some(0), "{}", stderr(&out));
    let hit = &crate::harness::json_lines(&out)[0];
    let (kinds, nested) = explained(&hit["explanation"]);
    assert!(kinds.len() >= 2, "{kinds:?}");
    assert!(kinds.iter().all(|k| k == "TermQuery"), "{kinds:?}");
    assert!(!nested, "{}", hit["explanation"]);
}
