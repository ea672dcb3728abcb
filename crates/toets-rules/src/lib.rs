//! The built-in rule files of toets, embedded at compile time so the CLI and
//! the browser work with no other files. The texts are the `rules/*.toets`
//! files in the repository; `build.rs` lists them.

/// The built-in rule files as `(file name, text)`, in name order.
pub const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
