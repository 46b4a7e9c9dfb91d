//! `msglint audit`: the library report (`audit::run`); exit 0 when it is written.

pub(super) fn run(args: &crate::cli::AuditArgs) -> i32 {
    super::done(crate::audit::run(args))
}
