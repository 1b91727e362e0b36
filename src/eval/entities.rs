//! `morgue eval entities`: person, organisation and place mentions of a CoNLL-2003 file,
//! found by the extract pipeline and scored by exact span against the gold tags; CoNLL's
//! MISC is scored on a row of its own against the other names (works, events,
//! nationalities: [`Article::other_mentions`]).
//!
//! The documents are read two ways ([`Reading`]). Through **tokens**, each document's
//! sentences are joined into an article body (tokens by spaces, sentences by blank lines)
//! and handed to [`crate::extract::extract`]. Through **files**, each document is written as
//! the text file a user would feed (a `Title:` header with the first sentence, then one
//! sentence a line) and read back as `morgue extract` reads it: [`crate::parse::parse_file`]
//! on the file's path, then extract. Either way every mention is aligned back to the CoNLL
//! tokens it covers ([`Placement::align`]); the two readings should score alike.

use std::path::Path;

use crate::article::{Article, EntityKind, TextField};
use crate::extract::repeated::Repeated;
use crate::extract::tagger::{Kind, Span, TrainDoc, TrainSentence};
use crate::parse::RawArticle;

use super::{TempFolder, conll};

/// How the documents reach the pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Sentences joined into a body in memory, each a paragraph.
    Tokens,
    /// Article files written to a temporary folder and read back through `parse`.
    Files,
}

impl Reading {
    /// How the report names this reading.
    pub fn describe(self) -> &'static str {
        match self {
            Reading::Tokens => "through tokens (each sentence a paragraph of the body)",
            Reading::Files => {
                "through files (Title: first sentence, then a sentence a line; parse + extract)"
            }
        }
    }
}

/// What one reading measured.
#[derive(Debug, Clone)]
pub struct ReadingReport {
    pub reading: Reading,
    /// PER/ORG/LOC counts; MISC is not something morgue reports, so it is left out of both
    /// gold and predictions.
    pub evaluation: conll::Evaluation,
    /// Sentences not found again in the text the pipeline read (their gold still counts).
    pub sentences_lost: usize,
    /// Mentions that do not start and end on the tokens of one sentence (wrong predictions).
    pub mentions_off_tokens: usize,
    /// Seconds spent in parse (for files) and extract.
    pub seconds: f64,
}

impl ReadingReport {
    /// PER+ORG+LOC F1.
    pub fn f1(&self) -> f64 {
        self.evaluation
            .total(&[Kind::Per, Kind::Org, Kind::Loc])
            .f1()
    }
}

/// What an entity evaluation measured, one report per reading.
#[derive(Debug, Clone)]
pub struct EntityReport {
    pub file: String,
    pub docs: usize,
    pub tokens: usize,
    pub readings: Vec<ReadingReport>,
}

/// The most two readings' PER+ORG+LOC F1 may differ by and still agree.
pub const AGREEMENT: f64 = 0.005;

impl std::fmt::Display for EntityReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (per, org, loc, misc) = (Kind::Per, Kind::Org, Kind::Loc, Kind::Misc);
        writeln!(
            f,
            "{} ({} documents, {} tokens): exact span match through the extract pipeline",
            self.file, self.docs, self.tokens
        )?;
        for reading in &self.readings {
            writeln!(f, "\n{}", reading.reading.describe())?;
            f.write_str(&reading.evaluation.table(&[
                (per.name(), &[per]),
                (org.name(), &[org]),
                (loc.name(), &[loc]),
                ("PER+ORG+LOC", &[per, org, loc]),
                (misc.name(), &[misc]),
            ]))?;
            if reading.sentences_lost > 0 || reading.mentions_off_tokens > 0 {
                writeln!(
                    f,
                    "sentences not found again: {}; mentions off the tokens: {}",
                    reading.sentences_lost, reading.mentions_off_tokens
                )?;
            }
            writeln!(
                f,
                "speed: {:.0} tokens/s, {:.0} documents/s (one thread, whole pipeline)",
                self.tokens as f64 / reading.seconds.max(1e-9),
                self.docs as f64 / reading.seconds.max(1e-9)
            )?;
        }
        if let [first, second] = &self.readings[..] {
            let difference = (first.f1() - second.f1()).abs();
            write!(
                f,
                "\nPER+ORG+LOC F1 {:.4} {} vs {:.4} {}: difference {difference:.4}, {}",
                first.f1(),
                short_name(first.reading),
                second.f1(),
                short_name(second.reading),
                if difference <= AGREEMENT {
                    format!("within {AGREEMENT}")
                } else {
                    format!("more than {AGREEMENT}")
                }
            )?;
        }
        Ok(())
    }
}

fn short_name(reading: Reading) -> &'static str {
    match reading {
        Reading::Tokens => "(tokens)",
        Reading::Files => "(files)",
    }
}

/// Evaluate entity mentions on a CoNLL-2003 file, read each of the given ways.
pub fn eval_entities(path: &Path, readings: &[Reading]) -> Result<EntityReport, String> {
    let docs = conll::read(&path.to_string_lossy())?;
    // Load the tagger before any reading is timed.
    crate::extract::entities::model();
    let tokens = (docs.iter())
        .flat_map(|d| &d.sentences)
        .map(|s| s.tokens.len())
        .sum();
    let readings = (readings.iter())
        .map(|&reading| match reading {
            Reading::Tokens => Ok(through_tokens(&docs)),
            Reading::Files => through_files(&docs),
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(EntityReport {
        file: path.display().to_string(),
        docs: docs.len(),
        tokens,
        readings,
    })
}

/// Where each sentence of a document stands in the article the pipeline made of it: the
/// field and the byte range of every token, or nothing for a sentence not found again.
#[derive(Debug, Default)]
pub struct Placement {
    sentences: Vec<Option<Placed>>,
}

/// One sentence found again: the field holding it and the byte range of each token.
#[derive(Debug)]
struct Placed {
    field: TextField,
    tokens: Vec<(usize, usize)>,
}

impl Placement {
    /// Sentences not found again.
    pub fn lost(&self) -> usize {
        self.sentences.iter().filter(|s| s.is_none()).count()
    }

    /// Places `sentence` (its tokens joined by single spaces) in `field`'s `text` at or after
    /// byte `from`; the end of the match, or `None` (and the sentence lost) when the text
    /// does not hold it there.
    fn place(
        &mut self,
        field: TextField,
        text: &str,
        from: usize,
        sentence: &[String],
    ) -> Option<usize> {
        let line = sentence.join(" ");
        let Some(at) = text.get(from..).and_then(|rest| rest.find(&line)) else {
            self.sentences.push(None);
            return None;
        };
        let mut start = from + at;
        let mut tokens = Vec::with_capacity(sentence.len());
        for token in sentence {
            tokens.push((start, start + token.len()));
            start += token.len() + 1;
        }
        self.sentences.push(Some(Placed { field, tokens }));
        Some(from + at + line.len())
    }

    /// The mentions as token spans of each sentence, and the kinds of the mentions that fit
    /// no sentence's tokens.
    pub fn align(&self, mentions: &[Predicted]) -> (Vec<Vec<Span>>, Vec<Kind>) {
        let mut predicted: Vec<Vec<Span>> = vec![Vec::new(); self.sentences.len()];
        let mut off_tokens = Vec::new();
        for mention in mentions {
            let kind = mention.kind;
            match self.find(mention) {
                Some((sentence, start, end)) => predicted[sentence].push(Span { start, end, kind }),
                None => off_tokens.push(kind),
            }
        }
        (predicted, off_tokens)
    }

    /// The sentence and the token range `start..end` a mention covers exactly.
    fn find(&self, mention: &Predicted) -> Option<(usize, usize, usize)> {
        self.sentences.iter().enumerate().find_map(|(si, placed)| {
            let placed = placed.as_ref()?;
            if placed.field != mention.field {
                return None;
            }
            let tokens = &placed.tokens;
            let start = tokens.iter().position(|&(s, _)| s == mention.start)?;
            let end = tokens.iter().position(|&(_, e)| e == mention.end)?;
            (end >= start).then_some((si, start, end + 1))
        })
    }
}

/// A mention the pipeline found, in CoNLL's terms: where it is and which of the four types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Predicted {
    pub field: TextField,
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// An article's mentions in CoNLL's terms: its entities (a company or an organisation is
/// ORG) and its other names as MISC.
fn predictions(article: &Article) -> Vec<Predicted> {
    let entities = article.entities.iter().map(|m| Predicted {
        field: m.field,
        start: m.start,
        end: m.end,
        kind: match m.kind {
            EntityKind::Person => Kind::Per,
            EntityKind::Company | EntityKind::Organization => Kind::Org,
            EntityKind::Place => Kind::Loc,
        },
    });
    let others = article.other_mentions.iter().map(|m| Predicted {
        field: m.field,
        start: m.start,
        end: m.end,
        kind: Kind::Misc,
    });
    entities.chain(others).collect()
}

/// Adds one document's gold spans and aligned predictions to `evaluation`; a mention off the
/// tokens counts as a wrong prediction. Returns how many were off.
fn score(
    doc: &TrainDoc,
    placement: &Placement,
    mentions: &[Predicted],
    evaluation: &mut conll::Evaluation,
) -> usize {
    let (predicted, off_tokens) = placement.align(mentions);
    for (sentence, pred) in doc.sentences.iter().zip(&predicted) {
        evaluation.add(gold_spans(sentence), pred);
    }
    for &kind in &off_tokens {
        // A span no sentence has: it matches nothing.
        let nowhere = Span {
            start: usize::MAX,
            end: usize::MAX,
            kind,
        };
        evaluation.add(&[], &[nowhere]);
    }
    off_tokens.len()
}

/// A sentence's gold spans, MISC included (the PER+ORG+LOC row leaves it out).
fn gold_spans(sentence: &TrainSentence) -> &[Span] {
    &sentence.spans
}

/// Each document's sentences joined into a body in memory and extracted.
fn through_tokens(docs: &[TrainDoc]) -> ReadingReport {
    let mut report = ReadingReport::new(Reading::Tokens);
    for doc in docs {
        let body = (doc.sentences.iter())
            .map(|s| s.tokens.join(" "))
            .collect::<Vec<_>>()
            .join("\n\n");
        let mut placement = Placement::default();
        let mut from = 0;
        for sentence in &doc.sentences {
            from = placement
                .place(TextField::Body, &body, from, &sentence.tokens)
                .unwrap_or(from);
        }
        let started = std::time::Instant::now();
        let raw = RawArticle {
            body,
            ..RawArticle::default()
        };
        let article = crate::extract::extract(Path::new("-"), raw);
        report.seconds += started.elapsed().as_secs_f64();
        report.add(doc, &placement, &predictions(&article));
    }
    report
}

/// Each document written as an article file of one folder, read back as `morgue extract`
/// reads the folder's files: parsed, the paragraphs they repeat dropped, and extracted.
fn through_files(docs: &[TrainDoc]) -> Result<ReadingReport, String> {
    let folder = TempFolder::create("entities").map_err(|e| e.to_string())?;
    let mut report = ReadingReport::new(Reading::Files);
    let mut paths = Vec::with_capacity(docs.len());
    for (n, doc) in docs.iter().enumerate() {
        let path = folder.path().join(format!("doc-{:05}.txt", n + 1));
        std::fs::write(&path, article_file(doc)).map_err(|e| format!("{}: {e}", path.display()))?;
        paths.push(path);
    }
    let started = std::time::Instant::now();
    let files: Vec<(&Path, crate::parse::Format)> = (paths.iter())
        .map(|p| (p.as_path(), crate::parse::Format::Text))
        .collect();
    let repeated = crate::index::census::count(&files);
    report.seconds += started.elapsed().as_secs_f64();
    for (doc, path) in docs.iter().zip(&paths) {
        let started = std::time::Instant::now();
        let articles = read_back(path, &repeated);
        report.seconds += started.elapsed().as_secs_f64();
        let Some(article) = articles.first() else {
            report.sentences_lost += doc.sentences.len();
            for sentence in &doc.sentences {
                report.evaluation.add(gold_spans(sentence), &[]);
            }
            continue;
        };
        let placement = place_in_article(doc, article);
        // A file of nothing but a title gets its title as its body too (`parse`): the body's
        // mentions are the title's again.
        let title_only = doc.sentences.len() == 1 && article.body == article.title;
        let mentions: Vec<Predicted> = (predictions(article).into_iter())
            .filter(|m| !(title_only && m.field == TextField::Body))
            .collect();
        report.add(doc, &placement, &mentions);
    }
    Ok(report)
}

/// A document as the text file a user would write: a `Title:` header with the first
/// sentence, a blank line, then the other sentences one a line.
pub fn article_file(doc: &TrainDoc) -> String {
    let mut lines = doc.sentences.iter().map(|s| s.tokens.join(" "));
    let mut text = format!("Title: {}\n\n", lines.next().unwrap_or_default());
    for line in lines {
        text.push_str(&line);
        text.push('\n');
    }
    text
}

/// The articles of one file, as `morgue extract` reads it with the paragraphs `repeated`
/// says its folder repeats; none when it does not parse.
fn read_back(path: &Path, repeated: &Repeated) -> Vec<Article> {
    let Some(format) = crate::parse::Format::from_path(path) else {
        return Vec::new();
    };
    match crate::parse::parse_file(path, format) {
        Ok(mut parsed) => {
            crate::index::census::apply(repeated, path, format, &mut parsed.articles);
            (parsed.articles.into_iter())
                .map(|raw| crate::extract::extract(path, raw))
                .collect()
        }
        Err(_) => Vec::new(),
    }
}

/// Where the sentences of `doc`, written by [`article_file`], stand in the article read back.
fn place_in_article(doc: &TrainDoc, article: &Article) -> Placement {
    let mut placement = Placement::default();
    let mut sentences = doc.sentences.iter();
    if let Some(first) = sentences.next() {
        placement.place(TextField::Title, &article.title, 0, &first.tokens);
    }
    let mut from = 0;
    for sentence in sentences {
        if let Some(end) = placement.place(TextField::Body, &article.body, from, &sentence.tokens) {
            from = end;
        }
    }
    placement
}

impl ReadingReport {
    fn new(reading: Reading) -> ReadingReport {
        ReadingReport {
            reading,
            evaluation: conll::Evaluation::default(),
            sentences_lost: 0,
            mentions_off_tokens: 0,
            seconds: 0.0,
        }
    }

    /// Scores one document read this way.
    fn add(&mut self, doc: &TrainDoc, placement: &Placement, mentions: &[Predicted]) {
        self.sentences_lost += placement.lost();
        self.mentions_off_tokens += score(doc, placement, mentions, &mut self.evaluation);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(words: &str, spans: &[(usize, usize, Kind)]) -> TrainSentence {
        TrainSentence {
            tokens: words.split(' ').map(str::to_string).collect(),
            spans: (spans.iter())
                .map(|&(start, end, kind)| Span { start, end, kind })
                .collect(),
        }
    }

    fn mention(field: TextField, start: usize, end: usize, kind: EntityKind) -> Predicted {
        let article = Article {
            entities: vec![crate::article::EntityMention {
                text: String::new(),
                kind,
                canonical: String::new(),
                field,
                start,
                end,
            }],
            ..Article::default()
        };
        predictions(&article)[0]
    }

    fn doc() -> TrainDoc {
        TrainDoc {
            sentences: vec![
                sentence(
                    "RUGBY - WALES BEAT FIJI",
                    &[(2, 3, Kind::Loc), (4, 5, Kind::Loc)],
                ),
                sentence("Tom Reid scored twice .", &[(0, 2, Kind::Per)]),
            ],
        }
    }

    #[test]
    fn an_article_file_has_a_title_header_and_a_sentence_a_line() {
        assert_eq!(
            article_file(&doc()),
            "Title: RUGBY - WALES BEAT FIJI\n\nTom Reid scored twice .\n"
        );
    }

    #[test]
    fn mentions_align_to_the_tokens_of_their_field() {
        let title = "RUGBY - WALES BEAT FIJI";
        let body = "Intro .\nTom Reid scored twice .";
        let d = doc();
        let mut placement = Placement::default();
        placement.place(TextField::Title, title, 0, &d.sentences[0].tokens);
        placement.place(TextField::Body, body, 0, &d.sentences[1].tokens);
        let mentions = [
            mention(TextField::Title, 8, 13, EntityKind::Place),
            mention(TextField::Body, 8, 16, EntityKind::Person),
            // "Reid scored" ends inside a token sequence but "Reid" is not a start here.
            mention(TextField::Body, 9, 16, EntityKind::Person),
            // The same bytes in the other field are other tokens.
            mention(TextField::Title, 8, 16, EntityKind::Person),
        ];
        let (predicted, off) = placement.align(&mentions);
        assert_eq!(off, [Kind::Per, Kind::Per]);
        assert_eq!(
            predicted[0],
            vec![Span {
                start: 2,
                end: 3,
                kind: Kind::Loc
            }]
        );
        assert_eq!(
            predicted[1],
            vec![Span {
                start: 0,
                end: 2,
                kind: Kind::Per
            }]
        );
    }

    #[test]
    fn other_names_are_predicted_as_misc() {
        let article = Article {
            other_mentions: vec![crate::article::OtherMention {
                text: "World Cup".into(),
                field: TextField::Body,
                start: 4,
                end: 13,
            }],
            ..Article::default()
        };
        let misc = Predicted {
            field: TextField::Body,
            start: 4,
            end: 13,
            kind: Kind::Misc,
        };
        assert_eq!(predictions(&article), [misc]);
    }

    #[test]
    fn a_sentence_not_found_again_is_lost() {
        let d = doc();
        let mut placement = Placement::default();
        let end = placement.place(
            TextField::Body,
            "Tom Reid left .",
            0,
            &d.sentences[1].tokens,
        );
        assert_eq!(end, None);
        assert_eq!(placement.lost(), 1);
    }
}
