//! Layout: glyphs in page space → text directions → line fragments → lines in reading
//! order (columns split at a clear gutter) → logical order for right-to-left lines →
//! paragraphs, as `Raw` segments with page and line numbers. Rotated runs (90°, 180°, 270°)
//! and vertical columns are laid out in a frame turned to their own direction. Must not:
//! look at PDF objects, fonts or content streams (it sees only positioned glyphs).

use super::content::Glyph;
use crate::document::{DeckLoc, Scope};
use crate::extract::dump::Raw;
use std::collections::BTreeMap;
use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};

/// A line fragment: glyphs on one baseline without a wide gap. Coordinates are in the
/// frame of the fragment's text direction (x along the line, y up from it); the text is in
/// visual order (left to right in that frame) until `logical_order`.
#[derive(Debug)]
struct Frag {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    text: String,
    /// The text direction this fragment was laid out in (degrees, see `direction`).
    region: i32,
}

/// Glyphs → lines in reading order → paragraphs (as `Raw` segments, one text line per
/// extract line, lines joined with `\n`). Upright text comes first, then each other
/// direction (90°, 180°, 270°, then any other angle), each read in its own frame.
pub(super) fn layout_page(page: u32, glyphs: Vec<Glyph>) -> Vec<Raw> {
    let glyphs = vertical_stacks(glyphs);
    let mut by_dir: BTreeMap<i32, Vec<Glyph>> = BTreeMap::new();
    let first = glyphs.first().map(|g| direction(g.dir));
    if let Some(deg) = first
        && glyphs.iter().all(|g| direction(g.dir) == deg)
    {
        // One direction (most pages): the glyphs stay where they are.
        by_dir.insert(deg, glyphs);
    } else {
        for g in glyphs {
            by_dir.entry(direction(g.dir)).or_default().push(g);
        }
    }
    let mut ordered = Vec::new();
    for (deg, group) in by_dir {
        let rad = (deg as f32).to_radians();
        // Exact axes for the right angles, so upright text keeps its page coordinates.
        let (c, s) = match deg {
            0 => (1.0, 0.0),
            90 => (0.0, 1.0),
            180 => (-1.0, 0.0),
            270 => (0.0, -1.0),
            _ => (rad.cos(), rad.sin()),
        };
        let turned = group
            .into_iter()
            .map(|mut g| {
                let (x, y) = (g.x, g.y);
                g.x = x * c + y * s;
                g.y = -x * s + y * c;
                g
            })
            .collect();
        let mut lines = reading_order(fragments(rtl_lines_left_to_right(turned), deg));
        for l in &mut lines {
            l.text = logical_order(&l.text);
        }
        ordered.extend(lines);
    }
    paragraphs(page, ordered)
}

/// A glyph's text direction in whole degrees, counterclockwise from the page's x axis:
/// within 1° of a right angle it snaps to it (0, 90, 180, 270), so slightly skewed scans
/// stay with the upright text.
fn direction(dir: [f32; 2]) -> i32 {
    // Upright text (most glyphs) without the arctangent: atan2(±0, x > 0) is ±0°.
    if dir[1] == 0.0 && dir[0] > 0.0 {
        return 0;
    }
    let deg = dir[1].atan2(dir[0]).to_degrees();
    if !deg.is_finite() {
        return 0;
    }
    let deg = (deg.round() as i32).rem_euclid(360);
    for axis in [0, 90, 180, 270, 360] {
        if (deg - axis).abs() <= 1 {
            return axis % 360;
        }
    }
    deg
}

/// Upright full-width glyphs placed one below the other (vertical writing drawn glyph by
/// glyph, as LibreOffice does for a `tb-rl` page) are turned into a downward run: each
/// glyph starts at its top (the ideographic em box rises 0.88 em above the baseline) and
/// advances one em down. At least two glyphs in a row, each within a fifth of an em of the
/// column and 0.8–1.3 em below the previous; horizontal text never stacks like that.
fn vertical_stacks(mut glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let upright: Vec<usize> = (0..glyphs.len())
        .filter(|&i| direction(glyphs[i].dir) == 0 && !blank(&glyphs[i].text))
        .collect();
    let stacked = |a: &Glyph, b: &Glyph| {
        let size = a.size.max(1.0);
        let dy = a.y - b.y;
        (a.size - b.size).abs() < 0.1 * size
            && (a.x - b.x).abs() < 0.2 * size
            && dy > 0.8 * size
            && dy < 1.3 * size
            && a.w > 0.7 * size
            && b.w > 0.7 * size
    };
    let mut in_stack = vec![false; glyphs.len()];
    for pair in upright.windows(2) {
        if stacked(&glyphs[pair[0]], &glyphs[pair[1]]) {
            in_stack[pair[0]] = true;
            in_stack[pair[1]] = true;
        }
    }
    for (g, _) in glyphs.iter_mut().zip(&in_stack).filter(|(_, s)| **s) {
        g.y += 0.88 * g.size;
        g.w = g.size;
        g.dir = [0.0, -1.0];
    }
    glyphs
}

/// Right-to-left lines are drawn in many ways: glyph by glyph from the right, or (as
/// LibreOffice does) as runs in logical order whose glyphs go left to right, with neutral
/// marks filled in afterwards. Every baseline that carries a right-to-left letter has its
/// glyphs sorted left to right (at the place of its first glyph in the stream), so the
/// fragments hold visual order; other baselines keep the content stream's order.
fn rtl_lines_left_to_right(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    if !glyphs.iter().any(|g| g.text.chars().any(is_rtl)) {
        return glyphs;
    }
    let mut by_y: Vec<usize> = (0..glyphs.len()).collect();
    by_y.sort_by(|&a, &b| glyphs[b].y.total_cmp(&glyphs[a].y).then(a.cmp(&b)));
    let mut line_of = vec![usize::MAX; glyphs.len()];
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut line_y = f32::NAN;
    for i in by_y {
        let g = &glyphs[i];
        if lines.is_empty() || (line_y - g.y).abs() > 0.3 * g.size.max(1.0) {
            lines.push(Vec::new());
            line_y = g.y;
        }
        line_of[i] = lines.len() - 1;
        if let Some(l) = lines.last_mut() {
            l.push(i);
        }
    }
    let rtl: Vec<bool> = lines
        .iter()
        .map(|l| l.iter().any(|&i| glyphs[i].text.chars().any(is_rtl)))
        .collect();
    for (l, is_rtl_line) in lines.iter_mut().zip(&rtl) {
        if *is_rtl_line {
            l.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x).then(a.cmp(&b)));
        }
    }
    let mut order = Vec::with_capacity(glyphs.len());
    let mut emitted = vec![false; lines.len()];
    for (i, &l) in line_of.iter().enumerate() {
        match (rtl.get(l), emitted.get_mut(l)) {
            (Some(true), Some(done)) => {
                if !*done {
                    *done = true;
                    order.extend_from_slice(&lines[l]);
                }
            }
            _ => order.push(i),
        }
    }
    let mut slots: Vec<Option<Glyph>> = glyphs.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// Whether a glyph's text is white space only (`trim().is_empty()` without the trimming:
/// it is asked of every glyph).
fn blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// Whether a character is a strong right-to-left one (Hebrew, Arabic, Syriac, Thaana…).
fn is_rtl(c: char) -> bool {
    // Every strong right-to-left character is at U+0590 or above: the table lookup (a
    // binary search) only for those.
    c >= '\u{0590}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// A line in visual order (left to right on the page) → logical order. Lines without a
/// right-to-left letter are returned as they are. Otherwise the line's base direction is
/// that of most of its strong letters, combining marks are moved before the letter they sit
/// on (visual order puts them after it), and the Unicode bidirectional algorithm
/// (`unicode-bidi`) reorders the runs: a right-to-left run is reversed, the numbers and
/// Latin words embedded in it keep their own order.
fn logical_order(line: &str) -> String {
    if !line.chars().any(is_rtl) {
        return line.to_owned();
    }
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in line.chars() {
        match bidi_class(c) {
            BidiClass::R | BidiClass::AL => rtl += 1,
            BidiClass::L => ltr += 1,
            _ => {}
        }
    }
    if rtl == 0 {
        return line.to_owned();
    }
    let mut chars: Vec<char> = line.chars().collect();
    let mut i = 1;
    while i < chars.len() {
        if bidi_class(chars[i]) == BidiClass::NSM && is_rtl(chars[i - 1]) {
            // [base][mark…] → [mark…][base]
            let start = i - 1;
            let mut end = i;
            while end < chars.len() && bidi_class(chars[end]) == BidiClass::NSM {
                end += 1;
            }
            chars[start..end].rotate_left(1);
            i = end;
        } else {
            i += 1;
        }
    }
    let visual: String = chars.into_iter().collect();
    let base = if rtl >= ltr {
        Level::rtl()
    } else {
        Level::ltr()
    };
    let info = BidiInfo::new(&visual, Some(base));
    let mut out = String::with_capacity(visual.len());
    for para in &info.paragraphs {
        out.push_str(&info.reorder_line(para, para.range.clone()));
    }
    out
}

fn fragments(glyphs: Vec<Glyph>, region: i32) -> Vec<Frag> {
    let mut frags: Vec<Frag> = Vec::new();
    for g in glyphs {
        if blank(&g.text) && &*g.text != " " {
            continue;
        }
        let size = g.size.max(1.0);
        if let Some(f) = frags.last_mut() {
            let same_line = (g.y - f.y).abs() < 0.5 * size.min(f.size.max(1.0));
            let gap = g.x - f.x1;
            if same_line && gap > -0.5 * size && gap < 1.0 * size {
                if &*g.text == " " {
                    if !f.text.ends_with(' ') {
                        f.text.push(' ');
                    }
                } else {
                    if gap > 0.12 * size && !f.text.ends_with(' ') {
                        f.text.push(' ');
                    }
                    push_visual(&mut f.text, &g.text);
                }
                f.x1 = f.x1.max(g.x + g.w);
                continue;
            }
        }
        if &*g.text == " " {
            continue;
        }
        let mut text = String::new();
        push_visual(&mut text, &g.text);
        frags.push(Frag {
            x0: g.x,
            x1: g.x + g.w,
            y: g.y,
            size,
            text,
            region,
        });
    }
    for f in &mut frags {
        let t = f.text.trim_end().to_owned();
        f.text = t;
    }
    frags.retain(|f| !f.text.trim().is_empty());
    frags
}

/// A glyph's text in visual order, pushed onto `out`: a right-to-left ligature ("لا") is written reversed, so
/// that the whole line reads left to right until `logical_order` turns it.
fn push_visual(out: &mut String, text: &str) {
    if text.chars().nth(1).is_some() && text.chars().any(is_rtl) {
        out.extend(text.chars().rev());
    } else {
        out.push_str(text);
    }
}

/// Order fragments: split the page at a clear vertical gutter (recursively, up to three
/// columns), then top to bottom, left to right, joining fragments that share a baseline.
fn reading_order(frags: Vec<Frag>) -> Vec<Frag> {
    let mut out = Vec::new();
    order_region(frags, 0, &mut out);
    out
}

fn order_region(mut frags: Vec<Frag>, depth: usize, out: &mut Vec<Frag>) {
    if depth < 2
        && frags.len() >= 8
        && let Some(split) = gutter(&frags)
    {
        // Top to bottom; a fragment across the gutter (a title, a full-width figure
        // caption) closes the columns above it, which are read left then right.
        frags.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for f in frags {
            if f.x0 < split && f.x1 > split {
                order_region(std::mem::take(&mut left), depth + 1, out);
                order_region(std::mem::take(&mut right), depth + 1, out);
                out.push(f);
            } else if f.x1 <= split {
                left.push(f);
            } else {
                right.push(f);
            }
        }
        order_region(left, depth + 1, out);
        order_region(right, depth + 1, out);
        return;
    }
    frags.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    // Join fragments on the same baseline into one line (separated by a space).
    let mut lines: Vec<Frag> = Vec::new();
    for f in frags {
        if let Some(l) = lines.last_mut()
            && (f.y - l.y).abs() < 0.4 * f.size.min(l.size)
            && f.x0 >= l.x1 - 0.5 * f.size
        {
            // Right-to-left lines come in runs (one per direction change, drawn in logical
            // order): runs that touch join without a space.
            let touching = f.x0 - l.x1 < 0.12 * f.size.min(l.size);
            if !(touching && (l.text.chars().any(is_rtl) || f.text.chars().any(is_rtl))) {
                l.text.push(' ');
            }
            l.text.push_str(&f.text);
            l.x1 = f.x1;
            continue;
        }
        lines.push(f);
    }
    out.extend(lines);
}

/// An x where few fragments cross (at most a fifth: titles, captions) and at least a
/// quarter of the fragments sit on each side, the right side starting near it.
fn gutter(frags: &[Frag]) -> Option<f32> {
    let min_x = frags.iter().map(|f| f.x0).fold(f32::MAX, f32::min);
    let max_x = frags.iter().map(|f| f.x1).fold(f32::MIN, f32::max);
    let width = max_x - min_x;
    if width < 100.0 {
        return None;
    }
    let mut edges: Vec<f32> = frags.iter().map(|f| f.x1).collect();
    edges.sort_by(f32::total_cmp);
    edges.dedup_by(|a, b| (*a - *b).abs() < 2.0);
    let n = frags.len();
    let quarter = (n / 4).max(3);
    let mut best: Option<(usize, f32)> = None;
    for &e in &edges {
        let x = e + 1.0;
        if x <= min_x + width * 0.25 || x >= max_x - width * 0.25 {
            continue;
        }
        let crossing = frags.iter().filter(|f| f.x0 < x && f.x1 > x).count();
        if crossing * 5 > n {
            continue;
        }
        let left = frags.iter().filter(|f| f.x1 <= x).count();
        let right = frags.iter().filter(|f| f.x0 >= x).count();
        if left < quarter || right < quarter {
            continue;
        }
        let right_start = frags
            .iter()
            .filter(|f| f.x0 >= x)
            .map(|f| f.x0)
            .fold(f32::MAX, f32::min);
        if right_start - x > width * 0.15 {
            continue;
        }
        // Text columns are filled: most left-side lines run close to the gutter. Table
        // cells ("Plan", "Growth") do not, and a table is read row by row.
        let left_x0 = frags
            .iter()
            .filter(|f| f.x1 <= x)
            .map(|f| f.x0)
            .fold(f32::MAX, f32::min);
        let full = frags
            .iter()
            .filter(|f| f.x1 <= x && f.x1 - left_x0 >= 0.6 * (x - left_x0))
            .count();
        if full * 2 < left {
            continue;
        }
        let score = left.min(right).saturating_sub(crossing * 2);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, x));
        }
    }
    best.map(|(_, x)| x)
}

/// A line that ends a heading, a bullet or a label rather than wrapping: it stops well
/// short of the next line's right edge (under 80% of its width) without punctuation or a
/// word that needs a continuation (or is set larger), and the next line starts with a
/// capital (any line, after a heading set larger: "n8n is…" under a title). "Data
/// pipelines" above a paragraph is its own sentence; "… cheaper than" / "Segment." is not.
fn ends_short(prev: &Frag, next: &Frag) -> bool {
    let t = prev.text.trim_end();
    let width = next.x1 - next.x0;
    let last = t.rsplit(' ').next().unwrap_or("").to_lowercase();
    // A heading set larger than the text under it ends there too.
    let larger = prev.size > next.size * 1.08;
    width > 0.0
        && (larger || prev.x1 - next.x0 < 0.8 * width)
        && !t.ends_with([',', '-', '\u{2013}', '\u{2014}', '&', '/', '(', ':'])
        && !matches!(
            last.as_str(),
            "the"
                | "a"
                | "an"
                | "of"
                | "to"
                | "and"
                | "or"
                | "for"
                | "with"
                | "than"
                | "in"
                | "on"
                | "by"
                | "at"
                | "from"
                | "as"
                | "our"
                | "your"
                | "their"
                | "its"
        )
        && (larger
            || next
                .text
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase))
}

fn paragraphs(page: u32, lines: Vec<Frag>) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::new();
    let mut prev: Option<(f32, f32)> = None; // (y, size)
    let mut prev_region = None;
    let mut prev_frag: Option<Frag> = None;
    for (i, l) in lines.into_iter().enumerate() {
        let line_no = i as u32 + 1;
        let continues = prev.is_some_and(|(py, ps)| {
            let dy = py - l.y;
            dy > 0.0 && dy < 1.8 * ps.max(l.size) && (ps - l.size).abs() < 0.25 * ps
        }) && prev_region == Some(l.region)
            && !prev_frag.as_ref().is_some_and(|p| ends_short(p, &l));
        match out.last_mut() {
            Some(last) if continues => {
                last.text.push('\n');
                last.text.push_str(&l.text);
            }
            _ => out.push(Raw {
                text: l.text.clone(),
                scope: Scope::Body,
                loc: DeckLoc {
                    page: Some(page),
                    paragraph: Some(line_no),
                    ..DeckLoc::default()
                },
            }),
        }
        prev = Some((l.y, l.size));
        prev_region = Some(l.region);
        prev_frag = Some(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The arctangent `direction` skips for upright text gives the same answer.
    #[test]
    fn upright_shortcut_agrees_with_the_arctangent() {
        let slow = |dir: [f32; 2]| {
            let deg = dir[1].atan2(dir[0]).to_degrees();
            let deg = (deg.round() as i32).rem_euclid(360);
            for axis in [0, 90, 180, 270, 360] {
                if (deg - axis).abs() <= 1 {
                    return axis % 360;
                }
            }
            deg
        };
        for x in [1.0, 0.5, 1e-30, f32::MIN_POSITIVE, 3.0e38, f32::INFINITY] {
            for y in [0.0f32, -0.0] {
                assert_eq!(direction([x, y]), slow([x, y]), "{x} {y}");
            }
        }
    }
}
