//! Attributions against brat-standoff annotation in the PolNeAR layout: a folder with
//! `text/<name>.txt` (a headline line, a blank line, the body) and
//! `attributions/<name>_<annotator>.ann`, whose `T` lines give `Source`, `Cue` and `Content`
//! spans in characters (fragments joined by `;`) and whose `E` lines join them into one
//! attribution. A text annotated twice is scored against its first annotation file in name
//! order. Each text is read as `morgue extract` reads it (the text parser, then
//! extraction); the title's and the body's byte offsets are mapped back onto the file's
//! characters.
//!
//! A found attribution matches a gold one when their contents overlap by at least half of
//! each (one gold attribution matches at most one found, greedily in text order). Direct
//! quotes are the gold attributions whose content stands in quotation marks, and the found
//! ones marked direct. A matched pair's speaker is right when both have none, or when the
//! found source overlaps the gold one or reads the same.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::ratio;
use crate::article::TextField;
use crate::parse::Format;

/// Character ranges, `[start, end)`, in order.
type Ranges = Vec<(usize, usize)>;

/// One gold attribution.
#[derive(Debug, Clone)]
pub struct Gold {
    pub content: Ranges,
    pub cue: Option<Ranges>,
    pub source: Option<Ranges>,
    pub direct: bool,
}

/// One found attribution, in the file's characters.
#[derive(Debug, Clone)]
pub struct Found {
    pub content: Ranges,
    pub cue: Option<Ranges>,
    pub source: Option<Ranges>,
    pub direct: bool,
}

/// One annotated text.
#[derive(Debug)]
pub struct Document {
    pub name: String,
    pub path: PathBuf,
    pub text: Vec<char>,
    pub gold: Vec<Gold>,
}

/// Matches and counts for one subset (all attributions, or direct quotes).
#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    pub found: usize,
    pub gold: usize,
    /// Matched pairs: one found and one gold attribution each.
    pub matched: usize,
    /// Matched pairs whose speaker is right.
    pub speakers_right: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.found)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    pub fn f1(&self) -> f64 {
        super::f1(self.precision(), self.recall())
    }
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speakers_right, self.matched)
    }
}

/// The scores of one folder.
#[derive(Debug)]
pub struct Report {
    pub label: String,
    pub documents: usize,
    pub all: Score,
    pub direct: Score,
    /// Texts that could not be read, with why.
    pub failures: Vec<String>,
    /// What went wrong, text by text: gold attributions missed, found ones matching none,
    /// and matched pairs with the wrong speaker.
    pub misses: Vec<Miss>,
}

/// One error of the report's, for reading.
#[derive(Debug)]
pub struct Miss {
    pub document: String,
    /// `missed`, `spurious` or `speaker`.
    pub what: &'static str,
    pub direct: bool,
    /// The content, then its cue, then (for `speaker`) the found and the gold source.
    pub text: String,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ({} documents)", self.label, self.documents)?;
        for (name, s) in [
            ("all attributions", &self.all),
            ("direct quotes", &self.direct),
        ] {
            writeln!(
                f,
                "  {name:<17} content P {:.3}  R {:.3}  F1 {:.3}  (found {}, gold {}, matched {})  speaker accuracy {:.3} ({}/{})",
                s.precision(),
                s.recall(),
                s.f1(),
                s.found,
                s.gold,
                s.matched,
                s.speaker_accuracy(),
                s.speakers_right,
                s.matched,
            )?;
        }
        for failure in &self.failures {
            writeln!(f, "  not read: {failure}")?;
        }
        Ok(())
    }
}

/// Scores the attributions found in every annotated text of `dir`.
pub fn evaluate(dir: &Path) -> Result<Report, String> {
    let documents = load(dir)?;
    let mut report = Report {
        label: format!("PolNeAR {}", dir.display()),
        documents: documents.len(),
        all: Score::default(),
        direct: Score::default(),
        failures: Vec::new(),
        misses: Vec::new(),
    };
    for doc in &documents {
        match found_in(doc) {
            Ok(found) => {
                score(&doc.gold, &found, false, &mut report.all);
                score(&doc.gold, &found, true, &mut report.direct);
                report.misses.extend(misses(doc, &found));
            }
            Err(e) => report.failures.push(format!("{}: {e}", doc.path.display())),
        }
    }
    Ok(report)
}

/// The annotated texts of a folder in the PolNeAR layout.
pub fn load(dir: &Path) -> Result<Vec<Document>, String> {
    let annotations = dir.join("attributions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&annotations)
        .map_err(|e| format!("{}: {e}", annotations.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    files.sort();
    let mut documents: Vec<Document> = Vec::new();
    for file in files {
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        let Some((name, _annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        if documents.iter().any(|d| d.name == name) {
            continue;
        }
        let path = dir.join("text").join(format!("{name}.txt"));
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let ann = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let text: Vec<char> = text.chars().collect();
        let gold = read_annotation(&ann, &text);
        documents.push(Document {
            name: name.to_string(),
            path,
            text,
            gold,
        });
    }
    if documents.is_empty() {
        return Err(format!("{}: no .ann files", annotations.display()));
    }
    Ok(documents)
}

/// The attributions of one brat annotation file.
fn read_annotation(ann: &str, text: &[char]) -> Vec<Gold> {
    let mut spans: HashMap<&str, Ranges> = HashMap::new();
    let mut relations = Vec::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(what)) = (fields.next(), fields.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, ranges)) = what.split_once(' ') else {
                continue;
            };
            let ranges = (ranges.split(';'))
                .filter_map(|r| {
                    let (a, b) = r.trim().split_once(' ')?;
                    Some((a.parse().ok()?, b.parse().ok()?))
                })
                .collect();
            spans.insert(id, ranges);
        } else if id.starts_with('E') {
            relations.push(what);
        }
    }
    let mut gold = Vec::new();
    for relation in relations {
        let role = |name: &str| {
            (relation.split_whitespace())
                .filter_map(|arg| arg.split_once(':'))
                .find(|(r, _)| *r == name)
                .and_then(|(_, id)| spans.get(id).cloned())
        };
        // A content split over several spans may continue in `Content2` and on.
        let mut content: Ranges = (relation.split_whitespace())
            .filter_map(|arg| arg.split_once(':'))
            .filter(|(r, _)| {
                (r.strip_prefix("Content")).is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
            })
            .filter_map(|(_, id)| spans.get(id))
            .flatten()
            .copied()
            .collect();
        if content.is_empty() {
            continue;
        }
        content.sort_unstable();
        let direct = in_marks(text, &content);
        gold.push(Gold {
            content,
            cue: role("Cue"),
            source: role("Source"),
            direct,
        });
    }
    gold
}

/// Whether a content stands in quotation marks: its text opens with one and closes with
/// one (perhaps before a last punctuation mark).
fn in_marks(text: &[char], content: &Ranges) -> bool {
    let chars: Vec<char> = (content.iter())
        .flat_map(|&(a, b)| text.get(a..b).unwrap_or_default().iter().copied())
        .collect();
    let trimmed: Vec<char> = {
        let s: String = chars.iter().collect();
        s.trim().chars().collect()
    };
    let mark = |c: &char| {
        matches!(
            c,
            '"' | '\''
                | '\u{2018}'
                | '\u{2019}'
                | '\u{201c}'
                | '\u{201d}'
                | '\u{201e}'
                | '\u{ab}'
                | '\u{bb}'
        )
    };
    let closes = trimmed.last().is_some_and(mark)
        || trimmed.len() > 1
            && trimmed[trimmed.len() - 1].is_ascii_punctuation()
            && mark(&trimmed[trimmed.len() - 2]);
    trimmed.first().is_some_and(mark) && closes
}

/// The attributions extraction finds in a text, in its characters.
fn found_in(doc: &Document) -> Result<Vec<Found>, String> {
    let parsed = crate::parse::parse_file(&doc.path, Format::Text).map_err(|e| e.to_string())?;
    let raw = parsed.articles.into_iter().next().ok_or("no article")?;
    let article = crate::extract::extract(&doc.path, raw);
    let to_char = align(&article.body, &doc.text);
    let title_at = title_start(&article.title, &doc.text);
    let map = |field: TextField, (start, end): (usize, usize)| match field {
        TextField::Body => (to_char(start), to_char(end)),
        TextField::Title => {
            let chars = |b: usize| {
                title_at
                    + article.title[..floor_char(&article.title, b)]
                        .chars()
                        .count()
            };
            (chars(start), chars(end))
        }
    };
    Ok((article.quotes.iter())
        .map(|q| {
            let map = |range| map(q.field, range);
            Found {
                content: q.parts.iter().copied().map(map).collect(),
                cue: q.cue.map(|cue| vec![map(cue)]),
                source: (q.speaker.as_ref()).map(|s| vec![map((s.start, s.end))]),
                direct: q.direct,
            }
        })
        .collect())
}

/// The character the title starts at in the file (its headline line).
fn title_start(title: &str, file: &[char]) -> usize {
    let first: Vec<char> = title.chars().take(16).collect();
    if first.is_empty() {
        return 0;
    }
    (0..file.len().saturating_sub(first.len()))
        .find(|&i| file[i..i + first.len()] == first[..])
        .unwrap_or(0)
}

/// A map from the body's byte offsets to the file's character offsets, paragraph by
/// paragraph: each paragraph of the body is looked for in the file after the one before,
/// whole, else by its last 40 characters (the parser may drop a credit from a dateline),
/// else by its first 40.
fn align<'a>(body: &'a str, file: &'a [char]) -> impl Fn(usize) -> usize + 'a {
    let file_text: String = file.iter().collect();
    let char_at = |byte: usize| file_text[..byte].chars().count();
    let mut at = vec![0usize; body.len() + 1];
    let mut cursor = 0;
    let mut done = 0;
    for paragraph in body.split('\n') {
        let start = paragraph.as_ptr() as usize - body.as_ptr() as usize;
        let end = start + paragraph.len();
        let rest = &file_text[cursor..];
        let tail = last_chars(paragraph, 40);
        let head = first_chars(paragraph, 40);
        // (byte in the file where the paragraph's byte `anchor` stands, anchor)
        let found = if paragraph.trim().is_empty() {
            None
        } else if let Some(i) = rest.find(paragraph) {
            Some((cursor + i, 0))
        } else if let Some(i) = rest.find(tail) {
            Some((cursor + i, paragraph.len() - tail.len()))
        } else {
            rest.find(head).map(|i| (cursor + i, 0))
        };
        if let Some((file_byte, anchor)) = found {
            let anchor_char = char_at(file_byte) as isize;
            let anchor_in_paragraph = paragraph[..anchor].chars().count() as isize;
            let mut n = 0isize;
            for (byte, _) in paragraph.char_indices() {
                let c = anchor_char - anchor_in_paragraph + n;
                at[start + byte] = c.max(0) as usize;
                n += 1;
            }
            let end_char = (anchor_char - anchor_in_paragraph + n).max(0) as usize;
            let first = at[start].min(end_char);
            for slot in &mut at[done..start] {
                *slot = first;
            }
            at[end] = end_char;
            // Bytes inside a character map where it starts.
            for byte in start..end {
                if !paragraph.is_char_boundary(byte - start) {
                    at[byte] = at[byte - 1];
                }
            }
            cursor = (file_byte + paragraph.len() - anchor).min(file_text.len());
            cursor = floor_char(&file_text, cursor);
            done = end;
        }
    }
    let last = at[done];
    for slot in &mut at[done..] {
        *slot = last;
    }
    move |byte| at[byte.min(body.len())]
}

fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn last_chars(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    let skip = count.saturating_sub(n);
    s.char_indices().nth(skip).map_or(s, |(i, _)| &s[i..])
}

fn first_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Adds one text's matches to `score`: over all attributions, or over direct quotes only.
fn score(gold: &[Gold], found: &[Found], direct: bool, score: &mut Score) {
    let gold: Vec<&Gold> = gold.iter().filter(|g| !direct || g.direct).collect();
    let found: Vec<&Found> = found.iter().filter(|f| !direct || f.direct).collect();
    score.gold += gold.len();
    score.found += found.len();
    for (f, g) in found.iter().zip(pairs(&gold, &found)) {
        if let Some(g) = g {
            score.matched += 1;
            if same_speaker(f.source.as_ref(), gold[g].source.as_ref()) {
                score.speakers_right += 1;
            }
        }
    }
}

/// For each found attribution in turn, the gold one it matches, if any: of those not
/// matched yet whose content it [`matches`], the one it overlaps most.
fn pairs(gold: &[&Gold], found: &[&Found]) -> Vec<Option<usize>> {
    let mut taken = vec![false; gold.len()];
    (found.iter())
        .map(|f| {
            let best = (0..gold.len())
                .filter(|&g| !taken[g] && matches(&f.content, &gold[g].content))
                .max_by_key(|&g| overlap(&f.content, &gold[g].content));
            if let Some(g) = best {
                taken[g] = true;
            }
            best
        })
        .collect()
}

/// The errors of one text, over all attributions.
fn misses(doc: &Document, found: &[Found]) -> Vec<Miss> {
    let text = |r: &Ranges| -> String {
        let parts: Vec<String> = (r.iter())
            .map(|&(a, b)| doc.text.get(a..b).unwrap_or_default().iter().collect())
            .collect();
        parts.join(" | ").replace('\n', " ")
    };
    let cue = |r: Option<&Ranges>| r.map_or("-".to_string(), text);
    let miss = |what, direct, text: String| Miss {
        document: doc.name.clone(),
        what,
        direct,
        text,
    };
    let gold: Vec<&Gold> = doc.gold.iter().collect();
    let found: Vec<&Found> = found.iter().collect();
    let pairs = pairs(&gold, &found);
    let mut out = Vec::new();
    for (f, g) in found.iter().zip(&pairs) {
        let Some(g) = *g else {
            let said = format!("{}\tcue: {}", text(&f.content), cue(f.cue.as_ref()));
            out.push(miss("spurious", f.direct, said));
            continue;
        };
        let gold = gold[g];
        if !same_speaker(f.source.as_ref(), gold.source.as_ref()) {
            let source = |s: Option<&Ranges>| s.map_or("-".to_string(), text);
            let said = format!(
                "{}\tfound: {}\tgold: {}",
                text(&f.content),
                source(f.source.as_ref()),
                source(gold.source.as_ref())
            );
            out.push(miss("speaker", gold.direct, said));
        }
    }
    for (g, gold) in gold.iter().enumerate() {
        if !pairs.contains(&Some(g)) {
            let said = format!("{}\tcue: {}", text(&gold.content), cue(gold.cue.as_ref()));
            out.push(miss("missed", gold.direct, said));
        }
    }
    out
}

fn length(r: &Ranges) -> usize {
    r.iter().map(|&(a, b)| b.saturating_sub(a)).sum()
}

fn overlap(a: &Ranges, b: &Ranges) -> usize {
    let mut total = 0;
    for &(a0, a1) in a {
        for &(b0, b1) in b {
            total += a1.min(b1).saturating_sub(a0.max(b0));
        }
    }
    total
}

/// Whether two contents overlap by at least half of each.
fn matches(a: &Ranges, b: &Ranges) -> bool {
    let o = overlap(a, b);
    2 * o >= length(a) && 2 * o >= length(b) && o > 0
}

fn same_speaker(found: Option<&Ranges>, gold: Option<&Ranges>) -> bool {
    match (found, gold) {
        (None, None) => true,
        (Some(f), Some(g)) => overlap(f, g) > 0,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_match_when_they_overlap_by_half_of_each() {
        assert!(matches(&vec![(0, 10)], &vec![(5, 15)]));
        assert!(!matches(&vec![(0, 10)], &vec![(6, 30)]));
        assert!(matches(&vec![(0, 4), (10, 14)], &vec![(0, 14)]));
    }

    #[test]
    fn a_content_in_quotation_marks_is_direct() {
        let text: Vec<char> = "He said: \u{201c}No way.\u{201d}, and left"
            .chars()
            .collect();
        assert!(in_marks(&text, &vec![(9, 18)]));
        assert!(in_marks(&text, &vec![(9, 19)]));
        assert!(!in_marks(&text, &vec![(0, 7)]));
    }

    #[test]
    fn a_content_continued_in_a_second_span_is_one_content() {
        let text: Vec<char> = "\"Yes,\" she said. \"Soon.\"".chars().collect();
        let ann = "T1\tSource 7 10\tshe\nT2\tCue 11 15\tsaid\nT3\tContent 0 6\t\"Yes,\"\n\
                   T4\tAttribution 11 15\tsaid\nT5\tContent 17 24\t\"Soon.\"\n\
                   E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T5\n";
        let gold = read_annotation(ann, &text);
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].content, vec![(0, 6), (17, 24)]);
        assert_eq!(gold[0].cue, Some(vec![(11, 15)]));
        assert!(gold[0].direct);
    }

    #[test]
    fn body_bytes_map_onto_the_file_characters() {
        let tail = "the rest of the story runs on well past forty characters \u{2014} here.";
        let file = format!("Head\u{2019}line\n\nCITY (AP) \u{2014} {tail}\n\nLast one.\n");
        let file: Vec<char> = file.chars().collect();
        let body = format!("CITY \u{2014} {tail}\n\nLast one.");
        let to_char = align(&body, &file);
        let dash = body.rfind('\u{2014}').unwrap();
        assert_eq!(file[to_char(dash)], '\u{2014}');
        assert_eq!(file[to_char(dash) + 2], 'h');
        let last = body.find("Last").unwrap();
        assert_eq!(file[to_char(last)], 'L');
        assert_eq!(to_char(body.len()), file.len() - 1);
    }
}
