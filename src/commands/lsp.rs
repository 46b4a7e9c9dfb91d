//! `msglint lsp`: the language server on stdin/stdout (`lsp::run`); exit 0 after the
//! client's `shutdown` and `exit`, 1 when it exits without `shutdown`, 2 when the
//! connection fails.

pub(super) fn run(args: &crate::cli::LspArgs) -> i32 {
    match crate::lsp::run(args.platform.as_deref()) {
        Ok(crate::lsp::Ended::Clean) => super::EXIT_OK,
        // As the protocol asks: 1 when the client exits without `shutdown` first.
        Ok(crate::lsp::Ended::WithoutShutdown) => 1,
        Err(f) => super::report(f),
    }
}
