//! The tense of the sentence around an expression, which decides whether a
//! bare weekday or month looks back or ahead.

use super::lexicon::Lex;
use super::parser::Parser;
use super::tokens::Kind;

impl Parser<'_> {
    /// Future-tense resolution is enabled and the sentence is in the future tense.
    pub(super) fn future(&self, pos: usize) -> bool {
        self.opts.future_tense && self.future_context(pos)
    }

    /// The sentence before token `pos` speaks of the future ("will", "is
    /// expected to", "as early as"); "said", "was", "were", "had" closer to
    /// the date say it does not.
    fn future_context(&self, pos: usize) -> bool {
        let mut cursor = pos;
        let mut steps = 0;
        while cursor > 0 && steps < 12 {
            cursor -= 1;
            steps += 1;
            let token = self.tokens[cursor];
            if token.kind == Kind::Punct && matches!(token.n as u8, b'.' | b'!' | b'?' | b';') {
                break;
            }
            if token.kind != Kind::Word {
                continue;
            }
            if matches!(token.lex, Lex::Will) {
                return true;
            }
            // "as soon as", "as early as"
            if matches!(token.lex, Lex::Soon | Lex::Early)
                && cursor > 0
                && self.word_is(cursor - 1, "as")
            {
                return true;
            }
            if matches!(token.lex, Lex::Func)
                && self.word_in(cursor, &["said", "was", "were", "had"])
            {
                return false;
            }
        }
        false
    }
}
