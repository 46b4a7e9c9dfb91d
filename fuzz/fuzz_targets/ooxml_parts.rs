//! Decks and Word files with the zip layer out of the way: byte mutations of a real zip
//! mostly break its deflate streams or CRCs, so this target takes the parts themselves,
//! `name NUL content NUL name NUL content …`, stores them in a fresh zip and extracts it
//! as a deck and as a Word file. This reaches the XML readers with mutated XML.
//! `fuzz/seeds.py` turns decks and Word files into this form.
#![no_main]
use libfuzzer_sys::fuzz_target;
use msglint::document::Kind;
use msglint::extract::extract_bytes;
use std::io::Write;

fn package(data: &[u8]) -> Option<Vec<u8>> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut fields = data.split(|b| *b == 0);
    while let Some(name) = fields.next() {
        let content = fields.next().unwrap_or_default();
        let name = std::str::from_utf8(name).ok()?;
        // Duplicate names are refused by the writer; skip them like a bad name.
        if w.start_file(name, opts).is_ok() {
            w.write_all(content).ok()?;
        }
    }
    Some(w.finish().ok()?.into_inner())
}

fuzz_target!(|data: &[u8]| {
    if let Some(bytes) = package(data) {
        let _ = extract_bytes(Kind::Pptx, &bytes, "fuzz.pptx".into());
        let _ = extract_bytes(Kind::Docx, &bytes, "fuzz.docx".into());
    }
});
