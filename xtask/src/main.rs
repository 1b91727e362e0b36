//! Development tasks, run as `cargo xtask TASK`.
//!
//! * `train-tagger [--train FILE] [--dev FILE] [--out FILE] [--data DIR] [--epochs N]
//!   [--bits B] [--folds K] [--seeds S] [--min-count C]`: train the entity tagger on
//!   CoNLL-2003 `eng.train` (default `../shared/corpora/conll2003/eng.train`), report F1 on
//!   `--dev` after each stage, and write the model (default `data/ner.model`), which the
//!   binary embeds. Training is deterministic: the same data and options give the same bytes.
//! * `cluster-words [--corpora DIR] [--out FILE] [--sizes 64,256,1024] [--min-count C]
//!   [--passes N]`: learn the word clusters the tagger reads (default
//!   `data/tagger/word-clusters.tsv`) from unlabelled news text (see `clusters`); run it
//!   before `train-tagger`, which stores the table in the model. Deterministic too.
//! * `bench [--sizes 100MB,1GB] [--files N] [--out DIR] [--work DIR] [--tantivy PATH]
//!   [--repeat N] [--query-runs N] [--no-plain] [--smoke]`: index, query and re-index
//!   benchmarks of the release binary against plain tantivy and ripgrep (see `bench`).

mod bench;
mod clusters;

use std::process::ExitCode;

use morgue::eval::conll;
use morgue::extract::tagger::{Gazetteers, TrainOptions, train};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("train-tagger") => train_tagger(&args[1..]),
        Some("cluster-words") => clusters::main(&args[1..]),
        Some("bench") => bench::main(&args[1..]),
        _ => Err("usage: cargo xtask train-tagger|cluster-words|bench [options]".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::from(2)
        }
    }
}

fn train_tagger(args: &[String]) -> Result<(), String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut train_path = root.join("../shared/corpora/conll2003/eng.train");
    let mut dev_path = Some(root.join("../shared/corpora/conll2003/eng.testa"));
    let mut out = root.join("data/ner.model");
    let mut data_dir = root.join("data/tagger");
    let mut opts = TrainOptions {
        verbose: true,
        ..TrainOptions::default()
    };
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        let value = args
            .get(i + 1)
            .ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || value.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
        match flag {
            "--train" => train_path = value.into(),
            "--dev" => dev_path = (value != "none").then(|| value.into()),
            "--out" => out = value.into(),
            "--data" => data_dir = value.into(),
            "--epochs" => opts.epochs = number()? as usize,
            "--bits" => opts.hash_bits = number()? as u32,
            "--folds" => opts.folds = number()? as usize,
            "--seeds" => opts.seeds = number()? as usize,
            "--seed" => opts.seed = number()?,
            "--min-count" => opts.min_count = number()? as u32,
            _ => return Err(format!("unknown option {flag}")),
        }
        i += 2;
    }
    let read = |name: &str| -> Result<String, String> {
        let p = data_dir.join(name);
        std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))
    };
    opts.gazetteers = Gazetteers {
        places: read("gazetteer-places.txt")?,
        first_names: read("names-first.txt")?,
        last_names: read("names-last.txt")?,
        org_suffixes: read("company-suffixes.txt")?,
        clusters: read("word-clusters.tsv")?,
    };
    let docs = conll::read(&train_path.to_string_lossy())?;
    if let Some(dev) = &dev_path {
        opts.dev = conll::read(&dev.to_string_lossy())?;
    }
    let started = std::time::Instant::now();
    let model = train(&docs, &opts);
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "trained in {:.1}s; wrote {} ({} bytes)",
        started.elapsed().as_secs_f64(),
        out.display(),
        bytes.len()
    );
    Ok(())
}
