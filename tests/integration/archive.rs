//! The archive pass through the real binary: one entity per real name across articles, on
//! a folder of small articles the test writes, one group of articles per kind of variant.

use std::fs;
use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

use crate::harness::{Env, json_lines, stderr, strings};

/// The articles: (file name, title, body).
const ARTICLES: &[(&str, &str, &str)] = &[
    // A surname alone, in one article, is the full name that dominates the archive.
    (
        "a1.txt",
        "Blair visits Leeds factory",
        "Prime Minister Tony Blair visited a factory in Leeds on Monday. Mr Blair met workers and praised their skills.",
    ),
    (
        "a2.txt",
        "Blair backs new schools plan",
        "Tony Blair said on Tuesday that the government would build new schools. Blair spoke in London.",
    ),
    (
        "a3.txt",
        "Blair meets Chirac",
        "British Prime Minister Tony Blair met French President Jacques Chirac in Paris on Wednesday.",
    ),
    (
        "a4.txt",
        "Talks go on, says Blair",
        "Mr Blair said on Thursday that the talks with the unions would go on into next week.",
    ),
    (
        "a5.txt",
        "Cherie Blair opens hospital",
        "Cherie Blair opened a new children's hospital in Manchester on Friday.",
    ),
    // An acronym and the long form an article defines it as.
    (
        "b1.txt",
        "Farm prices agreed",
        "The European Community (EC) agreed new farm prices on Monday after talks in Brussels. EC ministers said the deal would hold.",
    ),
    (
        "b2.txt",
        "EC ministers meet",
        "EC ministers met in Luxembourg on Tuesday to discuss steel quotas with the European Community executive.",
    ),
    (
        "b3.txt",
        "Steel quotas",
        "The EC said on Wednesday it would extend steel quotas. The European Community has argued for months over the plan.",
    ),
    // An acronym only the definition ties to its long form (its letters are not the long
    // form's initials).
    (
        "g1.txt",
        "Wheat forecast",
        "The U.S. Agriculture Department (USDA) said on Monday that the wheat crop would be smaller.",
    ),
    (
        "g2.txt",
        "Corn stocks",
        "USDA said on Tuesday that corn stocks rose in the quarter.",
    ),
    (
        "g3.txt",
        "Soybean exports",
        "The U.S. Agriculture Department said soybean exports fell last week.",
    ),
    // Capitals.
    (
        "c1.txt",
        "Agency cuts bank rating",
        "Alderton Holdings said on Monday it cut the rating of Harbour Bank, citing weak sales.",
    ),
    (
        "c2.txt",
        "Rating agency warns",
        "ALDERTON HOLDINGS SAID ON TUESDAY THAT HARBOUR BANK COULD LOSE ITS TOP RATING.",
    ),
    // Number and word-by-word short forms.
    (
        "d1.txt",
        "By-election result",
        "The Liberal Democrats won the seat on Thursday. Liberal Democrats leader Charles Kennedy said the result was historic.",
    ),
    (
        "d2.txt",
        "Party conference",
        "Lib Dems gathered in Brighton for their conference. A Liberal Democrat spokesman said taxes would rise.",
    ),
    (
        "d3.txt",
        "Tax plans",
        "The Lib Dems said their tax plans were fair. The Liberal Democrats will publish them on Monday.",
    ),
    // Legal forms and dangling conjunctions.
    (
        "e1.txt",
        "Bank deal",
        "Goldman, Sachs and Co said on Monday it would advise Nordvik Foods on the sale.",
    ),
    (
        "e2.txt",
        "Advisers named",
        "Goldman Sachs will advise Harbour Bank, the bank said on Tuesday.",
    ),
    (
        "e3.txt",
        "Shares rise",
        "Shares rose after Goldman Sachs raised its forecast for Kestrel Shipping.",
    ),
    // A work: called a film in one article, so kept out of entity answers in the other too.
    (
        "h1.txt",
        "Awards night",
        "The film Midnight Harbour won two awards on Sunday.",
    ),
    (
        "h2.txt",
        "Cinema queues",
        "Midnight Harbour opened in cinemas across Leeds on Friday, and Midnight Harbour sold out.",
    ),
    // A place by its short name.
    (
        "f1.txt",
        "Britain cuts rates",
        "Britain cut interest rates on Monday. The Bank of England said inflation was falling in Britain.",
    ),
];

/// An environment whose corpus holds [`ARTICLES`], indexed.
struct Archive {
    env: Env,
}

impl Archive {
    fn new() -> Archive {
        let env = Env::new();
        for (name, title, body) in ARTICLES {
            env.write(name, format!("{title}\n\n{body}\n"));
        }
        let archive = Archive { env };
        archive.index_corpus();
        archive
    }

    fn corpus(&self) -> PathBuf {
        self.env.corpus()
    }

    fn index(&self) -> PathBuf {
        self.env.index_dir()
    }

    fn index_corpus(&self) {
        let out = self.run(&["index", self.corpus().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }

    fn run(&self, args: &[&str]) -> Output {
        self.env.run(args)
    }

    fn json(&self, args: &[&str]) -> Vec<Value> {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let out = self.run(&all);
        assert!(out.status.code().unwrap() <= 1, "{}", stderr(&out));
        json_lines(&out)
    }

    /// Every entity line of `morgue entities`.
    fn entities(&self) -> Vec<Value> {
        self.json(&["entities", "--top", "1000"])
    }

    /// The entity shown as `type:name`, if listed.
    fn entity(&self, id: &str) -> Option<Value> {
        self.entities().into_iter().find(|e| e["entity_id"] == id)
    }

    fn count(&self, query: &str) -> u64 {
        self.json(&["search", "--count", query])[0]["total"]
            .as_u64()
            .unwrap()
    }

    fn table_file(&self) -> PathBuf {
        self.index().join("entities.tsv")
    }
}

fn listed(archive: &Archive, type_: &str, name: &str) -> bool {
    archive
        .entities()
        .iter()
        .any(|e| e["type"] == type_ && e["name"] == name)
}

fn aliases(e: &Value) -> Vec<String> {
    let mut a = strings(&e["aliases"]);
    a.sort();
    a
}

#[test]
fn each_kind_of_variant_is_one_entity() {
    let archive = Archive::new();
    // Surname → the dominant full name; another Blair stays apart.
    let blair = archive.entity("person:Tony Blair").unwrap();
    assert_eq!(blair["articles"], 4, "{blair}");
    assert_eq!(aliases(&blair), ["Blair"]);
    assert!(!listed(&archive, "person", "Blair"));
    assert_eq!(
        archive.entity("person:Cherie Blair").unwrap()["articles"],
        1
    );
    // Acronym and long form.
    let ec = archive
        .entities()
        .into_iter()
        .find(|e| e["name"] == "EC" || e["name"] == "European Community")
        .unwrap();
    assert_eq!(ec["articles"], 3, "{ec}");
    assert_eq!(strings(&ec["aliases"]).len(), 1, "{ec}");
    let usda = archive.entity("organization:USDA").unwrap();
    assert_eq!(usda["articles"], 3, "{usda}");
    assert_eq!(aliases(&usda), ["U.S. Agriculture Department"]);
    // Capitals.
    let agency = archive
        .entities()
        .into_iter()
        .find(|e| e["name"] == "Alderton Holdings")
        .unwrap();
    assert_eq!(aliases(&agency), ["ALDERTON HOLDINGS"], "{agency}");
    // Number forms and word-by-word short forms.
    let libdems = archive.entity("organization:Liberal Democrats").unwrap();
    assert_eq!(libdems["articles"], 3);
    assert_eq!(aliases(&libdems), ["Lib Dems", "Liberal Democrat"]);
    // Legal forms and a dangling "and".
    let goldman = archive.entity("company:Goldman Sachs").unwrap();
    assert_eq!(goldman["articles"], 3, "{goldman}");
    // A name the archive mostly finds as a work is in no entity answer, yet searchable.
    assert!(
        !archive
            .entities()
            .iter()
            .any(|e| e["name"] == "Midnight Harbour"),
        "{:?}",
        archive.entities()
    );
    assert_eq!(archive.count("\"midnight harbour\""), 2);
    // No name is listed under two entities.
    let mut names: Vec<String> = Vec::new();
    for e in archive.entities() {
        names.push(format!("{}:{}", e["type"], e["name"]));
        for a in strings(&e["aliases"]) {
            names.push(format!("{}:{a}", e["type"]));
        }
    }
    let all = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all, "{names:?}");
}

#[test]
fn filters_and_answers_go_through_the_table() {
    let archive = Archive::new();
    // An article naming only "Mr Blair" is Tony Blair's; `person:blair` still matches every
    // Blair.
    assert_eq!(archive.count("person:\"tony blair\""), 4);
    assert_eq!(archive.count("person:blair"), 5);
    // A place by its short name, through the built-in list.
    assert_eq!(archive.count("place:uk"), 1);
    assert_eq!(
        archive.count("place:uk"),
        archive.count("place:\"united kingdom\"")
    );
    // Hits show the entity's name, once.
    let hit = archive.json(&["search", "talks unions"]);
    assert_eq!(strings(&hit[0]["people"]), ["Tony Blair"]);
    // `related` and `timeline --entity` say which entity a name picked, and what else it
    // could mean.
    let related = archive.json(&["related", "blair", "--min-count", "1"]);
    let first = &related[0];
    assert_eq!(first["entity"]["entity_id"], "person:Tony Blair", "{first}");
    assert_eq!(first["matched"], "blair");
    let others: Vec<&str> = (first["alternatives"].as_array().unwrap().iter())
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(others, ["Cherie Blair"]);
    let timeline = archive.json(&["timeline", "--entity", "person:blair", "--by", "year"]);
    let total: u64 = timeline
        .iter()
        .map(|b| b["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 4);
    assert!(timeline.iter().all(|b| b["entity"]["name"] == "Tony Blair"));
    // `show` gives each mention its entity.
    let id = archive.corpus().join("a4.txt").canonicalize().unwrap();
    let shown = archive.json(&["show", id.to_str().unwrap()]);
    let ids: Vec<&str> = (shown[0]["entities"].as_array().unwrap().iter())
        .map(|e| e["entity_id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"person:Tony Blair"), "{ids:?}");
}

#[test]
fn the_table_follows_the_index_and_a_missing_or_broken_one_is_rebuilt() {
    let archive = Archive::new();
    let before = archive.entities();
    assert!(archive.table_file().is_file());
    // Gone, or not a table: answers are the same, built from the index.
    fs::remove_file(archive.table_file()).unwrap();
    assert_eq!(archive.entities(), before);
    fs::write(archive.table_file(), "garbage\n").unwrap();
    assert_eq!(archive.entities(), before);
    // A stale table (another commit's) is not used.
    let stale = "# morgue entities 1\topstamp\t0\nperson\tNobody\t99\t-\tperson:Nobody\n";
    fs::write(archive.table_file(), stale).unwrap();
    assert_eq!(archive.entities(), before);
    // The next run writes it again, and a new article moves the counts.
    fs::write(
        archive.corpus().join("a6.txt"),
        "Blair in Glasgow\n\nMr Blair visited Glasgow on Saturday.\n",
    )
    .unwrap();
    archive.index_corpus();
    let text = fs::read_to_string(archive.table_file()).unwrap();
    assert!(text.starts_with("# morgue entities 1\topstamp\t"));
    assert_eq!(archive.entity("person:Tony Blair").unwrap()["articles"], 5);
}

#[test]
fn the_alias_file_still_overrides_the_table() {
    let archive = Archive::new();
    fs::write(
        archive.index().join("aliases.tsv"),
        "!person:\tCherie Blair\nperson:Anthony Blair\tTony Blair\n",
    )
    .unwrap();
    archive.index_corpus();
    assert!(!listed(&archive, "person", "Cherie Blair"));
    let blair = archive.entity("person:Anthony Blair").unwrap();
    assert_eq!(blair["articles"], 4, "{blair}");
}

/// Articles about names no other article shares, so that a change reaches few of the
/// archive's names.
fn unrelated(i: usize) -> String {
    const FIRST: &[&str] = &["Harriet", "Oskar", "Mirela", "Tobias", "Ingrid", "Kwame"];
    const LAST: &[&str] = &[
        "Okonkwo",
        "Lindqvist",
        "Varga",
        "Ferreira",
        "Halvorsen",
        "Abernathy",
        "Kowalczyk",
        "Nakamura",
        "Delacroix",
        "Brennan",
        "Szabo",
        "Moretti",
    ];
    const PLACES: &[&str] = &["Oslo", "Lisbon", "Krakow", "Nairobi", "Osaka", "Porto"];
    let (first, last) = (FIRST[i % FIRST.len()], LAST[i % LAST.len()]);
    let partner = LAST[(i + 5) % LAST.len()];
    let place = PLACES[i % PLACES.len()];
    format!(
        "{last} joins {partner} Shipping\n\n{first} {last} joined {partner} Shipping in {place} on Monday, the company said.\n"
    )
}

/// The table's entities, without its stamp.
fn table_lines(index: &std::path::Path) -> Vec<String> {
    let text = fs::read_to_string(index.join("entities.tsv")).unwrap();
    text.lines().skip(1).map(str::to_string).collect()
}

#[test]
fn runs_that_add_change_and_remove_articles_resolve_names_as_one_run_does() {
    let env = Env::new();
    for i in 0..36 {
        env.write(&format!("z{i:02}.txt"), unrelated(i));
    }
    let article = |name: &str| {
        let (file, title, body) = ARTICLES.iter().find(|a| a.0 == name).unwrap();
        env.write(file, format!("{title}\n\n{body}\n"));
    };
    // Each step changes the corpus, then indexes it; after each, the table must be the one a
    // run over the whole corpus makes into a new index.
    type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step> = vec![
        (
            "Tony and Cherie Blair once each, Blair alone: too close to pick",
            Box::new(|| {
                for a in ["a2", "a4", "a5", "g2", "g3", "e2", "h2"] {
                    article(&format!("{a}.txt"));
                }
            }),
        ),
        (
            "Tony Blair in three more articles: Blair is his",
            Box::new(|| {
                for a in ["a1", "a3", "b2"] {
                    article(&format!("{a}.txt"));
                }
            }),
        ),
        (
            "the definition of USDA, and EC beside its long form",
            Box::new(|| {
                for a in ["g1", "b1", "b3", "e1"] {
                    article(&format!("{a}.txt"));
                }
            }),
        ),
        (
            "the definition removed, a film named as one",
            Box::new(|| {
                fs::remove_file(env.corpus().join("g1.txt")).unwrap();
                article("h1.txt");
            }),
        ),
        (
            "Tony Blair's articles changed to another Blair's",
            Box::new(|| {
                for file in ["a1.txt", "a2.txt", "a3.txt"] {
                    let path = env.corpus().join(file);
                    let text = fs::read_to_string(&path).unwrap();
                    fs::write(&path, text.replace("Tony Blair", "Leo Blair")).unwrap();
                }
            }),
        ),
    ];
    let mut resolved_some = false;
    for (n, (what, change)) in steps.iter().enumerate() {
        change();
        let out = env.run(&["index", env.corpus().to_str().unwrap(), "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr(&out));
        let summary = &json_lines(&out)[0];
        let (held, resolved) = (
            summary["names"]["held"].as_u64().unwrap(),
            summary["names"]["resolved"].as_u64().unwrap(),
        );
        resolved_some |= n > 0 && resolved < held;
        let whole = env.home().join(format!("whole-{n}"));
        let out = env.run(&[
            "index",
            env.corpus().to_str().unwrap(),
            "--index",
            whole.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr(&out));
        assert_eq!(
            table_lines(&env.index_dir()),
            table_lines(&whole),
            "after step {n} ({what}), resolving {resolved} of {held} names"
        );
    }
    assert!(resolved_some, "no run resolved only the names it changed");
    // After the steps, the lone surname is Leo Blair's, as the whole corpus says.
    let text = fs::read_to_string(env.index_dir().join("entities.tsv")).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("\tLeo Blair\t") && l.contains("person:Blair")),
        "{text}"
    );
}
