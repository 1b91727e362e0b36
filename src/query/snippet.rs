//! Snippets for queries of entity filters only: the sentence of the body that first names
//! one of the query's entities, with each naming in it highlighted; the title when only the
//! title names one.
//!
//! The index stores no mention offsets: mentions are found again in the stored text of the
//! hits printed, by the entity's name forms, token by token with the index's own analyzer
//! (so case and accents are ignored as in a query). The forms are each canonical name of the
//! hit that the filter matches (`person:brown` matches "Gordon Brown"), a person's surname
//! ("Mr Brown" names him too) and the filter's own words (a name it matched under another
//! form), found reading the body only as far as the first naming. Sentences are cut by the
//! extraction tokenizer, over that naming's paragraph only. A sentence longer than the snippet
//! is cut to a window that starts shortly before the first naming.

use std::ops::{ControlFlow, Range};

use super::compile::{entity_kind, searches_words};
use super::expand::edit_distance;
use super::parser::{Expr, TextKind};
use super::search::Hit;
use crate::article::EntityKind;
use crate::extract::tokenize::tokenize;
use crate::index::analyzer::word_terms;
use crate::parse::squeeze;

/// The entity filters a snippet quotes: those a query of entity filters only requires or
/// offers (not those it excludes); none for a query that searches words.
#[derive(Debug, Default)]
pub(super) struct EntityFilters {
    filters: Vec<Filter>,
}

/// One entity filter: its kind, its analysed words, and how they match.
#[derive(Debug)]
struct Filter {
    kind: EntityKind,
    words: Vec<String>,
    how: TextKind,
}

impl EntityFilters {
    /// The filters to quote for a parsed query.
    pub(super) fn of(expr: &Expr) -> EntityFilters {
        let mut filters = Vec::new();
        if !searches_words(expr) {
            collect(expr, &mut filters);
        }
        EntityFilters { filters }
    }

    /// The snippet and its highlights (byte ranges) for a hit with this body, if some
    /// sentence of the body, or the title, names one of the filters' entities.
    pub(super) fn quote(
        &self,
        hit: &Hit,
        body: &str,
        max_chars: usize,
    ) -> Option<(String, Vec<Range<usize>>)> {
        if self.filters.is_empty() {
            return None;
        }
        let forms = self.forms(hit);
        if let Some(first) = find_first(body, &forms) {
            let sentence = squeeze(&body[sentence_around(body, first.start)]);
            return Some(fit(sentence, &forms, max_chars));
        }
        let title = squeeze(&hit.title);
        if find(&title, &forms).is_empty() {
            return None;
        }
        Some(fit(title, &forms, max_chars))
    }

    /// The token sequences that name the filters' entities in this hit, longest first.
    fn forms(&self, hit: &Hit) -> Vec<Vec<String>> {
        let mut forms: Vec<Vec<String>> = Vec::new();
        let mut add = |form: Vec<String>| {
            if !form.is_empty() && !forms.contains(&form) {
                forms.push(form);
            }
        };
        for filter in &self.filters {
            for name in names(hit, filter.kind) {
                let tokens = word_terms(name);
                if !filter.matches(&tokens) {
                    continue;
                }
                if filter.kind == EntityKind::Person && tokens.len() > 1 {
                    add(tokens[tokens.len() - 1..].to_vec());
                }
                add(tokens);
            }
            if matches!(filter.how, TextKind::Word | TextKind::Phrase { .. }) {
                add(filter.words.clone());
            }
        }
        forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
        forms
    }
}

impl Filter {
    /// Whether a canonical name, as analysed tokens, is one this filter matches.
    fn matches(&self, name: &[String]) -> bool {
        let words = &self.words;
        match self.how {
            TextKind::Word | TextKind::Phrase { slop: 0 } => {
                name.windows(words.len()).any(|w| w == words.as_slice())
            }
            TextKind::Phrase { .. } => words.iter().all(|w| name.contains(w)),
            TextKind::Prefix => {
                let (last, whole) = words.split_last().expect("a filter has words");
                name.windows(words.len()).any(|w| {
                    w[..whole.len()] == *whole && w[whole.len()].starts_with(last.as_str())
                })
            }
            TextKind::Fuzzy { distance } => name
                .iter()
                .any(|token| edit_distance(token, &words[0]) <= usize::from(distance)),
        }
    }
}

/// The entity filters of `expr` outside any negation.
fn collect(expr: &Expr, out: &mut Vec<Filter>) {
    match expr {
        Expr::Text {
            target, text, kind, ..
        } => {
            if let Some(entity) = entity_kind(*target) {
                let words = word_terms(text);
                if !words.is_empty() {
                    out.push(Filter {
                        kind: entity,
                        words,
                        how: *kind,
                    });
                }
            }
        }
        Expr::And(parts) | Expr::Or(parts) => parts.iter().for_each(|p| collect(p, out)),
        Expr::Dates { .. } | Expr::Not(_) => {}
    }
}

/// A hit's canonical names of one kind.
fn names(hit: &Hit, kind: EntityKind) -> &[String] {
    match kind {
        EntityKind::Person => &hit.people,
        EntityKind::Company => &hit.companies,
        EntityKind::Organization => &hit.organizations,
        EntityKind::Place => &hit.places,
    }
}

/// Where in `text` any of `forms` (longest first) stands as whole analysed tokens: byte
/// ranges, in order, none overlapping.
fn find(text: &str, forms: &[Vec<String>]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    namings(text, forms, |naming| {
        found.push(naming);
        ControlFlow::Continue(())
    });
    found
}

/// The first range [`find`] gives, reading no further into `text` than it needs.
fn find_first(text: &str, forms: &[Vec<String>]) -> Option<Range<usize>> {
    let mut first = None;
    namings(text, forms, |naming| {
        first = Some(naming);
        ControlFlow::Break(())
    });
    first
}

/// Hands `on` each range of `text` where one of `forms` (longest first) stands as whole
/// analysed tokens, in order, none overlapping, until `on` breaks; tokens are read only as
/// far as the longest form from the place looked at.
fn namings(text: &str, forms: &[Vec<String>], mut on: impl FnMut(Range<usize>) -> ControlFlow<()>) {
    let Some(longest) = forms.iter().map(Vec::len).max() else {
        return;
    };
    let mut analyzer = crate::index::analyzer::words();
    let mut stream = analyzer.token_stream(text);
    let mut tokens: Vec<(String, Range<usize>)> = Vec::new();
    let mut ended = false;
    let mut at = 0;
    loop {
        while !ended && tokens.len() < at + longest {
            match stream.next() {
                Some(token) => {
                    tokens.push((token.text.clone(), token.offset_from..token.offset_to))
                }
                None => ended = true,
            }
        }
        let Some(rest) = tokens.get(at..).filter(|rest| !rest.is_empty()) else {
            return;
        };
        match form_at(forms, rest) {
            Some(form) => {
                if on(rest[0].1.start..rest[form.len() - 1].1.end).is_break() {
                    return;
                }
                at += form.len();
            }
            None => at += 1,
        }
    }
}

/// The first of `forms` (longest first) that the tokens `rest` begin with.
fn form_at<'f>(forms: &'f [Vec<String>], rest: &[(String, Range<usize>)]) -> Option<&'f [String]> {
    let starts = |form: &[String]| {
        form.len() <= rest.len() && (form.iter().zip(rest)).all(|(word, (token, _))| word == token)
    };
    forms.iter().map(Vec::as_slice).find(|form| starts(form))
}

/// The byte range of the sentence of `body` holding the byte at `at` (its paragraph's
/// whole text if no sentence does). Only that paragraph is tokenized: the tokenizer ends
/// a sentence at every blank line.
fn sentence_around(body: &str, at: usize) -> Range<usize> {
    let paragraph = paragraph_around(body, at);
    let text = &body[paragraph.clone()];
    let shift = |range: Range<usize>| paragraph.start + range.start..paragraph.start + range.end;
    tokenize(text)
        .iter()
        .filter_map(|s| Some(s.tokens.first()?.start..s.tokens.last()?.end))
        .map(shift)
        .find(|range| range.contains(&at))
        .unwrap_or(paragraph)
}

/// The byte range of the paragraph of `body` holding the byte at `at`: between runs of
/// white space that hold two line breaks.
fn paragraph_around(body: &str, at: usize) -> Range<usize> {
    let mut start = 0;
    let mut blank: Option<(usize, usize)> = None;
    for (i, c) in body.char_indices() {
        if c.is_whitespace() {
            let run = blank.get_or_insert((i, 0));
            if c == '\n' {
                run.1 += 1;
            }
            continue;
        }
        if let Some((from, newlines)) = blank.take()
            && newlines >= 2
        {
            if i > at {
                return start..from;
            }
            start = i;
        }
    }
    start..body.len()
}

/// `text` with `forms` highlighted, cut to at most `max_chars` characters (plus the marks of
/// a cut) around its first highlight.
fn fit(text: String, forms: &[Vec<String>], max_chars: usize) -> (String, Vec<Range<usize>>) {
    let marks = find(&text, forms);
    if text.chars().count() <= max_chars {
        return (text, marks);
    }
    let focus = marks.first().map_or(0, |m| m.start);
    // Start a quarter of the window before the first naming, at the start of a word.
    let before: usize = text[..focus]
        .chars()
        .rev()
        .take(max_chars / 4)
        .map(char::len_utf8)
        .sum();
    let mut start = focus - before;
    if start > 0 {
        start = text[start..focus]
            .find(' ')
            .map_or(focus, |i| start + i + 1);
    }
    let mut end = text[start..]
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(i, _)| start + i);
    if end < text.len()
        && let Some(space) = text[start..end].rfind(' ').filter(|&i| start + i > focus)
    {
        end = start + space;
    }
    let prefix = if start > 0 { "… " } else { "" };
    let suffix = if end < text.len() { " …" } else { "" };
    let shift = |m: Range<usize>| m.start - start + prefix.len()..m.end - start + prefix.len();
    let marks = marks
        .into_iter()
        .filter(|m| m.start >= start && m.end <= end)
        .map(shift)
        .collect();
    (format!("{prefix}{}{suffix}", &text[start..end]), marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(names: &[&str]) -> Vec<Vec<String>> {
        let mut forms: Vec<Vec<String>> = names.iter().map(|n| word_terms(n)).collect();
        forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
        forms
    }

    #[test]
    fn the_first_naming_and_its_sentence_are_those_of_the_whole_body() {
        let body = "Mr. Volcker said on Monday.  The Fed chairman, Paul Volcker, spoke.\n\n\
                    VOLCKER WARNS\nRates may rise, Volcker said.\n \n\
                    Later, Mr Volcker left. Gordon Brown stayed.";
        let nobody = forms(&["Nobody"]);
        let forms = forms(&["Paul Volcker", "Volcker", "Gordon Brown"]);
        assert_eq!(
            find_first(body, &forms),
            find(body, &forms).first().cloned()
        );
        assert_eq!(find_first(body, &nobody), None);
        assert_eq!(find_first("", &forms), None);
        let whole = |at: usize| {
            tokenize(body)
                .iter()
                .filter_map(|s| Some(s.tokens.first()?.start..s.tokens.last()?.end))
                .find(|range| range.contains(&at))
                .unwrap_or(0..body.len())
        };
        for found in find(body, &forms) {
            let at = found.start;
            assert_eq!(sentence_around(body, at), whole(at), "{}", &body[found]);
        }
        assert_eq!(
            &body[paragraph_around(body, 0)],
            "Mr. Volcker said on Monday.  The Fed chairman, Paul Volcker, spoke."
        );
        assert!(body[paragraph_around(body, body.len() - 3)].starts_with("Later"));
    }

    #[test]
    fn names_are_found_as_whole_words_ignoring_case_and_accents() {
        let check = |text: &str, names: &[&str], want: &[&str]| {
            let found: Vec<&str> = find(text, &forms(names))
                .into_iter()
                .map(|r| &text[r])
                .collect();
            assert_eq!(found, want, "{text:?}");
        };
        check(
            "Gordon Brown met Mr Brown.",
            &["gordon brown", "brown"],
            &["Gordon Brown", "Brown"],
        );
        check("JOSÉ Pérez spoke", &["jose perez"], &["JOSÉ Pérez"]);
        check("Browne and Brownfield", &["brown"], &[]);
        check("", &["brown"], &[]);
    }

    #[test]
    fn long_sentences_are_cut_around_the_first_naming() {
        let text = format!(
            "{} Gordon Brown said so {}",
            "word ".repeat(40),
            "more ".repeat(40)
        );
        let (snippet, marks) = fit(text, &forms(&["gordon brown"]), 60);
        assert!(
            snippet.starts_with("… word") && snippet.ends_with(" …"),
            "{snippet:?}"
        );
        assert!(snippet.chars().count() <= 60 + 4, "{snippet:?}");
        assert_eq!(
            marks
                .iter()
                .map(|m| &snippet[m.clone()])
                .collect::<Vec<_>>(),
            ["Gordon Brown"]
        );
    }

    #[test]
    fn filters_match_names_as_the_index_does() {
        let check = |words: &str, how: TextKind, name: &str, want: bool| {
            let filter = Filter {
                kind: EntityKind::Person,
                words: word_terms(words),
                how,
            };
            assert_eq!(
                filter.matches(&word_terms(name)),
                want,
                "{words:?} {how:?} {name:?}"
            );
        };
        check("brown", TextKind::Word, "Gordon Brown", true);
        check(
            "gordon brown",
            TextKind::Phrase { slop: 0 },
            "Gordon Brown",
            true,
        );
        check(
            "brown gordon",
            TextKind::Phrase { slop: 0 },
            "Gordon Brown",
            false,
        );
        check(
            "brown gordon",
            TextKind::Phrase { slop: 2 },
            "Gordon Brown",
            true,
        );
        check("gord", TextKind::Prefix, "Gordon Brown", true);
        check("gordon br", TextKind::Prefix, "Gordon Brown", true);
        check(
            "bruwn",
            TextKind::Fuzzy { distance: 1 },
            "Gordon Brown",
            true,
        );
        check(
            "bruwm",
            TextKind::Fuzzy { distance: 1 },
            "Gordon Brown",
            false,
        );
        check(
            "borwn",
            TextKind::Fuzzy { distance: 1 },
            "Gordon Brown",
            true,
        );
    }
}
