//! The parser state, the scan over the tokens, and the token tests every
//! recogniser uses. The recognisers themselves live in the sibling modules
//! (`absolute`, `relative`, `anaphora`, `vague`), each as more methods of
//! [`Parser`].

use std::cell::Cell;

use chrono::{Datelike, NaiveDate};

use super::calendar::{add_quarters, quarter_of};
use super::lexicon::{Lex, Unit};
use super::tokens::{ALLCAPS, CAP, Kind, Tok};
use super::value::Val;
use super::{DateOptions, FoundDate, Granularity};

/// A recognised expression: its tokens and value.
#[derive(Clone, Copy, Debug)]
pub(super) struct Hit {
    /// First token.
    pub(super) first: usize,
    /// One past the last token.
    pub(super) end: usize,
    pub(super) value: Val,
}

/// A [`Hit`] over tokens `first..end`.
pub(super) fn hit(first: usize, end: usize, value: Val) -> Option<Hit> {
    Some(Hit { first, end, value })
}

/// The state of one pass over a text.
pub(super) struct Parser<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Tok],
    /// The publication date.
    pub(super) anchor: Option<NaiveDate>,
    pub(super) opts: &'a DateOptions,
    /// Previous resolved expression: value and end byte offset.
    pub(super) previous: Option<(Val, usize)>,
    /// Set by recognisers whose value is derived from `previous` ("a year
    /// earlier"), so that it stays the reference for the next expression.
    pub(super) keep_previous: Cell<bool>,
    /// Last quarter expression (not derived from another one): value, end offset.
    pub(super) last_quarter: Option<(Val, usize)>,
    pub(super) out: Vec<FoundDate>,
}

impl<'a> Parser<'a> {
    /// A parser over `tokens` of `text`.
    pub(super) fn new(
        text: &'a str,
        tokens: &'a [Tok],
        anchor: Option<NaiveDate>,
        opts: &'a DateOptions,
    ) -> Self {
        Parser {
            text,
            tokens,
            anchor,
            opts,
            previous: None,
            keep_previous: Cell::new(false),
            last_quarter: None,
            out: Vec::new(),
        }
    }

    /// Scans every token, recording each expression found in `out`.
    pub(super) fn run(&mut self) {
        let mut pos = 0;
        while pos < self.tokens.len() {
            let token = self.tokens[pos];
            let can_start = match token.kind {
                Kind::Word => {
                    !matches!(token.lex, Lex::Other) || (token.flags & CAP != 0 && self.is_q(pos))
                }
                Kind::Num => true,
                Kind::Punct => token.n == b'\'' as u32,
            };
            if !can_start {
                pos += 1;
                continue;
            }
            self.keep_previous.set(false);
            if let Some(found) = self.at(pos)
                && found.value.valid()
                && found.end > found.first
            {
                pos = self.record(found);
                continue;
            }
            // "the last week", "the past year": durations, not dates
            if matches!(token.lex, Lex::The)
                && matches!(
                    self.lex(pos + 1),
                    Lex::Last | Lex::Past | Lex::Next | Lex::Previous | Lex::Following
                )
            {
                pos += 2;
                continue;
            }
            pos += 1;
        }
    }

    /// Records `found` (and a second day after it: "April 24 and 25",
    /// "March 1-2"); returns the token to go on from.
    fn record(&mut self, found: Hit) -> usize {
        let Hit { first, end, value } = found;
        let end_byte = self.tokens[end - 1].end;
        self.push(self.tokens[first].start, end_byte, value);
        if !matches!(value, Val::Ref(_)) && !self.keep_previous.get() {
            self.previous = Some((value, end_byte));
            if matches!(value, Val::Quarter(..)) {
                self.last_quarter = Some((value, end_byte));
            }
        }
        if let Val::Day(date) = value
            && let Some((after_second, second)) = self.second_day(end, date)
        {
            let token = self.tokens[end + 1];
            self.push(token.start, token.end, Val::Day(second));
            return after_second;
        }
        end
    }

    /// Appends one found date.
    fn push(&mut self, start: usize, end: usize, value: Val) {
        self.out.push(FoundDate {
            start,
            end,
            value: value.render(),
            granularity: value.granularity(),
        });
    }

    /// After a day expression ending before token `end`: "and 25", "-2", "to 5"
    /// naming a later day of the same month. Returns the end token and date.
    pub(super) fn second_day(&self, end: usize, first: NaiveDate) -> Option<(usize, NaiveDate)> {
        let linked = self.punct(end, b'-')
            || self.word_is(end, "and")
            || self.word_is(end, "to")
            || self.word_is(end, "through");
        if !linked {
            return None;
        }
        let (day, digits) = self.num(end + 1)?;
        if digits > 2 || day <= first.day() {
            return None;
        }
        // "April 24 and 25 people", "May 5-6 million"
        if self.is_word(end + 2)
            && !matches!(
                self.lex(end + 2),
                Lex::Prep | Lex::Func | Lex::The | Lex::Month(_)
            )
        {
            return None;
        }
        if self.punct(end + 2, b'/') || self.punct(end + 2, b':') || self.punct(end + 2, b'%') {
            return None;
        }
        let second = NaiveDate::from_ymd_opt(first.year(), first.month(), day)?;
        // a year written after the range was already used for the first day
        let year_pos = self.skip_comma(end + 2);
        if self.year_at(year_pos) == Some(first.year()) {
            return Some((year_pos + 1, second));
        }
        Some((end + 2, second))
    }

    // --- token access -----------------------------------------------------

    /// The meaning of word token `pos` (`Lex::Other` for anything else).
    pub(super) fn lex(&self, pos: usize) -> Lex {
        match self.tokens.get(pos) {
            Some(token) if token.kind == Kind::Word => token.lex,
            _ => Lex::Other,
        }
    }

    /// Value and digit count of number token `pos`.
    pub(super) fn num(&self, pos: usize) -> Option<(u32, u8)> {
        match self.tokens.get(pos) {
            Some(token) if token.kind == Kind::Num => Some((token.n, token.flags)),
            _ => None,
        }
    }

    /// Token `pos` is the punctuation `byte`.
    pub(super) fn punct(&self, pos: usize, byte: u8) -> bool {
        matches!(self.tokens.get(pos), Some(token) if token.kind == Kind::Punct && token.n == byte as u32)
    }

    /// Token `pos` is a word.
    pub(super) fn is_word(&self, pos: usize) -> bool {
        matches!(self.tokens.get(pos), Some(token) if token.kind == Kind::Word)
    }

    /// Token `pos` is a capitalised word.
    pub(super) fn cap(&self, pos: usize) -> bool {
        matches!(self.tokens.get(pos), Some(token) if token.kind == Kind::Word && token.flags & CAP != 0)
    }

    /// Token `pos` is a word in lower case.
    pub(super) fn lower_word(&self, pos: usize) -> bool {
        matches!(self.tokens.get(pos), Some(token) if token.kind == Kind::Word && token.flags & CAP == 0)
    }

    /// Token `pos` is written in capitals.
    pub(super) fn all_caps(&self, pos: usize) -> bool {
        matches!(self.tokens.get(pos), Some(token) if token.flags & ALLCAPS != 0)
    }

    /// Token `pos` directly follows token `pos - 1` with no space between.
    pub(super) fn adj(&self, pos: usize) -> bool {
        pos > 0 && pos < self.tokens.len() && self.tokens[pos].start == self.tokens[pos - 1].end
    }

    /// Tokens `pos - 1` and `pos` are separated by plain spaces on one line.
    pub(super) fn adj_space(&self, pos: usize) -> bool {
        let gap = &self.text[self.tokens[pos - 1].end..self.tokens[pos].start];
        !gap.contains('\n')
    }

    /// Token `pos` is the word `word` (ASCII case-insensitive).
    pub(super) fn word_is(&self, pos: usize, word: &str) -> bool {
        match self.tokens.get(pos) {
            Some(token) if token.kind == Kind::Word => {
                self.text[token.start..token.end].eq_ignore_ascii_case(word)
            }
            _ => false,
        }
    }

    /// Token `pos` is one of `words` (ASCII case-insensitive).
    pub(super) fn word_in(&self, pos: usize, words: &[&str]) -> bool {
        match self.tokens.get(pos) {
            Some(token) if token.kind == Kind::Word => {
                let text = &self.text[token.start..token.end];
                words.iter().any(|word| text.eq_ignore_ascii_case(word))
            }
            _ => false,
        }
    }

    /// Token `pos` is the letter "Q" of "Q3".
    pub(super) fn is_q(&self, pos: usize) -> bool {
        self.word_is(pos, "q")
    }

    /// `pos + 1` when token `pos` is a comma, else `pos`.
    pub(super) fn skip_comma(&self, pos: usize) -> usize {
        if self.punct(pos, b',') { pos + 1 } else { pos }
    }

    /// `pos + 1` when token `pos` is a comma or "of", else `pos`.
    pub(super) fn skip_comma_or_of(&self, pos: usize) -> usize {
        if self.punct(pos, b',') || matches!(self.lex(pos), Lex::Of) {
            pos + 1
        } else {
            pos
        }
    }

    /// `pos + 1` when token `pos` is a part of the day ("yesterday morning").
    pub(super) fn skip_day_part(&self, pos: usize) -> usize {
        if matches!(self.lex(pos), Lex::DayPart) {
            pos + 1
        } else {
            pos
        }
    }

    /// Ordinal suffix ("st", "nd", "rd", "th") glued to number `pos`.
    pub(super) fn ord_suffix(&self, pos: usize) -> bool {
        self.adj(pos + 1) && self.word_in(pos + 1, &["st", "nd", "rd", "th"])
    }

    /// Token `pos` starts a sentence (nothing before, or sentence punctuation).
    pub(super) fn sentence_start(&self, pos: usize) -> bool {
        if pos == 0 {
            return true;
        }
        let before = self.tokens[pos - 1];
        if before.kind == Kind::Punct {
            return matches!(
                before.n as u8,
                b'.' | b'!' | b'?' | b'"' | b'\'' | b'(' | b':' | b';'
            ) || before.n == 0;
        }
        // a paragraph break
        self.text[before.end..self.tokens[pos].start].contains('\n')
    }

    /// Previous expression if it ended within `window` bytes before token `pos`.
    pub(super) fn recent_previous(&self, pos: usize, window: usize) -> Option<Val> {
        let (value, end) = self.previous?;
        let here = self.tokens.get(pos)?.start;
        if here >= end && here - end <= window {
            Some(value)
        } else {
            None
        }
    }

    /// The day the story is at: the previous expression when it is a day
    /// within `window` bytes, else the publication date.
    pub(super) fn story_day(&self, pos: usize, window: usize, anchor: NaiveDate) -> NaiveDate {
        match self.recent_previous(pos, window) {
            Some(Val::Day(day)) => day,
            _ => anchor,
        }
    }

    /// The year the story is at: that of the previous expression within 600
    /// bytes before token `pos`.
    pub(super) fn story_year(&self, pos: usize) -> Option<i32> {
        match self.recent_previous(pos, 600)? {
            Val::Year(year)
            | Val::Month(year, _)
            | Val::Quarter(year, _)
            | Val::Season(year, _) => Some(year),
            Val::Day(date) => Some(date.year()),
            _ => None,
        }
    }

    /// The last quarter expression if it ended less than `window` bytes
    /// before token `pos`.
    pub(super) fn recent_quarter(&self, pos: usize, window: usize) -> Option<Val> {
        match self.last_quarter {
            Some((quarter @ Val::Quarter(..), end))
                if self.tokens[pos].start.saturating_sub(end) < window =>
            {
                Some(quarter)
            }
            _ => None,
        }
    }

    /// The quarter a financial story is about: the last quarter expression
    /// within `window` bytes, else the last completed quarter.
    pub(super) fn story_quarter(&self, pos: usize, window: usize) -> Option<(i32, u32)> {
        if let Some((Val::Quarter(year, quarter), end)) = self.last_quarter {
            let here = self.tokens.get(pos)?.start;
            if here >= end && here - end <= window {
                return Some((year, quarter));
            }
        }
        let (year, quarter) = quarter_of(self.anchor?);
        Some(add_quarters(year, quarter, -1))
    }
}

/// Which tokens a recogniser may take before the core of an expression.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Prefix {
    /// "the" came before.
    pub(super) the: bool,
    /// "fiscal" came before.
    pub(super) fiscal: bool,
}

impl Parser<'_> {
    /// The expression starting at token `start`, with its modifiers: "the",
    /// "early"/"late"/"mid-", "the end of", "fiscal".
    fn at(&self, start: usize) -> Option<Hit> {
        let mut pos = start;
        let mut prefix = Prefix::default();
        if matches!(self.lex(pos), Lex::The) {
            prefix.the = true;
            pos += 1;
        }
        pos = self.skip_modifier(pos, prefix.the);
        if pos > start && matches!(self.lex(pos), Lex::The) && !prefix.the {
            prefix.the = true;
            pos += 1;
        }
        if matches!(self.lex(pos), Lex::Fiscal) {
            prefix.fiscal = true;
            pos += 1;
        }
        let Some(core) = self.core(pos, prefix) else {
            if self.opts.vague_refs {
                return self.vague(start, pos, prefix.the);
            }
            return None;
        };
        // the apostrophe of "'90s" is part of the expression
        let first = if pos > start {
            start
        } else {
            self.core_start(pos)
        };
        hit(first, core.end, core.value)
    }

    /// After "early", "late", "mid-", "the end of", "the beginning of" at
    /// `pos` (when one is there): the token the core starts at.
    fn skip_modifier(&self, pos: usize, the: bool) -> usize {
        match self.lex(pos) {
            Lex::Early | Lex::Late
                if matches!(
                    self.lex(pos + 1),
                    Lex::Month(_) | Lex::Next | Lex::Last | Lex::This | Lex::Season(_) | Lex::The
                ) || self.num(pos + 1).is_some() =>
            {
                pos + 1
            }
            // "late-November"
            Lex::Early | Lex::Late
                if self.punct(pos + 1, b'-')
                    && self.adj(pos + 1)
                    && self.adj(pos + 2)
                    && matches!(self.lex(pos + 2), Lex::Month(_)) =>
            {
                pos + 2
            }
            Lex::Mid if self.punct(pos + 1, b'-') => pos + 2,
            Lex::Mid => pos + 1,
            Lex::End | Lex::Beginning if the && matches!(self.lex(pos + 1), Lex::Of) => pos + 2,
            _ => pos,
        }
    }

    /// The apostrophe before "'90s" starts the expression.
    fn core_start(&self, pos: usize) -> usize {
        if pos > 0 && self.punct(pos - 1, b'\'') && self.adj(pos) && self.num(pos).is_some() {
            pos - 1
        } else {
            pos
        }
    }

    /// The expression proper at token `pos`, dispatched on its first token.
    fn core(&self, pos: usize, prefix: Prefix) -> Option<Hit> {
        let token = *self.tokens.get(pos)?;
        match token.kind {
            Kind::Num => self.numeric(pos, prefix.the),
            // "'90s"
            Kind::Punct if token.n == b'\'' as u32 => self
                .numeric(pos + 1, true)
                .filter(|found| found.value.granularity() == Granularity::Decade),
            Kind::Punct => None,
            Kind::Word => self.core_word(pos, token, prefix),
        }
    }

    /// The expression starting with word `token` at `pos`.
    fn core_word(&self, pos: usize, token: Tok, prefix: Prefix) -> Option<Hit> {
        let the = prefix.the;
        match token.lex {
            Lex::Month(month) => self.month(pos, month, true),
            Lex::MonthAbbr(month) => self.month(pos, month, false),
            Lex::Weekday(weekday) => self.weekday(pos, weekday),
            Lex::Today => self.today(pos),
            Lex::Tonight => hit(pos, pos + 1, Val::Day(self.anchor?)),
            Lex::Yesterday => self.day_from_anchor(pos, -1),
            Lex::Tomorrow => self.day_from_anchor(pos, 1),
            Lex::Last
            | Lex::Next
            | Lex::This
            | Lex::Coming
            | Lex::Past
            | Lex::Previous
            | Lex::Following
            | Lex::Current
            | Lex::Latest
            | Lex::Same => self.relative(pos, token.lex, the),
            Lex::Earlier | Lex::Later => self.earlier_later(pos),
            Lex::That => self.that(pos),
            Lex::Holiday(holiday, needs_day) => self.holiday(pos, holiday, needs_day),
            Lex::Teen(_) | Lex::Tens(_) => {
                let (end, year) = self.spelled_year(pos)?;
                hit(pos, end, Val::Year(year))
            }
            Lex::Decades(tens) if the => hit(pos, pos + 1, Val::Decade(190 + tens as i32 / 10)),
            Lex::Full if the && matches!(self.lex(pos + 1), Lex::Unit(Unit::Year, false)) => {
                self.full_year(pos)
            }
            Lex::DayPart if self.word_in(pos, &["morning", "evening"]) => None,
            Lex::NumberWord(count) => self.ago(pos, count, pos + 1),
            Lex::Ordinal(nth) => self.ordinal_quarter(pos, nth),
            Lex::Season(season) => self.season(pos, season, the),
            Lex::Unit(unit, false) if the => self.the_unit(pos, unit),
            Lex::Unit(Unit::Year, false) => self.year_earlier(pos),
            _ if self.opts.vague_refs => self.vague_word(pos, token.lex, the),
            _ if token.flags & CAP != 0 && self.is_q(pos) => self.q_form(pos),
            _ => None,
        }
    }

    /// A single-word vague reference: "now", "recently", "soon", "the future".
    fn vague_word(&self, pos: usize, lex: Lex, the: bool) -> Option<Hit> {
        let value = match lex {
            Lex::Now | Lex::Currently => "PRESENT_REF",
            Lex::Recently | Lex::Previously => "PAST_REF",
            Lex::Soon => "FUTURE_REF",
            Lex::Future if the => "FUTURE_REF",
            _ if self.cap(pos) && self.is_q(pos) => return self.q_form(pos),
            _ => return None,
        };
        hit(pos, pos + 1, Val::Ref(value))
    }
}
