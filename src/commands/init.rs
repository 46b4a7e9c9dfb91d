//! `msglint init`: the starter platform, or a draft from a library (`init::run`).

pub(super) fn run(args: &crate::cli::InitArgs) -> i32 {
    super::done(crate::init::run(args))
}
