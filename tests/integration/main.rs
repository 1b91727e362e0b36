//! The integration tests, one binary: each module tests one part of morgue, almost all of
//! them through the real `morgue` binary in a clean environment (the [`harness`]); `props`
//! calls the library directly. `cargo test --test integration MODULE::` runs one module.
//! Fixture files live in `tests/integration/fixtures/`.
//!
//! New tests go into a module here rather than a new file under `tests/`: cargo builds each
//! such file as a binary of its own, linked against the whole library again.

mod harness;

mod archive;
mod cli;
mod copies;
mod credits;
mod entities;
mod eval_dates;
mod eval_facets;
mod exit_codes;
mod formats;
mod lines;
mod other_names;
mod props;
mod query;
mod quotes;
mod ranking;
mod robustness;
mod words;
