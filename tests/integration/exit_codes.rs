//! The exit code of every command in each of its outcomes, as the README's table gives them:
//! the real binary run on the sample corpus and on small files written here.

use std::fs;
use std::path::Path;

use crate::harness::{self, repo, stderr};

/// Run `morgue ARGS` with the index in `index` and return its exit code.
fn code(home: &Path, index: &Path, args: &[&str]) -> i32 {
    let out = harness::morgue(home, index).args(args).output().unwrap();
    out.status
        .code()
        .unwrap_or_else(|| panic!("{args:?} was killed: {}", stderr(&out)))
}

#[test]
fn every_command_maps_its_outcome_to_one_code() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let index = home.join("index");
    let sample = repo().join("sample-corpus");
    let sample = sample.to_str().unwrap();
    let write = |name: &str, text: &str| {
        let path = home.join(name);
        fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let story = write(
        "story.txt",
        "Title: A quiet harbour\n\nThe ferry to Port Ellen ran late, said Mara Quill.\n",
    );
    let queries = write("queries.txt", "harbour\n\"(\nferry\n");
    let broken = home.join("broken");
    fs::create_dir_all(&broken).unwrap();
    fs::write(broken.join("one.txt"), fs::read(&story).unwrap()).unwrap();
    fs::write(broken.join("bad.txt.gz"), b"\x1f\x8b\x08\x00not gzip").unwrap();
    let broken_index = home.join("broken-index");
    let empty = home.join("empty");
    fs::create_dir_all(&empty).unwrap();
    let empty_index = home.join("empty-index");

    assert_eq!(code(home, &index, &["index", sample]), 0, "every file read");
    let cases: &[(&[&str], i32)] = &[
        (&["search", "tiktok"], 0),
        (&["search", "zzzqqq"], 1),
        (&["search", "zzzqqq", "--count"], 1),
        (&["search", "\"("], 2),
        (&["search", "tiktok", "--fields", "rank,nope"], 2),
        (&["search", "--queries", &queries], 2),
        (&["entities", "zzzqqq"], 1),
        (&["timeline", "--entity", "zzzqqq"], 1),
        (&["related", "zzzqqq"], 1),
        (&["show", "no/such/article"], 1),
        (&["quotes", "--speaker", "zzzqqq"], 1),
        (&["quotes", "said:\"("], 2),
        (&["stats"], 0),
        (&["extract", &story], 0),
        (&["extract", "/no/such/file.txt", &story], 2),
        (&["eval", "html"], 2),
        (&["eval", "dates", "/no/such/folder"], 2),
        (&["eval", "quotes", "/no/such/folder"], 2),
        (&["index", "/no/such/folder"], 2),
        (&["search", "--bogus"], 2),
        (&["--help"], 0),
        (&["--version"], 0),
    ];
    for (args, want) in cases {
        assert_eq!(code(home, &index, args), *want, "{args:?}");
    }
    let broken = broken.to_str().unwrap();
    assert_eq!(
        code(home, &broken_index, &["index", broken]),
        1,
        "some failed"
    );
    let empty = empty.to_str().unwrap();
    assert_eq!(
        code(home, &empty_index, &["index", empty]),
        0,
        "nothing to read"
    );
    assert_eq!(code(home, &empty_index, &["stats"]), 1, "an empty index");
}
