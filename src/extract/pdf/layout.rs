//! Layout: glyphs in page space → line fragments → lines in reading order (columns split
//! at a clear gutter) → paragraphs, as `Raw` segments with page and line numbers. Must not:
//! look at PDF objects, fonts or content streams (it sees only positioned glyphs).

use super::content::Glyph;
use crate::document::{DeckLoc, Scope};
use crate::extract::dump::Raw;

/// A line fragment: glyphs on one baseline without a wide gap.
#[derive(Debug)]
struct Frag {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    text: String,
}

/// Glyphs → lines in reading order → paragraphs (as `Raw` segments, one text line per
/// extract line, lines joined with `\n`).
pub(super) fn layout_page(page: u32, glyphs: Vec<Glyph>) -> Vec<Raw> {
    let frags = fragments(glyphs);
    let ordered = reading_order(frags);
    paragraphs(page, ordered)
}

fn fragments(glyphs: Vec<Glyph>) -> Vec<Frag> {
    let mut frags: Vec<Frag> = Vec::new();
    for g in glyphs {
        if g.text.trim().is_empty() && g.text != " " {
            continue;
        }
        let size = g.size.max(1.0);
        if let Some(f) = frags.last_mut() {
            let same_line = (g.y - f.y).abs() < 0.5 * size.min(f.size.max(1.0));
            let gap = g.x - f.x1;
            if same_line && gap > -0.5 * size && gap < 1.0 * size {
                if g.text == " " {
                    if !f.text.ends_with(' ') {
                        f.text.push(' ');
                    }
                } else {
                    if gap > 0.12 * size && !f.text.ends_with(' ') {
                        f.text.push(' ');
                    }
                    f.text.push_str(&g.text);
                }
                f.x1 = f.x1.max(g.x + g.w);
                continue;
            }
        }
        if g.text == " " {
            continue;
        }
        frags.push(Frag {
            x0: g.x,
            x1: g.x + g.w,
            y: g.y,
            size,
            text: g.text.clone(),
        });
    }
    for f in &mut frags {
        let t = f.text.trim_end().to_owned();
        f.text = t;
    }
    frags.retain(|f| !f.text.trim().is_empty());
    frags
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
            l.text.push(' ');
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

fn paragraphs(page: u32, lines: Vec<Frag>) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::new();
    let mut prev: Option<(f32, f32)> = None; // (y, size)
    for (i, l) in lines.into_iter().enumerate() {
        let line_no = i as u32 + 1;
        let continues = prev.is_some_and(|(py, ps)| {
            let dy = py - l.y;
            dy > 0.0 && dy < 1.8 * ps.max(l.size) && (ps - l.size).abs() < 0.25 * ps
        });
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
    }
    out
}
