//! OOXML packages (pptx, docx): a zip read with limits, and XML parts read safely.
//!
//! Owns: sniffing what a file really is (OLE container = password-protected or legacy
//! binary; not a zip; truncated zip), the zip-bomb limits (entry count, per-part and total
//! uncompressed size, compression ratio), relationship files, and the XML event loop's
//! limits (no DTD, bounded depth). All quick-xml and zip use of the project lives here and
//! in the format modules that call it. Must not: know slides or paragraphs.

use super::Unreadable;
use quick_xml::events::{BytesRef, BytesStart, Event};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read};

pub const MAX_ENTRIES: usize = 10_000;
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// Parts bigger than this must not compress better than `MAX_RATIO`.
pub const RATIO_FLOOR_BYTES: u64 = 1024 * 1024;
pub const MAX_RATIO: u64 = 200;
pub const MAX_XML_DEPTH: usize = 256;

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    bytes: &'a [u8],
    total: u64,
    /// One raw-deflate decompressor for every part of the package: libdeflate, which
    /// inflates a whole part into a buffer of its declared size (≈ 10 % fewer instructions
    /// for a deck run than zlib-rs through `flate2`). Whatever it refuses is read through
    /// `zip` as before.
    inflater: Option<libdeflater::Decompressor>,
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// Open a package, naming what the file is when it is not one.
pub fn open<'a>(bytes: &'a [u8], what: &str) -> Result<Package<'a>, Unreadable> {
    if bytes.is_empty() {
        return Err(Unreadable("empty file (0 bytes)".into()));
    }
    if bytes.starts_with(OLE_MAGIC) {
        let encrypted = memchr::memmem::find(bytes, &utf16le("EncryptionInfo")).is_some()
            || memchr::memmem::find(bytes, &utf16le("EncryptedPackage")).is_some();
        return Err(Unreadable(if encrypted {
            "password-protected (an encrypted OLE container, not a zip package)".into()
        } else {
            format!("legacy binary Office file (OLE container), not a {what} zip package")
        }));
    }
    if !bytes.starts_with(b"PK") {
        return Err(Unreadable(format!(
            "not a zip package ({what} files are zip archives)"
        )));
    }
    let zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Unreadable(format!("corrupt or truncated zip: {e}")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(Unreadable(format!(
            "zip has {} entries (limit {MAX_ENTRIES}): refused as a possible zip bomb",
            zip.len()
        )));
    }
    Ok(Package {
        zip,
        bytes,
        total: 0,
        inflater: None,
    })
}

impl Package<'_> {
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    pub fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.into_owned())
            .collect()
    }

    /// A part's text, or `None` when the package has no such part. Sizes are checked before
    /// reading (declared size, ratio, running total) and while reading.
    pub fn read(&mut self, name: &str) -> Result<Option<String>, Unreadable> {
        Ok(self.read_bytes(name)?.map(decode))
    }

    /// A part's bytes as stored (after decompression), with the limits of [`Package::read`].
    pub fn read_bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, Unreadable> {
        let Some(idx) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        // A plain (unencrypted, stored or deflated) entry is looked up without building
        // `zip`'s decompressing reader, which for such an entry fails exactly when this
        // lookup does; anything else goes through `zip` as a whole.
        let plain = match self.zip.by_index_raw(idx) {
            Ok(f) if !f.encrypted() && is_plain(f.compression()) => Some((
                f.size(),
                f.compressed_size(),
                f.data_start(),
                f.crc32(),
                f.compression(),
            )),
            _ => None,
        };
        let (size, packed, fast) = match plain {
            Some((size, packed, start, crc, method)) => {
                (size, packed, start.map(|s| (s, packed, crc, method)))
            }
            None => {
                let f = self
                    .zip
                    .by_index(idx)
                    .map_err(|e| Unreadable(format!("cannot read part {name}: {e}")))?;
                (f.size(), f.compressed_size(), None)
            }
        };
        let packed = packed.max(1);
        if size > MAX_PART_BYTES {
            return Err(Unreadable(format!(
                "part {name} is {size} bytes uncompressed (limit {MAX_PART_BYTES}): refused as a possible zip bomb"
            )));
        }
        if size > RATIO_FLOOR_BYTES && size / packed > MAX_RATIO {
            return Err(Unreadable(format!(
                "part {name} expands {}:1 ({packed} → {size} bytes): refused as a zip bomb",
                size / packed
            )));
        }
        if self.total + size > MAX_TOTAL_BYTES {
            return Err(Unreadable(format!(
                "parts total more than {MAX_TOTAL_BYTES} bytes uncompressed: refused as a possible zip bomb"
            )));
        }
        let buf = match fast.and_then(|entry| self.inflate(entry, size)) {
            Some(buf) => buf,
            None => self.read_slow(idx, name, size)?,
        };
        if buf.len() as u64 > MAX_PART_BYTES {
            return Err(Unreadable(format!(
                "part {name} is larger than {MAX_PART_BYTES} bytes"
            )));
        }
        self.total += buf.len() as u64;
        Ok(Some(buf))
    }

    /// A part read the common way, through `zip`'s reader: the path for whatever
    /// [`Package::inflate`] does not take, and the source of every error message.
    fn read_slow(&mut self, idx: usize, name: &str, size: u64) -> Result<Vec<u8>, Unreadable> {
        let mut f = self
            .zip
            .by_index(idx)
            .map_err(|e| Unreadable(format!("cannot read part {name}: {e}")))?;
        let mut buf = Vec::with_capacity(size as usize);
        (&mut f)
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Unreadable(format!("cannot read part {name}: {e}")))?;
        Ok(buf)
    }

    /// The fast path of [`Package::read_bytes`]: an unencrypted stored or deflated entry
    /// decoded straight from the file's bytes into a buffer of its declared size, with the
    /// package's one decompressor. `None` (and the caller reads it through `zip`, which
    /// names the problem) unless the result is certain to be what `zip` returns: the data
    /// lies inside the file, the deflate stream ends within it, the output is exactly the
    /// declared size (so at most [`MAX_PART_BYTES`]) and its CRC-32 matches.
    fn inflate(
        &mut self,
        (start, packed, crc, method): (u64, u64, u32, zip::CompressionMethod),
        size: u64,
    ) -> Option<Vec<u8>> {
        let start = usize::try_from(start).ok()?;
        let end = start.checked_add(usize::try_from(packed).ok()?)?;
        let data = self.bytes.get(start..end)?;
        let size = usize::try_from(size).ok()?;
        let out = match method {
            zip::CompressionMethod::Stored if data.len() == size => data.to_vec(),
            zip::CompressionMethod::Deflated if size > 0 => {
                let d = self
                    .inflater
                    .get_or_insert_with(libdeflater::Decompressor::new);
                let mut out = vec![0u8; size];
                if d.deflate_decompress(data, &mut out).ok()? != size {
                    return None;
                }
                out
            }
            _ => return None,
        };
        (crc32fast::hash(&out) == crc).then_some(out)
    }

    /// A part that must exist.
    pub fn require(&mut self, name: &str) -> Result<String, Unreadable> {
        self.read(name)?
            .ok_or_else(|| Unreadable(format!("missing part {name}")))
    }

    /// The bytes of a part that must exist (parse them with [`parse`]).
    pub fn require_bytes(&mut self, name: &str) -> Result<Vec<u8>, Unreadable> {
        self.read_bytes(name)?
            .ok_or_else(|| Unreadable(format!("missing part {name}")))
    }

    /// The relationships of `part` (`dir/_rels/name.rels`): id → (type, absolute target).
    pub fn rels(&mut self, part: &str) -> Result<HashMap<String, (String, String)>, Unreadable> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let mut out = HashMap::new();
        let Some(xml) = self.read_bytes(&rels_name)? else {
            return Ok(out);
        };
        parse(xml, |xml| {
            out.clear();
            let mut r = XmlReader::new(xml, &rels_name);
            while let Some(ev) = r.next_event()? {
                if let Event::Start(e) | Event::Empty(e) = &ev
                    && local(e) == "Relationship"
                {
                    // One pass over the attributes (first match of each name wins).
                    let (mut id, mut target, mut kind, mut external) = (None, None, None, None);
                    for a in e.attributes().with_checks(false).flatten() {
                        let k: &str = a.key.0;
                        let slot = match local_name(k) {
                            "Id" => &mut id,
                            "Target" => &mut target,
                            "Type" => &mut kind,
                            "TargetMode" => &mut external,
                            _ => continue,
                        };
                        if slot.is_none() {
                            *slot = Some(value(a));
                        }
                    }
                    let (Some(id), Some(target)) = (id, target) else {
                        continue;
                    };
                    if external.as_deref() != Some("External") {
                        let kind = kind.map(|k| k.into_owned()).unwrap_or_default();
                        out.insert(id.into_owned(), (kind, resolve(dir, &target)));
                    }
                }
            }
            Ok(())
        })?;
        Ok(out)
    }
}

/// Entries [`Package::inflate`] can decode (and `zip` opens without a password).
fn is_plain(method: zip::CompressionMethod) -> bool {
    matches!(
        method,
        zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
    )
}

/// Run `f` over a part's XML. UTF-8 without a byte-order mark (every part in practice) is
/// parsed from the bytes as read: quick-xml checks every byte it hands out, so there is no
/// separate validation pass. Anything else (a BOM, or a part that fails and is not UTF-8)
/// goes through [`decode`] first, exactly as a part read with [`Package::read`].
pub fn parse<T>(
    buf: Vec<u8>,
    mut f: impl FnMut(&[u8]) -> Result<T, Unreadable>,
) -> Result<T, Unreadable> {
    if encoding_rs::Encoding::for_bom(&buf).is_some() {
        return f(decode(buf).as_bytes());
    }
    match f(&buf) {
        Err(_) if std::str::from_utf8(&buf).is_err() => f(decode(buf).as_bytes()),
        r => r,
    }
}

/// Resolve a relationship target against the source part's directory: `.` and empty
/// segments dropped, `..` removing the segment before it. Built in one string (this runs
/// for every relationship of every slide).
/// The date an Office file was last modified (`YYYY-MM-DD`, from `docProps/core.xml`'s
/// `dcterms:modified`), when the file's properties were kept by the program that saved it:
/// `docProps/app.xml` counts the deck's slides right (`slides`), or a Word file's words as
/// more than none (`slides` is `None`), or LibreOffice saved it. Files written from a
/// template by a library keep the template's stamp (python-pptx's decks all say
/// 2013-01-27, with no slides counted): no date rather than a wrong one.
pub fn modified(pkg: &mut Package<'_>, slides: Option<usize>) -> Option<String> {
    let core = pkg.read("docProps/core.xml").ok().flatten()?;
    let app = pkg
        .read("docProps/app.xml")
        .ok()
        .flatten()
        .unwrap_or_default();
    let element = |xml: &str, name: &str| -> Option<String> {
        let open = xml.find(&format!("<{name}"))?;
        let start = open + xml[open..].find('>')? + 1;
        let end = start + xml[start..].find('<')?;
        Some(xml[start..end].trim().to_owned())
    };
    let libreoffice = element(&app, "Application").is_some_and(|a| a.starts_with("LibreOffice"));
    let counted = match slides {
        Some(n) => {
            element(&app, "Slides").and_then(|v| v.parse::<usize>().ok()) == Some(n) && n > 0
        }
        None => element(&app, "Words")
            .and_then(|v| v.parse::<u64>().ok())
            .is_some_and(|w| w > 0),
    };
    if !(libreoffice || counted) {
        return None;
    }
    crate::document::leading_date(&element(&core, "dcterms:modified")?)
}

pub fn resolve(dir: &str, target: &str) -> String {
    let (base, rest) = match target.strip_prefix('/') {
        Some(abs) => ("", abs),
        None => (dir, target),
    };
    let mut out = String::with_capacity(base.len() + rest.len() + 1);
    for p in base.split('/').chain(rest.split('/')) {
        match p {
            "" | "." => {}
            ".." => {
                let cut = out.rfind('/').unwrap_or(0);
                out.truncate(cut);
            }
            p => {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(p);
            }
        }
    }
    out
}

fn decode(buf: Vec<u8>) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&buf) {
        return enc.decode_without_bom_handling(&buf[bom..]).0.into_owned();
    }
    match String::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// The local name of an element (`p:sp` → `sp`).
pub fn local<'a>(e: &'a BytesStart<'_>) -> &'a str {
    local_name(e.name().0)
}

/// The part of a qualified name after its last `:`. A plain byte loop: names are a few
/// bytes, where `rsplit_once(':')`'s searcher cost a tenth of a deck run.
#[inline]
pub fn local_name(full: &str) -> &str {
    match full.as_bytes().iter().rposition(|&b| b == b':') {
        Some(i) => &full[i + 1..],
        None => full,
    }
}

/// An attribute by qualified or local name, with entities resolved.
pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let k: &str = a.key.0;
        let matches = k == name || local_name(k) == name;
        matches.then(|| value(a).into_owned())
    })
}

/// An attribute's value with entities resolved (as written when they cannot be).
fn value(a: quick_xml::events::attributes::Attribute<'_>) -> Cow<'_, str> {
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .unwrap_or(a.value)
}

/// The text of a predefined or character entity reference; other entities are never
/// expanded (OOXML has no DTDs, and expansion is how billion-laughs files attack).
pub fn entity(r: &BytesRef<'_>) -> Option<String> {
    let name = r.clone().into_inner();
    let name: &str = &name;
    Some(match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        n => {
            let code = if let Some(h) = n.strip_prefix("#x").or_else(|| n.strip_prefix("#X")) {
                u32::from_str_radix(h, 16).ok()?
            } else {
                n.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code)?.to_string()
        }
    })
}

/// quick-xml with msglint's limits: a DTD is refused, nesting is bounded, errors say
/// which part and where.
pub struct XmlReader<'a> {
    reader: quick_xml::Reader<&'a [u8]>,
    part: &'a str,
    depth: usize,
    /// Bytes passed over by [`XmlReader::skip_content`] or read by [`XmlReader::fast_event`],
    /// which quick-xml never saw: added to its positions so that offsets (and error
    /// messages) stay those of the part.
    skipped: u64,
    /// The whole part, when it is UTF-8: then tags, text and references are read here
    /// (`fast_event`) and quick-xml only sees the rest.
    text: Option<&'a str>,
}

impl<'a> XmlReader<'a> {
    /// `xml` must be UTF-8 (quick-xml refuses what is not); see [`parse`].
    pub fn new(xml: &'a [u8], part: &'a str) -> Self {
        let mut reader = quick_xml::Reader::from_reader(xml);
        reader.config_mut().check_end_names = false;
        XmlReader {
            reader,
            part,
            depth: 0,
            skipped: 0,
            // quick-xml drops a byte-order mark at the start: such a part is left to it.
            text: std::str::from_utf8(xml)
                .ok()
                .filter(|t| !t.starts_with('\u{feff}')),
        }
    }

    /// The next event when it is one quick-xml (as configured here) would give for the
    /// same bytes and the reader can take it without quick-xml: a start, empty or end
    /// tag, text, or a `&name;` reference. Anything else (comments, CDATA, processing
    /// instructions and declarations, the end of the input, and every malformed case: an
    /// unclosed tag or reference, an end tag with nothing open) is left to quick-xml,
    /// which reads it, or reports the error, exactly as it would have. quick-xml then
    /// never sees a start tag, so its stack of open names stays empty as ours does, and
    /// every hand-over happens where it expects text or markup. Why: quick-xml costs
    /// ≈ 700 instructions an event (a UTF-8 check of every slice, a `memchr` call per
    /// quote); a deck part is checked as UTF-8 once, in [`XmlReader::new`].
    fn fast_event(&mut self) -> Option<Event<'a>> {
        let full = self.text?;
        let rest: &'a [u8] = self.reader.get_ref();
        let at = full.len().checked_sub(rest.len())?;
        let (event, len) = match *rest.first()? {
            b'<' => match *rest.get(1)? {
                b'!' | b'?' => return None,
                b'/' => {
                    let close = tag_end(rest, 1)?;
                    if self.depth == 0 {
                        return None;
                    }
                    let content = full.get(at + 2..at + close)?;
                    // quick-xml trims trailing whitespace, unless that is all there is.
                    let name = match content.trim_end_matches([' ', '\r', '\n', '\t']) {
                        "" => content,
                        name => name,
                    };
                    (
                        Event::End(quick_xml::events::BytesEnd::new(name)),
                        close + 1,
                    )
                }
                _ => {
                    let close = tag_end(rest, 1)?;
                    let content = full.get(at + 1..at + close)?;
                    let event = match content.strip_suffix('/') {
                        Some(empty) => Event::Empty(BytesStart::from_content(
                            empty,
                            quick_xml::utils::name_len(empty.as_bytes()),
                        )),
                        None => Event::Start(BytesStart::from_content(
                            content,
                            quick_xml::utils::name_len(content.as_bytes()),
                        )),
                    };
                    (event, close + 1)
                }
            },
            b'&' => {
                let end = 1 + memchr::memchr3(b';', b'&', b'<', rest.get(1..)?)?;
                if rest[end] != b';' {
                    return None;
                }
                let name = full.get(at + 1..at + end)?;
                (Event::GeneralRef(BytesRef::new(name)), end + 1)
            }
            _ => {
                let end = memchr::memchr2(b'<', b'&', rest).unwrap_or(rest.len());
                let text = full.get(at..at + end)?;
                (
                    Event::Text(quick_xml::events::BytesText::from_escaped(text)),
                    end,
                )
            }
        };
        *self.reader.get_mut() = &rest[len..];
        self.skipped += len as u64;
        Some(event)
    }

    /// The byte offset just after the last event read.
    pub fn position(&self) -> usize {
        (self.reader.buffer_position() + self.skipped) as usize
    }

    /// Called just after the `Start` event of an element: pass over its content without
    /// events, so that the next event is its end tag, when that content is plain markup
    /// whose events the caller would ignore. That is: start, empty and end tags and text
    /// only (no comment, CDATA, processing instruction or reference), valid UTF-8, tags
    /// balanced inside the element, nesting within [`MAX_XML_DEPTH`], and no tag whose
    /// local name `wanted` accepts. quick-xml reads such content without error into events
    /// of those names and text, so the caller sees exactly what it would have seen, less
    /// events it ignores. Otherwise nothing is skipped and the events come as usual.
    /// Returns whether content was skipped.
    pub fn skip_content(&mut self, wanted: impl Fn(&[u8]) -> bool) -> bool {
        let rest: &'a [u8] = self.reader.get_ref();
        let Some(end) = plain_content(rest, MAX_XML_DEPTH - self.depth, wanted) else {
            return false;
        };
        if end == 0 || (self.text.is_none() && std::str::from_utf8(&rest[..end]).is_err()) {
            return false;
        }
        *self.reader.get_mut() = &rest[end..];
        self.skipped += end as u64;
        true
    }

    pub fn next_event(&mut self) -> Result<Option<Event<'a>>, Unreadable> {
        let ev = match self.fast_event() {
            Some(ev) => ev,
            None => self.reader.read_event().map_err(|e| {
                Unreadable(format!(
                    "malformed XML in {} at byte {}: {e}",
                    self.part,
                    self.reader.error_position() + self.skipped
                ))
            })?,
        };
        match &ev {
            Event::Eof => return Ok(None),
            Event::DocType(_) => {
                return Err(Unreadable(format!(
                    "{} declares a DTD, which OOXML never does: refused (entity expansion attack)",
                    self.part
                )));
            }
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > MAX_XML_DEPTH {
                    return Err(Unreadable(format!(
                        "{} nests XML deeper than {MAX_XML_DEPTH} levels: refused",
                        self.part
                    )));
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(Some(ev))
    }
}

/// See [`XmlReader::skip_content`]: the offset in `rest` of the `<` of the end tag that
/// closes the element whose content starts `rest`, or `None` when its content is not
/// plain (`room`: how many levels of nesting are still allowed inside it). Names are
/// looked at as bytes: the caller checks that the whole content is UTF-8.
fn plain_content(rest: &[u8], room: usize, wanted: impl Fn(&[u8]) -> bool) -> Option<usize> {
    let mut i = 0;
    let mut depth = 0usize;
    loop {
        // Markup usually follows markup directly: look for text only when it does not.
        let lt = if rest.get(i) == Some(&b'<') {
            i
        } else {
            i + memchr::memchr2(b'<', b'&', rest.get(i..)?)?
        };
        if rest[lt] == b'&' {
            return None;
        }
        match *rest.get(lt + 1)? {
            b'/' => {
                if depth == 0 {
                    return Some(lt);
                }
                // quick-xml's end name: the tag less `</`, `>` and trailing whitespace
                // (a quote, which would make it look for `>` past quoted text: not plain).
                let k = first_of(rest, lt + 2, [b'>', b'"', b'\''])?;
                if rest[k] != b'>' {
                    return None;
                }
                let mut name = &rest[lt + 2..k];
                while let [head @ .., b' ' | b'\t' | b'\r' | b'\n'] = name {
                    name = head;
                }
                if wanted(local_bytes(name)) {
                    return None;
                }
                depth -= 1;
                i = k + 1;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                // quick-xml's start name: up to the first whitespace (less the `/` of
                // `<name/>`); a quote or a `/` inside the name: not plain.
                let from = lt + 1;
                let mut k = from;
                while NAME_BYTE[usize::from(*rest.get(k)?)] {
                    k += 1;
                }
                if wanted(local_bytes(&rest[from..k])) {
                    return None;
                }
                let (gt, empty) = match rest[k] {
                    b'>' => (k, false),
                    b'/' if rest.get(k + 1) == Some(&b'>') => (k + 1, true),
                    b' ' | b'\t' | b'\r' | b'\n' => {
                        let gt = tag_end(rest, k)?;
                        (gt, rest[gt - 1] == b'/')
                    }
                    _ => return None,
                };
                if !empty {
                    depth += 1;
                    if depth > room {
                        return None;
                    }
                }
                i = gt + 1;
            }
            _ => return None,
        }
    }
}

/// Bytes that continue an element name in [`plain_content`]: all but whitespace, `>`,
/// `/` and quotes.
static NAME_BYTE: [bool; 256] = {
    let mut t = [true; 256];
    let mut k = 0;
    let stops = *b" \t\r\n>/\"'";
    while k < stops.len() {
        t[stops[k] as usize] = false;
        k += 1;
    }
    t
};

/// [`local_name`] of bytes.
#[inline]
fn local_bytes(full: &[u8]) -> &[u8] {
    match full.iter().rposition(|&b| b == b':') {
        Some(i) => &full[i + 1..],
        None => full,
    }
}

/// The offset of the `>` that ends a tag, from `from` (past its name), quotes respected
/// as quick-xml does (a `>` inside a quoted value does not end the tag).
#[inline]
fn tag_end(rest: &[u8], from: usize) -> Option<usize> {
    let mut k = from;
    loop {
        k = first_of(rest, k, [b'>', b'"', b'\''])?;
        match rest[k] {
            b'>' => return Some(k),
            q => k = first_of(rest, k + 1, [q, q, q])? + 1,
        }
    }
}

/// The offset of the first of three bytes in `rest` from `from`: eight bytes at a time
/// (tags are mostly attributes, read whole for every tag of every slide).
#[inline]
fn first_of(rest: &[u8], mut from: usize, bytes: [u8; 3]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The lowest flagged byte is always one that is zero (a borrow only runs upward).
    let zero = |y: u64| y.wrapping_sub(ONES) & !y & HIGH;
    let [a, b, c] = bytes.map(|x| ONES * u64::from(x));
    while let Some(chunk) = rest.get(from..from + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let hit = zero(x ^ a) | zero(x ^ b) | zero(x ^ c);
        if hit != 0 {
            return Some(from + (hit.trailing_zeros() / 8) as usize);
        }
        from += 8;
    }
    rest.get(from..)?
        .iter()
        .position(|x| bytes.contains(x))
        .map(|n| from + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every event (and the position after it, and the error that ends the stream) of
    /// `xml` read with the fast path, and read by quick-xml alone.
    fn both_ways(xml: &[u8]) -> (Vec<String>, Vec<String>) {
        let read = |fast: bool| {
            let mut r = XmlReader::new(xml, "p.xml");
            if !fast {
                r.text = None;
            }
            let mut out = Vec::new();
            for _ in 0..100_000 {
                match r.next_event() {
                    Ok(Some(ev)) => out.push(format!("{ev:?} @{}", r.position())),
                    Ok(None) => break,
                    Err(Unreadable(e)) => {
                        out.push(e);
                        break;
                    }
                }
            }
            out
        };
        (read(true), read(false))
    }

    #[test]
    fn first_of_finds_the_first() {
        let slow = |rest: &[u8], from: usize, bytes: [u8; 3]| {
            (from..rest.len()).find(|&k| bytes.contains(&rest[k]))
        };
        let text = b"<a:rPr lang=\"en-US\" alt='x>y' sz=\"2400\" b=\"\xc3\xa9\x80\xff\"/>tail>";
        for from in 0..=text.len() {
            for bytes in [
                [b'>', b'"', b'\''],
                [b'"'; 3],
                [b'\''; 3],
                [0x80, 0xff, 0x01],
            ] {
                assert_eq!(
                    first_of(text, from, bytes),
                    slow(text, from, bytes),
                    "{from}"
                );
            }
            let old_tag_end = |rest: &[u8], from: usize| {
                let mut k = from;
                loop {
                    match *rest.get(k)? {
                        b'>' => return Some(k),
                        q @ (b'"' | b'\'') => {
                            k += 1;
                            while *rest.get(k)? != q {
                                k += 1;
                            }
                        }
                        _ => {}
                    }
                    k += 1;
                }
            };
            assert_eq!(tag_end(text, from), old_tag_end(text, from), "{from}");
        }
        assert_eq!(first_of(text, text.len() + 1, [b'>'; 3]), None);
    }

    #[test]
    fn fast_events_are_quick_xml_events() {
        let cases: &[&[u8]] = &[
            b"<?xml version=\"1.0\"?>\n<p:sld a=\"1\"><p:sp><a:t>Hi &amp; bye &#x41;</a:t></p:sp></p:sld>",
            b"<a x='1>2' y=\"a/>b\"><b/><c  /><d></d ></a>",
            b"<a>text<!-- a comment --><![CDATA[<x>]]><?pi data?>more</a>",
            b"<a>one &amp two</a>",
            b"<a>dangling &",
            b"<a>&lt;&gt;&quot;&apos;&unknown;</a>",
            b"</a>",
            b"<a></a></b>",
            b"<a><b",
            b"<a b=\"unclosed></a>",
            b"<a>\xff</a>",
            b"<a>caf\xc3\xa9 &amp; \xe2\x80\x94</a>",
            b"<>< a></ ></a>",
            b"\xef\xbb\xbf<a>bom</a>",
            b"<a>\xef\xbb\xbfinner</a>",
            b"<!DOCTYPE x><a/>",
            b"text before<a/>text after",
            b"<a>\r\n\t </a>",
            b"<a/",
            b"<",
            b"",
        ];
        for xml in cases {
            let (fast, slow) = both_ways(xml);
            assert_eq!(fast, slow, "{}", String::from_utf8_lossy(xml));
        }
    }

    /// Every XML part of every corpus deck reads the same, event by event, with the fast
    /// path as with quick-xml alone.
    #[test]
    fn corpus_parts_read_like_quick_xml() {
        let Some(dir) = crate::testing::corpus("corpus_parts_read_like_quick_xml", "pptx") else {
            return;
        };
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("corpus")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        let (mut parts, mut events) = (0usize, 0usize);
        for path in &files {
            let Ok(data) = std::fs::read(path) else {
                continue;
            };
            let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(data)) else {
                continue;
            };
            for i in 0..zip.len() {
                let Ok(mut entry) = zip.by_index(i) else {
                    continue;
                };
                let Ok(name) = entry.name().map(|n| n.into_owned()) else {
                    continue;
                };
                if !(name.ends_with(".xml") || name.ends_with(".rels")) || entry.size() > 64 << 20 {
                    continue;
                }
                let mut xml = Vec::new();
                if entry.read_to_end(&mut xml).is_err() {
                    continue;
                }
                let (fast, slow) = both_ways(&xml);
                assert!(
                    fast == slow,
                    "{} {name}: the event streams differ",
                    path.display()
                );
                parts += 1;
                events += fast.len();
            }
        }
        assert!(parts > 1000, "only {parts} parts read");
        eprintln!("corpus_parts_read_like_quick_xml: {parts} parts, {events} events");
    }

    #[test]
    fn targets_resolve() {
        assert_eq!(resolve("ppt", "slides/slide1.xml"), "ppt/slides/slide1.xml");
        assert_eq!(resolve("", "ppt/presentation.xml"), "ppt/presentation.xml");
        assert_eq!(resolve("ppt", "../../x/./y//z.xml"), "x/y/z.xml");
        assert_eq!(resolve("ppt/slides", "../../.."), "");
        assert_eq!(resolve("/ppt/", "a/../b.xml"), "ppt/b.xml");
        assert_eq!(resolve("ppt/slides", "/"), "");
        assert_eq!(
            resolve("ppt/slides", "../notesSlides/n1.xml"),
            "ppt/notesSlides/n1.xml"
        );
        assert_eq!(
            resolve("ppt/slides", "/ppt/charts/c.xml"),
            "ppt/charts/c.xml"
        );
    }

    #[test]
    fn sniffing() {
        assert!(
            open(b"", "PowerPoint")
                .err()
                .is_some_and(|e| e.0.contains("empty"))
        );
        assert!(
            open(b"hello", "PowerPoint")
                .err()
                .is_some_and(|e| e.0.contains("not a zip"))
        );
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend(utf16le("EncryptionInfo"));
        assert!(
            open(&ole, "PowerPoint")
                .err()
                .is_some_and(|e| e.0.contains("password-protected"))
        );
        assert!(
            open(b"PK\x03\x04trunc", "PowerPoint")
                .err()
                .is_some_and(|e| e.0.contains("corrupt or truncated"))
        );
    }

    fn drain(xml: &str) -> Result<(), Unreadable> {
        let mut r = XmlReader::new(xml.as_bytes(), "ppt/slides/slide1.xml");
        while r.next_event()?.is_some() {}
        Ok(())
    }

    /// The text of every event, as the extractors see it.
    fn texts(buf: &[u8]) -> Result<String, Unreadable> {
        parse(buf.to_vec(), |xml| {
            let mut r = XmlReader::new(xml, "p.xml");
            let mut out = String::new();
            while let Some(ev) = r.next_event()? {
                if let Event::Text(t) = ev {
                    out.push_str(&t.xml10_content());
                }
            }
            Ok(out)
        })
    }

    #[test]
    fn parts_not_plain_utf8_are_decoded_first() {
        assert_eq!(texts(b"<a>caf\xc3\xa9</a>").ok().as_deref(), Some("café"));
        // A UTF-8 byte-order mark, UTF-16 with its mark, and bytes that are not UTF-8.
        assert_eq!(texts(b"\xef\xbb\xbf<a>x</a>").ok().as_deref(), Some("x"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<a>y</a>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(texts(&utf16).ok().as_deref(), Some("y"));
        assert_eq!(texts(b"<a>z\xff</a>").ok().as_deref(), Some("z\u{fffd}"));
        assert!(texts(b"<a>z\xff</a").is_err());
    }

    /// Events after the start of the first element, skipping its content when it is plain
    /// and holds no `t`; the error text when the part is malformed.
    fn events_after_skip(xml: &str) -> (bool, Result<Vec<String>, String>) {
        let mut r = XmlReader::new(xml.as_bytes(), "p.xml");
        let mut skipped = false;
        let mut out = Vec::new();
        loop {
            match r.next_event() {
                Err(e) => return (skipped, Err(e.0)),
                Ok(None) => return (skipped, Ok(out)),
                Ok(Some(ev)) => {
                    out.push(format!("{ev:?}"));
                    if matches!(ev, Event::Start(_)) && out.len() == 1 {
                        skipped = r.skip_content(|n| n == b"t");
                    }
                }
            }
        }
    }

    #[test]
    fn plain_content_is_skipped_to_its_end_tag() {
        let (skipped, ev) = events_after_skip("<a><b x='>'><c y=\"/>\"/>text</b ><d/></a><e/>");
        assert!(skipped);
        let ev = ev.expect("well-formed");
        assert_eq!(ev.len(), 3, "{ev:?}");
        assert!(ev[1].contains("End") && ev[2].contains("Empty"), "{ev:?}");
        // Byte offsets of later errors are those of the part.
        let tail = "<a><b/></a><x y='1";
        let (skipped, err) = events_after_skip(tail);
        assert!(skipped);
        let mut plain = XmlReader::new(tail.as_bytes(), "p.xml");
        let expected = loop {
            match plain.next_event() {
                Err(e) => break e.0,
                Ok(None) => panic!("malformed"),
                Ok(Some(_)) => {}
            }
        };
        assert_eq!(err.err().as_deref(), Some(expected.as_str()));
    }

    #[test]
    fn content_that_is_not_plain_is_read_as_usual() {
        for xml in [
            "<a><b>x &amp; y</b></a>",
            "<a><!-- c --></a>",
            "<a><![CDATA[x]]></a>",
            "<a><?pi x?></a>",
            "<a><!DOCTYPE x></a>",
            "<a><b><a:t>x</a:t></b></a>",
            "<a><b></x:t></b></a>",
            "<a>caf\u{e9}<b/></a>",
            "<a><b>",
            "<a>< b/></a>",
        ] {
            let (skipped, _) = events_after_skip(xml);
            let non_ascii = xml.contains('\u{e9}');
            assert_eq!(skipped, non_ascii, "{xml}");
        }
        let deep = format!(
            "<r>{}{}</r>",
            "<b>".repeat(MAX_XML_DEPTH),
            "</b>".repeat(MAX_XML_DEPTH)
        );
        let (skipped, ev) = events_after_skip(&deep);
        assert!(!skipped && ev.is_err_and(|e| e.contains("deeper than")));
        let mut r = XmlReader::new(b"<a>\xff<b/></a>", "p.xml");
        assert!(r.next_event().is_ok_and(|e| e.is_some()));
        assert!(!r.skip_content(|_| false));
        assert_eq!(plain_content(b"<b></b></a>", 0, |_| false), None);
        assert_eq!(plain_content(b"<b></b></a>", 1, |_| false), Some(7));
    }

    /// A package of one part, stored or deflated.
    fn one_part_zip(method: zip::CompressionMethod, body: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        w.start_file("ppt/a.xml", opts).expect("start");
        w.write_all(body).expect("write");
        w.finish().expect("finish").into_inner()
    }

    #[test]
    fn parts_read_fast_or_through_zip_alike() {
        let body = "<a>".repeat(300) + "hello";
        for method in [
            zip::CompressionMethod::Deflated,
            zip::CompressionMethod::Stored,
        ] {
            let bytes = one_part_zip(method, body.as_bytes());
            let mut pkg = open(&bytes, "PowerPoint").expect("zip");
            let fast = pkg.read_bytes("ppt/a.xml").expect("read").expect("part");
            assert_eq!(fast, body.as_bytes());
            let slow = pkg.read_slow(0, "ppt/a.xml", body.len() as u64);
            assert_eq!(slow.ok().as_deref(), Some(body.as_bytes()));
            // Damaged data (and so a wrong CRC-32): the message is zip's, as before.
            let start = pkg
                .zip
                .by_index_raw(0)
                .ok()
                .and_then(|f| f.data_start())
                .expect("data start");
            let mut bad = bytes.clone();
            bad[start as usize + 2] ^= 0x55;
            let mut pkg = open(&bad, "PowerPoint").expect("zip");
            let expected = pkg
                .read_slow(0, "ppt/a.xml", body.len() as u64)
                .expect_err("damaged")
                .0;
            let got = pkg.read_bytes("ppt/a.xml").expect_err("damaged").0;
            assert_eq!(got, expected);
            assert!(got.starts_with("cannot read part ppt/a.xml: "), "{got}");
        }
    }

    #[test]
    fn dtd_and_depth_are_refused() {
        let lol = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><a>&lol2;</a>";
        assert!(drain(lol).is_err_and(|e| e.0.contains("DTD")));
        let deep = "<a>".repeat(MAX_XML_DEPTH + 1);
        assert!(drain(&deep).is_err_and(|e| e.0.contains("deeper than")));
        assert!(drain(&"<a>".repeat(MAX_XML_DEPTH)).is_ok());
    }
}
