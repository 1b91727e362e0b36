//! Reported speech, sentence by sentence. A sentence's attribution is its trailing cue,
//! else its first cue with a source; three shapes are read: "X said (that) CONTENT" (the
//! content runs from past the cue, its setting and "that" to the sentence's end),
//! "CONTENT, X said" or "CONTENT, said X" (the content is what comes before the comma),
//! and "according to X, CONTENT" or "CONTENT, according to X". Each further cue that opens
//! a clause of its own is one more ("…, and said …", "…, adding …", "…, but the mayor
//! said …", "X, who said …, …"); a content stops where the next clause starts and before
//! the tokens a direct quote took.

use super::{Attribution, Text, cues, source};

/// The fewest tokens a reported content holds.
const CONTENT_MIN_TOKENS: usize = 3;

/// The most tokens between a trailing attribution's comma and its cue ("…, the
/// prime minister's office said").
const TRAILING_SOURCE: usize = 8;

/// The most tokens after a trailing cue and its source, to the sentence's end ("…, he
/// said on Sunday"), unless set off by a comma.
const TRAILING_TAIL: usize = 5;

/// The reported speech of the sentences none of whose tokens is `used`; a cue inside
/// quotation marks (`quoted`) is the quoted speaker's word, not the writer's.
pub(super) fn attributions(text: &Text, used: &[bool], quoted: &[bool]) -> Vec<Attribution> {
    (text.runs(Text::sentence))
        .flat_map(|(first, last)| in_sentence(text, first, last, quoted))
        .filter_map(|a| clear_of(a, used))
        .collect()
}

/// An attribution kept clear of the tokens a direct quote took: not its cue (a source
/// may say both), and a content cut short before the first one.
fn clear_of(mut a: Attribution, used: &[bool]) -> Option<Attribution> {
    let taken = |&(first, last): &(usize, usize)| used[first..=last].iter().any(|&u| u);
    if a.cue.iter().any(taken) {
        return None;
    }
    let cut = (a.parts.iter().enumerate())
        .find_map(|(at, &(first, last))| Some((at, (first..=last).find(|&i| used[i])?)));
    if let Some((at, cut)) = cut {
        a.parts.truncate(at + 1);
        if cut == a.parts[at].0 {
            a.parts.pop();
        } else {
            a.parts[at].1 = cut - 1;
        }
    }
    holds_enough(*a.parts.first()?).then_some(a)
}

/// Whether a content part holds [`CONTENT_MIN_TOKENS`] at least.
fn holds_enough((first, last): (usize, usize)) -> bool {
    last + 1 >= first + CONTENT_MIN_TOKENS
}

fn reported(
    content: (usize, usize),
    cue: (usize, usize),
    source: Option<(usize, usize)>,
) -> Option<Attribution> {
    holds_enough(content).then(|| Attribution {
        parts: vec![content],
        direct: false,
        cue: Some(cue),
        source,
    })
}

/// An attribution of a sentence, with the token its clause starts at: a content read up
/// to the sentence's end stops before the next clause's start.
struct Clause {
    attribution: Attribution,
    start: usize,
}

/// The attributions of one sentence, tokens `first..=last`: the sentence's attribution,
/// then each further cue that opens a clause of its own ([`further`]).
fn in_sentence(text: &Text, first: usize, last: usize, quoted: &[bool]) -> Vec<Attribution> {
    let mut end = last;
    while end > first && cues::is_terminator(text.word(end)) {
        end -= 1;
    }
    let cues: Vec<(usize, usize)> = (first..=end)
        .filter_map(|i| Some((i, text.cue_at(i)?)))
        .filter(|&(i, cue_last)| cue_last <= end && !quoted[i])
        .collect();
    let mut clauses: Vec<Clause> = (sentence_attribution(text, (first, end), &cues).into_iter())
        .map(|attribution| Clause {
            start: first,
            attribution,
        })
        .collect();
    for &cue in &cues {
        let taken = |c: &Clause| {
            let a = &c.attribution;
            let within = |r: &(usize, usize)| r.0 <= cue.0 && cue.0 <= r.1;
            a.cue.iter().chain(&a.source).any(within)
        };
        if clauses.iter().any(taken) {
            continue;
        }
        if let Some(attribution) = asked(text, (first, end), cue) {
            clauses.push(Clause {
                attribution,
                start: first,
            });
            continue;
        }
        if let Some(clause) = further(text, (first, end), cue, &clauses) {
            clauses.push(clause);
        }
    }
    clauses.sort_by_key(|c| c.attribution.cue.map_or(0, |cue| cue.0));
    // A content read on after its cue ends where the next clause starts.
    let starts: Vec<usize> = clauses.iter().map(|c| c.start).collect();
    let mut found = Vec::with_capacity(clauses.len());
    for mut clause in clauses {
        let a = &mut clause.attribution;
        let (content, cue) = (a.parts[0], a.cue.unwrap_or_default());
        if content.0 > cue.1
            && let Some(&next) = starts.iter().find(|&&s| s > content.0 && s <= content.1)
        {
            let mut stop = next - 1;
            while stop > content.0 && is_joint(text.word(stop)) {
                stop -= 1;
            }
            a.parts[0].1 = stop;
        }
        if holds_enough(a.parts[0]) {
            found.push(clause.attribution);
        }
    }
    found
}

/// Words that join two clauses, left off the end of a content.
fn is_joint(word: &str) -> bool {
    matches!(word, "," | ";")
        || cues::is_dash(word)
        || cues::in_list(&["and", "but", "while", "whereas", "as"], word)
}

/// The attribution a sentence is read for: a trailing one first ("…, chief executive
/// Margaret Okafor said" is the sentence's attribution even when a cue word comes earlier
/// in its content), else the first cue with a source before it.
fn sentence_attribution(
    text: &Text,
    (first, end): (usize, usize),
    cues: &[(usize, usize)],
) -> Option<Attribution> {
    for &(i, cue_last) in cues {
        if text.is_according((i, cue_last)) {
            if let Some(a) = according(text, (first, end), (i, cue_last)) {
                return Some(a);
            }
        } else if let Some(a) = trailing(text, (first, end), (i, cue_last)) {
            return Some(a);
        }
    }
    for &(i, cue_last) in cues {
        if text.is_according((i, cue_last)) {
            continue;
        }
        let Some(source) = source::before(text, i, first) else {
            continue;
        };
        if let Some(a) = forward(text, (i, cue_last), end, source) {
            return Some(a);
        }
    }
    None
}

/// "X said (that) CONTENT": the content runs from past the cue to `end`.
fn forward(
    text: &Text,
    (cue, cue_last): (usize, usize),
    end: usize,
    source: (usize, usize),
) -> Option<Attribution> {
    let cue = text.with_auxiliaries(cue, source.1 + 1, cue_last);
    let start = content_start(text, cue.0, cue_last, end);
    // "The crowd sang as the ferry left": with a verb of how words were voiced, when it
    // was done, not what was said.
    let when = |j: usize| {
        cues::is_voicing(text.word(cue_last))
            && cues::in_list(
                &[
                    "as", "when", "while", "because", "after", "before", "until", "since",
                    "though", "although",
                ],
                text.word(j),
            )
    };
    (start <= end && !when(start)).then(|| reported((start, end), cue, Some(source)))?
}

/// A further attribution of a sentence, at a cue that opens a clause of its own: one
/// joined to the clause before ("…, and said …", "…, adding …"), whose source is that
/// clause's; one after a clause break with a source of its own ("…, but the mayor said
/// …"); or a relative clause ("Ms Ngata, who said …, …"), whose source is "who".
fn further(
    text: &Text,
    (first, end): (usize, usize),
    (cue, cue_last): (usize, usize),
    clauses: &[Clause],
) -> Option<Clause> {
    if text.is_according((cue, cue_last)) {
        return None;
    }
    let mut k = cue;
    while k > first && cues::is_auxiliary(text.word(k - 1)) {
        k -= 1;
    }
    let before = k.checked_sub(1).filter(|&b| b >= first)?;
    let word = text.word(before).to_ascii_lowercase();
    let earlier = (clauses.iter().rev())
        .map(|c| &c.attribution)
        .find(|a| a.cue.is_some_and(|c| c.1 < cue) && a.source.is_some());
    let clause = |start: usize, source: (usize, usize)| {
        let a = forward(text, (cue, cue_last), end, source)?;
        Some(Clause {
            attribution: a,
            start,
        })
    };
    match word.as_str() {
        "and" | "but" => {
            let start = if before > first && text.word(before - 1) == "," {
                before - 1
            } else {
                before
            };
            let source = match earlier {
                Some(a) => a.source?,
                None => source::opening(text, first, before)?,
            };
            clause(start, source)
        }
        "," if cues::is_participle(text.word(cue)) => clause(before, earlier?.source?),
        "who" if before > first && text.word(before - 1) == "," => {
            // The relative clause ends at its closing comma.
            let mut found = clause(before - 1, (before, before))?;
            let content = &mut found.attribution.parts[0];
            if let Some(comma) = (content.0..=content.1).find(|&j| text.word(j) == ",") {
                content.1 = comma.checked_sub(1)?;
            }
            Some(found)
        }
        _ => {
            // A clause with a source of its own, after a break or a joining word.
            let source = source::before(text, cue, first)?;
            let opens = source.0.checked_sub(1).filter(|&b| b >= first)?;
            let breaks = is_joint(text.word(opens));
            let inside = |c: &Clause| {
                let content = c.attribution.parts[0];
                content.0 < opens && opens <= content.1
            };
            (breaks && clauses.iter().any(inside)).then_some(())?;
            clause(opens, source)
        }
    }
}

/// The most tokens between a sentence's opening "Asked" and the question it puts ("Asked
/// during a January debate on CNN why …").
const ASKED_REACH: usize = 10;

/// "Asked why CONTENT, …", "When asked about CONTENT, …": the question put to the one
/// the sentence goes on to quote, by someone it does not name.
fn asked(
    text: &Text,
    (first, end): (usize, usize),
    (cue, cue_last): (usize, usize),
) -> Option<Attribution> {
    let word = |j: usize| text.word(j).to_ascii_lowercase();
    let opens = cue == first
        || cue == first + 1 && cues::in_list(&["when", "after", "once", "if"], text.word(first));
    if !opens || word(cue) != "asked" {
        return None;
    }
    let reach =
        (cue_last + 1..=end.min(cue_last + ASKED_REACH)).take_while(|&j| text.word(j) != ",");
    let question = [
        "why", "whether", "if", "how", "what", "who", "whom", "which", "when", "where", "about",
    ];
    let open = reach
        .clone()
        .find(|&j| question.contains(&word(j).as_str()))?;
    let start = if word(open) == "about" {
        open + 1
    } else {
        open
    };
    let comma = (start..=end).find(|&j| text.word(j) == ",")?;
    let content = (start, comma.checked_sub(1)?);
    (content.1 >= content.0).then(|| Attribution {
        parts: vec![content],
        direct: false,
        cue: Some((cue, cue_last)),
        source: None,
    })
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
        let source = source::after_according(text, cue_last, comma.checked_sub(1)?)?;
        return reported((comma + 1, end), (cue, cue_last), Some(source));
    }
    let content_end = if text.word(cue - 1) == "," {
        cue.checked_sub(2)?
    } else {
        cue - 1
    };
    let source = source::after_according(text, cue_last, end);
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
        // "…, said a handful of Democrats who point to …": who they are.
        let relative = |j: usize| cues::in_list(&["who", "whose"], text.word(j));
        let set_off = tail.first().is_none_or(|&j| {
            text.word(j) == "(" || text.word(j) == "," && appositive(j + 1) || relative(j)
        });
        set_off
            || tail.len() <= TRAILING_TAIL && tail.iter().all(|&j| cues::is_setting(text.word(j)))
            || circumstance(text, &tail, cues::is_telling(text.word(cue)))
    };
    let (source, tail) = if after_comma == cue {
        // Only a finite verb goes before its source: "…, adding that …" is no inversion;
        // nor is one whose object follows it ("…, praised the budget").
        if cues::is_participle(text.word(cue)) || cues::takes_object(text.word(cue)) {
            return None;
        }
        let source = source::after(text, cue_last, end)?;
        (source, source.1 + 1)
    } else {
        let source = source::joined(text, source::before(text, cue, after_comma)?, after_comma);
        (source.0 == after_comma).then_some(())?;
        (source, cue_last + 1)
    };
    let resumed = if settled(tail) {
        None
    } else {
        Some(resumed(text, tail, end)?)
    };
    let content_end = if after_comma > comma + 1 {
        after_comma - 1
    } else {
        comma.checked_sub(1)?
    };
    let mut a = reported((first, content_end), (cue, cue_last), Some(source))?;
    a.parts.extend(resumed.flatten());
    Some(a)
}

/// The most tokens of where, when and to whom something was said after a trailing cue
/// ("…, she told reporters at the harbour on Monday").
const CIRCUMSTANCE: usize = 12;

/// Whether the tokens after a trailing cue and its source only say where, when or to whom
/// it was said: a phrase opened by a preposition or, after a cue of telling, the one told
/// ("in his interview with the Courier", "reporters on Monday"), holding no clause.
fn circumstance(text: &Text, tail: &[usize], telling: bool) -> bool {
    let Some(&opening) = tail.first() else {
        return true;
    };
    let word = text.word(opening).to_ascii_lowercase();
    let opens = cues::in_list(
        &[
            "in", "during", "at", "on", "from", "after", "before", "via", "through", "last",
            "this", "earlier", "later", "when",
        ],
        &word,
    ) || telling && is_object(&word);
    // "told supporters to vote early" tells them what to do: a content, not a setting.
    let clause = |j: usize| {
        let w = text.word(j);
        cues::is_break(w)
            || cues::is_finite(w)
            || text.cue_at(j).is_some()
            || j > opening && w.eq_ignore_ascii_case("to")
            || cues::in_list(&["that", "who", "which", "because", "if", "and", "but"], w)
    };
    opens && tail.len() <= CIRCUMSTANCE && !tail.iter().any(|&j| clause(j))
}

/// What follows a cue set in the middle of its content ("The museum, Mr Bush said,
/// celebrates …"): the content's second part, from past the comma to `end`, unless a
/// clause of its own starts there (`Some(None)`: the content ends at the cue). `None`
/// when the cue is not set off.
fn resumed(text: &Text, tail: usize, end: usize) -> Option<Option<(usize, usize)>> {
    if tail > end || text.word(tail) != "," {
        return None;
    }
    let start = tail + 1;
    // A clause of its own opens with its cue (", adding …"); a cue further on is inside
    // the content ("…, Mr Obama said, most Americans have come to believe …").
    let opens_cue = (start..=end.min(start + 1)).any(|j| text.cue_at(j).is_some());
    if start > end || is_joint(text.word(start)) || opens_cue {
        return Some(None);
    }
    Some(Some((start, end)))
}

/// Where the content of "X said (that) CONTENT" starts: past the cue, the one told
/// ("told reporters"), when and where it was said ("on Sunday", "in a statement"), and
/// "that".
fn content_start(text: &Text, cue: usize, cue_last: usize, end: usize) -> usize {
    let word = |j: usize| text.word(j).to_ascii_lowercase();
    let mut k = cue_last + 1;
    if k > end {
        return k;
    }
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
            "on" | "last" | "this" | "next" if cues::is_time(&next(k + 1)) => 2,
            "earlier" | "recently" | "previously" | "yesterday" | "today" | "tonight" | "also"
            | "again" | "repeatedly" | "publicly" | "privately" => 1,
            "in" => {
                let mut j = k + 1;
                while j <= end && matches!(next(j).as_str(), "a" | "an" | "the" | "his" | "her") {
                    j += 1;
                }
                if is_medium(&next(j)) { j + 1 - k } else { 0 }
            }
            w if cues::is_time(w) => 1,
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
