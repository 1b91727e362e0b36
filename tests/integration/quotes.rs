//! Attributions: `morgue extract` gives each quote with its cue and speaker, and `morgue
//! eval quotes` scores a folder in the PolNeAR layout.

use serde_json::Value;

use crate::harness::{Env, json_lines, shared, stderr, stdout};

/// A story whose quotes are direct (cue after, cue before, split), reported and credited
/// to the company through "the company".
const STORY: &str = "Title: Harbour Freight opens a depot\n\n\
Harbour Freight Ltd will open a depot in Port Ellen, chief executive Margaret Okafor said on Monday.\n\n\
\u{201c}The valley has waited long enough,\u{201d} Ms Okafor told the Island Courier. \u{201c}We are ready.\u{201d}\n\n\
Councillor Dana Whitlow said: \u{201c}This is the best news the island has had in years.\u{201d}\n\n\
The company said the depot would employ forty people.\n";

fn quotes(line: &Value) -> &Vec<Value> {
    line["quotes"].as_array().expect("quotes")
}

#[test]
fn extract_gives_each_quote_with_its_content_cue_and_speaker_as_byte_offsets_into_the_body() {
    let env = Env::new();
    let path = env.write("depot.txt", STORY);
    let out = env.run(&["extract", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = json_lines(&out);
    let body = lines[0]["body"].as_str().unwrap();
    let quotes = quotes(&lines[0]);
    assert_eq!(quotes.len(), 4, "{quotes:#?}");
    let at = |q: &Value, start: &str, end: &str| -> String {
        let (s, e) = (
            q[start].as_u64().unwrap() as usize,
            q[end].as_u64().unwrap() as usize,
        );
        body[s..e].to_string()
    };
    let summary: Vec<(bool, String, String, String, String)> = (quotes.iter())
        .map(|q| {
            (
                q["direct"].as_bool().unwrap(),
                at(q, "cue_start", "cue_end"),
                at(q, "speaker_start", "speaker_end"),
                q["speaker_canonical"].as_str().unwrap_or("-").to_string(),
                q["speaker_type"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    let row = |direct, cue: &str, speaker: &str, canonical: &str, kind: &str| {
        (
            direct,
            cue.into(),
            speaker.into(),
            canonical.into(),
            kind.into(),
        )
    };
    assert_eq!(
        summary,
        [
            row(
                false,
                "said",
                "chief executive Margaret Okafor",
                "Margaret Okafor",
                "person"
            ),
            row(true, "told", "Ms Okafor", "Margaret Okafor", "person"),
            row(
                true,
                "said",
                "Councillor Dana Whitlow",
                "Dana Whitlow",
                "person"
            ),
            row(false, "said", "The company", "Harbour Freight", "company"),
        ]
    );
    // The split quote is one quote of two parts; `text` drops the marks.
    let split = &quotes[1];
    assert_eq!(split["parts"].as_array().unwrap().len(), 2, "{split}");
    assert_eq!(
        split["text"],
        "The valley has waited long enough, We are ready."
    );
    assert!(at(split, "start", "end").starts_with('\u{201c}'));
    assert_eq!(
        quotes[0]["text"],
        "Harbour Freight Ltd will open a depot in Port Ellen"
    );
}

#[test]
fn a_headline_and_a_transcripts_lines_are_read_for_quotes_with_offsets_into_their_field() {
    let env = Env::new();
    let story = "Title: Okafor Says Depot Will Open in May\n\n\
Chief executive Margaret Okafor spoke to the presenter Dana Whitlow on Island Radio.\n\n\
WHITLOW: Will the depot open before the ferry season begins?\n\n\
OKAFOR: It will, and we will hire forty people on the island.\n";
    let path = env.write("radio.txt", story);
    let out = env.run(&["extract", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = json_lines(&out);
    let line = &lines[0];
    let read = |q: &Value| -> (String, String, String, String) {
        let field = q["field"].as_str().unwrap();
        let text = line[field].as_str().unwrap();
        let slice = |start: &str, end: &str| {
            let (s, e) = (q[start].as_u64().unwrap(), q[end].as_u64().unwrap());
            text[s as usize..e as usize].to_string()
        };
        (
            field.to_string(),
            slice("cue_start", "cue_end"),
            slice("speaker_start", "speaker_end"),
            q["speaker_canonical"].as_str().unwrap_or("-").to_string(),
        )
    };
    let found: Vec<_> = quotes(line).iter().map(read).collect();
    let row = |field: &str, cue: &str, speaker: &str, canonical: &str| {
        (field.into(), cue.into(), speaker.into(), canonical.into())
    };
    assert_eq!(
        found,
        [
            row("title", "Says", "Okafor", "Margaret Okafor"),
            row("body", ":", "WHITLOW", "Dana Whitlow"),
            row("body", ":", "OKAFOR", "Margaret Okafor"),
        ],
        "{line}"
    );
    assert_eq!(quotes(line)[0]["text"], "Depot Will Open in May");
}

/// The same story in the PolNeAR layout, annotated with three attributions found (one of
/// them its headline's) and one (a belief, with no cue the list holds) that is not.
fn polnear_folder(env: &Env) -> String {
    let text = "Whitlow: Depot Will Bring Jobs\n\n\
\u{201c}The valley has waited long enough,\u{201d} Ms Okafor told the Island Courier.\n\n\
Councillor Dana Whitlow said the depot would employ forty people.\n\n\
Most islanders dreamed of a ferry instead.\n";
    let span = |needle: &str| {
        let byte = text.find(needle).unwrap();
        let start = text[..byte].chars().count();
        (start, start + needle.chars().count())
    };
    let mut ann = String::new();
    let mut t = 0;
    let mut e = 0;
    let mut attribution = |ann: &mut String, parts: &[(&str, &str)]| {
        let mut roles = Vec::new();
        for (role, needle) in parts {
            t += 1;
            let (s, end) = span(needle);
            ann.push_str(&format!("T{t}\t{role} {s} {end}\t{needle}\n"));
            roles.push(format!("{role}:T{t}"));
        }
        e += 1;
        ann.push_str(&format!("E{e}\tAttribution {}\n", roles.join(" ")));
    };
    attribution(
        &mut ann,
        &[
            (
                "Content",
                "\u{201c}The valley has waited long enough,\u{201d}",
            ),
            ("Cue", "told"),
            ("Source", "Ms Okafor"),
        ],
    );
    attribution(
        &mut ann,
        &[
            ("Source", "Councillor Dana Whitlow"),
            ("Cue", "said"),
            ("Content", "the depot would employ forty people"),
        ],
    );
    attribution(
        &mut ann,
        &[
            ("Source", "Whitlow"),
            ("Cue", ":"),
            ("Content", "Depot Will Bring Jobs"),
        ],
    );
    attribution(
        &mut ann,
        &[
            ("Source", "Most islanders"),
            ("Cue", "dreamed"),
            ("Content", "of a ferry instead"),
        ],
    );
    env.write("polnear/text/depot.txt", text);
    env.write("polnear/attributions/depot_ab12.ann", ann);
    env.corpus().join("polnear").to_str().unwrap().to_string()
}

#[test]
fn eval_quotes_scores_a_polnear_folder_and_lists_its_misses() {
    let env = Env::new();
    let dir = polnear_folder(&env);
    let out = env.run(&["eval", "quotes", &dir]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("(1 documents)"), "{report}");
    assert!(
        report.contains("all attributions  content P 1.000  R 0.750  F1 0.857  (found 3, gold 4, matched 3)  speaker accuracy 1.000 (3/3)"),
        "{report}"
    );
    assert!(
        report.contains(
            "direct quotes     content P 1.000  R 1.000  F1 1.000  (found 1, gold 1, matched 1)"
        ),
        "{report}"
    );
    let out = env.run(&["eval", "quotes", "--misses", &dir]);
    let report = stdout(&out);
    let misses: Vec<&str> = (report.lines())
        .skip_while(|l| !l.contains("misses:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(
        misses,
        ["  depot\tmissed\tindirect\tof a ferry instead\tcue: dreamed"],
        "{report}"
    );

    let out = env.run(&[
        "eval",
        "quotes",
        env.home().join("nothing").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing"), "{}", stderr(&out));
}

#[test]
fn the_seed_article_credits_its_quotes_to_pompeo_tiktok_and_mnuchin() {
    let Some(seed) = shared("seeds/000_185b856e47a8f1c7.txt") else {
        return;
    };
    let env = Env::new();
    let out = env.run(&["extract", seed.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = json_lines(&out);
    let speakers: Vec<(&str, &str, &str)> = (quotes(&lines[0]).iter())
        .map(|q| {
            (
                q["cue"].as_str().unwrap_or("-"),
                q["speaker"].as_str().unwrap_or("-"),
                q["speaker_canonical"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    for expected in [
        ("told", "Mr Pompeo", "Mike Pompeo"),
        ("said", "a TikTok spokesperson", "TikTok"),
        (
            "said",
            "Treasury Secretary Steven Mnuchin",
            "Steven Mnuchin",
        ),
        ("told", "Mr Mnuchin", "Steven Mnuchin"),
        ("says", "TikTok", "TikTok"),
    ] {
        assert!(
            speakers.contains(&expected),
            "{expected:?} not in {speakers:#?}"
        );
    }
}

#[test]
fn polnear_dev_keeps_its_measured_figures() {
    let Some(dev) = shared("corpora/polnear/dev") else {
        return;
    };
    let out = Env::new().run(&["eval", "quotes", dev.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    // "F1 0.907 … speaker accuracy 0.919 … F1 0.656": the figures the README gives, less a
    // margin.
    let figure = |line: &str, name: &str| -> f64 {
        let line = report.lines().find(|l| l.contains(line)).unwrap();
        let at = line.find(name).unwrap() + name.len();
        line[at..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(figure("direct quotes", "F1") >= 0.89, "{report}");
    assert!(
        figure("direct quotes", "speaker accuracy") >= 0.89,
        "{report}"
    );
    assert!(figure("all attributions", "F1") >= 0.64, "{report}");
}

/// Three stories: Margaret Okafor is quoted in two, Dana Whitlow in one, and one names
/// Whitlow without quoting her.
fn quoted_archive() -> Env {
    let env = Env::new();
    env.write("depot.txt", STORY);
    env.write(
        "rail.txt",
        "Title: Rail link plan revived\nDate: 2021-03-02\n\n\
         The island's rail link is back on the table.\n\n\
         \u{201c}The rail link is overdue,\u{201d} Harbour Freight chief executive Margaret Okafor said.\n\n\
         Ferry fares will rise by a fifth next year, according to the harbour board.\n",
    );
    env.write(
        "council.txt",
        "Title: Council meets on ferry fares\nDate: 2021-03-05\n\n\
         Councillor Dana Whitlow chaired the meeting on ferry fares on Friday.\n\n\
         The board will publish its accounts in April.\n",
    );
    let out = env.run(&["index", env.corpus().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    env
}

#[test]
fn quotes_are_indexed_and_asked_for_by_speaker_and_by_their_words() {
    let env = quoted_archive();

    let out = env.run(&["quotes", "--speaker", "okafor", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = json_lines(&out);
    let speakers: Vec<&str> = (lines.iter())
        .map(|l| l["speaker_canonical"].as_str().unwrap())
        .collect();
    assert_eq!(speakers, ["Margaret Okafor"; 3], "{lines:#?}");
    // Newest article first: the rail story (dated) before the undated depot story.
    assert!(
        lines[0]["id"].as_str().unwrap().ends_with("rail.txt"),
        "{lines:#?}"
    );
    assert_eq!(lines[0]["published"], "2021-03-02");
    assert_eq!(lines[0]["schema_version"], 4);

    let out = env.run(&["quotes", "quote:\"rail link\"", "--format", "json"]);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert_eq!(lines[0]["text"], "The rail link is overdue,");
    assert_eq!(lines[0]["direct"], true);

    let out = env.run(&["quotes", "--speaker", "nobody here"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    // `said:` finds the articles quoting Whitlow, not those naming her; the hit carries the
    // quote that matched, and a hit of a query without `said:` or `quote:` carries none.
    let out = env.run(&["search", "said:whitlow", "--format", "json"]);
    let hits = json_lines(&out);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert!(hits[0]["id"].as_str().unwrap().ends_with("depot.txt"));
    let carried = hits[0]["quotes"].as_array().unwrap();
    assert_eq!(carried.len(), 1, "{carried:#?}");
    assert_eq!(carried[0]["speaker_canonical"], "Dana Whitlow");
    // As text, the hit prints the quote under its snippet.
    let text = stdout(&env.run(&["search", "said:whitlow"]));
    let lines: Vec<&str> = (text.lines()).filter(|l| l.starts_with("   > ")).collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(lines[0].starts_with("   > Dana Whitlow"), "{text}");
    let text = stdout(&env.run(&["search", "whitlow"]));
    assert!(!text.contains("   > "), "{text}");
    let out = env.run(&["search", "whitlow", "--format", "json"]);
    let hits = json_lines(&out);
    assert_eq!(hits.len(), 2, "{hits:#?}");
    assert!(
        hits.iter()
            .all(|h| h["quotes"].as_array().unwrap().is_empty())
    );
    let out = env.run(&["search", "quote:overdue", "--format", "json"]);
    let hits = json_lines(&out);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert!(hits[0]["id"].as_str().unwrap().ends_with("rail.txt"));

    // Who is quoted most: Okafor in two stories, then the others in one.
    let out = env.run(&["entities", "--quoted", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ranked: Vec<(String, u64)> = (json_lines(&out).iter())
        .map(|l| {
            (
                l["name"].as_str().unwrap().to_string(),
                l["articles"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(ranked[0], ("Margaret Okafor".to_string(), 2), "{ranked:?}");
    assert!(
        ranked.contains(&("Dana Whitlow".to_string(), 1)),
        "{ranked:?}"
    );
    let out = env.run(&["entities", "--quoted", "ferry", "--format", "json"]);
    let ranked: Vec<String> = (json_lines(&out).iter())
        .map(|l| l["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ranked, ["Margaret Okafor"], "{ranked:?}");
}

#[test]
fn a_headlines_quote_is_indexed_and_listed_with_its_words_from_the_title() {
    let env = Env::new();
    env.write(
        "depot.txt",
        "Title: Okafor: Depot Will Open in May\n\n\
         Harbour Freight chief executive Margaret Okafor visited the site on Monday.\n",
    );
    let out = env.run(&["index", env.corpus().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = env.run(&["quotes", "--speaker", "okafor", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = json_lines(&out);
    let listed: Vec<(&str, &str, &str)> = (lines.iter())
        .map(|l| {
            (
                l["text"].as_str().unwrap(),
                l["cue"].as_str().unwrap(),
                l["speaker_canonical"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [("Depot Will Open in May", ":", "Margaret Okafor")],
        "{lines:#?}"
    );
}
