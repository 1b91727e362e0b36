//! The source of an attribution: the noun phrase before its cue ("Mr Pompeo told"), or
//! after it ("said Treasury Secretary Steven Mnuchin", "according to officials"), and the
//! entity it is or refers back to.

use super::{Text, cues};
use crate::article::{EntityKind, EntityMention};

/// The most tokens a source runs to.
const MOST_TOKENS: usize = 10;

/// The source that ends just before the cue starting at token `cue`, reading back no
/// further than token `floor`: auxiliaries and adverbs next to the cue are left out ("he
/// has also said"), and the phrase stops at punctuation and at words that open a clause.
pub(super) fn before(text: &Text, cue: usize, floor: usize) -> Option<(usize, usize)> {
    if cues::is_participle(text.word(cue)) {
        return subject(text, cue, floor);
    }
    let mut last = cue.checked_sub(1)?;
    while last >= floor && last > 0 && cues::is_auxiliary(text.word(last)) && last + 3 > cue {
        last -= 1;
    }
    if last < floor || text.paragraph(last) != text.paragraph(cue) {
        return None;
    }
    last = before_setting(text, last, floor);
    // A verb joined to the sentence's first ("Okafor left the talks and told …"): the
    // sentence's subject.
    if cues::in_list(&["and", "but"], text.word(last)) {
        return opening(text, floor, last);
    }
    // "Rep. Jason Chaffetz (R-Utah) said", "Douglas Brinkley, a historian, said": the name
    // before the bracket or the appositive.
    // "The justice -- who has been in a scuffle with him -- said": the name before the
    // dashes.
    if cues::is_dash(text.word(last)) {
        let opening = (floor..last)
            .rev()
            .take(4 * MOST_TOKENS)
            .find(|&i| cues::is_dash(text.word(i)))?;
        last = opening.checked_sub(1).filter(|&l| l >= floor)?;
    } else if text.word(last) == ")" {
        last = (floor..last)
            .rev()
            .take(MOST_TOKENS)
            .find(|&i| text.word(i) == "(")?;
        last = last.checked_sub(1).filter(|&l| l >= floor)?;
    } else if text.word(last) == "," {
        let opening = (floor..last)
            .rev()
            .take(4 * MOST_TOKENS)
            .find(|&i| text.word(i) == ",")?;
        // A long aside is a relative clause ("Wilcox, whose education … was paid for by
        // the military because …, said").
        let relative = || cues::in_list(&["who", "whose"], text.word(opening + 1));
        if last - opening > 2 * MOST_TOKENS && !relative() {
            return None;
        }
        // "Its managing director, Gary Holroyd, said": a name set off is the source.
        if opening + 1 < last && (opening + 1..last).all(|i| text.capitalised(i)) {
            return phrase(text, opening + 1, last - 1);
        }
        last = opening.checked_sub(1).filter(|&l| l >= floor)?;
    }
    let mut first = last;
    loop {
        let word = text.word(first);
        if cues::is_break(word) || cues::is_clause_word(word) && !joins_name(text, first, floor) {
            first += 1;
            break;
        }
        if first == floor || last - first + 1 >= MOST_TOKENS {
            break;
        }
        if text.paragraph(first - 1) != text.paragraph(cue) {
            break;
        }
        first -= 1;
    }
    phrase(text, first, last)
}

/// A source widened back to `floor` over another one joined by "and" ("…, she and
/// another reporter said").
pub(super) fn joined(text: &Text, source: (usize, usize), floor: usize) -> (usize, usize) {
    let Some(and) = source.0.checked_sub(1).filter(|&a| a > floor) else {
        return source;
    };
    let short = and - floor <= 4;
    if short && text.word(and).eq_ignore_ascii_case("and") && phrase(text, floor, and - 1).is_some()
    {
        return (floor, source.1);
    }
    source
}

/// The token before when something was said, where it stands between the source and the
/// cue ("Sean Spicer on Thursday evening said", "the mayor yesterday said"); else `last`.
fn before_setting(text: &Text, last: usize, floor: usize) -> usize {
    let time = |word: &str| {
        cues::is_time(word)
            || cues::is_calendar(word)
            || cues::in_list(&["yesterday", "today", "tonight"], word)
    };
    let mut k = last;
    while k > floor && last - k < 3 && time(text.word(k)) {
        k -= 1;
    }
    if k == last {
        return last;
    }
    if cues::in_list(
        &["on", "last", "this", "late", "early", "earlier"],
        text.word(k),
    ) {
        k = match k.checked_sub(1) {
            Some(before) if before >= floor => before,
            _ => return last,
        };
    }
    let word = text.word(k);
    if cues::is_break(word) || cues::is_clause_word(word) {
        last
    } else {
        k
    }
}

/// The source that starts just after the cue ending at token `cue_last`, reading no
/// further than token `ceiling`: up to punctuation or a word that starts what follows
/// ("said the company in a statement").
pub(super) fn after(text: &Text, cue_last: usize, ceiling: usize) -> Option<(usize, usize)> {
    let (first, last) = phrase_after(text, cue_last, ceiling)?;
    // "Mr Coffman, who …, said Mr Trump had …": a clause, not a source.
    if (first..=last).any(|i| cues::is_finite(text.word(i))) {
        return None;
    }
    phrase(text, first, last)
}

/// The source after "according to", which may be any noun phrase, prepositions and all
/// ("according to federal statistics", "according to figures published by the council"),
/// up to punctuation or a word that opens a clause.
pub(super) fn after_according(
    text: &Text,
    cue_last: usize,
    ceiling: usize,
) -> Option<(usize, usize)> {
    let first = cue_last + 1;
    let opens_clause = |word: &str| {
        cues::in_list(
            &[
                "that", "which", "who", "whom", "when", "where", "while", "because", "but", "if",
            ],
            word,
        )
    };
    let last = (first..=ceiling.min(first + 2 * MOST_TOKENS))
        .take_while(|&i| {
            let word = text.word(i);
            text.paragraph(i) == text.paragraph(cue_last)
                && !cues::is_break(word)
                && !opens_clause(word)
        })
        .last()?;
    let worded = (first..=last).any(|i| text.word(i).chars().any(char::is_alphabetic));
    worded.then_some((first, last))
}

/// The words after token `cue_last` up to punctuation or a word that starts what follows.
fn phrase_after(text: &Text, cue_last: usize, ceiling: usize) -> Option<(usize, usize)> {
    let first = cue_last + 1;
    if first > ceiling || text.paragraph(first) != text.paragraph(cue_last) {
        return None;
    }
    let mut last = first;
    while last < ceiling
        && last + 1 - first < MOST_TOKENS
        && text.paragraph(last + 1) == text.paragraph(first)
    {
        let next = text.word(last + 1);
        if cues::is_break(next) || cues::is_clause_word(next) && !joins_name(text, last + 1, first)
        {
            break;
        }
        last += 1;
    }
    (!cues::is_break(text.word(first))).then_some((first, last))
}

/// Whether token `i` ("of", "for") joins the words of one source: "Secretary of State
/// Mike Pompeo", "a spokesman for the company"; never at the phrase's edge `floor`.
fn joins_name(text: &Text, i: usize, floor: usize) -> bool {
    if i <= floor || i + 1 >= text.len() {
        return false;
    }
    let (before, word, after) = (text.word(i - 1), text.word(i), text.word(i + 1));
    let joining = word.eq_ignore_ascii_case("of") || word.eq_ignore_ascii_case("for");
    joining && (text.capitalised(i - 1) || cues::is_role_noun(before))
        || counts(before, word, after)
}

/// Whether `word` joins the words of a share of people ("4 in 10", "more than half",
/// "75 percent of Democrats", "three-quarters of the voters").
fn counts(before: &str, word: &str, after: &str) -> bool {
    let number = |w: &str| {
        w.bytes().any(|b| b.is_ascii_digit())
            || cues::in_list(
                &[
                    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "half",
                ],
                w,
            )
    };
    let share = |w: &str| {
        cues::in_list(
            &[
                "percent",
                "half",
                "majority",
                "minority",
                "third",
                "thirds",
                "quarter",
                "quarters",
                "handful",
                "number",
                "group",
                "couple",
                "dozen",
                "dozens",
                "hundreds",
                "thousands",
                "one",
                "some",
                "many",
                "most",
                "several",
                "none",
                "each",
                "all",
                "both",
            ],
            w,
        ) || number(w)
            || w.ends_with("-quarters")
            || w.ends_with("-thirds")
    };
    match word.to_ascii_lowercase().as_str() {
        "in" => number(before) && number(after),
        "than" => cues::in_list(&["more", "less", "fewer"], before) && number(after),
        "of" => share(before),
        _ => false,
    }
}

/// The subject of the clause a participle cue ("saying", "adding") hangs on: the first
/// name or pronoun after the clause's last comma before the cue, back to `floor`.
fn subject(text: &Text, cue: usize, floor: usize) -> Option<(usize, usize)> {
    let mut first = cue;
    if first > floor && text.word(first - 1) == "," {
        first -= 1;
    }
    while first > floor && text.word(first - 1) != "," && !cues::is_mark(text.word(first - 1)) {
        first -= 1;
    }
    if cues::is_pronoun(text.word(first)) {
        return phrase(text, first, first);
    }
    // "Footage shows Okafor saying …": the one named just before the participle.
    if cue > first && text.capitalised(cue - 1) {
        let mut start = cue - 1;
        while start > first && text.capitalised(start - 1) {
            start -= 1;
        }
        return phrase(text, start, cue - 1);
    }
    // No name in the clause: the sentence's subject, when it opens the sentence.
    let Some(start) = (first..cue).find(|&i| text.capitalised(i)) else {
        return opening(text, floor, cue);
    };
    // "The marchers crossed the bridge while chanting …"
    if cues::is_determiner(text.word(start)) && start + 1 < cue && !text.capitalised(start + 1) {
        return phrase(text, start, start + 1);
    }
    let mut last = start;
    while last + 1 < cue && (text.capitalised(last + 1) || joins_name(text, last + 1, start)) {
        last += 1;
    }
    phrase(text, start, last)
}

/// The subject a sentence opens with, for a cue joined to its first verb ("Graham
/// called both men “crazy” and said …"): a pronoun, or a name (perhaps after "the",
/// perhaps with role nouns after it) followed by a lower-case word, before `cue`.
pub(super) fn opening(text: &Text, first: usize, cue: usize) -> Option<(usize, usize)> {
    let word = text.word(first);
    if cues::is_pronoun(word) {
        return phrase(text, first, first);
    }
    if cues::is_clause_word(word) {
        return None;
    }
    let start = if word.eq_ignore_ascii_case("the") {
        first + 1
    } else {
        first
    };
    let mut last = start;
    while last + 1 < cue
        && last + 1 - first < MOST_TOKENS
        && (text.capitalised(last + 1) || cues::is_role_noun(text.word(last + 1)))
        && !cues::is_break(text.word(last + 1))
    {
        last += 1;
    }
    let named = start < cue && text.capitalised(start) && !cues::is_break(text.word(start));
    // "Michael Petrilli, president of the Fordham Institute, tied …": the verb follows
    // what is set off after the name.
    let mut verb = last + 1;
    if verb < cue && text.word(verb) == "," {
        let reach = cue.min(verb + 1 + 2 * MOST_TOKENS);
        if let Some(close) = (verb + 1..reach).find(|&j| text.word(j) == ",") {
            verb = close + 1;
        }
    }
    let verb_next = verb < cue && {
        let next = text.word(verb);
        let verbal =
            text.cue_at(verb).is_some() || cues::is_auxiliary(next) || cues::is_finite(next);
        !cues::is_break(next) && (verbal || !cues::is_clause_word(next))
    };
    (named && verb_next).then(|| phrase(text, first, last))?
}

/// `first..=last` when it reads as a source: it names someone (a capitalised word), or is a
/// pronoun or a phrase with a role noun.
fn phrase(text: &Text, first: usize, last: usize) -> Option<(usize, usize)> {
    if first > last {
        return None;
    }
    let names = (first..=last).any(|i| {
        let word = text.word(i);
        text.capitalised(i)
            && !cues::is_mark(word)
            && !cues::is_calendar(word)
            && !cues::is_clause_word(word)
    });
    let pronoun = first == last && cues::is_pronoun(text.word(first));
    let role = (first..=last).any(|i| cues::is_role_noun(text.word(i)));
    let described = last - first < 5 && cues::is_determiner(text.word(first));
    // "some technologists", "several friends", "organizers", "those surveyed".
    let counted = last - first < 5
        && cues::in_list(
            &[
                "some", "many", "most", "several", "few", "both", "all", "those", "these", "other",
                "another",
            ],
            text.word(first),
        );
    let head = text.word(last);
    let plural = last - first < 4
        && head.len() > 3
        && head.ends_with('s')
        && !head.ends_with("ss")
        && head.chars().all(|c| c.is_ascii_lowercase())
        && !cues::is_clause_word(head)
        && !cues::in_list(
            &["always", "perhaps", "unless", "across", "thus", "news"],
            head,
        );
    (names || pronoun || role || described || counted || plural).then_some((first, last))
}

/// The first person of `entities` whose canonical name ends with `word`, in any case
/// ("Pence" and "PENCE" for Mike Pence).
pub(super) fn person_ending<'e>(
    entities: &'e [EntityMention],
    word: &str,
) -> Option<&'e EntityMention> {
    entities.iter().find(|e| {
        e.kind == EntityKind::Person
            && (e.canonical.rsplit(' ').next()).is_some_and(|w| w.eq_ignore_ascii_case(word))
    })
}

/// What a source is resolved in: the body's mentions, the byte ranges of its direct
/// quotes (a name inside a quote is not one a pronoun outside refers back to), and the
/// speaker of the attribution before.
pub(super) struct Context<'m> {
    pub mentions: &'m [&'m EntityMention],
    /// Every entity mention of the article, in the title and the body.
    pub article: &'m [EntityMention],
    pub quoted: Vec<(usize, usize)>,
    pub previous: Option<(String, EntityKind)>,
}

/// The entity a source is or refers back to: the person (else the company or
/// organisation) it names; for a pronoun or a role noun, the speaker before when of the
/// kind it stands for, else the last one of that kind named before it outside quotes.
pub(super) fn resolve(
    text: &Text,
    (first, last): (usize, usize),
    context: &Context,
) -> Option<(String, EntityKind)> {
    let (start, end) = text.bytes(first, last);
    let inside: Vec<&&EntityMention> = (context.mentions.iter())
        .filter(|m| m.start < end && m.end > start && m.kind != EntityKind::Place)
        .collect();
    let person = (inside.iter().rev()).find(|m| m.kind == EntityKind::Person);
    if let Some(m) = person {
        return Some((m.canonical.clone(), m.kind));
    }
    // A surname the tagger left out or took for another kind here ("PENCE: …", a
    // headline's "Okafor Says …"), that ends a person's name the article gives.
    let head = text.word(last);
    if text.capitalised(last) && !cues::is_pronoun(head) && !cues::is_mark(head) {
        let alone = inside.iter().all(|m| m.text.eq_ignore_ascii_case(head));
        if let Some(m) = person_ending(context.article, head).filter(|_| alone) {
            return Some((m.canonical.clone(), m.kind));
        }
    }
    if let Some(m) = inside.last() {
        return Some((m.canonical.clone(), m.kind));
    }
    let kinds: &[EntityKind] =
        if cues::in_list(cues::PERSON_PRONOUNS, head) || cues::in_list(cues::PERSON_NOUNS, head) {
            &[EntityKind::Person]
        } else if cues::in_list(cues::THING_PRONOUNS, head) {
            &[EntityKind::Company, EntityKind::Organization]
        } else if cues::in_list(cues::COMPANY_NOUNS, head) {
            &[EntityKind::Company]
        } else if cues::in_list(cues::ORGANIZATION_NOUNS, head) {
            &[EntityKind::Organization]
        } else {
            return None;
        };
    if let Some(previous) = (context.previous.as_ref()).filter(|p| kinds.contains(&p.1)) {
        return Some(previous.clone());
    }
    let quoted =
        |m: &EntityMention| (context.quoted.iter()).any(|q| m.start >= q.0 && m.end <= q.1);
    (context.mentions.iter().rev())
        .find(|m| m.end <= start && kinds.contains(&m.kind) && !quoted(m))
        .map(|m| (m.canonical.clone(), m.kind))
}
