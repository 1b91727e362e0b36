//! Any bytes, read as text: parsing and extraction never panic, and offsets slice their field.
#![no_main]

use libfuzzer_sys::fuzz_target;
use morgue::parse::{parse_bytes, Format};

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = parse_bytes(data, Format::Text) {
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
});
