//! End to end: what is not a person, company, organisation or place stays out of the
//! entities `morgue extract` reports, and names the tagger cuts short come out whole.
//! Each article in `fixtures/nonentities/` holds one kind of non-entity.

use std::collections::BTreeSet;

use crate::harness::{Env, fixture, json_lines, stderr};

/// Each article and the exact (type, canonical) entities it yields.
const EXPECTED: &[(&str, &[(&str, &str)])] = &[
    ("question-words.txt", &[("place", "Halvorsen")]),
    (
        "holidays.txt",
        &[("person", "Ingrid Solberg"), ("place", "Bergen")],
    ),
    ("results-table.txt", &[("company", "Nordvik Foods")]),
    (
        "economy.txt",
        &[
            ("organization", "Bank of Japan"),
            ("organization", "Finance Ministry"),
            ("organization", "Inter-American Development Bank"),
            ("place", "Oslo"),
        ],
    ),
    (
        "brokers.txt",
        &[
            ("company", "Goldman Sachs"),
            ("company", "Merrill Lynch"),
            ("company", "Morgan Stanley"),
            ("company", "Standard & Poor's"),
            ("organization", "General Agreement on Tariffs and Trade"),
            ("place", "Geneva"),
        ],
    ),
    ("culture.txt", &[("person", "Ana Costa")]),
];

#[test]
fn extract_keeps_non_entities_out_and_repairs_cut_names() {
    let env = Env::new();
    let dir = fixture("nonentities");
    for (file, want) in EXPECTED {
        let path = dir.join(file);
        let out = env.run(&["extract", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        let article = &json_lines(&out)[0];
        let got: BTreeSet<(String, String)> = article["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let field = |k: &str| e[k].as_str().unwrap_or_default().to_string();
                (field("type"), field("canonical"))
            })
            .collect();
        let want: BTreeSet<(String, String)> = want
            .iter()
            .map(|(k, c)| (k.to_string(), c.to_string()))
            .collect();
        assert_eq!(got, want, "{file}");
    }
}
