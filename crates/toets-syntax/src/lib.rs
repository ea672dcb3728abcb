//! The toets rule language: grammar, parser and syntax tree.
//!
//! Text goes in, a syntax tree ([`ast::File`]) comes out, or a list of
//! [`SyntaxError`]s that point at file, line and column. This crate knows
//! nothing about what rules mean; name resolution and type checking live in
//! `toets-engine`.
//!
//! ```
//! use toets_syntax::{parse, SourceFile};
//!
//! let source = SourceFile::new("demo.toets", "fact large_scale: bool");
//! let items = parse(&source).map(|file| file.items.len());
//! assert_eq!(items.ok(), Some(1));
//!
//! let broken = SourceFile::new("demo.toets", "fact Large: bool");
//! let errors = parse(&broken).err().unwrap_or_default();
//! assert!(errors[0].to_string().contains("expected a name"));
//! ```

pub mod ast;
mod error;
pub mod format;
mod limits;
mod lower;
mod source;

pub use error::SyntaxError;
pub use format::{FormatError, format, format_source};
pub use limits::Limits;
pub use source::{SourceFile, Span};

/// Parses one rule file into its syntax tree, with the default [`Limits`].
///
/// # Errors
/// Returns every syntax error found: pest stops at the first one, the limit
/// checks and the lowering of the tree can add more.
pub fn parse(source: &SourceFile) -> Result<ast::File, Vec<SyntaxError>> {
    parse_with_limits(source, &Limits::default())
}

/// Parses one rule file into its syntax tree with explicit [`Limits`].
///
/// # Errors
/// See [`parse`].
pub fn parse_with_limits(
    source: &SourceFile,
    limits: &Limits,
) -> Result<ast::File, Vec<SyntaxError>> {
    limits.check(source)?;
    lower::parse_file(source, limits)
}
