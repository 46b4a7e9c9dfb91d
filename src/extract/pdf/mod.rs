//! PDF → `Document`: lopdf parses (xref repair, decryption, bounded decompression); this
//! module is the text layer's entry: it opens the file, walks the pages, turns failures into
//! `unreadable` reasons and owns the per-file budget (time, glyphs, decompressed bytes). The
//! document's `source` is the `msglint extract` text. Must not: interpret content streams
//! (`content`), decode fonts (`fonts`), lay glyphs out (`layout`), match or fold
//! (hyphenation is undone in `normalize`).

mod cff;
mod content;
mod fonts;
mod layout;
mod lexer;

use super::Unreadable;
use super::dump::layout_pdf;
use crate::document::Document;
use content::Interp;
use layout::layout_page;
use lopdf::Object;
use std::time::{Duration, Instant};

/// Per-file budget. A file over it is `unreadable`, and the run goes on.
pub const TIME_BUDGET: Duration = Duration::from_secs(20);
pub const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;
pub const MAX_PAGE_CONTENT_BYTES: usize = 64 * 1024 * 1024;
pub const MAX_GLYPHS: usize = 20_000_000;
/// Glyphs kept per page (about 80 MB at most); the rest of such a page is dropped with a note.
pub const MAX_PAGE_GLYPHS: usize = 1_000_000;
pub const MAX_OPS_PER_FILE: usize = 50_000_000;
pub(super) const MAX_FORM_DEPTH: usize = 8;

pub fn extract(path: String, bytes: &[u8]) -> Result<Document, Unreadable> {
    if bytes.is_empty() {
        return Err(Unreadable("empty file (0 bytes)".into()));
    }
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(Unreadable("not a PDF (no %PDF- header)".into()));
    }
    let load = |reconstruct: bool| {
        let mut options = lopdf::LoadOptions::with_max_decompressed_size(MAX_STREAM_BYTES);
        options.force_reconstruct = reconstruct;
        lopdf::Document::load_mem_with_options(bytes, options)
    };
    let mut doc = load(false).map_err(|e| {
        let msg = e.to_string();
        if msg.to_lowercase().contains("password") || msg.to_lowercase().contains("decrypt") {
            Unreadable("password-protected (needs a password to open)".into())
        } else {
            Unreadable(format!("cannot parse PDF: {msg}"))
        }
    })?;
    if doc.is_encrypted() {
        return Err(Unreadable(
            "password-protected (needs a password to open)".into(),
        ));
    }
    let mut pages = page_list(&doc);
    // A page object or content stream the cross-reference table lists but lopdf could not
    // read there: the table's offsets may be wrong (a file cut or edited in place). Read
    // the file again with the table rebuilt by scanning for objects, and keep that reading
    // when it loses fewer parts; what is still lost is a page problem below.
    let lost = |doc: &lopdf::Document, pages: &std::collections::BTreeMap<u32, lopdf::ObjectId>| {
        pages
            .values()
            .filter(|&&id| lost_parts(doc, bytes, id).is_some())
            .count()
    };
    let lost_before = lost(&doc, &pages);
    if lost_before > 0
        && let Ok(rebuilt) = load(true)
        && !rebuilt.is_encrypted()
    {
        let rebuilt_pages = page_list(&rebuilt);
        if !rebuilt_pages.is_empty() && lost(&rebuilt, &rebuilt_pages) < lost_before {
            doc = rebuilt;
            pages = rebuilt_pages;
        }
    }
    if pages.is_empty() {
        if doc.trailer.get(b"Encrypt").is_ok() {
            return Err(Unreadable(
                "password-protected (encrypted, and the empty password does not open it)".into(),
            ));
        }
        return Err(Unreadable(
            "the PDF has no readable pages (page tree missing or broken)".into(),
        ));
    }
    let deadline = crate::budget::deadline().unwrap_or_else(|| Instant::now() + TIME_BUDGET);
    let mut cx = Interp::new(&doc, deadline);
    let mut raws = Vec::new();
    let mut read_pages = 0usize;
    for (&page_no, &page_id) in &pages {
        cx.page_truncated = false;
        if let Some(why) = lost_parts(&doc, bytes, page_id) {
            cx.problems.push(format!("page {page_no}: {why}"));
            continue;
        }
        match cx.page(page_id) {
            Ok(glyphs) => {
                read_pages += 1;
                raws.extend(layout_page(page_no, glyphs));
                if cx.page_truncated {
                    cx.problems.push(format!(
                        "page {page_no}: more than {MAX_PAGE_GLYPHS} glyphs, the rest not read"
                    ));
                }
            }
            Err(PageError::Budget(why)) => return Err(Unreadable(why)),
            Err(PageError::Page(why)) => cx.problems.push(format!("page {page_no}: {why}")),
        }
    }
    // The parsed document is dropped before layout: only the text goes on.
    let problems = std::mem::take(&mut cx.problems);
    drop(cx);
    let date = info_date(&doc);
    drop(doc);
    if read_pages == 0 {
        let why = problems
            .first()
            .cloned()
            .unwrap_or_else(|| "no page could be read".into());
        return Err(Unreadable(format!("no page could be read ({why})")));
    }
    let mut summary = super::count(pages.len(), "page", "pages");
    if let Some(d) = &date {
        summary.push_str(&format!(", modified {d}"));
    }
    let mut out = layout_pdf(path, &summary, raws, &problems);
    out.date = date;
    Ok(out)
}

/// The date in the document information dictionary (`/ModDate`, else `/CreationDate`,
/// written `D:YYYYMMDD…`), as `YYYY-MM-DD`.
fn info_date(doc: &lopdf::Document) -> Option<String> {
    let info = match doc.trailer.get(b"Info").ok()? {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        lopdf::Object::Dictionary(d) => d,
        _ => return None,
    };
    [b"ModDate".as_slice(), b"CreationDate".as_slice()]
        .iter()
        .find_map(|k| {
            let lopdf::Object::String(bytes, _) = info.get(k).ok()? else {
                return None;
            };
            pdf_date(bytes)
        })
}

/// `D:20230502…` (the `D:` optional) as `2023-05-02`, with a plausible year, month and day.
fn pdf_date(bytes: &[u8]) -> Option<String> {
    let b = bytes.strip_prefix(b"D:").unwrap_or(bytes);
    let digits = b.get(..8)?;
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let s = std::str::from_utf8(digits).ok()?;
    let iso = format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8]);
    let year: u32 = s[..4].parse().ok()?;
    (1990..=2100)
        .contains(&year)
        .then(|| crate::document::leading_date(&iso))
        .flatten()
}

/// The pages in page-tree order; with a broken or cyclic page tree, every page object in
/// object order.
fn page_list(doc: &lopdf::Document) -> std::collections::BTreeMap<u32, lopdf::ObjectId> {
    let pages = doc.get_pages();
    if !pages.is_empty() {
        return pages;
    }
    doc.objects
        .iter()
        .filter(|(_, o)| o.as_dict().is_ok_and(|d| d.has_type(b"Page")))
        .enumerate()
        .map(|(i, (id, _))| (i as u32 + 1, *id))
        .collect()
}

/// lopdf's limit on nested arrays and dictionaries: an object nested deeper is not parsed,
/// and lopdf leaves it out of the document without an error.
const LOPDF_MAX_NESTING: usize = 100;

/// Why a page's dictionary or one of its content streams is listed in the file but was not
/// parsed (lopdf drops such an object silently, and the page would read as blank).
/// `None` when everything the page needs is there; a reference to an object the file does
/// not list is `null` by the PDF spec and not a loss.
fn lost_parts(doc: &lopdf::Document, bytes: &[u8], page_id: lopdf::ObjectId) -> Option<String> {
    if doc.get_dictionary(page_id).is_err() {
        return Some(match lost_object(doc, bytes, page_id) {
            Some(why) => format!("the page object ({} {} R) {why}", page_id.0, page_id.1),
            None => format!(
                "the page object ({} {} R) is missing or not a dictionary",
                page_id.0, page_id.1
            ),
        });
    }
    doc.get_page_contents(page_id).into_iter().find_map(|id| {
        lost_object(doc, bytes, id)
            .map(|why| format!("its content stream ({} {} R) {why}", id.0, id.1))
    })
}

/// `Some(reason)` when object `id` is in the cross-reference table but lopdf did not parse it.
fn lost_object(doc: &lopdf::Document, bytes: &[u8], id: lopdf::ObjectId) -> Option<String> {
    if doc.objects.contains_key(&id) {
        return None;
    }
    match doc.reference_table.get(id.0)? {
        lopdf::xref::XrefEntry::Normal { offset, .. } => {
            let depth = nesting_depth(bytes.get(*offset as usize..)?);
            Some(if depth > LOPDF_MAX_NESTING {
                format!(
                    "cannot be parsed: arrays or dictionaries nested {depth} deep \
                     (more than {LOPDF_MAX_NESTING})"
                )
            } else {
                "cannot be parsed (damaged object)".into()
            })
        }
        lopdf::xref::XrefEntry::Compressed { .. } => {
            Some("cannot be parsed (damaged object in an object stream)".into())
        }
        _ => None,
    }
}

/// The deepest nesting of `[` and `<<` in the object starting at `b` (its `N G obj` header
/// first), up to its `endobj` or `stream` keyword; strings and comments are skipped. Reads
/// at most 1 MB.
fn nesting_depth(b: &[u8]) -> usize {
    let b = &b[..b.len().min(1 << 20)];
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'<' if b.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'>' if b.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'%' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                let mut parens = 0usize;
                while i < b.len() {
                    match b[i] {
                        b'\\' => i += 1,
                        b'(' => parens += 1,
                        b')' => {
                            parens -= 1;
                            if parens == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'e' | b's'
                if (b[i..].starts_with(b"endobj") || b[i..].starts_with(b"stream"))
                    && (i == 0 || b[i - 1].is_ascii_whitespace() || b"])>".contains(&b[i - 1])) =>
            {
                break;
            }
            _ => {}
        }
        max = max.max(depth);
        i += 1;
    }
    max
}

pub(super) enum PageError {
    /// The whole file is over budget.
    Budget(String),
    /// This page could not be read; the others may be.
    Page(String),
}

pub(super) fn num(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|f| f.is_finite())
}

pub(super) fn nums(o: &Object) -> Option<Vec<f32>> {
    Some(o.as_array().ok()?.iter().filter_map(num).collect())
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn pdf_dates() {
        use super::pdf_date;
        assert_eq!(
            pdf_date(b"D:20230502101010+02'00'").as_deref(),
            Some("2023-05-02")
        );
        assert_eq!(pdf_date(b"20221231").as_deref(), Some("2022-12-31"));
        assert_eq!(pdf_date(b"D:2023").as_deref(), None);
        assert_eq!(pdf_date(b"D:20231340").as_deref(), None);
        assert_eq!(pdf_date(b"D:00000101").as_deref(), None);
    }
}
