//! Any bytes, read as a WARC crawl: see `morgue_fuzz::parse_and_extract`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| morgue_fuzz::parse_and_extract(data, morgue::parse::Format::Warc));
