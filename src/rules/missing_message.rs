//! `missing-message`: an asset type's `require` not met — the tagline not stated, fewer value
//! props (or differentiators) than required. A message counts when its wording (or a
//! variant) appears, or one of its `keywords`. Reported once per file, at its first line.

use super::claims::{Compiled, find_words};
use super::{DocCx, DocFinding};
use crate::platform::{AssetType, Platform, Requirement};

fn stated(text: &str, wording: &str) -> bool {
    !wording.is_empty() && text.contains(wording)
}

fn covered(text: &str, (wordings, keywords): &(Vec<String>, Vec<String>)) -> bool {
    wordings.iter().any(|w| stated(text, w))
        || keywords.iter().any(|k| !find_words(text, k).is_empty())
}

/// Which approved messages a document states, in platform order: the tagline, each value
/// prop, each differentiator (the same test as the rule: approved wording, a variant or a
/// keyword). `msglint audit` shows it for every asset, required or not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// `None` when the platform has no tagline.
    pub tagline: Option<bool>,
    pub value_props: Vec<bool>,
    pub differentiators: Vec<bool>,
}

/// The coverage of the folded whole-document `text`.
pub fn coverage(p: &Platform, c: &Compiled, text: &str) -> Coverage {
    Coverage {
        tagline: match (&p.tagline, &c.tagline) {
            (Some(_), Some(w)) => Some(stated(text, w)),
            _ => None,
        },
        value_props: c.value_props.iter().map(|m| covered(text, m)).collect(),
        differentiators: c.differentiators.iter().map(|m| covered(text, m)).collect(),
    }
}

/// Only files of an asset type with a `require` list are checked.
pub fn applies(_: &Platform, asset: Option<&AssetType>) -> bool {
    asset.is_some_and(|a| !a.require.is_empty())
}

/// A finding when the folded whole-document text misses a requirement of its asset type.
pub fn check(cx: &DocCx) -> Option<DocFinding> {
    let (index, asset) = cx.asset?;
    let (p, c, text) = (cx.platform, cx.compiled, cx.text);
    let mut missing = Vec::new();
    for req in &asset.require {
        match req {
            Requirement::Tagline => {
                if let (Some(t), Some(w)) = (&p.tagline, &c.tagline)
                    && !stated(text, w)
                {
                    missing.push(format!("the tagline \"{t}\""));
                }
            }
            Requirement::OneLiner => {
                if let (Some(t), Some(w)) = (&p.one_liner, &c.one_liner)
                    && !stated(text, w)
                {
                    missing.push(format!("the one-liner \"{t}\""));
                }
            }
            Requirement::ValueProps(n) | Requirement::Differentiators(n) => {
                let (list, compiled, what) = match req {
                    Requirement::ValueProps(_) => (&p.value_props, &c.value_props, "value props"),
                    _ => (&p.differentiators, &c.differentiators, "differentiators"),
                };
                let found: Vec<&str> = list
                    .iter()
                    .zip(compiled)
                    .filter(|(_, m)| covered(text, m))
                    .map(|(m, _)| m.id.as_str())
                    .collect();
                if (found.len() as u32) < *n {
                    let list = if found.is_empty() {
                        "none".to_owned()
                    } else {
                        found.join(", ")
                    };
                    missing.push(format!("{n} {what} (found {}: {list})", found.len()));
                }
            }
        }
    }
    (!missing.is_empty()).then(|| DocFinding {
        message: format!(
            "this {} does not state {}",
            asset.kind,
            missing.join(" and ")
        ),
        help: format!(
            "assets of type \"{}\" must state: {}",
            asset.kind,
            describe(&asset.require)
        ),
        platform_ref: Some(format!("assets[{index}]")),
    })
}

fn describe(req: &[Requirement]) -> String {
    req.iter()
        .map(|r| match r {
            Requirement::Tagline => "the tagline".to_owned(),
            Requirement::OneLiner => "the one-liner".to_owned(),
            Requirement::ValueProps(n) => format!("{n} value props"),
            Requirement::Differentiators(n) => format!("{n} differentiators"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
