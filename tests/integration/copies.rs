//! Copies of a story: found at index time, shown once in search, kept across incremental
//! runs, and each kind of copy the generator makes found through the real binary.

use morgue::eval::copies::{self, Edit, Rng, Story};
use serde_json::Value;

use crate::harness::Env;

/// A story of the kind news archives hold, written for these tests.
fn harbour_story() -> Story {
    Story::new(
        "Dock strike closes the port of Veldhaven",
        "Dock workers at Veldhaven walked out on Monday after talks on pay broke down, closing \
         the container terminals of the country's second port for at least three days, the \
         Harbour Workers Union said.\n\n\
         Union leader Mara Quill said members had rejected an offer of 2.5 percent and would \
         not return before the port authority improved it. \"We have waited two years for a \
         fair offer,\" she told reporters outside the terminal gates.\n\n\
         Shipping lines diverted at least 14 vessels to Antwerp and Hamburg, and freight \
         forwarders warned that supermarkets could run short of fresh fruit by the weekend.\n\n\
         The port authority said it regretted the disruption and called for a quick return to \
         negotiations. Veldhaven handled 9.1 million containers last year.",
    )
}

/// Another story on the same subject: a strike, but another port, other people, figures.
fn other_strike() -> Story {
    Story::new(
        "Rail freight halted as signal staff strike",
        "Signal staff on the northern rail network began a 48-hour strike on Tuesday, halting \
         most freight trains between Lendsburg and the coast, the operator Nordrail said.\n\n\
         The Signallers Guild, led by Tomas Brenner, wants a 6 percent rise over two years. \
         Nordrail has offered 3.1 percent and said the strike would cost shippers 40 million \
         crowns a day.\n\n\
         Passenger services were running on about half of their usual timetable, with buses \
         replacing trains on three branch lines until Thursday.",
    )
}

fn write(env: &Env, name: &str, story: &Story, day: &str) {
    let text = format!("Title: {}\nDate: {day}\n\n{}\n", story.title, story.body());
    env.write(name, text);
}

/// The ids of the hits of a JSON search, with their `copies`.
fn hits(env: &Env, args: &[&str]) -> Vec<(String, u64)> {
    let (_, lines) = env.json(args);
    lines
        .iter()
        .map(|hit: &Value| {
            let id = hit["id"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            (id, hit["copies"].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn copies_show_once_and_follow_incremental_runs() {
    let env = Env::new();
    let story = harbour_story();
    let mut rng = Rng::new(5);
    let copy = copies::copy(&story, Edit::DatelineAndCredit, &other_strike(), &mut rng);
    write(&env, "wire.txt", &story, "2024-03-04");
    write(&env, "paper.txt", &copy, "2024-03-05");
    write(&env, "rail.txt", &other_strike(), "2024-03-05");
    env.index();

    // One hit for the story (its best-placed copy), saying it stands for one copy; the
    // rail strike apart.
    let found = hits(&env, &["search", "strike"]);
    assert_eq!(found.len(), 2, "{found:?}");
    let harbour: Vec<_> = found.iter().filter(|(id, _)| id != "rail.txt").collect();
    assert_eq!(harbour.len(), 1, "{found:?}");
    assert_eq!(harbour[0].1, 1, "{found:?}");
    assert!(found.contains(&("rail.txt".to_string(), 0)), "{found:?}");
    // Every copy on asking, each carrying the cluster.
    let (_, all) = env.json(&["search", "--all-copies", "veldhaven"]);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["cluster"], all[1]["cluster"]);
    assert!(all[0]["cluster"].as_str().unwrap().ends_with("wire.txt"));

    // `duplicates` lists the cluster, the earliest first, with what the copy changed: its
    // lead, with a dateline before it (the credit line after the last paragraph is the
    // kind of footer extraction strips).
    let (code, clusters) = env.json(&["duplicates"]);
    assert_eq!((code, clusters.len()), (0, 1), "{clusters:?}");
    let members = clusters[0]["members"].as_array().unwrap();
    assert!(members[0]["id"].as_str().unwrap().ends_with("wire.txt"));
    assert_eq!(members[1]["same_title"], true);
    assert_eq!(members[1]["exact"], false);
    assert_eq!(members[1]["paragraphs_added"], 1, "{members:?}");
    assert_eq!(members[1]["paragraphs_dropped"], 1, "{members:?}");
    let (_, none) = env.json(&["duplicates", "signal"]);
    assert!(none.is_empty(), "{none:?}");
    // `show` names an article's copies.
    let wire = env.corpus().join("wire.txt");
    let (_, shown) = env.json(&["show", wire.to_str().unwrap()]);
    let copies = shown[0]["copies"].as_array().unwrap();
    assert_eq!(copies.len(), 1);
    assert!(copies[0].as_str().unwrap().ends_with("paper.txt"));

    // A later run adds a third copy: it joins the cluster, whose table is rebuilt.
    let third = copies::copy(&story, Edit::TruncatedToHalf, &other_strike(), &mut rng);
    write(&env, "brief.txt", &third, "2024-03-05");
    env.index();
    let found = hits(&env, &["search", "veldhaven"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, 2, "{found:?}");

    // The earliest copy removed: the cluster stays, with a new representative.
    std::fs::remove_file(env.corpus().join("wire.txt")).unwrap();
    env.index();
    let found = hits(&env, &["search", "veldhaven"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, 1, "{found:?}");

    // A table lost (a run killed before writing it) is rebuilt by the next answer.
    std::fs::remove_file(env.index_dir().join("copies.tsv")).unwrap();
    assert_eq!(hits(&env, &["search", "veldhaven"]).len(), 1);
}

#[test]
fn every_kind_of_generated_copy_is_found_and_a_story_on_the_same_subject_is_not() {
    let env = Env::new();
    let story = harbour_story();
    let mut rng = Rng::new(11);
    write(&env, "original.txt", &story, "2024-03-04");
    write(&env, "other.txt", &other_strike(), "2024-03-04");
    for (n, edit) in Edit::ALL.into_iter().enumerate() {
        let copy = copies::copy(&story, edit, &other_strike(), &mut rng);
        write(&env, &format!("copy-{n}.txt"), &copy, "2024-03-04");
    }
    env.index();
    let table = std::fs::read_to_string(env.index_dir().join("copies.tsv")).unwrap();
    let clusters: std::collections::HashMap<&str, &str> = table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let cluster = fields.next()?;
            Some((fields.next()?.rsplit('/').next()?, cluster))
        })
        .collect();
    let original = clusters
        .get("original.txt")
        .expect("the original has copies");
    for (n, edit) in Edit::ALL.into_iter().enumerate() {
        let name = format!("copy-{n}.txt");
        assert_eq!(
            clusters.get(name.as_str()),
            Some(original),
            "{edit:?}: {table}"
        );
    }
    assert!(!clusters.contains_key("other.txt"), "{table}");
}
