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
    // kind of footer extraction strips). Past the dateline, the words are the same.
    let (code, clusters) = env.json(&["duplicates"]);
    assert_eq!((code, clusters.len()), (0, 1), "{clusters:?}");
    let members = clusters[0]["members"].as_array().unwrap();
    assert!(members[0]["id"].as_str().unwrap().ends_with("wire.txt"));
    assert_eq!(members[1]["same_title"], true);
    assert_eq!(members[1]["exact"], true);
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

    // A later run adds a third copy: it joins the cluster, whose table is rebuilt (and the
    // table file of an earlier version, morgue's own, goes).
    let earlier = env.index_dir().join("copies.tsv");
    std::fs::write(&earlier, "# morgue copies 1\topstamp\t1\n").unwrap();
    let third = copies::copy(&story, Edit::TruncatedToHalf, &other_strike(), &mut rng);
    write(&env, "brief.txt", &third, "2024-03-05");
    env.index();
    assert!(!earlier.exists());
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
    std::fs::remove_file(env.index_dir().join("copies.bin")).unwrap();
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
    let (_, table) = env.json(&["duplicates", "-n", "100"]);
    let name = |id: &Value| id.as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let clusters: std::collections::HashMap<String, String> = (table.iter())
        .flat_map(|cluster| {
            let members = cluster["members"].as_array().unwrap();
            members
                .iter()
                .map(|m| (name(&m["id"]), name(&cluster["cluster"])))
        })
        .collect();
    let original = clusters
        .get("original.txt")
        .expect("the original has copies");
    for (n, edit) in Edit::ALL.into_iter().enumerate() {
        let name = format!("copy-{n}.txt");
        assert_eq!(clusters.get(&name), Some(original), "{edit:?}: {table:?}");
    }
    assert!(!clusters.contains_key("other.txt"), "{table:?}");
}

/// The count a JSON line of `entities` gives a person, and what it counted.
fn person_count(lines: &[Value], name: &str) -> (u64, String) {
    let line = (lines.iter())
        .find(|l| l["type"] == "person" && l["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {lines:?}"));
    let counted = line["counted"].as_str().unwrap().to_string();
    (line["articles"].as_u64().unwrap(), counted)
}

/// Per day, the count of a JSON timeline.
fn days(lines: &[Value]) -> Vec<(String, u64)> {
    (lines.iter())
        .map(|l| (l["bucket"].to_string(), l["articles"].as_u64().unwrap()))
        .collect()
}

#[test]
fn answers_count_stories_unless_asked_for_every_copy() {
    let env = Env::new();
    let story = harbour_story();
    let copy = copies::copy(
        &story,
        Edit::DatelineAndCredit,
        &other_strike(),
        &mut Rng::new(5),
    );
    write(&env, "wire.txt", &story, "2024-03-04");
    write(&env, "paper.txt", &copy, "2024-03-05");
    write(&env, "rail.txt", &other_strike(), "2024-03-05");
    env.index();

    // Entities: the story's people once, over the index and over a query's matches.
    let (_, all) = env.json(&["entities", "--type", "person"]);
    assert_eq!(person_count(&all, "Mara Quill"), (1, "stories".into()));
    assert_eq!(person_count(&all, "Tomas Brenner"), (1, "stories".into()));
    let (_, files) = env.json(&["entities", "--type", "person", "--copies"]);
    assert_eq!(person_count(&files, "Mara Quill"), (2, "articles".into()));
    let (_, matched) = env.json(&["entities", "veldhaven"]);
    assert_eq!(person_count(&matched, "Mara Quill").0, 1);
    let (_, matched) = env.json(&["entities", "veldhaven", "--copies"]);
    assert_eq!(person_count(&matched, "Mara Quill").0, 2);

    // Timeline: the story on the day of its first copy.
    let (_, timeline) = env.json(&["timeline", "--by", "day"]);
    let day = |d: &str, n: u64| (format!("\"{d}\""), n);
    assert_eq!(
        days(&timeline),
        [day("2024-03-04", 1), day("2024-03-05", 1)]
    );
    assert!(timeline.iter().all(|l| l["counted"] == "stories"));
    let (_, timeline) = env.json(&["timeline", "--by", "day", "--copies"]);
    assert_eq!(
        days(&timeline),
        [day("2024-03-04", 1), day("2024-03-05", 2)]
    );

    // Related: the 2×2 tables count stories.
    let (_, related) = env.json(&["related", "mara quill", "--min-count", "1"]);
    assert!(!related.is_empty());
    assert_eq!(related[0]["entity"]["articles"], 1, "{related:?}");
    assert_eq!(related[0]["together"], 1, "{related:?}");
    assert_eq!(related[0]["counted"], "stories");
    let (_, related) = env.json(&["related", "mara quill", "--min-count", "1", "--copies"]);
    assert_eq!(related[0]["entity"]["articles"], 2, "{related:?}");
    assert_eq!(related[0]["together"], 2, "{related:?}");

    // Stats and search counts.
    let (_, stats) = env.json(&["stats"]);
    let s = &stats[0];
    assert_eq!(
        (&s["articles"], &s["stories"], &s["clusters"], &s["copies"]),
        (&3.into(), &2.into(), &1.into(), &1.into()),
        "{s}"
    );
    assert_eq!(s["counted"], "stories");
    let (_, count) = env.json(&["search", "--count", "veldhaven"]);
    assert_eq!(
        (&count[0]["total"], &count[0]["articles"]),
        (&1.into(), &2.into())
    );
    assert_eq!(count[0]["counted"], "stories");
    let (_, count) = env.json(&["search", "--count", "--all-copies", "veldhaven"]);
    assert_eq!(count[0]["total"], 2);

    // Text says what it counted.
    let text = |args: &[&str]| crate::harness::stdout(&env.run(args));
    let last = |out: String| out.lines().last().unwrap_or_default().to_string();
    assert!(
        last(text(&["entities"])).starts_with("counted in stories: 1 cluster of copies"),
        "{}",
        text(&["entities"])
    );
    assert!(last(text(&["timeline", "--copies"])).starts_with("counted in articles"));
    assert!(
        last(text(&["search", "veldhaven"]))
            .starts_with("1 of 1 matching story (2 articles with their copies")
    );
}

#[test]
fn a_page_of_stories_is_the_ranked_articles_with_each_cluster_once() {
    let env = Env::new();
    for (name, day) in [
        ("a.txt", "2020-03-02"),
        ("b.txt", "2020-03-02"),
        ("c.txt", "2020-03-03"),
    ] {
        write(&env, name, &harbour_story(), day);
    }
    for (name, day) in [("d.txt", "2020-05-11"), ("e.txt", "2020-05-12")] {
        write(&env, name, &other_strike(), day);
    }
    for i in 0..6 {
        let day = format!("2020-0{}-1{i}", 1 + i % 4);
        let text = format!(
            "Title: Brief {i}\nDate: {day}\n\nA strike by {} staff at plant {i} ended after a \
             {}-day walkout over pay.\n",
            ["bus", "bank", "mill", "postal", "ferry", "school"][i],
            i + 2
        );
        env.write(&format!("brief{i}.txt"), text);
    }
    env.write(
        "undated.txt",
        "Title: Undated strike\n\nThe strike at the quarry went on.\n",
    );
    env.index();
    for sort in ["relevance", "newest", "oldest"] {
        // Every article, ranked, each cluster kept at its first (best placed) member.
        let (_, all) = env.json(&[
            "search",
            "--all-copies",
            "-n",
            "100",
            "--sort",
            sort,
            "strike",
        ]);
        let mut seen = std::collections::HashSet::new();
        let expected: Vec<String> = (all.iter())
            .filter(|hit| {
                hit["cluster"]
                    .as_str()
                    .is_none_or(|c| seen.insert(c.to_string()))
            })
            .map(|hit| hit["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(expected.len(), 9, "{sort}: {expected:?}");
        for offset in 0..expected.len() {
            let offset_text = offset.to_string();
            let (_, page) = env.json(&[
                "search",
                "-n",
                "2",
                "--offset",
                &offset_text,
                "--sort",
                sort,
                "strike",
            ]);
            let ids: Vec<&str> = page.iter().map(|h| h["id"].as_str().unwrap()).collect();
            let want = &expected[offset..(offset + 2).min(expected.len())];
            assert_eq!(ids, want, "{sort} from {offset}");
        }
    }
}

/// A long story (about 300 words): long enough that a third of it is no brief.
fn long_harbour_story() -> Story {
    let mut story = harbour_story();
    story.paragraphs.extend(
        [
            "Economists at Nordbank estimated that each day of the stoppage would cut about \
             0.1 percentage points from quarterly growth, because most of the region's \
             exports of machinery and chemicals leave through the container quays.",
            "The transport minister, Ilse Varga, said she would meet both sides on Wednesday \
             but ruled out emergency legislation. \"A settlement has to come from the table, \
             not from parliament,\" she said after a cabinet meeting in the capital.",
            "At the terminal gates, pickets handed leaflets to lorry drivers and asked them \
             to turn back. Police said the protest was peaceful and that no arrests had been \
             made by the evening.",
            "The last strike at Veldhaven, in 2019, lasted eleven days and ended with a \
             two-year agreement that expired in January. Employers say wage costs at the port \
             have risen faster than at its rivals on the North Sea coast since then.",
        ]
        .map(String::from),
    );
    story
}

#[test]
fn versions_under_one_headline_are_one_story_and_a_template_report_is_not() {
    let env = Env::new();
    let story = long_harbour_story();
    let mut rng = Rng::new(3);
    let third = copies::copy(&story, Edit::TrimmedToThird, &other_strike(), &mut rng);
    let thrice = copies::copy(&story, Edit::ExtendedToThrice, &other_strike(), &mut rng);
    write(&env, "story.txt", &story, "2024-03-04");
    write(&env, "print.txt", &third, "2024-03-05");
    write(&env, "full.txt", &thrice, "2024-03-04");
    // The wire's first take: a brief of the story's opening words, under its headline.
    let mut flash = story.clone();
    let opening: Vec<&str> = story.paragraphs[0].split_whitespace().take(30).collect();
    flash.paragraphs = vec![opening.join(" ")];
    write(&env, "flash.txt", &flash, "2024-03-04");
    // A daily report under one headline: the same opening, other figures each day.
    let report = |ships: u32, boxes: &str| {
        Story::new(
            "Veldhaven port traffic report",
            &format!(
                "The port authority of Veldhaven publishes its daily traffic report for \
                 shipping lines, forwarders, hauliers and the harbour pilots, with the \
                 vessels handled at the container quays, the bulk terminals and the ferry \
                 berths, and the state of the approach channel, the locks and the bridges \
                 over the inner harbour.\n\n\
                 Vessels handled: {ships}. Containers moved: {boxes}. Waiting at anchor: \
                 {}. Lock delays: {} minutes.",
                ships / 4,
                ships % 7 + 5
            ),
        )
    };
    write(&env, "report-1.txt", &report(212, "31,450"), "2024-03-04");
    write(&env, "report-2.txt", &report(198, "28,905"), "2024-03-05");
    env.index();

    let (_, table) = env.json(&["duplicates", "-n", "100"]);
    let name = |id: &Value| id.as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let mut clusters: Vec<Vec<String>> = (table.iter())
        .map(|cluster| {
            let members = cluster["members"].as_array().unwrap();
            let mut names: Vec<String> = members.iter().map(|m| name(&m["id"])).collect();
            names.sort();
            names
        })
        .collect();
    clusters.sort();
    assert_eq!(
        clusters,
        vec![vec!["flash.txt", "full.txt", "print.txt", "story.txt"]],
        "{table:?}"
    );
    // Searching the headline shows the story once, standing for its three other versions.
    let found = hits(&env, &["search", "title:\"dock strike closes the port\""]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, 3, "{found:?}");
}

/// A made-up word for article `n`'s `k`th place: letters only, one of 4,096.
fn made_up_word(n: usize, k: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "nu", "pe", "ri", "so", "tu", "va", "we", "xo", "yi", "zu", "be", "do",
        "fa",
    ];
    // A mix of both numbers (a linear one would make every article a shifted window of
    // one sequence: copies of one another).
    let mut x = (n as u64) << 32 | k as u64;
    x = (x ^ (x >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    let mut index = (x ^ (x >> 31)) as usize % 4096;
    let mut word = String::new();
    for _ in 0..3 {
        word.push_str(SYLLABLES[index % 16]);
        index /= 16;
    }
    word
}

#[test]
fn a_page_of_stories_over_many_matches_is_the_best_stories_of_them_all() {
    // 400 stories, 20 of them printed twice a day apart, all matching one word, their
    // scores differing by length and frequency: more matches than the collector keeps
    // before it cuts its picks down to a page and raises the floor a match must pass.
    let env = Env::new();
    for story in 0..400 {
        let words = 60 + story * 37 % 150;
        let mut body: Vec<String> = (0..words).map(|k| made_up_word(story, k)).collect();
        for k in 0..=story * 13 % 5 {
            body[k * 11 % words] = "harbour".into();
        }
        let harbour = if story % 53 == 7 { " harbour" } else { "" };
        let title = format!(
            "Notes on {} {}{harbour}",
            made_up_word(story, 500),
            made_up_word(story, 501)
        );
        let text = |day: &str| format!("Title: {title}\nDate: {day}\n\n{}.\n", body.join(" "));
        env.write(&format!("s{story:03}-a.txt"), text("2024-03-04"));
        if story < 20 {
            env.write(&format!("s{story:03}-b.txt"), text("2024-03-05"));
        }
    }
    env.index();

    // Every match, scored, in order; a story is its cluster, or the article when alone.
    let story_of = |hit: &Value| match hit["cluster"].as_str() {
        Some(cluster) => cluster.to_string(),
        None => hit["id"].as_str().unwrap().to_string(),
    };
    let (_, every) = env.json(&["search", "harbour", "--all-copies", "-n", "1000"]);
    assert_eq!(every.len(), 420);
    let mut best: Vec<String> = Vec::new();
    for hit in &every {
        let story = story_of(hit);
        if !best.contains(&story) {
            best.push(story);
        }
    }
    assert_eq!(best.len(), 400);
    for n in [1, 3, 10, 50] {
        let (_, page) = env.json(&["search", "harbour", "-n", &n.to_string()]);
        let found: Vec<String> = page.iter().map(story_of).collect();
        assert_eq!(found, best[..n], "top {n}");
        let (_, page) = env.json(&["search", "harbour", "--all-copies", "-n", &n.to_string()]);
        assert_eq!(page, every[..n], "top {n} articles");
        let text = crate::harness::stdout(&env.run(&["search", "harbour", "-n", &n.to_string()]));
        let last = text.lines().last().unwrap_or_default();
        assert!(
            last.starts_with(&format!("{n} of 400 matching stories (420 articles")),
            "{last}"
        );
    }
}

#[test]
fn a_cluster_of_copies_alike_in_day_and_length_is_named_by_its_first_path() {
    // Two files holding the same story on the same day: the cluster is named by the first
    // path, not by whichever file the index happened to take first (here the later run's).
    let env = Env::new();
    let story = harbour_story();
    write(&env, "b-wire.txt", &story, "2024-03-04");
    env.index();
    write(&env, "a-paper.txt", &story, "2024-03-04");
    env.index();
    let (_, all) = env.json(&["search", "--all-copies", "veldhaven"]);
    assert_eq!(all.len(), 2);
    for hit in &all {
        let cluster = hit["cluster"].as_str().unwrap();
        assert!(cluster.ends_with("a-paper.txt"), "{cluster}");
    }
    let (_, clusters) = env.json(&["duplicates"]);
    let members = clusters[0]["members"].as_array().unwrap();
    assert!(members[0]["id"].as_str().unwrap().ends_with("a-paper.txt"));
}

/// The clusters `duplicates` lists, each as its members' file names, sorted.
fn clusters_of(env: &Env) -> Vec<Vec<String>> {
    let (_, table) = env.json(&["duplicates", "-n", "100"]);
    let mut clusters: Vec<Vec<String>> = (table.iter())
        .map(|cluster| {
            let members = cluster["members"].as_array().unwrap();
            let mut names: Vec<String> = (members.iter())
                .map(|m| m["id"].as_str().unwrap().rsplit('/').next().unwrap().into())
                .collect();
            names.sort();
            names
        })
        .collect();
    clusters.sort();
    clusters
}

#[test]
fn runs_that_add_and_change_copies_make_the_clusters_one_run_makes() {
    // A story among a dozen of their own: a later run compares only what it changed.
    let env = Env::new();
    for n in 0..12 {
        let body: Vec<String> = (0..90).map(|k| made_up_word(n, k)).collect();
        let title = format!("{} {} {}", made_up_word(n, 90), made_up_word(n, 91), n);
        let story = Story::new(&title, &body.join(" "));
        write(&env, &format!("story-{n}.txt"), &story, "2024-03-04");
    }
    let story = harbour_story();
    let mut rng = Rng::new(9);
    write(&env, "wire.txt", &story, "2024-03-04");
    env.index();
    assert!(env.index_dir().join("copies.seen").exists());
    assert!(clusters_of(&env).is_empty());

    // A copy filed the next day joins the story.
    let copy = copies::copy(&story, Edit::NewHeadline, &other_strike(), &mut rng);
    write(&env, "paper.txt", &copy, "2024-03-05");
    env.index();
    assert_eq!(clusters_of(&env), vec![vec!["paper.txt", "wire.txt"]]);

    // Changed into another story, the copy leaves the cluster.
    write(&env, "paper.txt", &other_strike(), "2024-03-05");
    env.index();
    assert!(clusters_of(&env).is_empty(), "{:?}", clusters_of(&env));

    // Two more copies, in two runs, join the story.
    let brief = copies::copy(&story, Edit::TruncatedToHalf, &other_strike(), &mut rng);
    write(&env, "brief.txt", &brief, "2024-03-05");
    env.index();
    let update = copies::copy(&story, Edit::ParagraphsAdded, &other_strike(), &mut rng);
    write(&env, "update.txt", &update, "2024-03-06");
    env.index();
    let made = clusters_of(&env);
    assert_eq!(made, vec![vec!["brief.txt", "update.txt", "wire.txt"]]);

    // One run over the same files from scratch makes the same clusters.
    let out = env.run(&["index", "--full", env.corpus().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(clusters_of(&env), made);
}
