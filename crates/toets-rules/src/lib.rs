//! The built-in rule files of toets, embedded at compile time so the CLI and
//! the browser work with no other files. The texts are the `rules/*.toets`
//! files in the repository; `build.rs` lists them.

/// The built-in rule files as `(file name, text)`, in name order.
pub const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// The built-in rule files compiled (see `toets_engine::RuleSet::from_artefact`),
/// or empty if they did not compile when toets was built.
pub const COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.rules"));
