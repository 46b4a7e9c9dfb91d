//! `msglint fix INPUT -o OUTPUT`: exit 0 when the copy was written (or, with `--dry-run`,
//! shown), 2 when the input cannot be read or the output cannot be written
//! (`fix::file::run`).

pub(super) fn run(args: &crate::cli::FixArgs) -> i32 {
    super::done(crate::fix::file::run(args))
}
