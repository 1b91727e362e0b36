//! `cargo xtask cluster-words`: learns the tagger's word clusters from unlabelled news text.
//!
//! The text is every story of Reuters-21578 (read by morgue's own SGML parser), the
//! sentences of CoNLL-2003 `eng.train` (the tagger's training text; never `eng.testa`), the
//! training half of PolNeAR (US political news, 2015–16) and the gold main texts of the
//! article-extraction benchmark (web news of many publishers), all tokenized by morgue's own
//! tokenizer, so the words clustered are the tokens the tagger sees. A source that is absent
//! is skipped with a message; the table records which sources it was learnt from in
//! `data/NOTICE`'s terms, not in the file.

use std::path::{Path, PathBuf};

use morgue::eval::conll;
use morgue::extract::tagger::{ClusterOptions, learn_clusters};
use morgue::extract::tokenize::tokenize;
use morgue::parse::{Format, parse_file};

pub fn main(args: &[String]) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut corpora = root.join("../shared/corpora");
    let mut out = root.join("data/tagger/word-clusters.tsv");
    let mut opts = ClusterOptions::default();
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        let value = (args.get(i + 1)).ok_or_else(|| format!("{flag} needs a value"))?;
        match flag {
            "--corpora" => corpora = value.into(),
            "--out" => out = value.into(),
            "--sizes" => {
                opts.sizes = (value.split(','))
                    .map(|s| {
                        s.trim()
                            .parse::<usize>()
                            .map_err(|e| format!("{flag}: {e}"))
                    })
                    .collect::<Result<_, _>>()?
            }
            "--min-count" => {
                opts.min_count = value.parse().map_err(|e| format!("{flag}: {e}"))?;
            }
            "--passes" => opts.max_passes = value.parse().map_err(|e| format!("{flag}: {e}"))?,
            _ => return Err(format!("unknown option {flag}")),
        }
        i += 2;
    }
    let sentences = read_all(&corpora)?;
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    eprintln!("{} sentences, {tokens} tokens", sentences.len());
    let started = std::time::Instant::now();
    let table = learn_clusters(&sentences, &opts, |size, pass, moved| {
        eprintln!(
            "{size} classes, pass {pass}: {moved} words moved ({:.0}s)",
            started.elapsed().as_secs_f64()
        )
    });
    std::fs::write(&out, &table).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "wrote {} ({} words, {} bytes)",
        out.display(),
        table.lines().count(),
        table.len()
    );
    Ok(())
}

/// The sentences of every source found under `corpora`, as token strings.
fn read_all(corpora: &Path) -> Result<Vec<Vec<String>>, String> {
    let mut sentences = Vec::new();
    let reuters = files_with(&corpora.join("reuters21578"), "sgm");
    let polnear = files_with(&corpora.join("polnear/train/text"), "txt");
    for (name, files, format) in [
        ("Reuters-21578", reuters, Format::Sgml),
        ("PolNeAR train", polnear, Format::Text),
    ] {
        let before = sentences.len();
        for file in &files {
            let parsed = parse_file(file, format).map_err(|e| e.to_string())?;
            for article in parsed.articles {
                for text in [article.title.unwrap_or_default(), article.body] {
                    push_text(&text, &mut sentences);
                }
            }
        }
        report(name, files.len(), sentences.len() - before);
    }
    let train = corpora.join("conll2003/eng.train");
    if train.exists() {
        let before = sentences.len();
        for doc in conll::read(&train.to_string_lossy())? {
            (sentences).extend(doc.sentences.into_iter().map(|s| s.tokens));
        }
        report("CoNLL-2003 eng.train", 1, sentences.len() - before);
    } else {
        eprintln!(
            "skipping CoNLL-2003 eng.train: {} not found",
            train.display()
        );
    }
    let truth = corpora.join("article-extraction-benchmark/ground-truth.json");
    match std::fs::read_to_string(&truth) {
        Ok(json) => {
            let before = sentences.len();
            let pages: serde_json::Value =
                serde_json::from_str(&json).map_err(|e| format!("{}: {e}", truth.display()))?;
            let bodies = (pages.as_object().into_iter().flatten())
                .filter_map(|(_, page)| page.get("articleBody")?.as_str());
            for body in bodies {
                push_text(body, &mut sentences);
            }
            report("article-extraction benchmark", 1, sentences.len() - before);
        }
        Err(e) => eprintln!("skipping the article-extraction benchmark: {e}"),
    }
    if sentences.is_empty() {
        return Err(format!("no text found under {}", corpora.display()));
    }
    Ok(sentences)
}

fn push_text(text: &str, sentences: &mut Vec<Vec<String>>) {
    for sentence in tokenize(text) {
        let words = sentence
            .tokens
            .iter()
            .map(|t| text[t.start..t.end].to_string());
        sentences.push(words.collect());
    }
}

fn report(name: &str, files: usize, sentences: usize) {
    if files == 0 {
        eprintln!("skipping {name}: not found");
    } else {
        eprintln!("{name}: {sentences} sentences");
    }
}

/// The files directly in `dir` with extension `ext`, sorted, or none.
fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = (std::fs::read_dir(dir).into_iter().flatten())
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}
