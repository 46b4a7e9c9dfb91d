//! `msglint serve`: the rep's page (`serve::run`); exit 2 when it cannot start.

pub(super) fn run(args: &crate::cli::ServeArgs) -> i32 {
    super::done(crate::serve::run(args))
}
