//! Plain text and Markdown articles.
//!
//! Optional header lines at the top (`Title:`, `Headline:`, `Date:`, `Published:`, `By:`,
//! `Byline:`, `Author:`, `Source:`, `URL:`), then the story. A Markdown `# Heading` on the
//! first line is the title. Without a title header, a short first line is the title; a long
//! first line (the story starts at once) stays in the body and its first sentence becomes the
//! title. A file with nothing but a title (a one-line note) has an empty body here; it keeps
//! its title as its text (`parse::finish`), so that it is searchable. A line that is a credit
//! or a sign-off ("Reporting by …", "REUTER") is a paragraph of its own, for `finish` to drop.
//!
//! Line structure is evidence ([`LineBreaks`]): inside a paragraph, a line break that wraps
//! flowing prose (the line is full: the next line's first word would not have fitted on it)
//! becomes a space, and any other line break (a results table, a list of names, stacked
//! headlines, one sentence a line) stays a `\n`, which ends a sentence for the tokenizer
//! ([`crate::extract::tokenize`]), so that no name runs across it.

use super::{RawArticle, non_empty};

/// Longest first line, in characters, still taken for a headline.
const MAX_TITLE_CHARS: usize = 160;

pub fn parse(text: &str) -> RawArticle {
    let mut article = RawArticle::default();
    let mut rest = text.trim_start_matches('\u{feff}');
    // Header lines.
    loop {
        let (line, after) = split_line(rest);
        let Some((key, value)) = header(line) else {
            break;
        };
        let value = non_empty(value);
        match key.as_str() {
            "title" | "headline" => article.title = value,
            "date" | "published" | "publication date" | "dateline" => article.published = value,
            "by" | "byline" | "author" | "authors" => article.byline = value,
            "source" | "publication" | "publisher" | "site" => article.source = value,
            "url" | "link" => article.url = value,
            _ => unreachable!("header() only accepts known keys"),
        }
        rest = after;
    }
    // The first line keeps its indentation: it counts towards the width of wrapped lines.
    let rest = skip_blank_lines(rest);
    if article.title.is_none() {
        let (first, after) = split_line(rest);
        let heading = first.trim().trim_start_matches('#').trim();
        let is_markdown_heading = first.trim_start().starts_with('#');
        if is_markdown_heading || heading.chars().count() <= MAX_TITLE_CHARS {
            article.title = non_empty(heading);
            article.body = body_text(after);
        } else {
            article.title = non_empty(first_sentence(heading));
            article.body = body_text(rest);
        }
    } else {
        article.body = body_text(rest);
    }
    article
}

/// The first line and what follows it.
fn split_line(s: &str) -> (&str, &str) {
    match s.find('\n') {
        Some(i) => (s[..i].trim_end_matches('\r'), &s[i + 1..]),
        None => (s, ""),
    }
}

/// `s` from its first line that is not blank.
fn skip_blank_lines(mut s: &str) -> &str {
    while !s.is_empty() {
        let (line, after) = split_line(s);
        if !line.trim().is_empty() {
            return s;
        }
        s = after;
    }
    s
}

/// `Key: value` with a known key, lowercased.
fn header(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim().to_ascii_lowercase();
    let known = matches!(
        key.as_str(),
        "title"
            | "headline"
            | "date"
            | "published"
            | "publication date"
            | "dateline"
            | "by"
            | "byline"
            | "author"
            | "authors"
            | "source"
            | "publication"
            | "publisher"
            | "site"
            | "url"
            | "link"
    );
    known.then_some((key, value))
}

/// Normalise the body: one paragraph per non-blank line group, separated by a blank line,
/// Markdown heading marks dropped; inside a paragraph, wrapped lines are joined by a space
/// and the lines that stand on their own are kept apart by a `\n`.
fn body_text(s: &str) -> String {
    let breaks = LineBreaks::of(s);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut after_credit = false;
    let mut previous_line = "";
    for raw_line in s.lines() {
        let line = raw_line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        let line = line.trim_start_matches('#').trim_start();
        // In a file with one paragraph per line and no blank lines, each line is a paragraph;
        // a line wrapped inside a paragraph ends without sentence punctuation. A credit line
        // is never joined to its neighbours.
        let credit = crate::extract::boilerplate::classify(line).is_some();
        let stands_apart = credit || after_credit;
        after_credit = credit;
        if !current.is_empty() {
            if ends_sentence(&current) || stands_apart {
                paragraphs.push(std::mem::take(&mut current));
            } else if breaks.is_wrap(previous_line, raw_line) {
                current.push(' ');
            } else {
                current.push('\n');
            }
        }
        current.push_str(line);
        previous_line = raw_line;
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs.join("\n\n")
}

/// Text narrower than this, in characters, is never read as wrapped: its lines are a list,
/// a table or headlines, whatever their widths.
const MIN_WRAP_WIDTH: usize = 40;

/// How many characters a wrapped line may run past the wrap width (the widest line, when no
/// other comes close to it).
const OVER_WIDTH: usize = 8;

/// Text wider than this, in characters, is not hard-wrapped either: its lines are
/// paragraphs or sentences of their own.
const MAX_WRAP_WIDTH: usize = 120;

/// How many characters short of the wrap width a line may end and still be full: wrappers
/// that count a trailing space or hyphenate leave a line a little short.
const WRAP_SLACK: usize = 2;

/// How a text's line breaks read. Hard-wrapped prose breaks a line only when the next word
/// would not fit within the wrap width, so a break where it would have fitted is the
/// writer's own: a line that stands on its own. The wrap width is taken from the lines that
/// another line follows (the last line of a paragraph is often short, and says nothing): the
/// widest of them that another comes close to, so that one long line (a url, a table row)
/// does not stretch it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LineBreaks {
    /// The wrap width, in characters; 0 when no line is followed by another.
    width: usize,
}

impl LineBreaks {
    /// Measures `text`'s lines as written (indentation included).
    pub(crate) fn of(text: &str) -> LineBreaks {
        let mut followed: Vec<usize> = Vec::new();
        let mut previous: Option<usize> = None;
        for line in text.lines() {
            let line = line.trim_end();
            if line.is_empty() {
                previous = None;
                continue;
            }
            followed.extend(previous);
            previous = Some(line.chars().count());
        }
        // The widest line that another line comes close to (a lone long line, a url or a
        // table row, does not stretch the width); failing that, the widest line.
        followed.sort_unstable_by(|a, b| b.cmp(a));
        let width = (followed.windows(2))
            .find(|pair| pair[0] - pair[1] <= WRAP_SLACK + 1)
            .or(followed.get(..1))
            .map_or(0, |widest| widest[0]);
        LineBreaks { width }
    }

    /// Whether the break between `line` and the `next` (both as written) wraps flowing text,
    /// to be read as a space, rather than ending a line that stands on its own. A next line
    /// that starts in lowercase continues the sentence; one that starts with a list bullet
    /// never does; otherwise the line must be full.
    pub(crate) fn is_wrap(&self, line: &str, next: &str) -> bool {
        let next = next.trim();
        let Some(first) = next.chars().next() else {
            return false;
        };
        if first.is_lowercase() {
            return true;
        }
        if starts_list_item(next) {
            return false;
        }
        if !(MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&self.width) {
            return false;
        }
        let next_word = next.split_whitespace().next().unwrap_or("");
        let chars = line.trim_end().chars().count();
        // A line well over the wrap width was not wrapped at it: it stands on its own.
        let within = chars <= self.width + OVER_WIDTH;
        within && chars + 1 + next_word.chars().count() + WRAP_SLACK > self.width
    }
}

/// Whether a line opens with a list bullet (`• `, `* `, `- `, a dash) or an item number
/// (`2. `, `12) `).
fn starts_list_item(line: &str) -> bool {
    if ["• ", "* ", "- ", "– ", "— "]
        .iter()
        .any(|bullet| line.starts_with(bullet))
    {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && [". ", ") "].iter().any(|m| line[digits..].starts_with(m))
}

/// `text` with the line breaks that wrap flowing text ([`LineBreaks::is_wrap`]) made spaces;
/// the other line breaks, blank lines and all else are kept as they are (a `\r` before a
/// break is dropped). A credit line is never joined to its neighbours.
pub(crate) fn reflow(text: &str) -> String {
    let breaks = LineBreaks::of(text);
    let mut out = String::with_capacity(text.len());
    let mut previous: Option<&str> = None;
    let apart = |line: &str| {
        let line = line.trim();
        line.is_empty() || crate::extract::boilerplate::classify(line).is_some()
    };
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(before) = previous {
            let joined = !apart(before) && !apart(line) && breaks.is_wrap(before, line);
            out.push(if joined { ' ' } else { '\n' });
        }
        out.push_str(line);
        previous = Some(line);
    }
    out
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', '!', '?', '"', '”', '’', ':'])
}

/// The text up to the first sentence end, or the first 20 words.
fn first_sentence(s: &str) -> String {
    let end = s
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|&i| i >= 20)
        .unwrap_or(s.len());
    let sentence = &s[..end];
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() > 20 {
        format!("{} …", words[..20].join(" "))
    } else {
        sentence.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, title: Option<&str>, published: Option<&str>, body: &str) {
        let a = parse(input);
        assert_eq!(a.title.as_deref(), title, "title of {input:?}");
        assert_eq!(a.published.as_deref(), published, "date of {input:?}");
        assert_eq!(a.body, body, "body of {input:?}");
    }

    #[test]
    fn headers_and_titles() {
        check(
            "Title: Port strike ends\nDate: 2021-03-04\nBy: Ana Ruiz\n\nDockers return.\nShips sail.",
            Some("Port strike ends"),
            Some("2021-03-04"),
            "Dockers return.\n\nShips sail.",
        );
        check(
            "# Floods in Leeds\n\nRain fell for\ndays on end.\n\nRivers rose.",
            Some("Floods in Leeds"),
            None,
            "Rain fell for days on end.\n\nRivers rose.",
        );
        check(
            "Short headline\nThe story.",
            Some("Short headline"),
            None,
            "The story.",
        );
        let long = "The council voted on Tuesday to close the old bridge over the river after engineers warned that its supports had corroded far faster than anyone expected. It will shut in May.";
        let a = parse(long);
        assert_eq!(
            a.title.as_deref(),
            Some(
                "The council voted on Tuesday to close the old bridge over the river after engineers warned that its supports had …"
            )
        );
        assert_eq!(a.body, long);
    }

    #[test]
    fn a_title_alone_has_no_body() {
        check("Fire at the mill", Some("Fire at the mill"), None, "");
        check("Title: Mill fire\n", Some("Mill fire"), None, "");
    }

    #[test]
    fn credit_lines_stand_alone() {
        check(
            "Rates\n\nRevs 60.8 mln vs 32.9 mln\nReuter\n\u{3}",
            Some("Rates"),
            None,
            "Revs 60.8 mln vs 32.9 mln\n\nReuter\n\n\u{3}",
        );
        check(
            "Rates\n\nBanks cut rates\nReporting by Jane Smith\nin London today",
            Some("Rates"),
            None,
            "Banks cut rates\n\nReporting by Jane Smith\n\nin London today",
        );
    }

    #[test]
    fn lines_that_stand_on_their_own_stay_lines() {
        // A name at the end of one line and the first word of the next.
        check(
            "Title: Gold\n\nDmitri Kowal\nPoland won the gold.",
            Some("Gold"),
            None,
            "Dmitri Kowal\nPoland won the gold.",
        );
        // A results table.
        check(
            "Title: Results\n\nReal Nordby 2 Vikstad 1\nHolm United 0 Berg 3\nOla Lind scored twice.",
            Some("Results"),
            None,
            "Real Nordby 2 Vikstad 1\nHolm United 0 Berg 3\nOla Lind scored twice.",
        );
        // A list of names, one a line.
        check(
            "Squad\n\nGoalkeepers\nPeter Holm\nJonas Berg\nDefenders\nOla Lind",
            Some("Squad"),
            None,
            "Goalkeepers\nPeter Holm\nJonas Berg\nDefenders\nOla Lind",
        );
        // Stacked headlines.
        check(
            "Title: Briefs\n\nMARKETS RALLY IN TOKYO\nOIL FALLS\nBANK OF NORWAY HOLDS RATES",
            Some("Briefs"),
            None,
            "MARKETS RALLY IN TOKYO\nOIL FALLS\nBANK OF NORWAY HOLDS RATES",
        );
        // Numbered results are lines, however close their widths.
        check(
            "Title: Hurdles\n\n\
             Women's 100 metres hurdles on Friday, the leading places:\n\
             1. Marta Lind ( Norway ) 12.71 seconds\n\
             2. Eva Holm ( Sweden ) 12.80 seconds",
            Some("Hurdles"),
            None,
            "Women's 100 metres hurdles on Friday, the leading places:\n\n\
             1. Marta Lind ( Norway ) 12.71 seconds\n\
             2. Eva Holm ( Sweden ) 12.80 seconds",
        );
        // Bullets start lines, whatever their width.
        check(
            "Title: Notes\n\n- The harbour board met in the morning and again in the evening\n- Ships",
            Some("Notes"),
            None,
            "- The harbour board met in the morning and again in the evening\n- Ships",
        );
    }

    #[test]
    fn hard_wrapped_prose_flows() {
        // Wrapped at 60 columns: a name split over a wrapped line break stays one line.
        let wrapped = "Title: Port\n\n\
            The harbour board said on Tuesday that the new director, Anna\n\
            Karlsen, would start in May, and that the old quay at Nordby\n\
            Harbour would close for repairs until the end of the summer\n\
            season.\n";
        check(
            wrapped,
            Some("Port"),
            None,
            "The harbour board said on Tuesday that the new director, Anna \
             Karlsen, would start in May, and that the old quay at Nordby \
             Harbour would close for repairs until the end of the summer season.",
        );
        // Indented paragraphs of wire copy: the indentation counts towards the width.
        let wire = "Title: Cocoa\n\n\
            Showers continued throughout the week in the Bahia cocoa zone, too.\n\
            \x20   Arrivals for the week were 155,000 bags of cocoa, said Ana\n\
            Reis of the Comissaria Nacional in its weekly review.\n";
        check(
            wire,
            Some("Cocoa"),
            None,
            "Showers continued throughout the week in the Bahia cocoa zone, too.\n\n\
             Arrivals for the week were 155,000 bags of cocoa, said Ana \
             Reis of the Comissaria Nacional in its weekly review.",
        );
    }

    #[test]
    fn reflow_joins_wrapped_lines_and_keeps_the_others() {
        let text = "The harbour board said on Tuesday that the new director, Anna\r\n\
            Karlsen, would start in May.\n\nResults:\nNordby 2 Vik 1\nOla Lind";
        assert_eq!(
            reflow(text),
            "The harbour board said on Tuesday that the new director, Anna \
             Karlsen, would start in May.\n\nResults:\nNordby 2 Vik 1\nOla Lind"
        );
        // One long line (a url, too long to fit on the line before) does not stretch the wrap
        // width of the others; the line over the width stands on its own.
        let with_url = "The harbour board said on Tuesday that the new director, Anna\n\
            Karlsen, would start in May and stay for three years, and that\n\
            https://example.com/harbour-board/news/2021/new-director-appointed-for-three-years\n\
            Nordby Harbour would close for repairs until the end of June.";
        assert_eq!(
            reflow(with_url),
            "The harbour board said on Tuesday that the new director, Anna \
             Karlsen, would start in May and stay for three years, and that \
             https://example.com/harbour-board/news/2021/new-director-appointed-for-three-years\n\
             Nordby Harbour would close for repairs until the end of June."
        );
        // A credit line stays a line of its own, however full the line before it.
        let credited = "The harbour board said on Tuesday that the new director, Anna\n\
            Karlsen, would start in May and stay for at least three years.\n\
            Reporting by Ola Lind";
        assert_eq!(
            reflow(credited),
            "The harbour board said on Tuesday that the new director, Anna \
             Karlsen, would start in May and stay for at least three years.\n\
             Reporting by Ola Lind"
        );
        // Lines far wider than any wrap width are paragraphs of their own.
        let wide = format!(
            "{}\nThe next paragraph.",
            "A long paragraph of text. ".repeat(8)
        );
        assert_eq!(reflow(&wide), wide);
        assert_eq!(reflow("One line"), "One line");
        assert_eq!(reflow(""), "");
    }

    #[test]
    fn unknown_key_is_story_text() {
        check(
            "Note: this is the story.\nMore.",
            Some("Note: this is the story."),
            None,
            "More.",
        );
    }
}
