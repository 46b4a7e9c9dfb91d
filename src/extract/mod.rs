//! Bytes → `Document`, one module per format, and the per-file safety net.
//!
//! Owns: choosing the extractor by extension, decoding, `Unreadable` reasons, and the
//! alignment of decoded text with its raw source. Must not: know the platform or rules.

pub mod data;
pub mod docx;
pub mod dump;
pub mod html;
pub mod markdown;
pub mod ooxml;
pub mod pdf;
pub mod pptx;
pub mod script;
pub mod template;

use crate::document::{Document, Kind, Scope, Segment};
use std::path::Path;

/// Why a file could not be read; shown as the `unreadable` diagnostic's message.
#[derive(Debug, Clone)]
pub struct Unreadable(pub String);

/// "1 page", "2 pages": a count with its noun, for the `extract` header line.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Largest file msglint reads as text (Markdown, HTML, plain text).
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;
/// Largest container (deck, Word file) msglint opens.
pub const MAX_CONTAINER_BYTES: u64 = 512 * 1024 * 1024;

pub fn extract_file(path: &Path, display: String) -> Result<Document, Unreadable> {
    let kind = Kind::from_path(path).ok_or_else(|| Unreadable("unsupported file type".into()))?;
    // One path lookup: the size comes from the open file, not from a second `stat`.
    let cannot = |e: std::io::Error| Unreadable(format!("cannot read: {e}"));
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    let limit = if kind.is_container() {
        MAX_CONTAINER_BYTES
    } else {
        MAX_TEXT_BYTES
    };
    if meta.len() > limit {
        return Err(Unreadable(format!(
            "too large: {} bytes (limit {limit})",
            meta.len()
        )));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(cannot)?;
    if matches!(kind, Kind::Markdown | Kind::Text) && !bytes.starts_with(b"\xEF\xBB\xBF") {
        // UTF-8 text without a BOM becomes the document's source without a copy.
        if encoding_rs::Encoding::for_bom(&bytes).is_none() {
            let source = String::from_utf8(bytes).map_err(|e| not_utf8(&e.utf8_error()))?;
            return guarded(|| match kind {
                Kind::Markdown => Ok(markdown::extract(display.clone(), source)),
                _ => Ok(text(display.clone(), source)),
            });
        }
    }
    extract_bytes(kind, &bytes, display)
}

pub fn extract_bytes(kind: Kind, bytes: &[u8], display: String) -> Result<Document, Unreadable> {
    guarded(|| match kind {
        Kind::Markdown => Ok(markdown::extract(display.clone(), decode_utf8(bytes)?)),
        Kind::Html => Ok(html::extract(display.clone(), bytes)),
        Kind::Text => Ok(text(display.clone(), decode_utf8(bytes)?)),
        Kind::Pptx => pptx::extract(display.clone(), bytes),
        Kind::Docx => docx::extract(display.clone(), bytes),
        Kind::Pdf => pdf::extract(display.clone(), bytes),
        Kind::Script => {
            let ext = std::path::Path::new(&display)
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .unwrap_or_default();
            template::script_file(display.clone(), &ext, decode_utf8(bytes)?)
        }
        Kind::Astro => template::astro(display.clone(), decode_utf8(bytes)?),
        Kind::Vue => template::vue(display.clone(), decode_utf8(bytes)?),
        Kind::Svelte => template::svelte(display.clone(), decode_utf8(bytes)?),
        Kind::Template => Ok(template::server(
            display.clone(),
            Kind::Template,
            html::decode(bytes),
        )),
        Kind::Json => data::json(display.clone(), decode_utf8(bytes)?),
        Kind::Yaml => data::yaml(display.clone(), decode_utf8(bytes)?),
        Kind::Toml => data::toml(display.clone(), decode_utf8(bytes)?),
        Kind::Po => data::po(display.clone(), decode_utf8(bytes)?),
    })
}

/// Run an extractor; a panic becomes an `unreadable` reason instead of ending the run.
fn guarded(
    extract: impl FnOnce() -> Result<Document, Unreadable> + std::panic::UnwindSafe,
) -> Result<Document, Unreadable> {
    match std::panic::catch_unwind(extract) {
        Ok(r) => r,
        Err(p) => {
            let what = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            Err(Unreadable(format!("internal error while reading: {what}")))
        }
    }
}

/// UTF-8 text (a BOM is dropped, UTF-16 with a BOM is decoded). Invalid UTF-8 is an error
/// with the byte offset, so a binary file with a text extension is named, not mangled.
fn decode_utf8(bytes: &[u8]) -> Result<String, Unreadable> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes)
        && enc != encoding_rs::UTF_8
    {
        let (s, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok(s.into_owned());
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => Err(not_utf8(&e)),
    }
}

fn not_utf8(e: &std::str::Utf8Error) -> Unreadable {
    Unreadable(format!(
        "not UTF-8 text (invalid byte at offset {})",
        e.valid_up_to()
    ))
}

/// Plain text: one segment per paragraph (blank-line separated).
fn text(path: String, source: String) -> Document {
    let mut segs = Vec::new();
    let mut offset = 0;
    for para in source.split_inclusive("\n\n") {
        let trimmed = para.trim_end();
        if !trimmed.trim().is_empty() {
            let lead = trimmed.len() - trimmed.trim_start().len();
            let mut s = Segment::new(Scope::Body);
            s.push_exact(trimmed.trim_start(), offset + lead);
            segs.push(s);
        }
        offset += para.len();
    }
    Document::new(path, Kind::Text, source, segs)
}

/// Append `decoded`, which came from `raw` at `base`, piece by piece: literal runs map
/// byte-for-byte, each entity (`&…;`) or backslash escape maps to its whole raw span.
pub fn align(seg: &mut Segment, decoded: &str, raw: &str, base: usize) {
    align_with(seg, decoded, raw, base, true);
}

/// [`align`] for strings with backslash escapes only (gettext, TOML): `&` is a character.
pub fn align_escapes(seg: &mut Segment, decoded: &str, raw: &str, base: usize) {
    align_with(seg, decoded, raw, base, false);
}

fn align_with(seg: &mut Segment, decoded: &str, raw: &str, base: usize, entities: bool) {
    let (mut di, mut ri) = (0usize, 0usize);
    let mut run_start: Option<(usize, usize)> = None;
    let flush = |seg: &mut Segment, run: &mut Option<(usize, usize)>, di: usize| {
        if let Some((d0, r0)) = run.take() {
            seg.push_exact(&decoded[d0..di], base + r0);
        }
    };
    while di < decoded.len() && ri < raw.len() {
        let dc = decoded[di..].chars().next().unwrap_or('\0');
        let rc = raw[ri..].chars().next().unwrap_or('\0');
        if dc == rc && (rc != '&' || !entities) && rc != '\\' {
            if run_start.is_none() {
                run_start = Some((di, ri));
            }
            di += dc.len_utf8();
            ri += rc.len_utf8();
            continue;
        }
        flush(seg, &mut run_start, di);
        let raw_len = if rc == '&' {
            raw[ri..]
                .char_indices()
                .take(40)
                .find(|(_, c)| *c == ';')
                .map_or(1, |(i, _)| i + 1)
        } else if rc == '\\' {
            1 + raw[ri + 1..].chars().next().map_or(0, char::len_utf8)
        } else {
            // Unknown difference: the rest maps to the rest.
            seg.push_mapped(&decoded[di..], base + ri..base + raw.len());
            return;
        };
        seg.push_mapped(
            &decoded[di..di + dc.len_utf8()],
            base + ri..base + ri + raw_len,
        );
        di += dc.len_utf8();
        ri += raw_len;
    }
    flush(seg, &mut run_start, di);
    if di < decoded.len() {
        seg.push_mapped(&decoded[di..], base + ri..base + raw.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn align_entities_and_escapes() {
        let raw = "Lumora&rsquo;s \\*best\\* &amp; more";
        let decoded = "Lumora\u{2019}s *best* & more";
        let mut s = Segment::new(Scope::Body);
        align(&mut s, decoded, raw, 10);
        assert_eq!(s.text, decoded);
        let src = format!("{}{raw}", " ".repeat(10));
        let at = s.text.find("more").expect("present");
        assert_eq!(&src[s.source_range(at..at + 4)], "more");
        let at = s.text.find("best").expect("present");
        assert_eq!(&src[s.source_range(at..at + 4)], "best");
        let at = s.text.find('\u{2019}').expect("present");
        assert_eq!(&src[s.source_range(at..at + 3)], "&rsquo;");
    }

    #[test]
    fn binary_with_md_extension_is_unreadable() {
        let e = extract_bytes(Kind::Markdown, b"PK\x03\x04\xff\xfe\x00", "x.md".into())
            .expect_err("not text");
        assert!(e.0.contains("not UTF-8"), "{}", e.0);
    }
}
