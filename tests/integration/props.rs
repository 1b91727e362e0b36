//! Property tests: parsers and extractors never panic, whatever the bytes, and every offset
//! they report slices its field. The cases proptest once shrank a failure to are kept in
//! `props.proptest-regressions` beside this file and run first.

use std::path::Path;

use morgue::parse::{self, Format};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Bytes that look a little like articles: markup, quotes, JSON punctuation, names, dates
/// and invalid UTF-8, mixed with anything at all.
fn article_like() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        &b"<html>"[..],
        b"<p>",
        b"</p>",
        b"<div class=\"share\">",
        b"<script>x</script>",
        b"<REUTERS NEWID=\"1\">",
        b"<BODY>",
        b"</BODY></REUTERS>",
        b"{\"title\":\"",
        b"\",\"text\":\"",
        b"\"}\n",
        b"Title: ",
        b"Date: 2020-08-02\n",
        b"\n\n",
        b"Mr Pompeo said on Sunday ",
        b"Bytedance Ltd ",
        b"U.S. ",
        b"\xe2\x80\x9cquoted\xe2\x80\x9d ",
        b"\xff\xfe",
        b"\xc3",
        b"&amp;&#3;&#x27;",
        b"August 2, 2020 ",
        b"1990s ",
    ]);
    prop::collection::vec(
        prop_oneof![
            pieces.prop_map(|p| p.to_vec()),
            prop::collection::vec(any::<u8>(), 0..16),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn check_offsets(article: &morgue::Article) {
    for m in &article.entities {
        let field = match m.field {
            morgue::TextField::Title => &article.title,
            morgue::TextField::Body => &article.body,
        };
        assert_eq!(field.get(m.start..m.end), Some(m.text.as_str()));
    }
    for d in &article.dates {
        let field = match d.field {
            morgue::TextField::Title => &article.title,
            morgue::TextField::Body => &article.body,
        };
        assert_eq!(field.get(d.start..d.end), Some(d.text.as_str()));
    }
}

/// 200 cases a property, and failures kept beside this file (proptest's default looks for
/// them under `tests/proptest-regressions/`, as the test binary's root is `main.rs`).
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::with_cases(200)
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parsers_and_extraction_never_panic(bytes in article_like()) {
        for format in [Format::Text, Format::Html, Format::Json, Format::Sgml] {
            if let Ok(parsed) = parse::parse_bytes(&bytes, format) {
                for raw in parsed.articles {
                    let article = morgue::extract::extract(Path::new("x"), raw);
                    check_offsets(&article);
                }
            }
        }
    }

    #[test]
    fn extraction_of_any_text_keeps_offsets(title in ".{0,40}", body in ".{0,400}") {
        let raw = parse::RawArticle {
            title: Some(title),
            body,
            published: Some("2020-08-03".into()),
            ..Default::default()
        };
        check_offsets(&morgue::extract::extract(Path::new("x"), raw));
    }

    #[test]
    fn query_parser_never_panics(q in ".{0,60}") {
        let _ = morgue::query::parse(&q);
    }

    #[test]
    fn query_parser_on_query_like_text(parts in prop::collection::vec(prop::sample::select(vec![
        "huawei", "\"", "(", ")", "OR", "AND", "NOT", "-", "+", "person:", "date:", "2020-08",
        "..", ">=", "mentions:", ":", "~", "*", " ",
    ]), 0..12)) {
        let _ = morgue::query::parse(&parts.concat());
    }
}
