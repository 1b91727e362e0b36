//! End to end: `morgue extract` reports works, awards and events as `others`, each mention
//! with its field and byte offsets, and keeps them out of the entities.

use serde_json::Value;

use crate::harness::{Env, fixture, json_lines, stderr};

/// The (field, text) of every item of a list of mentions, each checked against its offsets.
fn mentions(article: &Value, list: &str) -> Vec<(String, String)> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    (article[list].as_array().unwrap().iter())
        .map(|m| {
            let field = text(&m["field"]);
            let source = text(&article[field.as_str()]);
            let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            assert_eq!(
                source[start as usize..end as usize],
                text(&m["text"]),
                "{m}"
            );
            (field, text(&m["text"]))
        })
        .collect()
}

#[test]
fn extract_reports_works_and_events_as_other_names_with_offsets() {
    let env = Env::new();
    let path = fixture("other_names/awards-night.txt");
    let out = env.run(&["extract", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let article = &json_lines(&out)[0];
    let pair = |field: &str, text: &str| (field.to_string(), text.to_string());
    assert_eq!(
        mentions(article, "others"),
        [
            pair("title", "Grey Orchard"),
            pair("title", "Harbour Film Awards"),
            pair("body", "Grey Orchard"),
            pair("body", "Oscars"),
            pair("body", "The Lantern Keeper"),
            pair("body", "Harbour Film Awards"),
            pair("body", "Salt Road"),
            pair("body", "Midnight Harbour"),
            pair("body", "Oslo Jazz Festival"),
            pair("body", "Grey Orchard"),
        ]
    );
    let entities: Vec<String> = (article["entities"].as_array().unwrap().iter())
        .map(|e| format!("{} {}", e["type"].as_str().unwrap(), e["canonical"]))
        .collect();
    assert_eq!(
        entities,
        [
            "place \"Lisbon\"",
            "person \"Ana Costa\"",
            "place \"Norway\""
        ]
    );
}
