//! What every parser target checks: any bytes, read as one format, parse and extract without
//! panicking, and every entity offset slices its field.

use morgue::parse::{Format, parse_bytes};

pub fn parse_and_extract(data: &[u8], format: Format) {
    let Ok(parsed) = parse_bytes(data, format) else {
        return;
    };
    for raw in parsed.articles {
        let article = morgue::extract::extract(std::path::Path::new("fuzz"), raw);
        for m in &article.entities {
            let field = match m.field {
                morgue::TextField::Title => &article.title,
                morgue::TextField::Body => &article.body,
            };
            assert_eq!(field.get(m.start..m.end), Some(m.text.as_str()));
        }
    }
}
