//! `missing-message`: an asset type's `require` not met — the tagline not stated, fewer value
//! props (or differentiators) than required. A message counts when its wording (or a
//! variant) appears, or one of its `keywords`. Reported once per file, at its first line.

use crate::normalize::fold;
use crate::platform::{AssetType, Message, Platform, Requirement};

fn stated(text: &str, wording: &str) -> bool {
    let w = fold(wording).text;
    let w = w.trim_end_matches(['.', '!']);
    !w.is_empty() && text.contains(w)
}

fn covered(text: &str, m: &Message) -> bool {
    std::iter::once(&m.statement)
        .chain(&m.variants)
        .any(|s| stated(text, s))
        || m.keywords
            .iter()
            .any(|k| !super::claims::find_words(text, &fold(k).text).is_empty())
}

/// (message, help) when the folded whole-document `text` misses a requirement of `asset`.
pub fn check(p: &Platform, asset: &AssetType, text: &str) -> Option<(String, String)> {
    let mut missing = Vec::new();
    for req in &asset.require {
        match req {
            Requirement::Tagline => {
                if let Some(t) = &p.tagline
                    && !stated(text, t)
                {
                    missing.push(format!("the tagline \"{t}\""));
                }
            }
            Requirement::OneLiner => {
                if let Some(t) = &p.one_liner
                    && !stated(text, t)
                {
                    missing.push(format!("the one-liner \"{t}\""));
                }
            }
            Requirement::ValueProps(n) | Requirement::Differentiators(n) => {
                let (list, what) = match req {
                    Requirement::ValueProps(_) => (&p.value_props, "value props"),
                    _ => (&p.differentiators, "differentiators"),
                };
                let found: Vec<&str> = list
                    .iter()
                    .filter(|m| covered(text, m))
                    .map(|m| m.id.as_str())
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
    (!missing.is_empty()).then(|| {
        (
            format!(
                "this {} does not state {}",
                asset.kind,
                missing.join(" and ")
            ),
            format!(
                "assets of type \"{}\" must state: {}",
                asset.kind,
                describe(&asset.require)
            ),
        )
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
