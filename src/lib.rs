//! msglint: a messaging consistency linter.
pub mod diagnostic;
pub mod document;
pub mod extract;
pub mod normalize;
pub mod platform;
pub mod rules;
pub mod app;
pub mod check;
pub mod cli;
pub mod discover;
pub mod report;
pub mod suppress;
