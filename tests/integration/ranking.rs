//! End-to-end tests of how entity queries rank and quote: a folder of small articles the test
//! writes itself, indexed once, searched through the real binary with `--format json`.

use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use crate::harness::{Env, json_lines, stderr};

/// The articles: one person, named centrally, in passing, early, late, or in the title only.
const ARTICLES: &[(&str, &str)] = &[
    (
        "profile.txt",
        "Title: Profile: Gordon Brown\nDate: 2005-03-10\n\n\
         Gordon Brown has held the keys to the Treasury for eight years and is widely seen as \
         the next leader of his party.\n\n\
         Born in Glasgow, Mr Brown studied history at Edinburgh before entering parliament in \
         1983.\n\n\
         Colleagues describe Brown as a tireless worker who reads every page of every briefing.\n\n\
         His long rivalry with Tony Blair has shaped the government since 1997, and Mr Brown \
         rarely speaks of it.\n\n\
         Supporters say Gordon Brown would bring a steadier hand to Downing Street and a fund \
         for new schools.\n",
    ),
    (
        "warning.txt",
        "Title: Gordon Brown warns on spending\nDate: 2005-03-14\n\n\
         Ministers were told on Monday to find savings in their departments.\n\n\
         Mr Brown told MPs that the coming year would be a hard one for every budget.\n",
    ),
    (
        "bridge.txt",
        "Title: Gordon Brown opens new Forth crossing\nDate: 2005-03-13\n\n\
         The chancellor cut the ribbon on Friday morning in front of a crowd of several hundred \
         people.\n\n\
         The crossing carries a footpath and a cycle lane beside the road.\n",
    ),
    (
        "budget.txt",
        "Title: Budget plans leave pension funds uneasy\nDate: 2005-03-11\n\n\
         Chancellor Gordon Brown set out plans on Wednesday to change how pension funds are \
         taxed.\n\n\
         Fund managers in the City said the changes would cost savers money over the next \
         decade.\n\n\
         The trade body for the industry asked for more time to study the detail of the plans.\n",
    ),
    (
        "harbour.txt",
        "Title: Harbour wall repairs finish early in Oban\nDate: 2005-03-12\n\n\
         Work to rebuild the harbour wall in Oban has finished three weeks ahead of schedule, \
         the council said on Tuesday.\n\n\
         Engineers replaced more than two hundred metres of stone that storms had loosened last \
         winter, and the fund paid for it.\n\n\
         Fishing boats had been moored in the outer bay while the work went on.\n\n\
         Local traders said the fund had saved the summer season.\n\n\
         The fund was announced last year by Gordon Brown.\n",
    ),
    (
        "ferry.txt",
        "Title: Ferry timetable changes for the winter\nDate: 2005-03-15\n\n\
         The island ferry will sail twice a day from November, the operator said, and a fund \
         will help pay for the extra crew.\n",
    ),
    (
        "library.txt",
        "Title: Library opens a reading room for children\nDate: 2005-03-16\n\n\
         The town library opened a new reading room on Saturday after a year of building work.\n",
    ),
];

/// The hits of a JSON search, all of them.
fn search_hits(env: &Env, query: &str) -> Vec<Value> {
    let out = env.run(&["search", "-n", "100", "--format", "json", query]);
    assert!(out.status.code() == Some(0), "{query}: {}", stderr(&out));
    json_lines(&out)
}

/// The file names of a search's hits, in rank order.
fn names(env: &Env, query: &str) -> Vec<String> {
    search_hits(env, query).iter().map(file_name).collect()
}

fn file_name(hit: &Value) -> String {
    let id = hit["id"].as_str().unwrap();
    Path::new(id)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// The articles written and indexed once for all tests.
fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let env = Env::kept("ranking-tests");
        for (name, text) in ARTICLES {
            env.write(name, text);
        }
        let out = env.run(&["index", env.corpus().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        env
    })
}

/// The highlighted parts of a hit's snippet.
fn marked(hit: &Value) -> Vec<String> {
    let snippet = hit["snippet"].as_str().unwrap();
    hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (start, end) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
            snippet[start as usize..end as usize].to_string()
        })
        .collect()
}

#[test]
fn entity_queries_rank_by_how_central_the_entity_is() {
    let env = env();
    // In the title and named throughout first; in the title and once early next; in the title
    // only; once in the first line; once in the last line.
    let central = [
        "profile.txt",
        "warning.txt",
        "bridge.txt",
        "budget.txt",
        "harbour.txt",
    ];
    assert_eq!(names(env, "person:\"gordon brown\""), central);
    assert_eq!(names(env, "person:brown"), central);
    assert_eq!(names(env, "person:BROWN date:2005"), central);
    assert_eq!(
        names(env, "person:brown AND NOT place:oban"),
        central[..4].to_vec()
    );
    assert_eq!(names(env, "place:oban"), ["harbour.txt"]);
    // `--explain` shows the weight as the term's frequency: 4 for the title, 5 body mentions
    // ("Gordon Brown", "Mr Brown", "Brown"), 2 for naming him in the first line.
    let out = env.run(&[
        "search",
        "person:brown",
        "--explain",
        "-n",
        "1",
        "--format",
        "json",
    ]);
    let top = &json_lines(&out)[0];
    assert_eq!(file_name(top), "profile.txt");
    assert_eq!(freqs(&top["explanation"]), [11.0]);
}

/// The term frequencies an explanation tree reports.
fn freqs(explanation: &Value) -> Vec<f64> {
    let mut out = Vec::new();
    if explanation["description"]
        .as_str()
        .is_some_and(|d| d.starts_with("freq,"))
    {
        out.push(explanation["value"].as_f64().unwrap());
    }
    for detail in explanation["details"].as_array().into_iter().flatten() {
        out.extend(freqs(detail));
    }
    out
}

#[test]
fn entity_hits_quote_the_sentence_naming_the_entity() {
    let env = env();
    let hits = search_hits(env, "person:\"gordon brown\"");
    let by_name = |name: &str| hits.iter().find(|h| file_name(h) == name).unwrap();
    let check = |name: &str, snippet: &str, marks: &[&str]| {
        let hit = by_name(name);
        assert_eq!(hit["snippet"], snippet, "{name}");
        assert_eq!(marked(hit), marks, "{name}");
    };
    check(
        "harbour.txt",
        "The fund was announced last year by Gordon Brown.",
        &["Gordon Brown"],
    );
    // The surname alone names him in the body; the title alone when the body never does.
    check(
        "warning.txt",
        "Mr Brown told MPs that the coming year would be a hard one for every budget.",
        &["Brown"],
    );
    check(
        "bridge.txt",
        "Gordon Brown opens new Forth crossing",
        &["Gordon Brown"],
    );
    check(
        "profile.txt",
        "Gordon Brown has held the keys to the Treasury for eight years and is widely seen as \
         the next leader of his party.",
        &["Gordon Brown"],
    );
    // Every entity of the query is looked for; the earliest sentence naming one wins.
    let hits = search_hits(env, "person:brown place:oban");
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0]["snippet"],
        "Work to rebuild the harbour wall in Oban has finished three weeks ahead of schedule, \
         the council said on Tuesday."
    );
    assert_eq!(marked(&hits[0]), ["Oban"]);
}

#[test]
fn mixed_and_word_queries_rank_by_their_words() {
    let env = env();
    // Word-only ranking is BM25 over title and body, any form of the word counting: the
    // article whose title names "funds" comes first, then the one saying "fund" most often.
    let words = names(env, "fund");
    assert_eq!(words[..2], ["budget.txt", "harbour.txt"], "{words:?}");
    // With an entity filter the words still decide, whatever the entity's centrality.
    let brown = names(env, "person:brown");
    let expected: Vec<String> = words.into_iter().filter(|n| brown.contains(n)).collect();
    assert_eq!(names(env, "fund person:brown"), expected);
    // The snippet of a mixed query quotes the words, in every form they take.
    let hits = search_hits(env, "fund person:brown");
    let marks = marked(&hits[0]);
    assert!(marks.iter().any(|m| m == "funds"), "{marks:?}");
    assert!(
        marks
            .iter()
            .all(|m| ["fund", "funds"].contains(&m.to_lowercase().as_str())),
        "{marks:?}"
    );
}
