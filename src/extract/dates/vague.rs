//! Vague references, kept only when [`super::DateOptions::vague_refs`] is
//! set: "now", "recently", "the past", "the near future", "future losses",
//! "these days",
//! "a few weeks ago", "at the time".

use super::lexicon::{Lex, Unit};
use super::parser::{Hit, Parser, hit};
use super::value::Val;

const PRESENT: Val = Val::Ref("PRESENT_REF");
const PAST: Val = Val::Ref("PAST_REF");
const FUTURE: Val = Val::Ref("FUTURE_REF");

/// Words after "today's" that make it the present in general ("today's youth").
const GENERIC_NOUNS: [&str; 20] = [
    "world",
    "youth",
    "society",
    "generation",
    "children",
    "kids",
    "young",
    "teenagers",
    "economy",
    "standards",
    "technology",
    "culture",
    "students",
    "women",
    "men",
    "people",
    "personal",
    "modern",
    "consumers",
    "families",
];

impl Parser<'_> {
    /// A vague reference whose words start at `pos`, the expression at
    /// `start` ("the" or a modifier may come between).
    pub(super) fn vague(&self, start: usize, pos: usize, the: bool) -> Option<Hit> {
        match self.lex(pos) {
            Lex::Now | Lex::Currently => hit(pos, pos + 1, PRESENT),
            Lex::Current if !the => hit(pos, pos + 1, PRESENT),
            Lex::Recently => hit(pos, pos + 1, PAST),
            Lex::Latest if self.word_is(pos, "recent") => {
                let end = if self.plural_unit(pos + 1) {
                    pos + 2
                } else {
                    pos + 1
                };
                hit(pos, end, PAST)
            }
            Lex::Past
                if the
                    && !matches!(
                        self.lex(pos + 1),
                        Lex::Unit(..)
                            | Lex::NumberWord(_)
                            | Lex::Teen(_)
                            | Lex::Tens(_)
                            | Lex::Ordinal(_)
                    )
                    && self.num(pos + 1).is_none() =>
            {
                hit(start, pos + 1, PAST)
            }
            Lex::Future if the => hit(start, pos + 1, FUTURE),
            // "future losses", "Elian's future"
            Lex::Future if self.future_adjective(pos) => hit(pos, pos + 1, FUTURE),
            Lex::Vague
                if the && self.word_is(pos, "near") && matches!(self.lex(pos + 1), Lex::Future) =>
            {
                hit(start, pos + 2, FUTURE)
            }
            Lex::Coming if self.plural_unit(pos + 1) => hit(start, pos + 2, FUTURE),
            Lex::Future if self.plural_unit(pos + 1) => hit(pos, pos + 2, FUTURE),
            // "at the time"
            Lex::Other
                if the
                    && self.word_is(pos, "time")
                    && start > 0
                    && self.word_is(start - 1, "at") =>
            {
                hit(start, pos + 1, PAST)
            }
            Lex::Past | Lex::Last => self.past_units(start, pos, the),
            Lex::Vague | Lex::NumberWord(1) => self.vague_phrase(start, pos, the),
            _ => None,
        }
    }

    /// "past years", "the past few months", "the last few years".
    fn past_units(&self, start: usize, pos: usize, the: bool) -> Option<Hit> {
        let unit_pos = if self.vague_few(pos + 1) {
            pos + 2
        } else {
            pos + 1
        };
        let ok = self.plural_unit(unit_pos)
            && (unit_pos == pos + 2 || !the)
            && !(matches!(self.lex(pos), Lex::Last) && unit_pos == pos + 1);
        if ok {
            hit(start, unit_pos + 1, PAST)
        } else {
            None
        }
    }

    /// "these days", "the near term", "several years ago", "a few weeks
    /// ago", "a later date".
    fn vague_phrase(&self, start: usize, pos: usize, the: bool) -> Option<Hit> {
        if self.word_is(pos, "these") && matches!(self.lex(pos + 1), Lex::Unit(Unit::Day, true)) {
            return hit(pos, pos + 2, PRESENT);
        }
        if matches!(self.lex(pos), Lex::Vague)
            && the
            && self.word_in(pos, &["near", "short", "long"])
            && self.word_is(pos + 1, "term")
        {
            return hit(start, pos + 2, FUTURE);
        }
        let few_pos = if matches!(self.lex(pos), Lex::NumberWord(1)) {
            pos + 1
        } else {
            pos
        };
        if self.vague_few(few_pos)
            && self.plural_unit(few_pos + 1)
            && matches!(self.lex(few_pos + 2), Lex::Ago)
        {
            return hit(pos, few_pos + 3, PAST);
        }
        // "a later date"
        if matches!(self.lex(pos), Lex::NumberWord(1))
            && matches!(self.lex(pos + 1), Lex::Later)
            && self.word_is(pos + 2, "date")
        {
            return hit(pos, pos + 3, FUTURE);
        }
        None
    }

    /// Lower-case "future" at `pos` before a noun ("future losses") or after a
    /// possessive ("Elian's future").
    fn future_adjective(&self, pos: usize) -> bool {
        let before_noun = self.lower_word(pos + 1)
            && self.adj_space(pos + 1)
            && matches!(self.lex(pos + 1), Lex::Other);
        let possessive = pos > 1 && self.punct(pos - 2, b'\'') && self.word_is(pos - 1, "s");
        self.lower_word(pos) && (before_noun || possessive)
    }

    /// Token `pos` is a plural unit word ("days", "years").
    fn plural_unit(&self, pos: usize) -> bool {
        matches!(self.lex(pos), Lex::Unit(_, true))
    }

    /// Token `pos` is one of [`GENERIC_NOUNS`].
    pub(super) fn generic_noun(&self, pos: usize) -> bool {
        self.word_in(pos, &GENERIC_NOUNS)
    }

    /// Token `pos` is "few", "several" or "many".
    fn vague_few(&self, pos: usize) -> bool {
        matches!(self.lex(pos), Lex::Vague) && self.word_in(pos, &["few", "several", "many"])
    }
}
