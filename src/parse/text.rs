//! Plain text and Markdown articles.
//!
//! Optional header lines at the top (`Title:`, `Headline:`, `Date:`, `Published:`, `By:`,
//! `Byline:`, `Author:`, `Source:`, `URL:`), then the story. A Markdown `# Heading` on the
//! first line is the title. Without a title header, a short first line is the title; a long
//! first line (the story starts at once) stays in the body and its first sentence becomes the
//! title. A file with nothing but a title (a one-line note) has an empty body here; it keeps
//! its title as its text (`parse::finish`), so that it is searchable. A line that is a credit
//! or a sign-off ("Reporting by …", "REUTER") is a paragraph of its own, for `finish` to drop.

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
    let rest = rest.trim_start();
    if article.title.is_none() {
        let (first, after) = split_line(rest);
        let heading = first.trim_start_matches('#').trim();
        let is_markdown_heading = first.starts_with('#');
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
/// Markdown heading marks dropped.
fn body_text(s: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut after_credit = false;
    for line in s.lines() {
        let line = line.trim();
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
            } else {
                current.push(' ');
            }
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs.join("\n\n")
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
    fn unknown_key_is_story_text() {
        check(
            "Note: this is the story.\nMore.",
            Some("Note: this is the story."),
            None,
            "More.",
        );
    }
}
