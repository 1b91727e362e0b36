//! morgue's query language, parsed into a small syntax tree.
//!
//! ```text
//! query    := and
//! and      := or (["AND"] or)*           (all required; an explicit "AND" changes nothing)
//! or       := unary ("OR" unary)*         (binds first: `a OR b c` is `(a OR b) c`)
//! unary    := ("-" | "NOT") unary | "+" unary | primary
//! primary  := "(" and ")" | FIELD ":" value | value
//! value    := ["="] WORD | WORD "*" | WORD "~" [0-2] | ["="] "quoted phrase" ["~" N]
//! ```
//! Words and phrases match any form of their words in titles and bodies (`phone` finds
//! "phones", `"mobile phone"` "mobile phones"); after `=`, only the form written
//! (`=phones`, `="mobile phones"`). A word ending in `*` is a prefix (`secur*`), a word ending
//! in `~` or `~N` a fuzzy match within N edits (`pompeo~1`), both of words as written; a phrase
//! followed by `~N` a proximity search: the words within N positions of each other, in any
//! order (`"huawei ban"~5`).
//!
//! Fields: `title`, `body`, `byline`, `source`, `url`, `person`, `company`, `org`, `place`, and the
//! date fields `date`/`published` and `mentions`, whose values are days, months or years
//! (`2020-08-02`, `2020-08`, `2020`), ranges (`2020-08-01..2020-08-31`, open at either end) or
//! comparisons (`>=2020-01-01`, `<2021`).

use chrono::{Datelike, Duration, NaiveDate};

use crate::article::EntityKind;

/// A query that could not be parsed, with the character column (1-based) it went wrong at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at column {column})")]
pub struct QueryError {
    pub message: String,
    pub column: usize,
}

fn err<T>(message: impl Into<String>, at: usize) -> Result<T, QueryError> {
    Err(QueryError {
        message: message.into(),
        column: at + 1,
    })
}

/// The text fields a word can be limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextTarget {
    /// Title and body, the default.
    Default,
    Title,
    Body,
    Byline,
    Source,
    Person,
    Company,
    Org,
    Place,
    /// The words of the articles' quotes.
    Quote,
    /// The speakers of the articles' quotes.
    Said,
    /// The url, matched whole (or as a `*` wildcard pattern), not word by word.
    Url,
    /// The articles of one file or of every file below a folder (`under:PATH`, relative to
    /// where morgue runs).
    Under,
}

impl TextTarget {
    /// The field holding the names of one entity kind.
    fn entity(kind: EntityKind) -> TextTarget {
        match kind {
            EntityKind::Person => TextTarget::Person,
            EntityKind::Company => TextTarget::Company,
            EntityKind::Organization => TextTarget::Org,
            EntityKind::Place => TextTarget::Place,
        }
    }
}

/// Which forms of its words a text leaf matches in titles and bodies (other fields hold
/// words as written only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Any form: `phone` finds "phones" (by their stem).
    Any,
    /// The form written: `=phone` finds "phone" only.
    Exact,
}

/// How the words of a [`Expr::Text`] match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A bare word (it may still analyse into several, which then form a phrase).
    Word,
    /// A quoted phrase; `slop` is how many positions apart its words may be (0: exact).
    Phrase { slop: u32 },
    /// Words starting with these letters.
    Prefix,
    /// Words within `distance` edits (insertions, deletions, substitutions, transpositions).
    Fuzzy { distance: u8 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateTarget {
    Published,
    Mentions,
}

/// A half-open range of days, `[from, to)`; `None` is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Words (one or more after analysis) that must all appear in order in the target, in
    /// any of their forms or as written (`form`; prefixes and fuzzy words are always as
    /// written).
    Text {
        target: TextTarget,
        text: String,
        kind: TextKind,
        form: Form,
    },
    Dates {
        target: DateTarget,
        range: DayRange,
    },
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    LParen,
    RParen,
    Minus,
    Plus,
    Or,
    And,
    Not,
    /// A field name followed by a colon.
    Field(String),
    /// `=` before a word or phrase: its form as written.
    Exact,
    Word(String),
    Phrase(String, u32),
}

/// Quotation marks that open or close a phrase.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

/// Characters that end a bare word: space, parentheses and quotation marks.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')') || is_quote(c)
}

/// Splits a query into tokens, each with the 0-based character column it starts at.
fn lex(input: &str) -> Result<Vec<(Tok, usize)>, QueryError> {
    let mut lexer = Lexer {
        chars: input.chars().collect(),
        pos: 0,
        out: Vec::new(),
    };
    while let Some(c) = lexer.peek() {
        lexer.token(c)?;
    }
    Ok(lexer.out)
}

/// A word of a query that could be misspelt: where it stands (bytes into the query) and
/// the field it searches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spelt {
    pub start: usize,
    pub end: usize,
    pub target: TextTarget,
}

/// The words of a query that a spelling suggestion may replace: each run of letters in its
/// bare words and phrases, searched in the title and body or in a text or entity field. Not
/// prefixes or fuzzy words (they allow for spelling already), nor urls, paths or dates.
pub fn spelt_words(input: &str) -> Vec<Spelt> {
    let Ok(toks) = lex(input) else {
        return Vec::new();
    };
    let bytes: Vec<usize> = (input.char_indices().map(|(i, _)| i))
        .chain(std::iter::once(input.len()))
        .collect();
    let mut found = Vec::new();
    // The field the next value searches; `None` after a field whose values are not words.
    let mut target = Some(TextTarget::Default);
    for (tok, col) in &toks {
        let (text, from) = match tok {
            Tok::Field(name) => {
                target = match field_named(name) {
                    Some(Field::Text(t)) => Some(t),
                    _ => None,
                };
                continue;
            }
            Tok::Exact => continue,
            Tok::Word(w) => (w.as_str(), *col),
            Tok::Phrase(p, _) => (p.as_str(), col + 1),
            _ => {
                target = Some(TextTarget::Default);
                continue;
            }
        };
        let fuzzy_or_prefix = matches!(tok, Tok::Word(w) if w.ends_with('*') || w.contains('~'));
        if let Some(target) = target.filter(|_| !fuzzy_or_prefix) {
            let start = bytes[from];
            for (at, run) in letter_runs(text) {
                found.push(Spelt {
                    start: start + at,
                    end: start + at + run.len(),
                    target,
                });
            }
        }
        target = Some(TextTarget::Default);
    }
    found
}

/// The runs of letters in `text`, with their byte offsets.
fn letter_runs(text: &str) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// Words `or` and `and` written in lowercase between two terms, with their 1-based columns:
/// searched as words, though the writer may have meant the operators `OR` and `AND`.
pub fn lowercase_operators(input: &str) -> Vec<(String, usize)> {
    let Ok(toks) = lex(input) else {
        return Vec::new();
    };
    let is_term = |t: Option<&(Tok, usize)>| {
        matches!(t, Some((Tok::Word(_) | Tok::Phrase(..) | Tok::RParen, _)))
    };
    let mut found = Vec::new();
    for (i, (tok, col)) in toks.iter().enumerate() {
        if let Tok::Word(w) = tok
            && (w == "or" || w == "and")
            && i > 0
            && is_term(toks.get(i - 1))
            && matches!(
                toks.get(i + 1),
                Some((
                    Tok::Word(_) | Tok::Phrase(..) | Tok::LParen | Tok::Field(_) | Tok::Exact,
                    _
                ))
            )
        {
            found.push((w.clone(), col + 1));
        }
    }
    found
}

/// The scan over a query's characters: `pos` is the next character to read (also its
/// column), `out` the tokens so far.
struct Lexer {
    chars: Vec<char>,
    pos: usize,
    out: Vec<(Tok, usize)>,
}

impl Lexer {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn push(&mut self, tok: Tok, column: usize) {
        self.out.push((tok, column));
    }

    /// Reads one token (or a run of space) starting with `c` at `pos`; the cursor ends after it.
    fn token(&mut self, c: char) -> Result<(), QueryError> {
        let col = self.pos;
        match c {
            c if c.is_whitespace() => self.pos += 1,
            '(' | ')' => {
                self.push(if c == '(' { Tok::LParen } else { Tok::RParen }, col);
                self.pos += 1;
            }
            // A sign only when it is glued to what follows: `-huawei`, not `a - b`.
            '-' | '+' if self.chars.get(col + 1).is_some_and(|n| !n.is_whitespace()) => {
                self.push(if c == '-' { Tok::Minus } else { Tok::Plus }, col);
                self.pos += 1;
            }
            // Exact only when glued to what follows: `=phones`, not `a = b`.
            '=' if self.chars.get(col + 1).is_some_and(|n| !n.is_whitespace()) => {
                self.push(Tok::Exact, col);
                self.pos += 1;
            }
            c if is_quote(c) => self.phrase()?,
            _ => self.word_or_field(),
        }
        Ok(())
    }

    /// Reads a quoted phrase with its optional `~N` proximity, the cursor on its opening
    /// quote; the cursor ends after the closing quote (and the number).
    fn phrase(&mut self) -> Result<(), QueryError> {
        let col = self.pos;
        let close = self.chars[col + 1..].iter().position(|&c| is_quote(c));
        let Some(len) = close else {
            return err("unbalanced quote: this phrase has no closing \"", col);
        };
        let text: String = self.chars[col + 1..col + 1 + len].iter().collect();
        self.pos = col + len + 2;
        let slop = self.proximity()?;
        self.push(Tok::Phrase(text, slop), col);
        Ok(())
    }

    /// Reads `~N` after a phrase (0 when there is no `~`); the cursor ends after the digits.
    fn proximity(&mut self) -> Result<u32, QueryError> {
        if self.peek() != Some('~') {
            return Ok(0);
        }
        let tilde = self.pos;
        let digits = self.take_while(tilde + 1, |c| c.is_ascii_digit());
        match digits.parse::<u32>() {
            Ok(n) if n <= 1000 => Ok(n),
            _ => err(
                "proximity needs a number of words after '~' (\"huawei ban\"~5)",
                tilde,
            ),
        }
    }

    /// The characters from `start` while `keep` holds; the cursor ends after them.
    fn take_while(&mut self, start: usize, keep: impl Fn(char) -> bool) -> String {
        let len = self.chars[start..].iter().take_while(|&&c| keep(c)).count();
        self.pos = start + len;
        self.chars[start..self.pos].iter().collect()
    }

    /// Reads a bare word: an operator (`OR`, `AND`, `NOT`), a field name and its colon, or a
    /// word; the cursor ends after it (after the colon for a field).
    fn word_or_field(&mut self) {
        let col = self.pos;
        let mut word = String::new();
        while let Some(c) = self.peek() {
            if ends_word(c) || (c == ':' && !word.is_empty() && is_field_name(&word)) {
                break;
            }
            word.push(c);
            self.pos += 1;
        }
        if self.peek() != Some(':') {
            let tok = match word.as_str() {
                "OR" | "||" => Tok::Or,
                "AND" | "&&" => Tok::And,
                "NOT" => Tok::Not,
                _ => Tok::Word(word),
            };
            self.push(tok, col);
            return;
        }
        let field = word.to_ascii_lowercase();
        self.pos += 1;
        let is_url = field == "url";
        self.push(Tok::Field(field), col);
        if is_url {
            self.url_value();
        }
    }

    /// After `url:`, takes the value whole to the next space, since a url holds colons and
    /// parentheses; a quoted value is left for the phrase reader (the cursor stays put).
    fn url_value(&mut self) {
        let start = self.pos;
        if self.peek().is_none_or(|c| c.is_whitespace() || c == '"') {
            return;
        }
        let value = self.take_while(start, |c| !c.is_whitespace());
        self.push(Tok::Word(value), start);
    }
}

/// Letters only: `person`, `company` (so `10:30` or `http://…` stay words).
fn is_field_name(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_alphabetic())
}

/// What a field name limits a query to.
#[derive(Debug, Clone, Copy)]
enum Field {
    Text(TextTarget),
    /// The url, matched whole.
    Url,
    /// A file or folder the articles are read from.
    Under,
    Date(DateTarget),
}

/// One row of [`FIELDS`]: a field name, or an entity kind by the names it is known by.
enum FieldName {
    /// The name listed in messages, the other names it goes by, and the field.
    Named(&'static str, &'static [&'static str], Field),
    Entity(EntityKind),
}

/// Every field a query can name, in the order messages list them.
const FIELDS: [FieldName; 15] = [
    FieldName::Named("title", &[], Field::Text(TextTarget::Title)),
    FieldName::Named("body", &["text"], Field::Text(TextTarget::Body)),
    FieldName::Named("byline", &["author", "by"], Field::Text(TextTarget::Byline)),
    FieldName::Named("source", &[], Field::Text(TextTarget::Source)),
    FieldName::Named("url", &[], Field::Url),
    FieldName::Named("under", &[], Field::Under),
    FieldName::Entity(EntityKind::Person),
    FieldName::Entity(EntityKind::Company),
    FieldName::Entity(EntityKind::Organization),
    FieldName::Entity(EntityKind::Place),
    FieldName::Named("quote", &["quotes"], Field::Text(TextTarget::Quote)),
    FieldName::Named("said", &["speaker"], Field::Text(TextTarget::Said)),
    FieldName::Named("date", &[], Field::Date(DateTarget::Published)),
    FieldName::Named("published", &[], Field::Date(DateTarget::Published)),
    FieldName::Named("mentions", &[], Field::Date(DateTarget::Mentions)),
];

impl FieldName {
    fn listed(&self) -> &'static str {
        match self {
            FieldName::Named(listed, _, _) => listed,
            FieldName::Entity(kind) => kind.query_prefix(),
        }
    }

    /// The field `name` stands for, if it is this row's.
    fn field(&self, name: &str) -> Option<Field> {
        match self {
            FieldName::Named(listed, also, field) => {
                (*listed == name || also.contains(&name)).then_some(*field)
            }
            FieldName::Entity(kind) => (EntityKind::named(name) == Some(*kind))
                .then_some(Field::Text(TextTarget::entity(*kind))),
        }
    }
}

/// The field a query names as `name:`.
fn field_named(name: &str) -> Option<Field> {
    FIELDS.iter().find_map(|row| row.field(name))
}

/// `title, body, …`: the fields a query can name.
fn known_fields() -> String {
    FIELDS.map(|row| row.listed()).join(", ")
}

/// Parse a query string.
pub fn parse(input: &str) -> Result<Expr, QueryError> {
    let toks = lex(input)?;
    if toks.is_empty() {
        return err("empty query", 0);
    }
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
    };
    let expr = p.and()?;
    if let Some((_, col)) = p.toks.get(p.pos) {
        return err("unexpected ')'", *col);
    }
    Ok(expr)
}

/// How deep parentheses may nest. The parser, the compiled query and tantivy's scorers all
/// recurse once per level, and batch queries run on threads with small stacks; no real
/// question nests this deep.
pub const MAX_NESTING: usize = 64;

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    /// Parentheses open at the cursor.
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn col(&self) -> usize {
        self.toks
            .get(self.pos)
            .or(self.toks.last())
            .map_or(0, |(_, c)| *c)
    }

    /// Words, phrases and fields side by side, all required (an explicit `AND` between them
    /// changes nothing), each of them perhaps a run of alternatives ([`Self::alternatives`]):
    /// `OR` binds its two neighbours before the words are joined, as in web search. Reads
    /// to the end of the query or the `)` that closes the group (the cursor stays on it).
    fn and(&mut self) -> Result<Expr, QueryError> {
        let mut parts = Vec::new();
        loop {
            match self.peek() {
                None | Some(Tok::RParen) => break,
                Some(Tok::And) => self.pos += 1,
                Some(Tok::Or) => return err("OR needs something before it", self.col()),
                _ => parts.push(self.alternatives()?),
            }
        }
        if parts.is_empty() {
            return err("expected a word, phrase or field here", self.col());
        }
        Ok(if parts.len() == 1 {
            parts.pop().expect("one part")
        } else {
            Expr::And(parts)
        })
    }

    /// One operand, or several joined by `OR` (`strike OR walkout`); the cursor ends after
    /// the last.
    fn alternatives(&mut self) -> Result<Expr, QueryError> {
        let mut alts = vec![self.unary()?];
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            if matches!(
                self.peek(),
                None | Some(Tok::RParen) | Some(Tok::Or) | Some(Tok::And)
            ) {
                return err("OR needs something after it", self.col());
            }
            alts.push(self.unary()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().expect("one alternative")
        } else {
            Expr::Or(alts)
        })
    }

    /// Any run of `-`, `NOT` and `+` before a primary, read in a loop rather than by
    /// recursion: an even number of negations cancels out, an odd one is one `Not`.
    fn unary(&mut self) -> Result<Expr, QueryError> {
        let mut negated = false;
        while let Some(tok @ (Tok::Minus | Tok::Not | Tok::Plus)) = self.peek() {
            let negation = *tok != Tok::Plus;
            negated ^= negation;
            self.pos += 1;
            if negation && matches!(self.peek(), None | Some(Tok::RParen) | Some(Tok::Or)) {
                return err("nothing to exclude after '-' or NOT", self.col());
            }
        }
        let expr = self.primary()?;
        Ok(if negated {
            Expr::Not(Box::new(expr))
        } else {
            expr
        })
    }

    fn primary(&mut self) -> Result<Expr, QueryError> {
        let (tok, col) = self.toks[self.pos].clone();
        self.pos += 1;
        match tok {
            Tok::LParen => {
                if self.depth == MAX_NESTING {
                    return err(
                        format!("parentheses nest deeper than {MAX_NESTING} levels"),
                        col,
                    );
                }
                self.depth += 1;
                let inner = self.and()?;
                self.depth -= 1;
                if self.peek() != Some(&Tok::RParen) {
                    return err("unbalanced parenthesis: '(' is never closed", col);
                }
                self.pos += 1;
                Ok(inner)
            }
            Tok::RParen => err("unexpected ')'", col),
            Tok::Word(_) | Tok::Phrase(..) | Tok::Exact => {
                self.pos -= 1;
                let value = self.value().ok_or(QueryError {
                    message: "'=' needs a word or phrase right after it (=phones)".into(),
                    column: col + 1,
                })?;
                text_expr(TextTarget::Default, value, col)
            }
            Tok::Field(name) => {
                let value_col = self.col();
                let Some(value) = self.value() else {
                    return err(format!("field '{name}:' needs a value"), col);
                };
                field_expr(&name, value, col, value_col)
            }
            Tok::Or | Tok::And | Tok::Not | Tok::Minus | Tok::Plus => {
                err("expected a word, phrase or field here", col)
            }
        }
    }
}

impl Parser {
    /// A word or phrase at the cursor, `=` before it or not; the cursor ends after it. `None`
    /// (the cursor unmoved) when there is none.
    fn value(&mut self) -> Option<Value> {
        let exact = self.peek() == Some(&Tok::Exact);
        let at = self.pos + usize::from(exact);
        let form = if exact { Form::Exact } else { Form::Any };
        let value = match self.toks.get(at).cloned() {
            Some((Tok::Word(w), _)) => Value::Word(w, form),
            Some((Tok::Phrase(p, slop), _)) => Value::Phrase(p, slop, form),
            _ => return None,
        };
        self.pos = at + 1;
        Some(value)
    }
}

/// A field's value as written: a word or a phrase, and the form it asks for.
enum Value {
    Word(String, Form),
    Phrase(String, u32, Form),
}

impl Value {
    fn raw(&self) -> &str {
        match self {
            Value::Word(w, _) | Value::Phrase(w, _, _) => w,
        }
    }
}

/// A bare word's match kind: `secur*` a prefix, `pompeo~1` fuzzy, else a word.
fn word_kind(word: String, col: usize) -> Result<(String, TextKind), QueryError> {
    if let Some(stem) = word.strip_suffix('*') {
        if stem.is_empty() || stem.contains('*') {
            return err("a prefix needs letters before '*' (secur*)", col);
        }
        return Ok((stem.to_string(), TextKind::Prefix));
    }
    if let Some(tilde) = word.rfind('~') {
        let (stem, n) = (&word[..tilde], &word[tilde + 1..]);
        let distance = match n {
            "" => 1,
            "0" => 0,
            "1" => 1,
            "2" => 2,
            _ => {
                let at = col + stem.chars().count();
                return err("fuzzy distance after '~' must be 0, 1 or 2 (pompeo~1)", at);
            }
        };
        if stem.is_empty() {
            return err("nothing to match before '~'", col);
        }
        return Ok((stem.to_string(), TextKind::Fuzzy { distance }));
    }
    Ok((word, TextKind::Word))
}

fn field_expr(name: &str, value: Value, col: usize, value_col: usize) -> Result<Expr, QueryError> {
    let target = match field_named(name) {
        Some(Field::Text(target)) => target,
        // A url or a path, matched whole.
        Some(whole @ (Field::Url | Field::Under)) => {
            let target = match whole {
                Field::Url => TextTarget::Url,
                _ => TextTarget::Under,
            };
            return Ok(Expr::Text {
                target,
                text: value.raw().to_string(),
                kind: TextKind::Word,
                form: Form::Exact,
            });
        }
        Some(Field::Date(target)) => {
            let range = parse_range(value.raw()).map_err(|m| QueryError {
                message: m,
                column: value_col + 1,
            })?;
            return Ok(Expr::Dates { target, range });
        }
        None => {
            let known = known_fields();
            return err(format!("unknown field '{name}:' (known: {known})"), col);
        }
    };
    text_expr(target, value, value_col)
}

/// The text leaf for a word or phrase in `target`, refused at `col` (0-based) when nothing in
/// it is searchable. Prefixes and fuzzy words match words as written.
fn text_expr(target: TextTarget, value: Value, col: usize) -> Result<Expr, QueryError> {
    let (text, kind, form) = match value {
        Value::Word(w, form) => {
            let (text, kind) = word_kind(w, col)?;
            let form = match kind {
                TextKind::Prefix | TextKind::Fuzzy { .. } => Form::Exact,
                _ => form,
            };
            (text, kind, form)
        }
        Value::Phrase(p, slop, form) => (p, TextKind::Phrase { slop }, form),
    };
    searchable(&text, kind, col)?;
    Ok(Expr::Text {
        target,
        text,
        kind,
        form,
    })
}

/// Refuse, at its column, a text that leaves no word to search once analysed ("...", "--"),
/// or several words for a fuzzy match.
fn searchable(text: &str, kind: TextKind, col: usize) -> Result<(), QueryError> {
    searched_words(text, kind, col).map(drop)
}

/// The analysed words of a text leaf at `col` (0-based), refused when there are none, or
/// several for a fuzzy match.
pub(super) fn searched_words(
    text: &str,
    kind: TextKind,
    col: usize,
) -> Result<Vec<String>, QueryError> {
    let words = crate::index::analyzer::word_terms(text);
    if words.is_empty() {
        return err(format!("nothing searchable in '{text}'"), col);
    }
    if matches!(kind, TextKind::Fuzzy { .. }) && words.len() > 1 {
        return err(format!("fuzzy matching takes one word, not '{text}'"), col);
    }
    Ok(words)
}

/// `2020-08-02`, `2020-08`, `2020`, `A..B` (either end may be missing), `>=A`, `>A`, `<=A`, `<A`.
pub fn parse_range(s: &str) -> Result<DayRange, String> {
    let bad = || {
        format!(
            "bad date '{s}': use 2020-08-02, 2020-08, 2020, a range such as 2020-08-01..2020-08-31, or >=2020-01-01"
        )
    };
    if let Some((a, b)) = s.split_once("..") {
        let from = if a.is_empty() {
            None
        } else {
            Some(period(a).ok_or_else(bad)?.0)
        };
        let to = if b.is_empty() {
            None
        } else {
            Some(period(b).ok_or_else(bad)?.1)
        };
        if from.is_none() && to.is_none() {
            return Err(bad());
        }
        if let (Some(f), Some(t)) = (from, to)
            && f >= t
        {
            return Err(format!(
                "empty date range '{s}': the start is after the end"
            ));
        }
        return Ok(DayRange { from, to });
    }
    for (op, make) in [
        (
            ">=",
            (|p: (NaiveDate, NaiveDate)| (Some(p.0), None)) as fn(_) -> _,
        ),
        ("<=", |p: (NaiveDate, NaiveDate)| (None, Some(p.1))),
        (">", |p: (NaiveDate, NaiveDate)| (Some(p.1), None)),
        ("<", |p: (NaiveDate, NaiveDate)| (None, Some(p.0))),
    ] {
        if let Some(rest) = s.strip_prefix(op) {
            let (from, to) = make(period(rest).ok_or_else(bad)?);
            return Ok(DayRange { from, to });
        }
    }
    let (from, to) = period(s).ok_or_else(bad)?;
    Ok(DayRange {
        from: Some(from),
        to: Some(to),
    })
}

/// The first day of a period and the day after it ends.
fn period(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?,
            ))
        }
        [y, m] if y.len() == 4 => {
            let start = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1)?;
            let next = if start.month() == 12 {
                NaiveDate::from_ymd_opt(start.year() + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(start.year(), start.month() + 1, 1)?
            };
            Some((start, next))
        }
        [y, m, d] if y.len() == 4 => {
            let day = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)?;
            Some((day, day + Duration::days(1)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(target: TextTarget, t: &str, phrase: bool) -> Expr {
        let kind = if phrase {
            TextKind::Phrase { slop: 0 }
        } else {
            TextKind::Word
        };
        with(target, t, kind)
    }
    fn with(target: TextTarget, t: &str, kind: TextKind) -> Expr {
        let form = match kind {
            TextKind::Prefix | TextKind::Fuzzy { .. } => Form::Exact,
            _ if matches!(target, TextTarget::Url | TextTarget::Under) => Form::Exact,
            _ => Form::Any,
        };
        Expr::Text {
            target,
            text: t.into(),
            kind,
            form,
        }
    }
    fn exact(target: TextTarget, t: &str, kind: TextKind) -> Expr {
        Expr::Text {
            target,
            text: t.into(),
            kind,
            form: Form::Exact,
        }
    }
    fn day(s: &str) -> Option<NaiveDate> {
        Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn parses() {
        use TextTarget::*;
        let check = |q: &str, want: Expr| assert_eq!(parse(q).unwrap(), want, "{q}");
        check("huawei", text(Default, "huawei", false));
        check(
            "tiktok \"national security\" -wechat",
            Expr::And(vec![
                text(Default, "tiktok", false),
                text(Default, "national security", true),
                Expr::Not(Box::new(text(Default, "wechat", false))),
            ]),
        );
        check(
            "person:\"mike pompeo\" company:huawei",
            Expr::And(vec![
                text(Person, "mike pompeo", true),
                text(Company, "huawei", false),
            ]),
        );
        // OR joins its neighbours first, as in web search.
        check(
            "huawei OR zte ban",
            Expr::And(vec![
                Expr::Or(vec![
                    text(Default, "huawei", false),
                    text(Default, "zte", false),
                ]),
                text(Default, "ban", false),
            ]),
        );
        check(
            "strike OR walkout place:rotterdam",
            Expr::And(vec![
                Expr::Or(vec![
                    text(Default, "strike", false),
                    text(Default, "walkout", false),
                ]),
                text(Place, "rotterdam", false),
            ]),
        );
        check(
            "ban huawei OR zte OR -tiktok",
            Expr::And(vec![
                text(Default, "ban", false),
                Expr::Or(vec![
                    text(Default, "huawei", false),
                    text(Default, "zte", false),
                    Expr::Not(Box::new(text(Default, "tiktok", false))),
                ]),
            ]),
        );
        check(
            "ban AND huawei OR zte",
            Expr::And(vec![
                text(Default, "ban", false),
                Expr::Or(vec![
                    text(Default, "huawei", false),
                    text(Default, "zte", false),
                ]),
            ]),
        );
        check(
            "(huawei OR zte) AND NOT ban",
            Expr::And(vec![
                Expr::Or(vec![
                    text(Default, "huawei", false),
                    text(Default, "zte", false),
                ]),
                Expr::Not(Box::new(text(Default, "ban", false))),
            ]),
        );
        check(
            "date:2020-08-01..2020-08-31",
            Expr::Dates {
                target: DateTarget::Published,
                range: DayRange {
                    from: day("2020-08-01"),
                    to: day("2020-09-01"),
                },
            },
        );
        check("10:30", text(Default, "10:30", false));
    }

    #[test]
    fn operators() {
        use TextKind::*;
        use TextTarget::*;
        let check = |q: &str, want: Expr| assert_eq!(parse(q).unwrap(), want, "{q}");
        check(
            "\"huawei ban\"~5",
            with(Default, "huawei ban", Phrase { slop: 5 }),
        );
        check("secur*", with(Default, "secur", Prefix));
        check("=phones", exact(Default, "phones", Word));
        check(
            "=\"mobile phones\"~2 =secur*",
            Expr::And(vec![
                exact(Default, "mobile phones", Phrase { slop: 2 }),
                exact(Default, "secur", Prefix),
            ]),
        );
        check(
            "title:=phones -=\"cell phone\"",
            Expr::And(vec![
                exact(Title, "phones", Word),
                Expr::Not(Box::new(exact(Default, "cell phone", Phrase { slop: 0 }))),
            ]),
        );
        check(
            "a==b c=d",
            Expr::And(vec![
                with(Default, "a==b", Word),
                with(Default, "c=d", Word),
            ]),
        );
        check("pompeo~1", with(Default, "pompeo", Fuzzy { distance: 1 }));
        check("pompeo~", with(Default, "pompeo", Fuzzy { distance: 1 }));
        check("pompeo~2", with(Default, "pompeo", Fuzzy { distance: 2 }));
        check("person:pomp*", with(Person, "pomp", Prefix));
        check(
            "person:pompei~1",
            with(Person, "pompei", Fuzzy { distance: 1 }),
        );
        check(
            "title:\"trade deal\"~3",
            with(Title, "trade deal", Phrase { slop: 3 }),
        );
        check(
            "url:https://example.com/a*",
            with(Url, "https://example.com/a*", Word),
        );
        check(
            "url:\"https://example.com/(a)\" x",
            Expr::And(vec![
                with(Url, "https://example.com/(a)", Word),
                text(Default, "x", false),
            ]),
        );
        check(
            "+huawei AND ban",
            Expr::And(vec![
                text(Default, "huawei", false),
                text(Default, "ban", false),
            ]),
        );
        check(
            "published:>=2020-01-01",
            Expr::Dates {
                target: DateTarget::Published,
                range: DayRange {
                    from: day("2020-01-01"),
                    to: None,
                },
            },
        );
    }

    #[test]
    fn ranges() {
        let check = |s: &str, from: Option<&str>, to: Option<&str>| {
            assert_eq!(
                parse_range(s).unwrap(),
                DayRange {
                    from: from.and_then(day),
                    to: to.and_then(day)
                },
                "{s}"
            )
        };
        check("2020", Some("2020-01-01"), Some("2021-01-01"));
        check("2020-12", Some("2020-12-01"), Some("2021-01-01"));
        check("2020-02-29", Some("2020-02-29"), Some("2020-03-01"));
        check("2020-08..", Some("2020-08-01"), None);
        check("..2020-08", None, Some("2020-09-01"));
        check(">=2020-01-01", Some("2020-01-01"), None);
        check("<2021", None, Some("2021-01-01"));
        check(">2020", Some("2021-01-01"), None);
        assert!(parse_range("2020-13").is_err());
        assert!(parse_range("2020-09-01..2020-08-01").is_err());
        assert!(parse_range("soon").is_err());
    }

    #[test]
    fn negations_of_any_length_fold_into_one() {
        use TextTarget::*;
        let not = |e: Expr| Expr::Not(Box::new(e));
        let check = |q: String, want: Expr| assert_eq!(parse(&q).unwrap(), want, "{q}");
        check(
            format!("{}huawei", "-".repeat(5000)),
            text(Default, "huawei", false),
        );
        check(
            format!("{}huawei", "-".repeat(5001)),
            not(text(Default, "huawei", false)),
        );
        check(
            format!("{}huawei", "NOT ".repeat(2000)),
            text(Default, "huawei", false),
        );
        check("+-+huawei".into(), not(text(Default, "huawei", false)));
        check(
            "NOT -huawei zte".into(),
            Expr::And(vec![
                text(Default, "huawei", false),
                text(Default, "zte", false),
            ]),
        );
    }

    #[test]
    fn lowercase_operators_between_terms_are_noticed() {
        let found = |q: &str| lowercase_operators(q);
        assert_eq!(found("tiktok or huawei"), [("or".to_string(), 8)]);
        assert_eq!(
            found("(tiktok) and person:pompeo"),
            [("and".to_string(), 10)]
        );
        assert!(found("tiktok OR huawei").is_empty());
        assert!(found("\"rock or roll\"").is_empty());
        assert!(found("or huawei").is_empty());
        assert!(found("huawei or").is_empty());
    }

    #[test]
    fn spelt_words_are_the_letters_of_words_and_phrases() {
        fn words(q: &str) -> Vec<(&str, TextTarget)> {
            (spelt_words(q).into_iter())
                .map(|w| (&q[w.start..w.end], w.target))
                .collect()
        }
        use TextTarget::*;
        assert_eq!(
            words("pompei huawie's \"natinal sécurity\" secur* pompeo~1"),
            [
                ("pompei", Default),
                ("huawie", Default),
                ("s", Default),
                ("natinal", Default),
                ("sécurity", Default),
            ]
        );
        assert_eq!(
            words("person:pompei url:x.com under:news date:2020 title:=trad -zte"),
            [("pompei", Person), ("trad", Title), ("zte", Default)]
        );
    }

    #[test]
    fn nothing_searchable_is_refused_where_it_stands() {
        for (q, col) in [
            ("...", 1),
            ("harbour AND ...", 13),
            ("harbour OR !!", 12),
            ("title:\"--\" port", 7),
            ("port \"?!\"", 6),
        ] {
            let e = parse(q).unwrap_err();
            assert!(e.message.starts_with("nothing searchable"), "{q}: {e}");
            assert_eq!(e.column, col, "{q}: {e}");
        }
        assert!(parse("harbour secur* pompeo~1").is_ok());
    }

    #[test]
    fn nesting_is_bounded() {
        let nested = |n: usize| format!("{}huawei{}", "(".repeat(n), ")".repeat(n));
        assert_eq!(
            parse(&nested(MAX_NESTING)).unwrap(),
            text(TextTarget::Default, "huawei", false)
        );
        let e = parse(&nested(MAX_NESTING + 1)).unwrap_err();
        assert_eq!(e.column, MAX_NESTING + 1, "{e}");
        assert!(e.message.contains("nest deeper than 64"), "{e}");
        let e = parse(&"(".repeat(20_000)).unwrap_err();
        assert_eq!(e.column, MAX_NESTING + 1, "{e}");
        let e = parse(&format!("{}x", "(-".repeat(20_000))).unwrap_err();
        assert!(e.message.contains("nest deeper"), "{e}");
    }

    #[test]
    fn errors_point_at_the_problem() {
        let check = |q: &str, col: usize, msg: &str| {
            let e = parse(q).unwrap_err();
            assert_eq!(e.column, col, "{q}: {e}");
            assert!(e.message.contains(msg), "{q}: {e}");
        };
        check("", 1, "empty query");
        check("   ", 1, "empty query");
        check("huawei \"ban", 8, "unbalanced quote");
        check("(huawei", 1, "unbalanced parenthesis");
        check("huawei)", 7, "unexpected ')'");
        check("colour:red", 1, "unknown field 'colour:'");
        check("date:soon", 6, "bad date 'soon'");
        check("huawei OR", 8, "OR needs");
        check("OR huawei", 1, "OR needs something before it");
        check("ban (OR zte)", 6, "OR needs something before it");
        check("huawei OR AND zte", 11, "OR needs something after it");
        check("person:", 1, "needs a value");
        check("a \"huawei ban\"~x", 15, "proximity needs a number");
        check("huawei pompeo~7", 14, "fuzzy distance");
        check("*", 1, "prefix needs letters");
        check("huawei url:", 8, "needs a value");
        check("huawei =(zte)", 8, "'=' needs a word or phrase");
        check("huawei = zte", 8, "nothing searchable in '='");
        check("huawei colour:red", 8, "unknown field 'colour:'");
    }

    #[test]
    fn every_field_name_and_alias_is_known() {
        use TextTarget::*;
        let check = |name: &str, want: TextTarget| {
            let q = format!("{name}:huawei");
            assert_eq!(parse(&q), Ok(text(want, "huawei", false)), "{q}");
        };
        for (name, want) in [
            ("title", Title),
            ("body", Body),
            ("text", Body),
            ("byline", Byline),
            ("author", Byline),
            ("by", Byline),
            ("source", Source),
            ("person", Person),
            ("people", Person),
            ("company", Company),
            ("org", Org),
            ("organization", Org),
            ("organisation", Org),
            ("place", Place),
            ("quote", Quote),
            ("quotes", Quote),
            ("said", Said),
            ("speaker", Said),
        ] {
            check(name, want);
        }
        let e = parse("colour:red").unwrap_err();
        assert_eq!(
            e.message,
            "unknown field 'colour:' (known: title, body, byline, source, url, under, person, \
             company, org, place, quote, said, date, published, mentions)"
        );
    }
}
