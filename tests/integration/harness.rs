//! What every integration test shares: the real `morgue` binary in a clean environment, a
//! folder holding a corpus and an index for it to work on ([`Env`]), where the fixtures and
//! the shared corpora are, and readers of the binary's output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// How long a watched run may take before it is killed, so that a hang fails the test.
pub const HANG_LIMIT: Duration = Duration::from_secs(60);

/// The path of the `morgue` binary cargo built for the tests.
pub fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("morgue")
}

/// The `morgue` binary with a clean environment: its home, data folder and index all under
/// `home`, no colour.
pub fn morgue(home: &Path, index: &Path) -> Command {
    let mut cmd = Command::new(binary());
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("NO_COLOR", "1")
        .env("MORGUE_INDEX", index);
    cmd
}

/// The `morgue` binary as a plain process, for tests that spawn, feed, wait on or kill it:
/// a clean environment with only `PATH`, no colour and the index `index`.
pub fn process(index: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(binary());
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .env("MORGUE_INDEX", index);
    cmd
}

/// The project's own folder.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture file or folder the tests read, by its path under `tests/integration/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    repo().join("tests/integration/fixtures").join(rel)
}

/// A path under the shared folder beside the project (`../shared/`: the real corpora and
/// the seed articles), or `None` with a message saying the test is skipped when it is absent.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = repo().join("../shared").join(rel);
    if path.exists() {
        Some(path)
    } else {
        skip(&format!("{} is absent", path.display()));
        None
    }
}

/// Say that (part of) a test did not run, and why, where `cargo test` shows it: on the real
/// standard error, which the test harness does not capture (it captures `eprintln!`).
pub fn skip(why: &str) {
    use std::io::Write;
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr(), "skipped in {test}: {why}");
}

/// Where an [`Env`] lives.
enum Home {
    /// A temporary folder, removed when the `Env` is dropped.
    Temporary(TempDir),
    /// A folder under cargo's `target/tmp`, for an `Env` kept in a static: a static is never
    /// dropped, so a temporary folder would be left behind on every run; this one is emptied
    /// at the start of the next.
    Kept(PathBuf),
}

/// A folder for one test (or one group of tests) holding a corpus folder and an index
/// folder, and the binary run in a clean environment whose home is that folder.
pub struct Env {
    home: Home,
}

impl Env {
    /// A fresh, empty temporary environment.
    pub fn new() -> Env {
        Env {
            home: Home::Temporary(tempfile::tempdir().unwrap()),
        }
    }

    /// An environment under cargo's `target/tmp/NAME`, emptied first, for tests that share
    /// one environment through a static.
    pub fn kept(name: &str) -> Env {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Env {
            home: Home::Kept(dir),
        }
    }

    /// This environment with a copy of `sample-corpus/` as its corpus.
    pub fn with_sample_corpus(self) -> Env {
        copy_dir(&repo().join("sample-corpus"), &self.corpus());
        self
    }

    /// The environment's folder, the binary's home.
    pub fn home(&self) -> &Path {
        match &self.home {
            Home::Temporary(dir) => dir.path(),
            Home::Kept(dir) => dir,
        }
    }

    /// The corpus folder (made by the first [`Env::write`]).
    pub fn corpus(&self) -> PathBuf {
        self.home().join("corpus")
    }

    /// The index folder the binary is given.
    pub fn index_dir(&self) -> PathBuf {
        self.home().join("index")
    }

    /// Writes `bytes` to `rel` under the corpus folder, making folders as needed; the path.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.corpus().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path
    }

    /// The binary in this environment, not yet run.
    pub fn morgue(&self) -> Command {
        morgue(self.home(), &self.index_dir())
    }

    /// Runs the binary with `args`.
    pub fn run(&self, args: &[&str]) -> Output {
        self.morgue().args(args).output().unwrap()
    }

    /// Runs the binary with `args`, killed after [`HANG_LIMIT`].
    pub fn watched(&self, args: &[&str]) -> Output {
        self.morgue()
            .args(args)
            .timeout(HANG_LIMIT)
            .output()
            .unwrap()
    }

    /// Runs the binary with `args` and `--format json`: the exit code and the parsed lines.
    pub fn json(&self, args: &[&str]) -> (i32, Vec<Value>) {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--format", "json"]);
        let out = self.run(&all);
        (out.status.code().unwrap(), json_lines(&out))
    }

    /// `morgue index` of the corpus, which must succeed (exit code 0, or 1 when some files
    /// were reported).
    pub fn index(&self) -> Output {
        let out = self.run(&["index", self.corpus().to_str().unwrap()]);
        assert!(
            out.status.code() == Some(0) || out.status.code() == Some(1),
            "index failed: {}",
            stderr(&out)
        );
        out
    }

    /// A JSON search for up to 1000 hits: the exit code and the hits.
    pub fn search(&self, query: &str) -> (i32, Vec<Value>) {
        let out = self.run(&["search", "--format", "json", "-n", "1000", query]);
        (out.status.code().unwrap(), json_lines(&out))
    }

    /// `morgue extract` of one file, which must succeed (watched): its articles as JSON.
    pub fn extract(&self, path: &Path) -> Vec<Value> {
        let out = self.watched(&["extract", path.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            path.display(),
            stderr(&out)
        );
        json_lines(&out)
    }
}

/// Copies the folder `from` to `to`, with everything below it.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file below `dir` that morgue reads, sorted.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if morgue::parse::Format::from_path(&path).is_some() {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Standard error, lossily decoded.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Standard output, lossily decoded.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard output as JSON lines.
pub fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// A JSON array of strings.
pub fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// Every mention's offsets in a `morgue extract` article slice its field to its text.
pub fn assert_offsets(article: &Value) {
    for m in article["entities"]
        .as_array()
        .unwrap()
        .iter()
        .chain(article["dates"].as_array().unwrap())
    {
        let field = article[m["field"].as_str().unwrap()].as_str().unwrap();
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&field[s..e], m["text"].as_str().unwrap(), "{m}");
    }
}
