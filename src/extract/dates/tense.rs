//! The tense of the clause around an expression, which decides whether a
//! bare weekday or month looks back or ahead ("will meet on Friday" is the
//! coming Friday, "met on Friday" the last one).
//!
//! The tense comes from the nearest verb form that shows one: first looking
//! back from the expression to the start of the sentence, then ahead to its
//! end of its clause. Future: modal auxiliaries ("will", "'ll", "shall",
//! "would"), "going to", "is to", plans before the date ("plans to", "is
//! scheduled for", "planned a rally on"). Past: "was", "were", "had", "did",
//! "said", common irregular past forms and words in "-ed", unless an
//! auxiliary before them gives the tense instead ("will be delayed", "is
//! heard"), "to" follows ("decided to admit") or they are adjectives ("a
//! still unspecified date"). A date after "until" or "by" is a deadline, which
//! lies ahead unless the sentence is in the past perfect ("had filed by"), and a reporting verb ("said") further back than
//! "said on" does not give the tense of what it reports.

use super::lexicon::Lex;
use super::parser::Parser;
use super::tokens::Kind;

/// Whether a clause speaks of the past or of the future.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    /// A present-tense auxiliary ("is launching", "has set"): neither way.
    Present,
    Future,
}

/// How many tokens back the tense is looked for.
const LOOK_BACK: usize = 14;
/// How many tokens ahead the tense is looked for.
const LOOK_AHEAD: usize = 10;

/// Modal auxiliaries that put their clause in the future.
const MODALS: &[&str] = &[
    "will", "ll", "shall", "might", "would", "can", "must", "should", "upcoming", "expects",
    "intends",
];

/// Verbs of intention, future before "to" ("plans to", "intends to").
const INTENDS: &[&str] = &["plans", "plan", "planning", "intend", "aims", "hopes"];

/// Participles of planning, future when a preposition or "to" follows ("is
/// scheduled for", "expected to"), not as adjectives ("lower-than-expected").
const PLANNED: &[&str] = &["scheduled", "expected", "planned", "due", "slated", "set"];

/// Determiners and adverbs before a word in "-ed" that make it an adjective
/// ("a still unspecified date", "the hastily planned trip").
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "its", "his", "her", "their", "our", "this", "that", "these", "those",
];

/// Prepositions of a deadline: a date after them lies ahead ("pay by
/// February", "gave him until mid-November", "postponed until Monday").
const DEADLINES: &[&str] = &["until", "till", "by"];

/// Past forms that are not made with "-ed".
const PAST_WORDS: &[&str] = &[
    "was", "were", "had", "did", "said", "told", "met", "went", "came", "took", "made", "gave",
    "began", "left", "held", "rose", "fell", "sold", "bought", "won", "lost", "saw", "spoke",
    "wrote", "ran", "became", "brought", "felt", "kept", "sent", "spent", "stood", "struck",
    "thought", "knew", "found", "got", "paid", "led", "flew", "drew", "grew", "threw", "withdrew",
    "sought", "fought", "caught", "taught", "broke", "chose", "drove", "shot", "hit", "meant",
    "heard", "sat", "ate", "wore", "won",
];

/// Words that open another clause, whose verb does not place the date.
const CLAUSE_WORDS: &[&str] = &[
    "which", "who", "that", "when", "where", "while", "because", "if", "since", "but",
];

/// Verbs that report speech: their tense is not that of what they report.
const REPORTING: &[&str] = &["said", "says", "told", "added", "announced", "reported"];

/// Words before a participle that give the clause its tense instead.
const AUXILIARIES: &[&str] = &[
    "be", "been", "being", "is", "are", "am", "was", "were", "has", "have", "had", "will", "would",
    "s", "get", "got", "not",
];

/// Words in "-ed" that are not past forms.
const NOT_PAST_ED: &[&str] = &[
    "need",
    "indeed",
    "speed",
    "seed",
    "feed",
    "breed",
    "proceed",
    "succeed",
    "exceed",
    "hundred",
    "shed",
    "embed",
    "naked",
    "wicked",
    "sacred",
    "kindred",
    "bed",
    "red",
    "weed",
    "deed",
    "provided",
    "based",
    "compared",
    "concerned",
    "related",
    "limited",
    "advanced",
    "detailed",
];

/// Words whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "inc", "corp", "co", "ltd", "jr",
    "sr", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec",
];

impl Parser<'_> {
    /// Tense resolution is enabled and the clause of token `pos` is in the future.
    pub(super) fn future(&self, pos: usize) -> bool {
        self.tense(pos) == Some(Tense::Future)
    }

    /// The tense of the clause around token `pos`, when tense resolution is
    /// enabled and a verb form shows one: the nearest cue back to the start
    /// of the sentence, else the nearest modal or past form ahead in the
    /// same clause.
    pub(super) fn tense(&self, pos: usize) -> Option<Tense> {
        if !self.opts.future_tense {
            return None;
        }
        let opening = self.modifiers_before(pos);
        let deadline = opening > 0 && self.word_in(opening - 1, DEADLINES);
        let tense = self
            .tense_before(pos)
            .or_else(|| self.tense_after(pos, self.opens_sentence(opening)));
        if deadline {
            // "had filed reports by Wednesday": done before the deadline
            let past_perfect = self.sentence_has(pos, "had");
            return Some(if past_perfect {
                Tense::Past
            } else {
                Tense::Future
            });
        }
        tense
    }

    /// The sentence around token `pos` has the word `word` within the
    /// distances tense cues are looked for.
    fn sentence_has(&self, pos: usize, word: &str) -> bool {
        let back = (pos.saturating_sub(LOOK_BACK)..pos)
            .rev()
            .take_while(|&at| !self.sentence_end(at))
            .any(|at| self.word_is(at, word));
        let last = (pos + LOOK_AHEAD).min(self.tokens.len());
        back || (pos + 1..last)
            .take_while(|&at| !self.sentence_end(at))
            .any(|at| self.word_is(at, word))
    }

    /// The first token of the modifiers before token `pos` ("early",
    /// "mid-", "the").
    fn modifiers_before(&self, pos: usize) -> usize {
        let mut first = pos;
        while first > 0
            && (self.punct(first - 1, b'-')
                || matches!(
                    self.lex(first - 1),
                    Lex::Early | Lex::Late | Lex::Mid | Lex::The
                ))
        {
            first -= 1;
        }
        first
    }

    /// Only a preposition, if anything, comes before token `pos` in its sentence.
    fn opens_sentence(&self, pos: usize) -> bool {
        let first = if pos > 0 && matches!(self.lex(pos - 1), Lex::Prep) {
            pos - 1
        } else {
            pos
        };
        first == 0 || self.sentence_end(first - 1) || self.sentence_start(first)
    }

    /// The nearest tense cue before token `pos` in its sentence.
    fn tense_before(&self, pos: usize) -> Option<Tense> {
        let mut cursor = pos;
        while cursor > 0 && pos - cursor < LOOK_BACK {
            cursor -= 1;
            if self.sentence_end(cursor) {
                return None;
            }
            // a reporting verb away from the date does not give the tense
            // of what is reported ("said the talks would end in May")
            if pos - cursor > 2 && self.word_in(cursor, REPORTING) {
                return None;
            }
            if let Some(tense) = self.tense_cue(cursor, pos, true) {
                return Some(tense);
            }
        }
        None
    }

    /// The nearest tense cue after token `pos` in its clause, which a comma
    /// ends, unless the expression opens the sentence ("On Friday, the board
    /// will meet").
    fn tense_after(&self, pos: usize, opening: bool) -> Option<Tense> {
        let last = (pos + LOOK_AHEAD).min(self.tokens.len());
        let mut words = 0;
        for cursor in pos + 1..last {
            let comma = self.punct(cursor, b',');
            let clause_word = words > 0 && self.word_in(cursor, CLAUSE_WORDS);
            if self.sentence_end(cursor) || comma && (words > 0 || !opening) || clause_word {
                return None;
            }
            if self.is_word(cursor) {
                words += 1;
            }
            if let Some(tense) = self.tense_cue(cursor, pos, false) {
                return Some(tense);
            }
        }
        None
    }

    /// Token `pos` ends a sentence: ".", "!", "?" or ";", but not the full
    /// stop of "a.m.", "U.S." or "Mr.".
    fn sentence_end(&self, pos: usize) -> bool {
        let token = self.tokens[pos];
        if token.kind != Kind::Punct {
            return false;
        }
        match token.n as u8 {
            b'!' | b'?' | b';' => true,
            b'.' => {
                let abbreviation = pos > 0
                    && self.adj(pos)
                    && self.is_word(pos - 1)
                    && (self.tokens[pos - 1].end - self.tokens[pos - 1].start == 1
                        || self.word_in(pos - 1, ABBREVIATIONS));
                !abbreviation
            }
            _ => false,
        }
    }

    /// What word `pos` says about the tense of its clause (`date` is the
    /// token of the expression being resolved; `before`: the word comes
    /// before it, where plans count too).
    fn tense_cue(&self, pos: usize, date: usize, before: bool) -> Option<Tense> {
        if !self.is_word(pos) {
            return None;
        }
        let to_after = self.word_is(pos + 1, "to");
        let planning_for = self.word_is(pos, "planning") && self.word_is(pos + 1, "for");
        let intends = self.word_in(pos, INTENDS) && to_after || planning_for;
        // "may" in lower case is the modal, not the month
        let may = self.word_is(pos, "may") && self.lower_word(pos);
        if self.word_in(pos, MODALS) || intends || may {
            return Some(Tense::Future);
        }
        // "as soon as", "as early as"
        if self.word_in(pos, &["soon", "early"]) && pos > 0 && self.word_is(pos - 1, "as") {
            return Some(Tense::Future);
        }
        // "going to", "is to resume"
        if self.word_in(pos, &["going", "is", "are", "am"]) && to_after {
            return Some(Tense::Future);
        }
        if self.word_in(pos, PLANNED) {
            return (before && self.planned(pos, date)).then_some(Tense::Future);
        }
        if self.word_in(pos, &["was", "were", "had", "did", "said"]) {
            return Some(Tense::Past);
        }
        if self.word_in(pos, &["is", "are", "am", "has", "have", "does", "says"]) {
            // "is meeting on Friday": the present progressive of a plan
            let progressive = self.word_in(pos, &["is", "are", "am"]) && self.ing_form(pos + 1);
            return Some(if progressive {
                Tense::Future
            } else {
                Tense::Present
            });
        }
        let past_form = self.word_in(pos, PAST_WORDS) || self.ed_form(pos);
        if !past_form || to_after {
            return None;
        }
        // "to be published in November": planned
        if pos > 1 && self.word_is(pos - 1, "be") && self.word_is(pos - 2, "to") {
            return Some(Tense::Future);
        }
        (!self.auxiliary_before(pos)).then_some(Tense::Past)
    }

    /// The planning participle at `pos` speaks of a plan: "is scheduled for",
    /// "planned a rally on Saturday" (not "lower-than-expected", "due to the",
    /// "set Friday as the deadline").
    fn planned(&self, pos: usize, date: usize) -> bool {
        if pos > 0 && self.punct(pos - 1, b'-') && self.adj(pos) {
            return false;
        }
        // "due to the weather" is a cause, "due to meet" a plan
        if self.word_is(pos, "due")
            && self.word_is(pos + 1, "to")
            && self.word_in(pos + 2, DETERMINERS)
        {
            return false;
        }
        if self.word_is(pos, "set") {
            let be_before = pos > 0 && self.word_in(pos - 1, AUXILIARIES);
            return be_before || self.word_in(pos + 1, &["for", "to"]) || pos + 1 == date;
        }
        true
    }

    /// An auxiliary right before word `pos` (an adverb may come between)
    /// gives the clause its tense: "will be delayed", "is heard".
    fn auxiliary_before(&self, pos: usize) -> bool {
        let auxiliary = |at: usize| self.word_in(at, AUXILIARIES);
        pos > 0 && auxiliary(pos - 1) || pos > 1 && auxiliary(pos - 2) && self.lower_word(pos - 1)
    }

    /// Word `pos` is a lower-case word in "-ing" ("meeting", "leaving").
    fn ing_form(&self, pos: usize) -> bool {
        let Some(token) = self.tokens.get(pos) else {
            return false;
        };
        let word = &self.text[token.start..token.end];
        self.lower_word(pos) && word.len() > 4 && word.ends_with("ing")
    }

    /// Word `pos` is a lower-case verb form in "-ed", not an adjective
    /// ("unspecified", "a planned merger").
    fn ed_form(&self, pos: usize) -> bool {
        let token = self.tokens[pos];
        let word = &self.text[token.start..token.end];
        if word.len() < 4 || !word.ends_with("ed") || !self.lower_word(pos) {
            return false;
        }
        if self.word_in(pos, NOT_PAST_ED) || word.starts_with("un") {
            return false;
        }
        let determiner = |at: usize| self.word_in(at, DETERMINERS);
        let adverb = |at: usize| {
            let token = self.tokens[at];
            self.lower_word(at) && self.text[token.start..token.end].ends_with("ly")
        };
        !(pos > 0 && determiner(pos - 1) || pos > 1 && determiner(pos - 2) && adverb(pos - 1))
    }
}
