//! Hostile input, crashes and concurrent use: the index must come through all of them whole.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::{json_lines, process, stderr};

/// Runs the binary on the index `index` with `args`.
fn run(index: &Path, args: &[&str]) -> Output {
    process(index).args(args).output().unwrap()
}

fn stats(index: &Path) -> Value {
    let out = run(index, &["stats", "--format", "json"]);
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "stats failed: {}",
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn hit_count(index: &Path, query: &str) -> usize {
    let out = run(
        index,
        &[
            "search",
            "--all-copies",
            "--format",
            "json",
            "-n",
            "100000",
            query,
        ],
    );
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{}",
        stderr(&out)
    );
    String::from_utf8(out.stdout).unwrap().lines().count()
}

/// `n` small article files, each with a unique word `uniqN`.
fn write_corpus(dir: &Path, n: usize) {
    for i in 0..n {
        let sub = dir.join(format!("d{}", i % 10));
        fs::create_dir_all(&sub).unwrap();
        fs::write(
            sub.join(format!("a{i}.txt")),
            format!(
                "Title: Council report {i}\nDate: 2021-03-{:02}\n\nThe harbour council met on Monday to discuss item uniq{i}. Maria Lopez of Kestrel Logistics BV said costs in Rotterdam rose.\n",
                1 + i % 28
            ),
        )
        .unwrap();
    }
}

#[test]
fn hostile_files_are_reported_and_the_rest_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index = tmp.path().join("index");
    fs::create_dir_all(&corpus).unwrap();
    let put = |name: &str, bytes: &[u8]| fs::write(corpus.join(name), bytes).unwrap();

    put(
        "good.txt",
        b"Title: Good story\n\nA perfectly ordinary article about ferries.",
    );
    put("empty.txt", b"");
    put("binary.html", b"\x00\x01\x02\x03\xff\xfe\x00binary");
    put(
        "latin1.txt",
        b"Title: Caf\xe9 closes\n\nThe caf\xe9 on the quay closed \x93for good\x94.",
    );
    put(
        "nul-in-name-\u{1F600}.md",
        "# Emoji name\n\nFerries run late.".as_bytes(),
    );
    // Gzip cut in half.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&b"Ferries and more ferries. ".repeat(2000))
        .unwrap();
    let gz = gz.finish().unwrap();
    put("truncated.txt.gz", &gz[..gz.len() / 2]);
    // A compression bomb: a few hundred KiB that inflate past the cap.
    let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..(morgue::parse::MAX_FILE_BYTES >> 20) + 2 {
        bomb.write_all(&zeros).unwrap();
    }
    put("bomb.txt.gz", &bomb.finish().unwrap());
    // A huge file, sparse so that it costs no disk: refused by size, never read.
    let huge = fs::File::create(corpus.join("huge.jsonl")).unwrap();
    huge.set_len(2 * 1024 * 1024 * 1024 + 1).unwrap();
    drop(huge);
    // One line of 100 MB.
    let mut long = b"Title: Long line\n\n".to_vec();
    long.extend(b"ferry ".repeat(100 * 1024 * 1024 / 6));
    put("longline.txt", &long);
    // 100,000 nested elements.
    let deep = format!(
        "<html><body>{}deep ferry{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    put("deep.html", deep.as_bytes());
    // Malformed JSON lines among good ones.
    put(
        "mixed.jsonl",
        b"{\"title\":\"One\",\"text\":\"Ferry one.\"}\n{oops\n\x80\x81\n{\"title\":\"Two\",\"text\":\"Ferry two.\"}\n",
    );
    // A symbolic link loop.
    #[cfg(unix)]
    std::os::unix::fs::symlink(&corpus, corpus.join("loop")).unwrap();
    // A file name that is not UTF-8.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9-story.txt");
        fs::write(
            corpus.join(name),
            "Title: Odd name\n\nFerry timetables changed.",
        )
        .unwrap();
    }
    // An unreadable file (root reads it anyway; then it is simply indexed).
    put("secret.txt", b"Title: Secret\n\nFerry secrets.");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(corpus.join("secret.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    }
    let unreadable = fs::File::open(corpus.join("secret.txt")).is_err();

    let out = run(&index, &["index", corpus.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (file, reason) in [
        ("empty.txt", "empty file"),
        ("binary.html", "binary data"),
        ("truncated.txt.gz", "bad gzip data"),
        ("bomb.txt.gz", "compression bomb"),
        ("huge.jsonl", "larger than the 256 MiB limit"),
        ("loop", "symbolic link loop"),
        ("mixed.jsonl", "warning: line 2: invalid JSON"),
        ("longline.txt", "warning: body cut to its first 8 MiB"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(reason)),
            "no line for {file}: {reason} in\n{err}"
        );
    }
    if unreadable {
        assert!(err.contains("secret.txt: Permission denied"), "{err}");
    }
    // Every good article is there: good, latin1, emoji name, longline, deep, two JSON lines,
    // the odd name, and the secret one when it could be read.
    let expected = 8 + usize::from(!unreadable);
    assert_eq!(stats(&index)["articles"], expected, "{err}");
    assert_eq!(hit_count(&index, "café"), 1, "Windows-1252 decoded");
    assert_eq!(hit_count(&index, "deep"), 1);
    assert_eq!(hit_count(&index, "timetables"), 1);
}

/// Tiny deterministic generator, so that a failing run can be replayed from its seed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn killed_runs_never_corrupt_duplicate_or_lose() {
    const FILES: usize = 1500;
    const KILLS: usize = 50;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index = tmp.path().join("index");
    write_corpus(&corpus, FILES);

    // How long a whole run takes here, to spread the kills over it.
    let t = Instant::now();
    let out = run(
        &index,
        &[
            "index",
            "--full",
            "--commit-every",
            "100",
            corpus.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let full_run = t.elapsed().max(Duration::from_millis(200));
    fs::remove_dir_all(&index).unwrap();

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("kill test seed {seed}");
    let mut rng = XorShift(seed);
    let mut changed = std::collections::BTreeSet::new();
    for round in 0..KILLS {
        // Every few rounds, files change under the indexer too.
        if round % 10 == 5 {
            let i = rng.next() as usize % FILES;
            let path = corpus.join(format!("d{}/a{i}.txt", i % 10));
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, text.replace("council met", "board met")).unwrap();
            changed.insert(i);
        }
        let mut args = vec!["index", "--commit-every", "100"];
        if round % 3 == 0 {
            args.push("--full");
        }
        args.push(corpus.to_str().unwrap());
        let mut child = process(&index)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let wait = rng.next() % (full_run.as_millis() as u64 + 1);
        std::thread::sleep(Duration::from_millis(wait));
        let _ = child.kill();
        let _ = child.wait();
        // After any kill the index opens and holds no duplicates.
        let s = stats(&index);
        let n = s["articles"].as_u64().unwrap_or(0) as usize;
        assert!(
            n <= FILES,
            "round {round} (seed {seed}): {n} articles > {FILES}"
        );
    }
    // The completing run.
    let out = run(&index, &["index", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(
        &index,
        &[
            "search",
            "--all-copies",
            "--format",
            "json",
            "-n",
            "100000",
            "harbour",
        ],
    );
    let mut ids: Vec<String> = json_lines(&out)
        .iter()
        .map(|hit| hit["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    let dups: Vec<&String> = ids
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| &w[0])
        .collect();
    assert!(dups.is_empty(), "duplicates {dups:?}, seed {seed}");
    assert_eq!(stats(&index)["articles"], FILES, "seed {seed}");
    for i in (0..FILES).step_by(97) {
        assert_eq!(
            hit_count(&index, &format!("uniq{i}")),
            1,
            "uniq{i}, seed {seed}"
        );
    }
    // Changed files are indexed in their latest form.
    assert_eq!(
        hit_count(&index, "\"board met\""),
        changed.len(),
        "seed {seed}"
    );
    assert_eq!(
        hit_count(&index, "\"council met\""),
        FILES - changed.len(),
        "seed {seed}"
    );
    // Nothing the killed runs left behind outlives the completed run.
    assert_eq!(orphans(&index), Vec::<String>::new(), "seed {seed}");
}

#[test]
fn a_second_indexer_is_refused_while_the_first_holds_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index = tmp.path().join("index");
    write_corpus(&corpus, 3);
    assert_eq!(
        run(&index, &["index", corpus.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );

    let lock = morgue::index::lock::IndexLock::acquire(&index).unwrap();
    let out = run(&index, &["index", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "index is locked by process {}",
            std::process::id()
        )),
        "{err}"
    );
    // Searching is not blocked by an indexer.
    assert_eq!(hit_count(&index, "harbour"), 3);
    // Once the holder is gone (as when a process dies) the lock is free again.
    drop(lock);
    assert_eq!(
        run(&index, &["index", corpus.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn search_works_while_indexing_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index = tmp.path().join("index");
    write_corpus(&corpus, 800);
    let mut child = process(&index)
        .args(["index", "--commit-every", "50", corpus.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut seen = Vec::new();
    while child.try_wait().unwrap().is_none() {
        if index.join("meta.json").exists() {
            let out = run(
                &index,
                &[
                    "search",
                    "--all-copies",
                    "--format",
                    "json",
                    "-n",
                    "1000",
                    "harbour",
                ],
            );
            assert!(
                matches!(out.status.code(), Some(0) | Some(1)),
                "{}",
                stderr(&out)
            );
            seen.push(String::from_utf8(out.stdout).unwrap().lines().count());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(child.wait().unwrap().success());
    // Searches see commits as they land: counts only grow.
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert_eq!(hit_count(&index, "harbour"), 800);
}

/// Creates an index with `schema` (one morgue does not write) and an alias file beside it,
/// checks that `morgue index` refuses it with `message`, then that `--full` rebuilds it with
/// the corpus's three articles and keeps the alias file. Returns the index folder.
fn refused_then_rebuilt(
    tmp: &tempfile::TempDir,
    schema: tantivy::schema::Schema,
    message: &str,
) -> PathBuf {
    let corpus = tmp.path().join("corpus");
    let index = tmp.path().join("index");
    write_corpus(&corpus, 3);
    fs::create_dir_all(&index).unwrap();
    tantivy::Index::create_in_dir(&index, schema).unwrap();
    fs::write(index.join("aliases.tsv"), "Maria Lopez\tM. Lopez\n").unwrap();

    let out = run(&index, &["index", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(message), "{}", stderr(&out));
    let out = run(&index, &["index", "--full", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stats(&index)["articles"], 3);
    assert!(
        index.join("aliases.tsv").is_file(),
        "the alias file is kept"
    );
    index
}

#[test]
fn an_index_of_the_earlier_stemming_is_refused_for_reading_and_writing_then_rebuilt() {
    // Before every word's stem was written beside it, `title` and `body` had another
    // analyzer: that index lacks the terms today's queries look up.
    use tantivy::schema::FieldType;
    let mut b = tantivy::schema::Schema::builder();
    for (_, entry) in morgue::index::schema::build().0.fields() {
        match entry.field_type() {
            FieldType::Str(options) if matches!(entry.name(), "title" | "body") => {
                let indexing =
                    (options.get_indexing_options().unwrap().clone()).set_tokenizer("morgue_forms");
                b.add_text_field(entry.name(), options.clone().set_indexing_options(indexing));
            }
            _ => {
                b.add_field(entry.clone());
            }
        }
    }
    let schema = b.build();
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("earlier");
    fs::create_dir_all(&index).unwrap();
    tantivy::Index::create_in_dir(&index, schema.clone()).unwrap();
    let out = run(&index, &["search", "harbour"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("written by another version of morgue (its fields differ)"),
        "{}",
        stderr(&out)
    );
    refused_then_rebuilt(&tmp, schema, "written by another version of morgue");
}

#[test]
fn an_index_with_the_old_id_field_is_refused_then_rebuilt_with_full() {
    // The schema morgue wrote before ids were derived from `path` and `record`: today's
    // fields plus a stored `id`.
    let mut b = tantivy::schema::Schema::builder();
    b.add_text_field("id", tantivy::schema::STRING | tantivy::schema::STORED);
    for (_, entry) in morgue::index::schema::build().0.fields() {
        b.add_field(entry.clone());
    }
    let tmp = tempfile::tempdir().unwrap();
    let index = refused_then_rebuilt(&tmp, b.build(), "written by another version of morgue");
    let meta = fs::read_to_string(index.join("meta.json")).unwrap();
    assert!(!meta.contains("\"name\": \"id\""), "{meta}");
}

#[test]
fn an_index_from_another_version_is_refused_then_rebuilt_with_full() {
    // An index with a schema morgue does not write: a plain tantivy index with one field.
    let mut b = tantivy::schema::Schema::builder();
    b.add_text_field("title", tantivy::schema::TEXT);
    let tmp = tempfile::tempdir().unwrap();
    refused_then_rebuilt(&tmp, b.build(), "run `morgue index --full`");
}

/// Files in the index folder that outlived the run that made them: segment files of no
/// segment in `meta.json`, and temp files of tantivy's atomic writes.
fn orphans(index: &Path) -> Vec<String> {
    let meta: Value = serde_json::from_slice(&fs::read(index.join("meta.json")).unwrap()).unwrap();
    let mut living = std::collections::HashSet::new();
    for segment in meta["segments"].as_array().unwrap() {
        let id = segment["segment_id"].as_str().unwrap().replace('-', "");
        for ext in ["idx", "pos", "term", "store", "fast", "fieldnorm"] {
            living.insert(format!("{id}.{ext}"));
        }
        if let Some(stamp) = segment["deletes"]["opstamp"].as_u64() {
            living.insert(format!("{id}.{stamp}.del"));
        }
    }
    let mut left: Vec<String> = fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            let segment = name.len() > 33
                && name.as_bytes()[32] == b'.'
                && name[..32].bytes().all(|b| b.is_ascii_hexdigit());
            (segment && !living.contains(name)) || name.starts_with(".tmp")
        })
        .collect();
    left.sort();
    left
}

/// One line on stderr, as `morgue` prints an error.
fn one_error(out: &Output, message: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    assert_eq!(stderr(out), format!("morgue: {message}\n"));
}

#[test]
fn full_never_deletes_files_morgue_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index = tmp.path().join("index");
    write_corpus(&corpus, 3);
    fs::create_dir_all(index.join("drafts")).unwrap();
    let mut b = tantivy::schema::Schema::builder();
    b.add_text_field("title", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(&index, b.build()).unwrap();
    fs::write(index.join("thesis.docx"), "chapter one").unwrap();
    fs::write(index.join("drafts/two.docx"), "chapter two").unwrap();
    let at = index.display();

    let out = run(&index, &["index", "--full", corpus.to_str().unwrap()]);
    one_error(
        &out,
        &format!(
            "index {at}: holds files that are not morgue's (drafts/, thesis.docx), so morgue \
             will not delete the index to rebuild it here: choose another --index folder, or \
             move them out"
        ),
    );
    assert_eq!(
        fs::read_to_string(index.join("thesis.docx")).unwrap(),
        "chapter one"
    );
    assert_eq!(
        fs::read_to_string(index.join("drafts/two.docx")).unwrap(),
        "chapter two"
    );
    assert!(index.join("meta.json").is_file(), "nothing deleted");
    let out = run(&index, &["index", corpus.to_str().unwrap()]);
    one_error(
        &out,
        &format!(
            "index {at}: written by another version of morgue (its fields differ): run `morgue \
             index --full` to rebuild it"
        ),
    );

    // Moved out, the rest is morgue's and tantivy's: the rebuild goes ahead.
    fs::rename(index.join("thesis.docx"), tmp.path().join("thesis.docx")).unwrap();
    fs::rename(index.join("drafts"), tmp.path().join("drafts")).unwrap();
    let out = run(&index, &["index", "--full", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stats(&index)["articles"], 3);
}

#[test]
fn a_new_index_is_never_made_in_a_folder_of_other_files() {
    // The archive's own folder given as the index: its articles would share it with the
    // index, and a later rebuild would have to delete them.
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("archive");
    write_corpus(&archive.join("corpus"), 3);
    let out = run(
        &archive,
        &["index", archive.join("corpus").to_str().unwrap()],
    );
    one_error(
        &out,
        &format!(
            "index {}: holds files that are not morgue's (corpus/), so morgue will not create \
             an index here: choose another --index folder, or move them out",
            archive.display()
        ),
    );
    let names: Vec<_> = fs::read_dir(&archive)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["corpus"], "nothing written there");
}

#[test]
fn roots_in_the_index_folder_are_refused_and_nothing_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index = tmp.path().join("index");
    write_corpus(&corpus, 3);
    let out = run(&index, &["index", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    fs::create_dir(index.join("inside")).unwrap();

    for root in [index.clone(), index.join("inside"), index.join("inside/..")] {
        let out = run(&index, &["index", root.to_str().unwrap()]);
        one_error(
            &out,
            &format!(
                "index {}: {} is the index folder or inside it, and morgue never indexes its \
                 own folder: give a folder outside it, or choose another --index folder",
                index.display(),
                root.display()
            ),
        );
    }
    // Beside a good root too: the run is refused before anything changes.
    let out = run(
        &index,
        &["index", corpus.to_str().unwrap(), index.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(stats(&index)["articles"], 3);
}

#[cfg(unix)]
#[test]
fn names_that_differ_only_in_bytes_that_are_not_utf8_stay_apart() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index = tmp.path().join("index");
    fs::create_dir_all(&corpus).unwrap();
    let corpus = corpus.canonicalize().unwrap();
    // Two names that are not UTF-8, and one that is but spells the first one's escape.
    for (name, word) in [
        (&b"caf\xe9.txt"[..], "alpha"),
        (&b"caf\xe8.txt"[..], "beta"),
        (&b"caf\\xe9.txt"[..], "gamma"),
    ] {
        let text = format!("Title: Story {word}\n\nThe ferry story {word} ran.\n");
        fs::write(corpus.join(std::ffi::OsStr::from_bytes(name)), text).unwrap();
    }
    let out = run(
        &index,
        &["index", "--format", "json", corpus.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["files_added"], 3, "{summary}");
    assert_eq!(stats(&index)["articles"], 3);

    let c = corpus.to_str().unwrap();
    for (word, id) in [
        ("alpha", format!("{c}/caf\\xe9.txt")),
        ("beta", format!("{c}/caf\\xe8.txt")),
        ("gamma", format!("{c}/caf\\\\xe9.txt")),
    ] {
        let out = run(&index, &["search", "--format", "json", word]);
        let hits = json_lines(&out);
        assert_eq!(hits.len(), 1, "{word}: {hits:?}");
        assert_eq!(hits[0]["id"], id.as_str());
        // The id shown finds the article again.
        let out = run(&index, &["show", "--format", "json", &id]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(shown["title"], format!("Story {word}"));
    }
    // The next run finds every file where it left it.
    let out = run(
        &index,
        &["index", "--format", "json", corpus.to_str().unwrap()],
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (&summary["files_unchanged"], &summary["files_removed"]),
        (&Value::from(3), &Value::from(0)),
        "{summary}"
    );
}

#[test]
fn an_index_option_naming_a_file_is_explained_once() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_corpus(&corpus, 1);
    let file = tmp.path().join("notes.txt");
    fs::write(&file, "mine").unwrap();
    let at = file.display();
    one_error(
        &run(&file, &["index", corpus.to_str().unwrap()]),
        &format!(
            "index {at}: is a file, not a folder: give --index a folder (it is created if \
             missing)"
        ),
    );
    one_error(
        &run(&file, &["search", "ferry"]),
        &format!(
            "index {at}: is a file, not an index folder: give --index the folder the index is in"
        ),
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
}

/// Damage an index: its `meta.json` cut short.
fn cut_meta(index: &Path) {
    fs::write(index.join("meta.json"), "{\"segments\": [").unwrap();
}

/// Damage an index: a segment's term dictionary cut to its first 20 bytes.
fn cut_term_file(index: &Path) {
    let term = fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "term"))
        .unwrap();
    let bytes = fs::read(&term).unwrap();
    fs::write(&term, &bytes[..20]).unwrap();
}

#[test]
fn a_damaged_index_is_explained_once_and_rebuilt_with_full() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index = tmp.path().join("index");
    write_corpus(&corpus, 3);
    let c = corpus.to_str().unwrap();
    let damaged = format!(
        "index {}: the index is damaged (its files fail tantivy's checks): run `morgue index \
         --full` with the folders it was built from to rebuild it",
        index.display()
    );
    let damages: [fn(&Path); 2] = [cut_meta, cut_term_file];
    for damage in damages {
        let out = run(&index, &["index", c]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        damage(&index);
        one_error(&run(&index, &["search", "harbour"]), &damaged);
        one_error(&run(&index, &["stats"]), &damaged);
        one_error(&run(&index, &["index", c]), &damaged);
        let out = run(&index, &["index", "--full", c]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stats(&index)["articles"], 3);
    }
}

#[test]
fn leftovers_of_killed_runs_go_at_the_start_of_the_next_run() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index = tmp.path().join("index");
    write_corpus(&corpus, 3);
    let c = corpus.to_str().unwrap();
    assert_eq!(run(&index, &["index", c]).status.code(), Some(0));
    // What a run killed before its commit leaves: segment files that no commit names (here
    // a later commit, undone), and a temp file of an atomic write.
    let meta = fs::read(index.join("meta.json")).unwrap();
    let extra = corpus.join("d0/extra.txt");
    fs::write(&extra, "Title: Extra\n\nThe harbour council met again.\n").unwrap();
    assert_eq!(run(&index, &["index", c]).status.code(), Some(0));
    fs::write(index.join("meta.json"), meta).unwrap();
    fs::remove_file(&extra).unwrap();
    fs::write(index.join(".tmpK1ll3d"), "half a meta.json").unwrap();
    // A user's note beside the index is not morgue's to delete.
    fs::write(index.join("notes.txt"), "mine").unwrap();
    assert!(orphans(&index).len() > 1, "{:?}", orphans(&index));

    let out = run(&index, &["index", "--format", "json", c]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["files_unchanged"], 3, "{summary}");
    assert_eq!(orphans(&index), Vec::<String>::new());
    assert_eq!(fs::read_to_string(index.join("notes.txt")).unwrap(), "mine");
    assert_eq!(stats(&index)["articles"], 3);
}

/// A small tmpfs, unmounted when dropped; `None` where this user may not mount one.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(dir: &Path, size: &str) -> Option<SmallDisk> {
        SmallDisk::mount_with(dir, &format!("size={size}"))
    }

    /// Mounted with these tmpfs options (`size=…`, `strictatime`, …).
    fn mount_with(dir: &Path, options: &str) -> Option<SmallDisk> {
        fs::create_dir_all(dir).unwrap();
        Process::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
            .then(|| SmallDisk(dir.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_named_once_and_the_last_commit_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(&tmp.path().join("disk"), "1m") else {
        crate::harness::skip("mounting a small tmpfs needs root");
        return;
    };
    let corpus = tmp.path().join("corpus");
    let index = disk.0.join("index");
    write_corpus(&corpus, 3);
    let c = corpus.to_str().unwrap();
    assert_eq!(run(&index, &["index", c]).status.code(), Some(0));
    // Some 6 MB of distinct words: far more index than the disk holds.
    let mut rng = XorShift(7);
    for i in 0..40 {
        let words: Vec<String> = (0..20_000)
            .map(|_| format!("w{:x}", rng.next() % 1_000_000))
            .collect();
        let text = format!("Title: Big {i}\n\n{}\n", words.join(" "));
        fs::write(corpus.join(format!("big{i}.txt")), text).unwrap();
    }
    one_error(
        &run(&index, &["index", c]),
        &format!(
            "index {}: no space left on device: free some space (or choose another --index \
             folder) and run again; the last commit is intact",
            index.display()
        ),
    );
    assert_eq!(stats(&index)["articles"], 3);
}

/// Fill the disk `path` lies on, with `path`, until the disk has no room left.
fn fill_disk(path: &Path) {
    let mut file = fs::File::create(path).unwrap();
    let chunk = vec![b'x'; 4096];
    while file.write_all(&chunk).is_ok() {}
}

/// Whether the file has been read since it was last written (on a `strictatime` mount).
fn read_since_written(path: &Path) -> bool {
    let meta = fs::metadata(path).unwrap();
    meta.accessed().unwrap() > meta.modified().unwrap()
}

/// A commit that fails (the disk is full) stops the workers: the files after it are left
/// unread, not read, parsed and extracted only to be thrown away.
#[test]
fn a_failed_commit_stops_the_workers() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(&tmp.path().join("disk"), "1m") else {
        crate::harness::skip("mounting a small tmpfs needs root");
        return;
    };
    let Some(shelf) = SmallDisk::mount_with(&tmp.path().join("corpus"), "size=64m,strictatime")
    else {
        crate::harness::skip("mounting a small tmpfs needs root");
        return;
    };
    let corpus = &shelf.0;
    let index = disk.0.join("index");
    write_corpus(corpus, 3);
    let c = corpus.to_str().unwrap();
    assert_eq!(run(&index, &["index", c]).status.code(), Some(0));
    // The index's disk is full: the next commit, after the first new file, fails.
    fill_disk(&disk.0.join("filler"));
    // 300 files of some 140 KB each, mostly blank (cheap to extract), two to a worker's batch.
    // Newswire files, which the census before extraction does not read (it reads files of
    // one article each), so that what the workers read shows.
    let late = corpus.join("late");
    fs::create_dir_all(&late).unwrap();
    let blank = " ".repeat(140_000);
    let files: Vec<PathBuf> = (0..300)
        .map(|i| late.join(format!("l{i:03}.sgm")))
        .collect();
    for (i, path) in files.iter().enumerate() {
        let record = format!(
            "<REUTERS NEWID=\"{i}\"><TEXT><TITLE>Late {i}</TITLE><BODY>The council \
             met.{blank}</BODY></TEXT></REUTERS>\n"
        );
        fs::write(path, record).unwrap();
    }
    let out = run(
        &index,
        &["index", "--threads", "1", "--commit-every", "1", c],
    );
    one_error(
        &out,
        &format!(
            "index {}: no space left on device: free some space (or choose another --index \
             folder) and run again; the last commit is intact",
            index.display()
        ),
    );
    // One worker gets at most the channel's few batches ahead of the failed commit.
    let read = files.iter().filter(|p| read_since_written(p)).count();
    assert!(
        read <= 20,
        "{read} of 300 files were read though the first commit failed"
    );
    assert_eq!(stats(&index)["articles"], 3);
}

/// A year outside what the index's dates can hold (tantivy counts nanoseconds from 1970:
/// 1677 to 2262) is left out of `mentions`, never wrapped or a panic, and the article is
/// indexed with the rest of its dates.
#[test]
fn dates_beyond_what_the_index_holds_are_left_out() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    fs::write(
        corpus.join("treaty.txt"),
        "Old treaty remembered\nDate: 2021-05-03\n\nThe treaty was signed in 1066, officials said \
         in 1998.\n",
    )
    .unwrap();
    let index = tmp.path().join("index");
    let out = run(&index, &["index", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(hit_count(&index, "treaty"), 1);
    assert_eq!(hit_count(&index, "mentions:1998"), 1);
    assert_eq!(hit_count(&index, "mentions:1066"), 0);
    assert_eq!(hit_count(&index, "mentions:<1700"), 0);
}
