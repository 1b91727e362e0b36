//! Reported speech, sentence by sentence: the first cue of a sentence with a source, and
//! what it attributes. Three shapes are read: "X said (that) CONTENT" (the content runs
//! from past the cue, its setting and "that" to the sentence's end), "CONTENT, X said"
//! or "CONTENT, said X" (the content is what comes before the comma), and "according to X,
//! CONTENT" or "CONTENT, according to X".

use super::{Attribution, Text, cues, source};

/// The fewest tokens a reported content holds.
const CONTENT_MIN_TOKENS: usize = 3;

/// The most tokens between a trailing attribution's comma and its cue ("…, the
/// prime minister's office said").
const TRAILING_SOURCE: usize = 8;

/// The most tokens after a trailing cue and its source, to the sentence's end ("…, he
/// said on Sunday"), unless set off by a comma.
const TRAILING_TAIL: usize = 5;

/// The reported speech of the sentences none of whose tokens is `used`.
pub(super) fn attributions(text: &Text, used: &[bool]) -> Vec<Attribution> {
    let mut found = Vec::new();
    let mut first = 0;
    while first < text.len() {
        let mut last = first;
        while last + 1 < text.len() && text.sentence(last + 1) == text.sentence(first) {
            last += 1;
        }
        if !used[first..=last].iter().any(|&u| u)
            && let Some(a) = in_sentence(text, first, last)
        {
            found.push(a);
        }
        first = last + 1;
    }
    found
}

fn reported(
    content: (usize, usize),
    cue: (usize, usize),
    source: Option<(usize, usize)>,
) -> Option<Attribution> {
    (content.1 + 1 >= content.0 + CONTENT_MIN_TOKENS).then(|| Attribution {
        parts: vec![content],
        direct: false,
        cue: Some(cue),
        source,
    })
}

/// The attribution of one sentence, tokens `first..=last`.
fn in_sentence(text: &Text, first: usize, last: usize) -> Option<Attribution> {
    let mut end = last;
    while end > first && cues::is_terminator(text.word(end)) {
        end -= 1;
    }
    let cues: Vec<(usize, usize)> = (first..=end)
        .filter_map(|i| Some((i, text.cue_at(i)?)))
        .filter(|&(_, cue_last)| cue_last <= end)
        .collect();
    // A trailing attribution first: "…, chief executive Margaret Okafor said" is the
    // sentence's attribution even when a cue word comes earlier in its content.
    for &(i, cue_last) in &cues {
        if text.is_according((i, cue_last)) {
            if let Some(a) = according(text, (first, end), (i, cue_last)) {
                return Some(a);
            }
        } else if let Some(a) = trailing(text, (first, end), (i, cue_last)) {
            return Some(a);
        }
    }
    for &(i, cue_last) in &cues {
        if text.is_according((i, cue_last)) {
            continue;
        }
        let Some(source) = source::before(text, i, first) else {
            continue;
        };
        let cue = text.with_auxiliaries(i, source.1 + 1, cue_last);
        let start = content_start(text, i, cue_last, end);
        if let Some(a) = (start <= end).then(|| reported((start, end), cue, Some(source))) {
            return a;
        }
    }
    None
}

/// "According to X, CONTENT" and "CONTENT(,) according to X".
fn according(
    text: &Text,
    (first, end): (usize, usize),
    (cue, cue_last): (usize, usize),
) -> Option<Attribution> {
    let opens = (first..cue).all(|j| cues::is_mark(text.word(j)));
    if opens {
        let comma = (cue_last + 1..=end).find(|&j| text.word(j) == ",")?;
        let source = source::after(text, cue_last, comma.checked_sub(1)?)?;
        return reported((comma + 1, end), (cue, cue_last), Some(source));
    }
    let content_end = if text.word(cue - 1) == "," {
        cue.checked_sub(2)?
    } else {
        cue - 1
    };
    let source = source::after(text, cue_last, end);
    source?;
    reported((first, content_end), (cue, cue_last), source)
}

/// "CONTENT, X said" and "CONTENT, said X": a cue near the sentence's end, after a comma
/// and at most a source.
fn trailing(
    text: &Text,
    (first, end): (usize, usize),
    (cue, cue_last): (usize, usize),
) -> Option<Attribution> {
    if cue == first {
        return None;
    }
    let comma = (cue.saturating_sub(TRAILING_SOURCE + 1).max(first)..cue)
        .rev()
        .find(|&j| text.word(j) == ",")?;
    // The comma may stand inside a quote's closing mark ("…,” said Victor Cha).
    let after_comma = (comma + 1..cue)
        .find(|&j| !cues::is_mark(text.word(j)))
        .unwrap_or(cue);
    // What follows the source: when and where it was said, or, after a comma or a
    // bracket, more about the source ("said Victor Cha, who served as …").
    let settled = |from: usize| {
        let tail: Vec<usize> = (from..=end).collect();
        let appositive = |j: usize| {
            j <= end
                && matches!(
                    text.word(j).to_ascii_lowercase().as_str(),
                    "who" | "whose" | "a" | "an" | "the" | "his" | "her" | "its" | "their"
                )
        };
        let set_off = tail
            .first()
            .is_none_or(|&j| text.word(j) == "(" || text.word(j) == "," && appositive(j + 1));
        set_off
            || tail.len() <= TRAILING_TAIL && tail.iter().all(|&j| cues::is_setting(text.word(j)))
    };
    let source = if after_comma == cue {
        let source = source::after(text, cue_last, end)?;
        settled(source.1 + 1).then_some(source)?
    } else {
        if !settled(cue_last + 1) {
            return None;
        }
        let source = source::before(text, cue, after_comma)?;
        (source.0 == after_comma).then_some(source)?
    };
    let content_end = if after_comma > comma + 1 {
        after_comma - 1
    } else {
        comma.checked_sub(1)?
    };
    reported((first, content_end), (cue, cue_last), Some(source))
}

/// Where the content of "X said (that) CONTENT" starts: past the cue, the one told
/// ("told reporters"), when and where it was said ("on Sunday", "in a statement"), and
/// "that".
fn content_start(text: &Text, cue: usize, cue_last: usize, end: usize) -> usize {
    let word = |j: usize| text.word(j).to_ascii_lowercase();
    let mut k = cue_last + 1;
    if cues::is_telling(text.word(cue)) {
        let reach = (k..=end.min(k + 12)).take_while(|&j| text.word(j) != ",");
        let opener = ["that", "how", "why", "what", "whether", "to"];
        if let Some(j) = reach.clone().find(|&j| opener.contains(&word(j).as_str())) {
            return if word(j) == "that" || word(j) == "to" {
                j + 1
            } else {
                j
            };
        }
        if is_object(&word(k)) {
            k += 1;
        } else if text.capitalised(k) {
            while k <= end && text.capitalised(k) {
                k += 1;
            }
        } else if cues::is_determiner(text.word(k)) && k + 2 <= end {
            // "told the newspaper the strike was over"
            let clause =
                |j: usize| cues::is_determiner(text.word(j)) || cues::is_pronoun(text.word(j));
            if clause(k + 2) {
                k += 2;
            }
        }
    }
    for _ in 0..4 {
        if k > end {
            break;
        }
        let next = |j: usize| if j <= end { word(j) } else { String::new() };
        let w = word(k);
        let skip = match w.as_str() {
            "," | "that" => 1,
            "on" | "last" | "this" | "next" if is_time(&next(k + 1)) => 2,
            "earlier" | "recently" | "previously" | "yesterday" | "today" | "tonight" | "also"
            | "again" | "repeatedly" | "publicly" | "privately" => 1,
            "in" => {
                let mut j = k + 1;
                while j <= end && matches!(next(j).as_str(), "a" | "an" | "the" | "his" | "her") {
                    j += 1;
                }
                if is_medium(&next(j)) { j + 1 - k } else { 0 }
            }
            w if is_time(w) => 1,
            _ => 0,
        };
        if skip == 0 {
            break;
        }
        k += skip;
    }
    k
}

fn is_object(word: &str) -> bool {
    matches!(
        word,
        "reporters" | "him" | "her" | "them" | "us" | "me" | "journalists" | "supporters"
    )
}

fn is_time(word: &str) -> bool {
    cues::is_weekday(word)
        || matches!(
            word,
            "week" | "month" | "year" | "night" | "morning" | "afternoon" | "evening" | "weekend"
        )
}

fn is_medium(word: &str) -> bool {
    matches!(
        word,
        "statement"
            | "interview"
            | "email"
            | "e-mail"
            | "letter"
            | "speech"
            | "tweet"
            | "release"
            | "post"
            | "briefing"
            | "memo"
            | "report"
            | "op-ed"
            | "filing"
    )
}
