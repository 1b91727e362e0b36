//! Benchmark corpora: Reuters-21578 stories replicated to a chosen size, or generated ones.
//!
//! Two layouts of the same stories: many per file (`.sgm`, a thousand `<REUTERS>` records a
//! file, as the original) and one per file (`.txt` with `Title:` and `Date:` headers, a
//! thousand files a folder). Copies get fresh `NEWID`s and publication dates spread over 1987
//! to 2020, so no two articles share an id. Each corpus comes with `docs.jsonl` (title and
//! body, one object a line) holding the same documents for plain tantivy. A corpus is written
//! once under the work folder and reused while its `corpus.json` marker says it is complete.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use serde_json::{Value, json};

/// One story to replicate.
#[derive(Debug, Clone)]
pub struct Story {
    pub title: String,
    pub dateline: String,
    /// As written in SGML: `&lt;`, `&amp;` and `&#3;` escapes included.
    pub body: String,
}

/// A corpus on disk.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub name: String,
    pub dir: PathBuf,
    pub jsonl: PathBuf,
    pub files: usize,
    pub articles: usize,
    /// Bytes of the article files (what `morgue index` reads).
    pub bytes: u64,
    pub jsonl_bytes: u64,
    /// `reuters21578` or `generated`.
    pub source: String,
}

impl Corpus {
    pub fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "files": self.files,
            "articles": self.articles,
            "bytes": self.bytes,
            "jsonl_bytes": self.jsonl_bytes,
            "source": self.source,
        })
    }
}

/// The stories of Reuters-21578 that have a body, in file order.
pub fn load_reuters(dir: &Path) -> Vec<Story> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    let mut stories = Vec::new();
    for file in files {
        let Ok(bytes) = fs::read(&file) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        for record in text.split("<REUTERS ").skip(1) {
            let Some(body) = element(record, "BODY") else {
                continue;
            };
            stories.push(Story {
                title: element(record, "TITLE")
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                dateline: element(record, "DATELINE").unwrap_or_default().to_string(),
                body: body.trim_end_matches("&#3;").trim_end().to_string(),
            });
        }
    }
    stories
}

fn element(record: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = record.find(&open)? + open.len();
    let end = start + record[start..].find(&close)?;
    Some(record[start..end].to_string())
}

/// Stories made up from word lists, for machines without the Reuters data. They name people,
/// companies and places and mention dates, so extraction has work to do.
pub fn generate(count: usize) -> Vec<Story> {
    const PEOPLE: [&str; 8] = [
        "James Baker",
        "Paul Volcker",
        "Margaret Thatcher",
        "Yasuhiro Nakasone",
        "Karl Otto Poehl",
        "Ronald Reagan",
        "Jacques Delors",
        "Brian Mulroney",
    ];
    const COMPANIES: [&str; 8] = [
        "Texaco Inc",
        "General Motors Corp",
        "Chrysler Corp",
        "British Petroleum Co",
        "Nippon Steel Corp",
        "Citicorp",
        "American Express Co",
        "Exxon Corp",
    ];
    const PLACES: [&str; 8] = [
        "Japan",
        "West Germany",
        "Brazil",
        "Canada",
        "London",
        "New York",
        "Tokyo",
        "Saudi Arabia",
    ];
    const WORDS: [&str; 24] = [
        "oil",
        "prices",
        "rose",
        "fell",
        "trade",
        "deficit",
        "interest",
        "rates",
        "the",
        "bank",
        "said",
        "shares",
        "wheat",
        "tonnes",
        "dollar",
        "market",
        "crude",
        "output",
        "quarter",
        "profit",
        "exports",
        "stock",
        "exchange",
        "government",
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    (0..count)
        .map(|_| {
            let mut body = String::new();
            for sentence in 0..next(12) + 4 {
                let _ = write!(
                    body,
                    "{} said {} and {} ",
                    PEOPLE[next(8)],
                    COMPANIES[next(8)],
                    PLACES[next(8)]
                );
                for _ in 0..next(14) + 6 {
                    body.push_str(WORDS[next(24)]);
                    body.push(' ');
                }
                if sentence % 3 == 0 {
                    body.push_str("interest rates and crude oil on Tuesday, ");
                }
                body.push_str("last March.\n");
            }
            Story {
                title: format!(
                    "{} {} {}",
                    PLACES[next(8)],
                    WORDS[next(24)],
                    WORDS[next(24)]
                )
                .to_uppercase(),
                dateline: format!("    {}, March 3 - ", PLACES[next(8)].to_uppercase()),
                body,
            }
        })
        .collect()
}

/// The publication date of the `i`th article: spread over 1987–2020.
fn date_of(i: usize) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(1987, 1, 1).expect("a valid date");
    start + Days::new(((i as u64).wrapping_mul(7919)) % (34 * 365))
}

/// SGML escapes back to text, as a reader of the `.txt` and JSON layouts would see them.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&e| e <= 8) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        match &rest[1..end] {
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "amp" => out.push('&'),
            "quot" => out.push('"'),
            e if e.starts_with('#') => {}
            _ => out.push_str(&rest[..=end]),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

fn complete(dir: &Path) -> Option<Value> {
    let text = fs::read_to_string(dir.join("corpus.json")).ok()?;
    serde_json::from_str(&text).ok()
}

fn from_marker(name: &str, dir: &Path, v: &Value) -> Corpus {
    let n = |k: &str| v[k].as_u64().unwrap_or(0);
    Corpus {
        name: name.to_string(),
        dir: dir.join("articles"),
        jsonl: dir.join("docs.jsonl"),
        files: n("files") as usize,
        articles: n("articles") as usize,
        bytes: n("bytes"),
        jsonl_bytes: n("jsonl_bytes"),
        source: v["source"].as_str().unwrap_or("").to_string(),
    }
}

/// Writes articles and their JSON lines, counting both.
struct Sink {
    jsonl: BufWriter<fs::File>,
    bytes: u64,
    jsonl_bytes: u64,
    articles: usize,
    files: usize,
}

impl Sink {
    fn new(dir: &Path) -> std::io::Result<Sink> {
        Ok(Sink {
            jsonl: BufWriter::new(fs::File::create(dir.join("docs.jsonl"))?),
            bytes: 0,
            jsonl_bytes: 0,
            articles: 0,
            files: 0,
        })
    }

    fn json_line(&mut self, story: &Story) -> std::io::Result<()> {
        let line = json!({
            "title": unescape(&story.title),
            "body": unescape(&format!("{}{}", story.dateline.trim_start(), story.body)),
        })
        .to_string();
        self.jsonl.write_all(line.as_bytes())?;
        self.jsonl.write_all(b"\n")?;
        self.jsonl_bytes += line.len() as u64 + 1;
        self.articles += 1;
        Ok(())
    }

    fn finish(mut self, name: &str, dir: &Path, source: &str) -> std::io::Result<Corpus> {
        self.jsonl.flush()?;
        let marker = json!({
            "files": self.files,
            "articles": self.articles,
            "bytes": self.bytes,
            "jsonl_bytes": self.jsonl_bytes,
            "source": source,
        });
        fs::write(dir.join("corpus.json"), marker.to_string())?;
        Ok(from_marker(name, dir, &marker))
    }
}

/// Many articles per file: `.sgm` files of a thousand records, `target` bytes in all.
pub fn sgml(
    work: &Path,
    name: &str,
    target: u64,
    stories: &[Story],
    source: &str,
) -> std::io::Result<Corpus> {
    let dir = work.join(name);
    if let Some(v) = complete(&dir) {
        return Ok(from_marker(name, &dir, &v));
    }
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("articles"))?;
    let mut sink = Sink::new(&dir)?;
    let mut i = 0usize;
    while sink.bytes < target {
        let path = dir.join(format!("articles/part-{:05}.sgm", sink.files));
        let mut out = String::with_capacity(1 << 21);
        out.push_str("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n");
        for _ in 0..1000 {
            let story = &stories[i % stories.len()];
            let date = date_of(i);
            let _ = write!(
                out,
                "<REUTERS TOPICS=\"NO\" NEWID=\"{}\">\n<DATE>{:2}-{}-{} 15:01:01.79</DATE>\n\
                 <TEXT>&#2;\n<TITLE>{}</TITLE>\n<DATELINE>{}</DATELINE><BODY>{}\n&#3;</BODY></TEXT>\n</REUTERS>\n",
                i + 1,
                date.format("%d"),
                MONTHS[date.format("%m").to_string().parse::<usize>().unwrap_or(1) - 1],
                date.format("%Y"),
                story.title,
                story.dateline,
                story.body,
            );
            sink.json_line(story)?;
            i += 1;
            if sink.bytes + out.len() as u64 >= target {
                break;
            }
        }
        fs::write(&path, &out)?;
        sink.bytes += out.len() as u64;
        sink.files += 1;
    }
    sink.finish(name, &dir, source)
}

/// One article per file: `count` `.txt` files with `Title:` and `Date:` headers.
pub fn text(
    work: &Path,
    name: &str,
    count: usize,
    stories: &[Story],
    source: &str,
) -> std::io::Result<Corpus> {
    let dir = work.join(name);
    if let Some(v) = complete(&dir) {
        return Ok(from_marker(name, &dir, &v));
    }
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("articles"))?;
    let mut sink = Sink::new(&dir)?;
    for i in 0..count {
        if i % 1000 == 0 {
            fs::create_dir_all(dir.join(format!("articles/d{:04}", i / 1000)))?;
        }
        let story = &stories[i % stories.len()];
        let content = format!(
            "Title: {}\nDate: {}\n\n{}{}\n",
            unescape(&story.title),
            date_of(i),
            unescape(story.dateline.trim_start()),
            unescape(&story.body),
        );
        fs::write(
            dir.join(format!("articles/d{:04}/{i:07}.txt", i / 1000)),
            &content,
        )?;
        sink.json_line(story)?;
        sink.bytes += content.len() as u64;
        sink.files += 1;
    }
    sink.finish(name, &dir, source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_sgml() {
        for (input, expected) in [
            ("a &lt;b&gt; &amp; c", "a <b> & c"),
            ("end&#3;", "end"),
            ("AT&T said", "AT&T said"),
            ("&unknown;", "&unknown;"),
        ] {
            assert_eq!(unescape(input), expected, "{input}");
        }
    }

    #[test]
    fn builds_both_layouts_and_reuses_them() {
        let work = tempfile::tempdir().unwrap();
        let stories = generate(30);
        let sgm = sgml(work.path(), "sgm", 40_000, &stories, "generated").unwrap();
        assert!(sgm.bytes >= 40_000 && sgm.articles > 10, "{sgm:?}");
        let again = sgml(work.path(), "sgm", 40_000, &stories, "generated").unwrap();
        assert_eq!(again.articles, sgm.articles);
        let txt = text(work.path(), "txt", 50, &stories, "generated").unwrap();
        assert_eq!((txt.files, txt.articles), (50, 50));
        let lines = fs::read_to_string(&txt.jsonl).unwrap();
        assert_eq!(lines.lines().count(), 50);
        let first: Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
        assert!(first["title"].as_str().is_some_and(|t| !t.is_empty()));
    }
}
