//! The platform loader: parse and validate platform text; invalid text is rendered as the
//! user would see it (positions into the source), valid text builds the check engine and
//! checks a small document and the platform text itself. Must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use msglint::check::Engine;
use msglint::document::Kind;
use msglint::extract::extract_bytes;
use msglint::platform::{Loaded, parse_str};
use std::path::{Path, PathBuf};

const SAMPLE: &[u8] = b"# Lumora launch\n\nLumora is the best, fastest platform. Acme Cloud \
integrates in 5 minutes and cuts costs by 40%.\n\n- World-class security\n- Trusted by 10,000 teams\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_str(text) {
        Err(errors) => {
            let _ = msglint::engine::render_platform_errors("msglint.yaml", text, &errors, false);
        }
        Ok(platform) => {
            let engine = Engine::new(Loaded {
                platform,
                path: PathBuf::from("msglint.yaml"),
                root: PathBuf::from("."),
            });
            // The platform's own text mentions its own terms, so it exercises the matchers.
            for body in [SAMPLE, data] {
                if let Ok(doc) = extract_bytes(Kind::Markdown, body, "sample.md".into()) {
                    let _ = engine.check(&doc, Path::new("sample.md"));
                }
            }
        }
    }
});
