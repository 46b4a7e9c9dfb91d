//! The binary: arguments → `commands::run` → exit code. Nothing else.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = <msglint::cli::Cli as clap::Parser>::parse();
    std::process::exit(msglint::commands::run(cli));
}
