//! The JSON Schema of `msglint.yaml`, generated from the validator's field lists
//! (`validate::OBJECTS`) and the types below, committed as `schema/msglint.schema.json` and
//! checked up to date by a test. Editors use it through the `yaml-language-server` comment
//! `msglint init` writes.

use super::validate::OBJECTS;
use serde_json::{Map, Value, json};

/// The shape of a field.
#[derive(Clone, Copy)]
enum Ty {
    /// Numbers, or `{value, until}` objects.
    Superseded,
    /// `high`, `medium` or `low`.
    Confidence,
    Str,
    Bool,
    Strings,
    Number,
    Date,
    Version,
    Object(&'static str),
    Objects(&'static str),
    /// A list of plain strings or `{name: ...}` objects.
    Competitors,
    /// A list of statement strings or message objects.
    Messages,
    Qualifier,
    Severities,
    RuleIds,
    Globs,
    Requirements,
    /// `exact` or `any`.
    Case,
    /// Names of statements that must appear verbatim.
    ExactList,
    /// A list of plain names or `{name: ...}` withdrawn-reference objects.
    WithdrawnList,
}

/// (object, field, type, description). Every field of `validate::OBJECTS` must be here.
const FIELDS: &[(&str, &str, Ty, &str)] = &[
    (
        "platform",
        "version",
        Ty::Version,
        "Schema version of this file (1).",
    ),
    (
        "platform",
        "company",
        Ty::Object("company"),
        "The company: canonical name and wrong forms.",
    ),
    (
        "platform",
        "products",
        Ty::Objects("product"),
        "Product names and their wrong forms.",
    ),
    ("platform", "tagline", Ty::Str, "The approved tagline."),
    (
        "platform",
        "one_liner",
        Ty::Str,
        "The approved one-line description.",
    ),
    (
        "platform",
        "value_props",
        Ty::Messages,
        "Approved value propositions.",
    ),
    (
        "platform",
        "differentiators",
        Ty::Messages,
        "Approved differentiators.",
    ),
    (
        "platform",
        "claims",
        Ty::Objects("claim"),
        "Approved numbers (proof points).",
    ),
    (
        "platform",
        "boilerplate",
        Ty::Objects("boilerplate"),
        "Approved boilerplate paragraphs.",
    ),
    (
        "platform",
        "icp",
        Ty::Object("icp"),
        "The ideal customer profile.",
    ),
    (
        "platform",
        "terms",
        Ty::Objects("term"),
        "Preferred terms and the forms to avoid.",
    ),
    (
        "platform",
        "retired",
        Ty::Objects("retired"),
        "Retired names and messages.",
    ),
    (
        "platform",
        "competitors",
        Ty::Competitors,
        "Competitors, named where the asset type allows it.",
    ),
    (
        "platform",
        "descriptions",
        Ty::Object("descriptions"),
        "Approved descriptions by length, exact wordings like the tagline.",
    ),
    (
        "platform",
        "exact",
        Ty::ExactList,
        "Statements that must appear verbatim (default: tagline, one_liner, descriptions).",
    ),
    (
        "platform",
        "references",
        Ty::Object("references"),
        "Customers the company may name, and withdrawn ones.",
    ),
    (
        "platform",
        "assets",
        Ty::Objects("asset"),
        "Asset types by path, with required messages and allowed rules.",
    ),
    (
        "platform",
        "rules",
        Ty::Severities,
        "Severity per rule: error, warning, info or off.",
    ),
    (
        "platform",
        "exceptions",
        Ty::Objects("exception"),
        "Rules skipped for some paths.",
    ),
    (
        "platform",
        "min_confidence",
        Ty::Confidence,
        "Findings below this confidence are not reported by `check`: high, medium (default) or low.",
    ),
    (
        "platform",
        "copy_files",
        Ty::Globs,
        "Data files (JSON, YAML, TOML) read as copy beyond the conventional data and locale directories: globs relative to this file.",
    ),
    (
        "platform",
        "languages",
        Ty::Strings,
        "The languages the copy is written in (en, de, pt-BR; default en): catalogs and locale files in other languages found by a walk are not read.",
    ),
    (
        "company",
        "name",
        Ty::Str,
        "Canonical spelling and case of the company name.",
    ),
    ("company", "variants", Ty::Strings, "Wrong forms to flag."),
    (
        "company",
        "case",
        Ty::Case,
        "`exact`: only this case is the company (a name that is an ordinary word).",
    ),
    ("product", "name", Ty::Str, "Canonical product name."),
    ("product", "variants", Ty::Strings, "Wrong forms to flag."),
    (
        "product",
        "case",
        Ty::Case,
        "`exact`: only this case is the product (a name that is an ordinary word).",
    ),
    ("message", "id", Ty::Str, "Stable id."),
    ("message", "statement", Ty::Str, "The approved wording."),
    (
        "message",
        "variants",
        Ty::Strings,
        "Other approved wordings.",
    ),
    (
        "message",
        "keywords",
        Ty::Strings,
        "Words that recognise the message when reworded.",
    ),
    (
        "message",
        "exact",
        Ty::Bool,
        "The statement must appear verbatim: a restatement in other words is drift.",
    ),
    ("claim", "id", Ty::Str, "Stable id."),
    ("claim", "statement", Ty::Str, "The approved statement."),
    (
        "claim",
        "subject",
        Ty::Strings,
        "Words that say a number is about this claim.",
    ),
    ("claim", "value", Ty::Number, "The approved number."),
    (
        "claim",
        "qualifier",
        Ty::Qualifier,
        "How the value may be stated.",
    ),
    (
        "claim",
        "superseded",
        Ty::Superseded,
        "Old values, reported as stale; `{value, until}` says until when one was right (dated assets stating it then are history).",
    ),
    ("claim", "source", Ty::Str, "Where the number comes from."),
    ("claim", "as_of", Ty::Date, "Date of the number."),
    ("boilerplate", "id", Ty::Str, "Stable id."),
    ("boilerplate", "text", Ty::Str, "The approved paragraph."),
    (
        "icp",
        "summary",
        Ty::Str,
        "Who the ideal customer is, in a phrase.",
    ),
    (
        "icp",
        "employees",
        Ty::Object("employees"),
        "Company size range.",
    ),
    ("icp", "industries", Ty::Strings, "Target industries."),
    ("icp", "personas", Ty::Strings, "Target personas."),
    (
        "icp",
        "excluded",
        Ty::Objects("excluded"),
        "Segments the copy must not speak to.",
    ),
    ("employees", "min", Ty::Number, "Smallest company size."),
    ("employees", "max", Ty::Number, "Largest company size."),
    (
        "excluded",
        "segment",
        Ty::Str,
        "Name of the excluded segment.",
    ),
    (
        "excluded",
        "signals",
        Ty::Strings,
        "Phrases that speak to it.",
    ),
    ("term", "use", Ty::Str, "The approved term."),
    ("term", "avoid", Ty::Strings, "Forms to replace with it."),
    (
        "term",
        "in_names",
        Ty::Bool,
        "Also report avoid forms inside other organisations' names and quoted labels.",
    ),
    (
        "term",
        "case",
        Ty::Case,
        "`exact`: avoid forms match only in the case written.",
    ),
    ("retired", "phrase", Ty::Str, "The retired name or phrase."),
    (
        "retired",
        "statement",
        Ty::Str,
        "A retired sentence or paragraph, recognised when restated or lightly edited.",
    ),
    (
        "retired",
        "case",
        Ty::Case,
        "`exact`: the phrase matches only in the case written.",
    ),
    ("retired", "replacement", Ty::Str, "What to say instead."),
    ("retired", "retired_on", Ty::Date, "When it was retired."),
    (
        "retired",
        "reason",
        Ty::Str,
        "Why (renamed, repositioned...).",
    ),
    ("competitor", "name", Ty::Str, "The competitor's name."),
    (
        "descriptions",
        "short",
        Ty::Str,
        "The short approved description.",
    ),
    (
        "descriptions",
        "medium",
        Ty::Str,
        "The medium approved description.",
    ),
    (
        "descriptions",
        "long",
        Ty::Str,
        "The long approved description.",
    ),
    (
        "references",
        "approved",
        Ty::Strings,
        "Customers that may be named (logos, case studies, quotes).",
    ),
    (
        "references",
        "withdrawn",
        Ty::WithdrawnList,
        "Customers that may no longer be named.",
    ),
    (
        "withdrawn",
        "name",
        Ty::Str,
        "The customer's name as written.",
    ),
    (
        "withdrawn",
        "withdrawn_on",
        Ty::Date,
        "When it stopped being a reference.",
    ),
    ("withdrawn", "reason", Ty::Str, "Why (contract ended...)."),
    (
        "asset",
        "type",
        Ty::Str,
        "Name of the asset type (deck, battlecard, web...).",
    ),
    (
        "asset",
        "paths",
        Ty::Globs,
        "Globs, relative to this file, of the assets of this type.",
    ),
    (
        "asset",
        "require",
        Ty::Requirements,
        "Messages these assets must state.",
    ),
    (
        "asset",
        "allow",
        Ty::RuleIds,
        "Rules switched off for this type.",
    ),
    (
        "asset",
        "dated",
        Ty::Bool,
        "false: files of this type must always be current; their date never makes an old number history (default true).",
    ),
    (
        "asset",
        "owner",
        Ty::Str,
        "Who answers for these assets (a team or a person); the audit report groups scores by it.",
    ),
    (
        "exception",
        "paths",
        Ty::Globs,
        "Globs, relative to this file.",
    ),
    ("exception", "skip", Ty::RuleIds, "Rules skipped there."),
];

fn rule_ids() -> Vec<&'static str> {
    crate::rule_ids::ALL.to_vec()
}

fn ty(t: Ty) -> Value {
    let strings = json!({"type": "array", "items": {"type": "string"}});
    match t {
        Ty::Str => json!({"type": "string"}),
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Strings | Ty::Globs => json!({"anyOf": [{"type": "string"}, strings]}),
        Ty::Number => json!({"type": ["number", "string"]}),
        Ty::Date => json!({"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}),
        Ty::Version => json!({"const": 1}),
        Ty::Object(name) => json!({"$ref": format!("#/definitions/{name}")}),
        Ty::Objects(name) => {
            json!({"type": "array", "items": {"$ref": format!("#/definitions/{name}")}})
        }
        Ty::Competitors => {
            json!({"type": "array", "items": {"anyOf": [{"type": "string"}, {"$ref": "#/definitions/competitor"}]}})
        }
        Ty::Messages => {
            json!({"type": "array", "items": {"anyOf": [{"type": "string"}, {"$ref": "#/definitions/message"}]}})
        }
        Ty::Case => json!({"enum": ["exact", "any"]}),
        Ty::ExactList => {
            json!({"type": "array", "items": {"enum": super::validate::EXACT}})
        }
        Ty::WithdrawnList => {
            json!({"type": "array", "items": {"anyOf": [{"type": "string"}, {"$ref": "#/definitions/withdrawn"}]}})
        }
        Ty::Qualifier => json!({"enum": ["exact", "at_least", "at_most", "approx"]}),
        Ty::Superseded => json!({"type": "array", "items": {"anyOf": [
            {"type": ["number", "string"]},
            {"type": "object", "additionalProperties": false, "required": ["value"], "properties": {
                "value": {"type": ["number", "string"]},
                "until": {"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
            }},
        ]}}),
        Ty::Confidence => json!({"enum": ["high", "medium", "low"]}),
        Ty::Severities => json!({
            "type": "object",
            "propertyNames": {"enum": rule_ids()},
            "additionalProperties": {"enum": ["error", "warning", "info", "off"]},
        }),
        Ty::RuleIds => {
            json!({"anyOf": [{"enum": rule_ids()}, {"type": "array", "items": {"enum": rule_ids()}}]})
        }
        Ty::Requirements => json!({
            "type": "array",
            "items": {"anyOf": [
                {"enum": ["tagline", "one_liner", "value_props", "differentiators"]},
                {"type": "object", "maxProperties": 1, "properties": {
                    "value_props": {"type": "integer", "minimum": 0},
                    "differentiators": {"type": "integer", "minimum": 0},
                }, "additionalProperties": false},
            ]},
        }),
    }
}

fn object(name: &str) -> Value {
    let mut props = Map::new();
    for (_, field, t, doc) in FIELDS.iter().filter(|f| f.0 == name) {
        let mut v = ty(*t);
        v["description"] = json!(doc);
        props.insert((*field).to_owned(), v);
    }
    let required: Vec<&str> = match name {
        "platform" => vec!["company"],
        "company" | "product" | "competitor" | "withdrawn" => vec!["name"],
        "message" | "claim" => vec!["statement"],
        "boilerplate" => vec!["text"],
        "term" => vec!["use"],
        "asset" => vec!["type"],
        _ => vec![],
    };
    json!({"type": "object", "properties": props, "required": required, "additionalProperties": false})
}

/// The schema document, pretty-printed as committed.
pub fn generate() -> String {
    let mut definitions = Map::new();
    for (name, _) in OBJECTS.iter().filter(|(n, _)| *n != "platform") {
        definitions.insert((*name).to_owned(), object(name));
    }
    let mut root = object("platform");
    root["$schema"] = json!("http://json-schema.org/draft-07/schema#");
    root["$id"] = json!("https://msglint.dev/schema/msglint.schema.json");
    root["title"] = json!("msglint message platform (msglint.yaml)");
    root["definitions"] = Value::Object(definitions);
    serde_json::to_string_pretty(&root).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_covers_every_field_the_validator_accepts() {
        for (name, fields) in OBJECTS {
            let described: Vec<&str> = FIELDS
                .iter()
                .filter(|f| f.0 == *name)
                .map(|f| f.1)
                .collect();
            assert_eq!(
                &described, fields,
                "schema fields of `{name}` differ from the validator's"
            );
        }
    }

    #[test]
    fn committed_schema_is_up_to_date() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/msglint.schema.json");
        let generated = generate();
        if std::env::var_os("MSGLINT_UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, &generated).expect("write schema");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "schema/msglint.schema.json is stale: run `MSGLINT_UPDATE_SCHEMA=1 cargo test committed_schema` and commit it"
        );
    }
}
