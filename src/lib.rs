//! msglint: a messaging consistency linter.
pub mod app;
pub mod audit;
pub mod budget;
pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod extract;
pub mod fix;
pub mod fix_file;
pub mod init;
pub mod normalize;
pub mod numbers;
pub mod platform;
pub mod progress;
pub mod report;
pub mod rules;
#[cfg(feature = "serve")]
pub mod serve;
pub mod suppress;
#[cfg(test)]
mod testing;
pub mod vale;
