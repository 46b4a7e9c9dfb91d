//! The rule ids, in the registry's order: what the platform's validator and schema need to
//! know of the rules (`rules:`, `exceptions[].skip`), below both `platform` and `rules` so
//! the platform never reaches up into the rule registry. `rules::RULES` is the one list of
//! rules; a test there keeps this one equal to its ids.

pub const ALL: &[&str] = &[
    "brand-name",
    "preferred-term",
    "retired-term",
    "claim-mismatch",
    "message-drift",
    "boilerplate-drift",
    "unsupported-superlative",
    "off-icp",
    "competitor-mention",
    "withdrawn-reference",
    "cross-asset-conflict",
    "missing-message",
    "unreadable",
];

/// Whether `id` names a rule.
pub fn is_rule(id: &str) -> bool {
    ALL.contains(&id)
}
