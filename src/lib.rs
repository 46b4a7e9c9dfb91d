//! msglint: a messaging consistency linter.
pub mod audit;
pub mod budget;
pub mod check;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod engine;
pub mod extract;
pub mod fix;
pub mod init;
#[cfg(test)]
mod layers;
pub mod lsp;
pub mod normalize;
pub mod numbers;
pub mod platform;
pub mod progress;
pub mod report;
pub mod rule_ids;
pub mod rules;
#[cfg(feature = "serve")]
pub mod serve;
pub mod suppress;
#[cfg(test)]
mod testing;
pub mod vale;
