//! Suppression comments in Markdown, HTML and text sources:
//! `<!-- msglint-disable RULE… -->` … `<!-- msglint-enable RULE… -->` and
//! `<!-- msglint-disable-next-line RULE… -->`. No rule id means every rule.
//!
//! Owns: finding the directives and answering "is rule R silenced at offset O". Must not:
//! know what the rules find.

use crate::document::LineIndex;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
}

#[derive(Debug, Clone)]
struct Directive {
    /// Byte offset of the comment's start.
    offset: usize,
    /// For `NextLine`: the 1-based line the directive silences.
    line: u32,
    kind: Kind,
    /// Empty = all rules.
    rules: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
}

impl Suppressions {
    pub fn parse(source: &str, lines: &LineIndex) -> Suppressions {
        let mut directives = Vec::new();
        let mut from = 0;
        while let Some(i) = memchr::memmem::find(&source.as_bytes()[from..], b"<!--") {
            let start = from + i;
            let body_start = start + 4;
            let Some(j) = memchr::memmem::find(&source.as_bytes()[body_start..], b"-->") else {
                break;
            };
            let end = body_start + j;
            from = end + 3;
            let body = source[body_start..end].trim();
            let (kind, rest) = if let Some(r) = body.strip_prefix("msglint-disable-next-line") {
                (Kind::NextLine, r)
            } else if let Some(r) = body.strip_prefix("msglint-disable") {
                (Kind::Disable, r)
            } else if let Some(r) = body.strip_prefix("msglint-enable") {
                (Kind::Enable, r)
            } else {
                continue;
            };
            if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
                continue;
            }
            let rules = rest
                .split([',', ' ', '\t', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            let (end_line, _) = lines.line_col(source, end);
            directives.push(Directive {
                offset: start,
                line: end_line + 1,
                kind,
                rules,
            });
        }
        Suppressions { directives }
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// Is `rule` silenced for a finding starting at `offset` on `line`?
    pub fn silenced(&self, rule: &str, offset: usize, line: u32) -> bool {
        let applies = |d: &Directive| d.rules.is_empty() || d.rules.iter().any(|r| r == rule);
        let mut off = false;
        for d in &self.directives {
            if d.kind == Kind::NextLine {
                if d.line == line && applies(d) {
                    return true;
                }
                continue;
            }
            if d.offset > offset {
                break;
            }
            if applies(d) {
                off = d.kind == Kind::Disable;
            }
        }
        off
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_and_next_line() {
        let src = "a HelpBot\n<!-- msglint-disable retired-term -->\nb HelpBot\n<!-- msglint-enable retired-term -->\nc HelpBot\n<!-- msglint-disable-next-line -->\nd HelpBot\ne HelpBot\n";
        let idx = LineIndex::new(src);
        let s = Suppressions::parse(src, &idx);
        let at = |p: &str| {
            let o = src.find(p).expect("present");
            (o, idx.line_col(src, o).0)
        };
        let check = |p: &str, rule: &str| {
            let (o, l) = at(p);
            s.silenced(rule, o, l)
        };
        assert!(!check("a Help", "retired-term"));
        assert!(check("b Help", "retired-term"));
        assert!(!check("b Help", "brand-name"));
        assert!(!check("c Help", "retired-term"));
        assert!(check("d Help", "brand-name"));
        assert!(!check("e Help", "brand-name"));
    }
}
