//! The Markdown extractor: must give a Document or an `unreadable` reason; libfuzzer-sys aborts
//! on any panic, even one `extract_bytes` would catch.
#![no_main]
use libfuzzer_sys::fuzz_target;
use msglint::document::Kind;
use msglint::extract::extract_bytes;

fuzz_target!(|data: &[u8]| {
    let _ = extract_bytes(Kind::Markdown, data, "fuzz.md".into());
});
