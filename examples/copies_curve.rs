//! Which similarity threshold finds copies of a story? A measurement over Reuters-21578.
//!
//! We will:
//! 1. parse every `.sgm` file in the folder given (default `../shared/corpora/reuters21578`)
//!    and keep one story of each normalised body of at least 50 words;
//! 2. find the groups of stories whose bodies (over 200 characters) are the same byte for
//!    byte, and check that their signatures make every member a candidate of the others
//!    with similarity 1;
//! 3. make ten kinds of copy of 2,000 of the stories (`morgue::eval::copies`) and print
//!    pair precision and recall at each threshold, and recall by kind of copy at the
//!    thresholds that matter;
//! 4. for the pairs under one headline, print how much of the shorter text the longer holds,
//!    for versions of one story and for other stories.
//!
//! Run: `cargo run --release --example copies_curve [DIR [INDEX]]`, INDEX an index of DIR
//! (`morgue index --index INDEX DIR`) whose copy table is checked against the groups of step 2.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use morgue::copies::Signature;
use morgue::eval::copies::{self, Edit, Story};
use morgue::parse::{self, Format};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpora/reuters21578"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    let articles: Vec<_> = files
        .iter()
        .flat_map(|f| {
            parse::parse_file(f, Format::Sgml)
                .map(|p| p.articles)
                .unwrap_or_default()
        })
        .collect();
    exact_groups(&files, std::env::args().nth(2).map(PathBuf::from));

    let mut seen = HashSet::new();
    let originals: Vec<Story> = articles
        .iter()
        .filter(|a| morgue::copies::words(&a.body).count() >= 50)
        .filter(|a| seen.insert(Signature::of(&a.body).exact))
        .map(|a| Story::new(a.title.as_deref().unwrap_or(""), &a.body))
        .collect();
    let all = originals.len();
    let originals = copies::unlike_each_other(originals, 0.3);
    println!(
        "\n{all} distinct bodies of 50 words or more, {} of them unlike each other (similarity under 0.3)",
        originals.len()
    );
    let corpus = copies::corpus(originals, 2000, 1);
    println!(
        "\ngenerated: {} stories ({} originals, {} copies)",
        corpus.stories.len(),
        corpus.edit.iter().filter(|e| e.is_none()).count(),
        corpus.edit.iter().filter(|e| e.is_some()).count()
    );
    let started = Instant::now();
    let thresholds: Vec<f64> = (2..=18).map(|t| t as f64 / 20.0).collect();
    let points = copies::curve(&corpus, &thresholds);
    println!(
        "curve in {:.1} s ({} true pairs)\nthreshold  precision  recall  true  false | clusters: precision  recall",
        started.elapsed().as_secs_f64(),
        points[0].all_true
    );
    for p in &points {
        println!(
            "{:>9.2}  {:>9.4}  {:>6.4}  {:>5}  {:>5} |           {:>6.4}  {:>6.4}",
            p.threshold,
            p.precision(),
            p.recall(),
            p.true_pairs,
            p.false_pairs,
            p.cluster_precision(),
            p.cluster_recall()
        );
    }
    let signatures = signatures(&corpus);
    recall_by_edit(&corpus, &signatures);
    versions_under_one_headline(&corpus, &signatures);
}

/// How much of the shorter text the longer holds ([`morgue::copies::containment`]), for
/// pairs under one headline: an original and its trimmed or extended versions, and
/// articles of other stories under the same headline.
fn versions_under_one_headline(corpus: &copies::Corpus, signatures: &[Signature]) {
    let mut by_title: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, s) in signatures.iter().enumerate() {
        if s.title != 0 {
            by_title.entry(s.title).or_default().push(i);
        }
    }
    // (containment, joined) of each pair: versions of one story, and other stories.
    let mut same: Vec<(f64, bool)> = Vec::new();
    let mut other: Vec<(f64, bool)> = Vec::new();
    for group in by_title.values() {
        for (at, &a) in group.iter().enumerate() {
            for &b in &group[at + 1..] {
                let (x, y) = (&signatures[a], &signatures[b]);
                let joined = morgue::copies::copy_similarity(x, y) >= 0.45;
                let c = (morgue::copies::containment(x, y), joined);
                if corpus.original[a] == corpus.original[b] {
                    same.push(c);
                } else {
                    other.push(c);
                }
            }
        }
    }
    println!(
        "
pairs under one headline: containment of the shorter in the longer"
    );
    println!(
        "{:<24} {:>7} {:>6} {:>6} {:>6} {:>6}  joined",
        "pairs", "count", ">=0.6", ">=0.7", ">=0.8", ">=0.9"
    );
    for (label, pairs) in [("versions of one story", &same), ("other stories", &other)] {
        let share = |t: f64| {
            pairs.iter().filter(|&&(c, _)| c >= t).count() as f64 / pairs.len().max(1) as f64
        };
        let joined = pairs.iter().filter(|&&(_, j)| j).count();
        println!(
            "{label:<24} {:>7} {:>6.3} {:>6.3} {:>6.3} {:>6.3}  {joined}",
            pairs.len(),
            share(0.6),
            share(0.7),
            share(0.8),
            share(0.9)
        );
    }
}

/// Groups of byte-identical bodies over 200 characters, and whether signatures join them;
/// with an index of the same folder (the second argument), whether its copy table puts each
/// group in one cluster.
fn exact_groups(files: &[PathBuf], index: Option<PathBuf>) {
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    let mut titles: HashMap<String, String> = HashMap::new();
    let mut stories = 0;
    for file in files {
        let key = morgue::index::path_key(&file.canonicalize().unwrap_or_else(|_| file.clone()));
        for a in parse::parse_file(file, Format::Sgml)
            .map(|p| p.articles)
            .unwrap_or_default()
        {
            stories += 1;
            let id = morgue::article::article_id(&key, a.record.as_deref());
            titles.insert(id.clone(), a.title.clone().unwrap_or_default());
            if a.body.len() > 200 {
                groups.entry(a.body).or_default().push(id);
            }
        }
    }
    let groups: Vec<(String, Vec<String>)> = groups
        .into_iter()
        .filter(|(_, ids)| ids.len() > 1)
        .collect();
    let joined = groups
        .iter()
        .filter(|(body, ids)| {
            let first = copies::signature(&titles[&ids[0]], body);
            ids[1..].iter().all(|id| {
                morgue::copies::are_copies(&first, &copies::signature(&titles[id], body), 0.45)
            })
        })
        .count();
    println!(
        "{stories} stories; {} groups of identical bodies over 200 characters; joined by signature: {joined}",
        groups.len()
    );
    let Some(dir) = index else { return };
    let archive = morgue::query::Archive::open(&dir).expect("an index");
    let table = archive.copies().expect("a copy table");
    let stories = archive.stories().expect("the copy table's places");
    let cluster_of = |id: &String| {
        let hit = archive.article(id).expect("a readable index")?;
        stories.cluster_at(hit.address)
    };
    let in_one = groups
        .iter()
        .filter(|(_, ids)| {
            let cluster = cluster_of(&ids[0]);
            cluster.is_some() && ids.iter().all(|id| cluster_of(id) == cluster)
        })
        .count();
    println!(
        "index {}: {} clusters, {} copies; groups in one cluster: {in_one} of {}",
        dir.display(),
        table.clusters().len(),
        table.copies(),
        groups.len()
    );
}

/// The signature of each story of the corpus, as `morgue index` would make it.
fn signatures(corpus: &copies::Corpus) -> Vec<Signature> {
    (corpus.stories.iter())
        .map(|s| copies::signature(&s.title, &s.body()))
        .collect()
}

/// Recall of each kind of copy (pairs original–copy) at a few thresholds.
fn recall_by_edit(corpus: &copies::Corpus, signatures: &[Signature]) {
    let candidates: HashMap<(usize, usize), f64> = copies::candidate_pairs(signatures)
        .into_iter()
        .map(|(a, b, s)| ((a, b), s))
        .collect();
    let first_original = corpus.edit.iter().position(|e| e.is_none()).unwrap_or(0);
    println!("\nrecall of original–copy pairs by kind of copy");
    println!(
        "{:<22} {:>6} {:>6} {:>6} {:>6}  mean similarity  0.45, of stories of 180+ words",
        "kind", "0.30", "0.40", "0.45", "0.50"
    );
    // Each copy's similarity to its original as the pass sees it (0 if never compared), and
    // whether the original is long enough that a third of it is no brief.
    let copy_of = |edit: Edit| {
        (0..corpus.stories.len())
            .filter(move |&i| corpus.edit[i] == Some(edit))
            .map(|i| {
                let original = first_original + corpus.original[i];
                let key = (i.min(original), i.max(original));
                let long = corpus.stories[original].word_count() >= 180;
                (candidates.get(&key).copied().unwrap_or(0.0), long)
            })
    };
    for edit in Edit::ALL {
        let sims: Vec<f64> = copy_of(edit).map(|(s, _)| s).collect();
        let recall = |t: f64| sims.iter().filter(|&&s| s >= t).count() as f64 / sims.len() as f64;
        let long: Vec<f64> = copy_of(edit).filter(|&(_, l)| l).map(|(s, _)| s).collect();
        let long_recall = long.iter().filter(|&&s| s >= 0.45).count() as f64 / long.len() as f64;
        let exact: Vec<f64> = (0..corpus.stories.len())
            .filter(|&i| corpus.edit[i] == Some(edit))
            .map(|i| {
                let original = first_original + corpus.original[i];
                morgue::copies::similarity(&signatures[i], &signatures[original])
            })
            .collect();
        println!(
            "{:<22} {:>6.3} {:>6.3} {:>6.3} {:>6.3}  {:>15.3}  {long_recall:.3} of {}",
            format!("{edit:?}"),
            recall(0.30),
            recall(0.40),
            recall(0.45),
            recall(0.50),
            exact.iter().sum::<f64>() / exact.len() as f64,
            long.len()
        );
    }
}
