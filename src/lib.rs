//! msglint: a messaging consistency linter.
pub mod app;
pub mod budget;
pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod extract;
pub mod fix;
pub mod normalize;
pub mod numbers;
pub mod platform;
pub mod report;
pub mod rules;
pub mod suppress;
pub mod vale;
