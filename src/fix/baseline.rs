//! Baseline files: the fingerprints of known findings (`--write-baseline`, `--baseline`).

use super::edit::write_atomic;
use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

#[derive(Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

#[derive(Serialize, Deserialize)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule: String,
    pub path: String,
    pub matched: String,
}

pub fn write_baseline(path: &Path, diags: &[Diagnostic]) -> std::io::Result<()> {
    let b = Baseline {
        version: BASELINE_VERSION,
        findings: diags
            .iter()
            .map(|d| BaselineEntry {
                fingerprint: d.fingerprint.clone(),
                rule: d.rule.to_owned(),
                path: d.path.clone(),
                matched: d.matched.clone(),
            })
            .collect(),
    };
    let text = serde_json::to_string_pretty(&b).map_err(std::io::Error::other)?;
    write_atomic(path, &(text + "\n"))
}

/// The baseline format written now. Version 1 (fingerprints from the path as typed and
/// the occurrence number) is still read, for one release.
pub const BASELINE_VERSION: u32 = 2;

/// A baseline read back: its fingerprints and the format version they were made with.
pub struct KnownFindings {
    pub version: u32,
    pub fingerprints: HashSet<String>,
}

pub fn read_baseline(path: &Path) -> Result<KnownFindings, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
    let b: Baseline = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}:{}:{}: not a msglint baseline: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if !(1..=BASELINE_VERSION).contains(&b.version) {
        return Err(format!(
            "{}: baseline version {} is not supported by this msglint (it reads versions 1 and {BASELINE_VERSION})",
            path.display(),
            b.version
        ));
    }
    Ok(KnownFindings {
        version: b.version,
        fingerprints: b.findings.into_iter().map(|f| f.fingerprint).collect(),
    })
}
