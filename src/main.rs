//! The binary: arguments → `app::run` → exit code. Nothing else.

fn main() {
    let cli = <msglint::cli::Cli as clap::Parser>::parse();
    std::process::exit(msglint::app::run(cli));
}
