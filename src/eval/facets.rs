//! Facet precision: how many of the most mentioned entities of each type are real entities
//! of that type, by a hand-judged list (`morgue eval facets`).
//!
//! The corpus is indexed with [`crate::index::build`] into a fresh folder (removed afterwards
//! unless it is to be kept), and the top entities of each type come from
//! [`crate::query::facets::entities`], the call behind `morgue entities --type T --top N`, so
//! the evaluation follows whatever entity answers morgue gives.
//!
//! A judged file is tab-separated, `type name verdict note`, one entity a line, with `#`
//! comments and blank lines skipped; the verdict is `ok` or `wrong`, the note free text. Of
//! several files, a later judgement of the same type and name overrides an earlier one.
//!
//! Besides precision, the report lists *splits*, one entity counted under several names: a
//! name judged wrong with a note starting "variant of" or "same as", and names in the top
//! lists whose forms folded as the index folds words (case, accents, punctuation) are equal.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::article::EntityKind;
use crate::index::Failure;
use crate::query::Archive;
use crate::query::EntityCount;

use super::TempFolder;

/// What the format of a judged line is, said in every message about a bad one.
const LINE_FORMAT: &str = "write each line as type<TAB>name<TAB>ok|wrong<TAB>note";

/// Notes that say a wrong name is another listed entity under a second name.
const SPLIT_NOTES: [&str; 2] = ["variant of", "same as"];

/// Why an evaluation could not run. Each message names the file, the cause and the remedy.
#[derive(Debug, thiserror::Error)]
pub enum FacetsError {
    #[error("{}:{line}: {reason}; {LINE_FORMAT}", path.display())]
    Judged {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    #[error(
        "{}: no articles found (give a folder or file of articles morgue reads)",
        corpus.display()
    )]
    NoArticles { corpus: PathBuf },
    #[error("{}: no such file or folder", .0.display())]
    NoCorpus(PathBuf),
    #[error(transparent)]
    Morgue(#[from] crate::Error),
}

/// Settings of one evaluation.
#[derive(Debug, Clone)]
pub struct FacetsOptions {
    /// A folder or file of articles, in any format morgue reads.
    pub corpus: PathBuf,
    /// Judged files, later ones overriding earlier ones.
    pub judged: Vec<PathBuf>,
    /// How many entities of each type are scored.
    pub top: usize,
    /// Build the index here and keep it, instead of in a temporary folder.
    pub keep_index: Option<PathBuf>,
    /// Called now and then while the corpus is indexed.
    pub progress: Option<fn(&crate::index::Progress)>,
}

/// A hand judgement of one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub ok: bool,
    pub note: String,
}

/// Judgements by type and name, as read from judged files.
#[derive(Debug, Default)]
pub struct Judgements(HashMap<(EntityKind, String), Judgement>);

impl Judgements {
    /// Read the files in order; a later judgement of the same entity overrides an earlier one.
    pub fn load(paths: &[PathBuf]) -> Result<Judgements, FacetsError> {
        let mut judgements = Judgements::default();
        for path in paths {
            let text = std::fs::read_to_string(path).map_err(|e| crate::Error::io(path, e))?;
            judgements.add(path, &text)?;
        }
        Ok(judgements)
    }

    /// Add the judgements of one file's text.
    pub fn add(&mut self, path: &Path, text: &str) -> Result<(), FacetsError> {
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |reason: String| FacetsError::Judged {
                path: path.to_path_buf(),
                line: i + 1,
                reason,
            };
            let mut cells = line.splitn(4, '\t');
            let (kind, name, verdict) = match (cells.next(), cells.next(), cells.next()) {
                (Some(k), Some(n), Some(v)) => (k.trim(), n.trim(), v.trim()),
                _ => return Err(bad("fewer than three tab-separated columns".into())),
            };
            let kind = EntityKind::named(&kind.to_lowercase())
                .ok_or_else(|| bad(format!("'{kind}' is not an entity type")))?;
            if name.is_empty() {
                return Err(bad("the name is empty".into()));
            }
            let ok = match verdict.to_lowercase().as_str() {
                "ok" => true,
                "wrong" => false,
                _ => return Err(bad(format!("verdict '{verdict}' is neither ok nor wrong"))),
            };
            let note = cells.next().unwrap_or("").trim().to_string();
            self.0
                .insert((kind, name.to_string()), Judgement { ok, note });
        }
        Ok(())
    }

    pub fn get(&self, kind: EntityKind, name: &str) -> Option<&Judgement> {
        self.0.get(&(kind, name.to_string()))
    }
}

/// The scores of one type's top list.
#[derive(Debug, Clone, PartialEq)]
pub struct KindScore {
    pub kind: EntityKind,
    /// How many names the top list held (at most the `top` asked for).
    pub listed: usize,
    pub ok: usize,
    /// Names judged wrong, with their notes.
    pub wrong: Vec<(EntityCount, String)>,
    /// Names no file judges.
    pub unjudged: Vec<EntityCount>,
}

/// Counts over any number of top lists.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Totals {
    pub listed: usize,
    pub judged: usize,
    pub ok: usize,
    pub wrong: usize,
    pub unjudged: usize,
}

impl Totals {
    /// `ok / judged`; `None` when nothing is judged.
    pub fn precision(&self) -> Option<f64> {
        (self.judged > 0).then(|| self.ok as f64 / self.judged as f64)
    }

    fn add(mut self, other: Totals) -> Totals {
        self.listed += other.listed;
        self.judged += other.judged;
        self.ok += other.ok;
        self.wrong += other.wrong;
        self.unjudged += other.unjudged;
        self
    }
}

impl KindScore {
    pub fn totals(&self) -> Totals {
        Totals {
            listed: self.listed,
            judged: self.ok + self.wrong.len(),
            ok: self.ok,
            wrong: self.wrong.len(),
            unjudged: self.unjudged.len(),
        }
    }
}

/// One entity counted under several names: the names, and the judgement's note when a
/// judgement says so (`None` when their folded forms are equal).
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub names: Vec<EntityCount>,
    pub note: Option<String>,
}

/// What `morgue eval facets` measured.
#[derive(Debug, Clone)]
pub struct FacetsReport {
    pub corpus: PathBuf,
    pub judged_files: Vec<PathBuf>,
    pub top: usize,
    /// Articles in the index the top lists come from.
    pub articles: u64,
    /// Corpus files that could not be indexed.
    pub failures: Vec<Failure>,
    pub kinds: Vec<KindScore>,
    pub splits: Vec<Split>,
}

impl FacetsReport {
    pub fn overall(&self) -> Totals {
        self.kinds
            .iter()
            .fold(Totals::default(), |sum, k| sum.add(k.totals()))
    }
}

/// Score each type's top list (most mentioned first) against the judgements.
pub fn score(kind: EntityKind, top: &[EntityCount], judgements: &Judgements) -> KindScore {
    let mut scored = KindScore {
        kind,
        listed: top.len(),
        ok: 0,
        wrong: Vec::new(),
        unjudged: Vec::new(),
    };
    for entity in top {
        match judgements.get(kind, &entity.name) {
            Some(j) if j.ok => scored.ok += 1,
            Some(j) => scored.wrong.push((entity.clone(), j.note.clone())),
            None => scored.unjudged.push(entity.clone()),
        }
    }
    scored
}

/// Splits among the top lists: names judged a variant of another, then groups of names
/// (of any types) whose folded forms are equal, in the order the lists give them.
pub fn splits(kinds: &[KindScore], lists: &[Vec<EntityCount>]) -> Vec<Split> {
    let mut out: Vec<Split> = kinds
        .iter()
        .flat_map(|k| &k.wrong)
        .filter(|(_, note)| {
            let note = note.to_lowercase();
            SPLIT_NOTES.iter().any(|p| note.starts_with(p))
        })
        .map(|(entity, note)| Split {
            names: vec![entity.clone()],
            note: Some(note.clone()),
        })
        .collect();
    let mut groups: Vec<(String, Vec<EntityCount>)> = Vec::new();
    for entity in lists.iter().flatten() {
        let key = folded(&entity.name);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, names)) => names.push(entity.clone()),
            None => groups.push((key, vec![entity.clone()])),
        }
    }
    out.extend(
        groups
            .into_iter()
            .filter(|(_, names)| names.len() > 1)
            .map(|(_, names)| Split { names, note: None }),
    );
    out
}

/// A name's words folded as the index folds words (lower case, no accents), with the
/// punctuation inside and around each word dropped: `MOODY'S` and `Moody's`, `U.S.` and `US`
/// fold alike.
fn folded(name: &str) -> String {
    let mut analyzer = crate::index::analyzer::words();
    let mut words = Vec::new();
    for word in name.split_whitespace() {
        let mut stream = analyzer.token_stream(word);
        let mut folded = String::new();
        while let Some(token) = stream.next() {
            folded.push_str(&token.text);
        }
        if !folded.is_empty() {
            words.push(folded);
        }
    }
    words.join(" ")
}

/// Index the corpus, take the top entities of each type and score them.
pub fn evaluate(options: &FacetsOptions) -> Result<FacetsReport, FacetsError> {
    if !options.corpus.exists() {
        return Err(FacetsError::NoCorpus(options.corpus.clone()));
    }
    let judgements = Judgements::load(&options.judged)?;
    let scratch = match &options.keep_index {
        Some(dir) => Scratch::Kept(dir.clone()),
        None => Scratch::create()?,
    };
    let config = crate::config::IndexConfig {
        roots: vec![options.corpus.clone()],
        index_dir: scratch.dir().to_path_buf(),
        threads: 0,
        full: false,
        commit_every: 0,
        aliases: None,
        progress: options.progress,
    };
    let summary = crate::index::build(&config)?;
    let archive = Archive::open(scratch.dir())?;
    let articles = archive.searcher().num_docs();
    if articles == 0 {
        return Err(FacetsError::NoArticles {
            corpus: options.corpus.clone(),
        });
    }
    let counting = crate::copies::Counting::Stories;
    let lists = crate::query::facets::top_of_each_kind(&archive, options.top, counting)?;
    let kinds: Vec<KindScore> = EntityKind::ALL
        .into_iter()
        .zip(&lists)
        .map(|(kind, top)| score(kind, top, &judgements))
        .collect();
    Ok(FacetsReport {
        corpus: options.corpus.clone(),
        judged_files: options.judged.clone(),
        top: options.top,
        articles,
        failures: summary.failures,
        splits: splits(&kinds, &lists),
        kinds,
    })
}

/// The index folder of one evaluation: a temporary one this run created (and removes when
/// dropped), or one the user asked to keep.
enum Scratch {
    Temporary(TempFolder),
    Kept(PathBuf),
}

impl Scratch {
    fn create() -> Result<Scratch, FacetsError> {
        Ok(Scratch::Temporary(TempFolder::create("facets")?))
    }

    fn dir(&self) -> &Path {
        match self {
            Scratch::Temporary(folder) => folder.path(),
            Scratch::Kept(dir) => dir,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(kind: EntityKind, name: &str, articles: u64) -> EntityCount {
        EntityCount {
            kind,
            name: name.to_string(),
            articles,
            aliases: Vec::new(),
        }
    }

    fn judged(text: &str) -> Result<Judgements, String> {
        let mut j = Judgements::default();
        j.add(Path::new("j.tsv"), text).map_err(|e| e.to_string())?;
        Ok(j)
    }

    #[test]
    fn judged_lines() {
        let check = |text: &str, want: Result<Option<(bool, &str)>, &str>| {
            let got = judged(text).map(|j| {
                j.get(EntityKind::Organization, "EC")
                    .map(|j| (j.ok, j.note.clone()))
            });
            let want = want
                .map(|o| o.map(|(ok, note)| (ok, note.to_string())))
                .map_err(|e| format!("j.tsv:{e}; {LINE_FORMAT}"));
            assert_eq!(got, want, "{text:?}");
        };
        check("organization\tEC\tok\t\n", Ok(Some((true, ""))));
        check(
            "org\tEC\tWrong\tvariant of European Community\r\n",
            Ok(Some((false, "variant of European Community"))),
        );
        check("# org\tEC\twrong\n\n", Ok(None));
        check("org\tEC\twrong\nORG\tEC\tok\n", Ok(Some((true, ""))));
        check(
            "org\tEC\n",
            Err("1: fewer than three tab-separated columns"),
        );
        check("#\nband\tEC\tok\n", Err("2: 'band' is not an entity type"));
        check("org\t \tok\n", Err("1: the name is empty"));
        check(
            "org\tEC\tyes\n",
            Err("1: verdict 'yes' is neither ok nor wrong"),
        );
    }

    #[test]
    fn scores_and_splits() {
        use EntityKind::{Company, Organization, Person};
        let j = judged(
            "person\tReagan\tok\nperson\tRonald Reagan\twrong\tvariant of Reagan\n\
             person\tEaster\twrong\tholiday\norganization\tMoody's\twrong\tsame as Moody's \
             Investors Service\n",
        )
        .unwrap();
        let people = vec![
            entity(Person, "Reagan", 9),
            entity(Person, "Ronald Reagan", 5),
            entity(Person, "Easter", 2),
            entity(Person, "Nakasone", 1),
        ];
        let orgs = vec![entity(Organization, "Moody's", 4)];
        let companies = vec![entity(Company, "MOODY'S", 3), entity(Company, "U.S.", 1)];
        let places = vec![entity(EntityKind::Place, "US", 7)];
        let kinds = vec![
            score(Person, &people, &j),
            score(Organization, &orgs, &j),
            score(Company, &companies, &j),
        ];
        assert_eq!(
            kinds[0].totals(),
            Totals {
                listed: 4,
                judged: 3,
                ok: 1,
                wrong: 2,
                unjudged: 1
            }
        );
        assert_eq!(kinds[0].totals().precision(), Some(1.0 / 3.0));
        assert_eq!(kinds[2].totals().precision(), None);
        let found = splits(&kinds, &[people, orgs, companies, places]);
        let names: Vec<(Vec<&str>, Option<&str>)> = found
            .iter()
            .map(|s| {
                (
                    s.names.iter().map(|e| e.name.as_str()).collect(),
                    s.note.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                (vec!["Ronald Reagan"], Some("variant of Reagan")),
                (vec!["Moody's"], Some("same as Moody's Investors Service")),
                (vec!["Moody's", "MOODY'S"], None),
                (vec!["U.S.", "US"], None),
            ]
        );
    }
}
