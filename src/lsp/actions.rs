//! Code actions (a finding's fix, every fix of the file, "ignore on this line") and hovers
//! (the rule in plain words and the platform's approved wording).

use super::{Doc, lsp_pos, range};
use crate::document::{Kind, LineIndex};
use crate::engine::Finding;
use lsp_types as lt;
use std::collections::{HashMap, HashSet};

fn overlaps(f: &Finding, r: &lt::Range) -> bool {
    let (a, b) = (lsp_pos(f.start), lsp_pos(f.end));
    a <= r.end && r.start <= b
}

// `Uri` caches its parsed parts (interior mutability), never its hash or equality.
#[allow(clippy::mutable_key_type)]
fn edit(doc: &Doc, edits: Vec<lt::TextEdit>) -> lt::WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(doc.uri.clone(), edits);
    lt::WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }
}

/// The findings of `doc` whose fix is still safe on its current text, as edits.
fn fix_edits<'d>(doc: &Doc, findings: &[&'d Finding]) -> Vec<(&'d Finding, lt::TextEdit)> {
    let diags: Vec<&crate::diagnostic::Diagnostic> =
        findings.iter().map(|f| &f.diagnostic).collect();
    // `fix::apply` checks each edit against the text (the match still there, verbatim)
    // and skips overlapping ones: the edits it made are the ones offered.
    let (_, fixed) = crate::fix::apply(&doc.text, diags);
    let fixed: HashSet<&str> = fixed.iter().map(String::as_str).collect();
    findings
        .iter()
        .filter(|f| fixed.contains(f.diagnostic.fingerprint.as_str()))
        .filter_map(|f| {
            let fix = f.diagnostic.fix.as_ref()?;
            Some((
                *f,
                lt::TextEdit {
                    range: range(f),
                    new_text: fix.replacement.clone(),
                },
            ))
        })
        .collect()
}

pub(super) fn code_actions(doc: &Doc, p: &lt::CodeActionParams) -> Vec<lt::CodeActionOrCommand> {
    let mut out = Vec::new();
    if doc.binary() || doc.text.is_empty() {
        return out;
    }
    let wants = |k: &lt::CodeActionKind| {
        p.context.only.as_ref().is_none_or(|only| {
            only.iter().any(|o| {
                k.as_str() == o.as_str() || k.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let fixable: Vec<&Finding> = doc
        .published
        .iter()
        .filter(|f| f.diagnostic.fix.is_some())
        .collect();
    let here: Vec<&Finding> = doc
        .published
        .iter()
        .filter(|f| overlaps(f, &p.range))
        .collect();
    if wants(&lt::CodeActionKind::QUICKFIX) {
        for f in here.iter().filter(|f| f.diagnostic.fix.is_some()) {
            for (f, e) in fix_edits(doc, &[f]) {
                let d = &f.diagnostic;
                out.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                    title: format!("Replace “{}” with “{}” ({})", d.matched, e.new_text, d.rule),
                    kind: Some(lt::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag(doc, f)]),
                    edit: Some(edit(doc, vec![e])),
                    is_preferred: Some(true),
                    ..Default::default()
                }));
            }
        }
    }
    let all = fix_edits(doc, &fixable);
    if all.len() > 1 || (!all.is_empty() && !wants(&lt::CodeActionKind::QUICKFIX)) {
        let title = format!(
            "Fix all msglint findings in this file ({} replacement{})",
            all.len(),
            if all.len() == 1 { "" } else { "s" }
        );
        let edits: Vec<lt::TextEdit> = all.into_iter().map(|(_, e)| e).collect();
        for kind in [
            lt::CodeActionKind::SOURCE_FIX_ALL,
            lt::CodeActionKind::QUICKFIX,
        ] {
            if wants(&kind) && (kind != lt::CodeActionKind::QUICKFIX || !here.is_empty()) {
                out.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                    title: title.clone(),
                    kind: Some(kind),
                    edit: Some(edit(doc, edits.clone())),
                    ..Default::default()
                }));
            }
        }
    }
    let comments = matches!(doc.kind, Some(Kind::Markdown | Kind::Html | Kind::Text));
    if comments && wants(&lt::CodeActionKind::QUICKFIX) {
        let mut seen = HashSet::new();
        for f in &here {
            let rule = f.diagnostic.rule;
            if !seen.insert((f.start.line, rule)) {
                continue;
            }
            if let Some(e) = ignore_edit(&doc.text, f.start.line, rule) {
                out.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                    title: format!("Ignore {rule} on this line"),
                    kind: Some(lt::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag(doc, f)]),
                    edit: Some(edit(doc, vec![e])),
                    ..Default::default()
                }));
            }
        }
    }
    out
}

fn lsp_diag(doc: &Doc, f: &Finding) -> lt::Diagnostic {
    super::to_lsp(f, doc.binary(), &HashMap::new(), &doc.source)
}

/// The suppression comment for `rule` on 0-based `line` (see `suppress.rs`):
/// `<!-- msglint-disable-next-line RULE -->` at the end of the line before when that line
/// has text (an inline comment: the paragraph and its rendering stay as they are), else on
/// a line of its own above, indented as the line.
pub(super) fn ignore_edit(text: &str, line: u32, rule: &str) -> Option<lt::TextEdit> {
    let lines = LineIndex::new(text);
    let comment = format!("<!-- msglint-disable-next-line {rule} -->");
    let start = lines.line_start(line + 1)?;
    let this = &text[start..lines.line_end(text, line + 1).max(start)];
    if line > 0 {
        let ps = lines.line_start(line)?;
        let pe = lines.line_end(text, line).max(ps);
        let prev = text[ps..pe].trim_end_matches('\r');
        let fence = prev.trim_start().starts_with("```") || prev.trim_start().starts_with("~~~");
        if !prev.trim().is_empty() && !fence {
            let at = super::engine::document::utf16_pos(text, &lines, ps + prev.len());
            return Some(lt::TextEdit {
                range: lt::Range {
                    start: lsp_pos(at),
                    end: lsp_pos(at),
                },
                new_text: format!(" {comment}"),
            });
        }
    }
    let indent: String = this
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let at = lt::Position { line, character: 0 };
    Some(lt::TextEdit {
        range: lt::Range { start: at, end: at },
        new_text: format!("{indent}{comment}\n"),
    })
}

/// The findings under the cursor: each rule in plain words, the approved wording.
pub(super) fn hover(doc: &Doc, at: lt::Position) -> Option<lt::Hover> {
    let here: Vec<&Finding> = doc
        .published
        .iter()
        .filter(|f| !doc.binary() && lsp_pos(f.start) <= at && at <= lsp_pos(f.end))
        .collect();
    let first = here.first()?;
    let mut md = String::new();
    for f in &here {
        let d = &f.diagnostic;
        if !md.is_empty() {
            md.push_str("\n\n---\n\n");
        }
        md.push_str(&format!(
            "**msglint `{}`** ({}, {} confidence): {}\n",
            d.rule,
            d.severity.as_str(),
            d.confidence.as_str(),
            d.message
        ));
        if let Some(s) = &d.suggestion {
            md.push_str(&format!("\nApproved wording: **{s}**\n"));
        }
        if let Some(r) = &d.platform_ref {
            md.push_str(&format!("\nIn the platform: `{r}`\n"));
        }
        if let Some(h) = &d.help {
            md.push_str(&format!("\n{h}\n"));
        }
        if let Some(rule) = crate::rules::lookup(d.rule) {
            md.push_str(&format!("\n*{}*", rule.summary));
            if let Some(p) = rule.doc.and_then(first_paragraph) {
                md.push_str(&format!(": {p}"));
            }
            md.push_str(&format!(
                " [More about {}]({}{}.md)\n",
                rule.id,
                super::RULE_DOCS,
                rule.id
            ));
        }
    }
    Some(lt::Hover {
        contents: lt::HoverContents::Markup(lt::MarkupContent {
            kind: lt::MarkupKind::Markdown,
            value: md,
        }),
        range: Some(range(first)),
    })
}

/// The first paragraph of a rule's doc after its title, on one line.
fn first_paragraph(doc: &str) -> Option<String> {
    let body = doc
        .lines()
        .skip_while(|l| l.starts_with('#') || l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!body.is_empty()).then_some(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_comments_go_inline_after_text_else_on_a_line_above() {
        let text = "# Title\n\nWe use HelpBot.\nSecond HelpBot line.\n```\n  HelpBot\n";
        // After a blank line: a line of its own.
        let e = ignore_edit(text, 2, "retired-term").unwrap();
        assert_eq!(
            e.range.start,
            lt::Position {
                line: 2,
                character: 0
            }
        );
        assert_eq!(
            e.new_text,
            "<!-- msglint-disable-next-line retired-term -->\n"
        );
        // Mid-paragraph: at the end of the line before.
        let e = ignore_edit(text, 3, "retired-term").unwrap();
        assert_eq!(
            e.range.start,
            lt::Position {
                line: 2,
                character: 15
            }
        );
        assert_eq!(
            e.new_text,
            " <!-- msglint-disable-next-line retired-term -->"
        );
        // After a fence line: above, indented as the line.
        let e = ignore_edit(text, 5, "brand-name").unwrap();
        assert_eq!(
            e.new_text,
            "  <!-- msglint-disable-next-line brand-name -->\n"
        );
    }
}
