//! Syntax errors. Each is a small struct with its source and span; the enum
//! [`SyntaxError`] gathers them. Messages are lowercase and put user input in
//! backticks.

use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

/// Something in a rule file that is not valid toets syntax.
#[derive(Debug, Error, Diagnostic)]
pub enum SyntaxError {
    /// The text does not follow the grammar.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Unexpected(Unexpected),
    /// The file is larger than the limit.
    #[error(transparent)]
    #[diagnostic(transparent)]
    TooLarge(TooLarge),
    /// Brackets or `not`s nest deeper than the limit.
    #[error(transparent)]
    #[diagnostic(transparent)]
    TooDeep(TooDeep),
    /// An identifier or path is longer than the limit.
    #[error(transparent)]
    #[diagnostic(transparent)]
    TooLong(TooLong),
    /// The file holds NUL bytes: it is not a text file.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Binary(Binary),
    /// A number literal that does not fit.
    #[error(transparent)]
    #[diagnostic(transparent)]
    BadNumber(BadNumber),
}

/// The parser expected something else at this point.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(toets::syntax))]
pub struct Unexpected {
    #[source_code]
    pub(crate) src: NamedSource<Arc<str>>,
    #[label("{label}")]
    pub(crate) span: SourceSpan,
    pub(crate) message: String,
    pub(crate) label: String,
    #[help]
    pub(crate) help: Option<String>,
}

/// The file is too large.
#[derive(Debug, Error, Diagnostic)]
#[error("rule file is {size} bytes, more than the limit of {limit}")]
#[diagnostic(
    code(toets::limit::file_size),
    help("split the rules over several files; each file is checked on its own")
)]
pub struct TooLarge {
    #[source_code]
    pub(crate) src: NamedSource<Arc<str>>,
    #[label("file starts here")]
    pub(crate) span: SourceSpan,
    pub(crate) size: usize,
    pub(crate) limit: usize,
}

/// Nesting deeper than the limit.
#[derive(Debug, Error, Diagnostic)]
#[error("nesting is deeper than the limit of {limit} levels")]
#[diagnostic(
    code(toets::limit::nesting),
    help("name a part of the condition as a `concept` and refer to it by name")
)]
pub struct TooDeep {
    #[source_code]
    pub(crate) src: NamedSource<Arc<str>>,
    #[label("one level too many")]
    pub(crate) span: SourceSpan,
    pub(crate) limit: usize,
}

/// An identifier longer than the limit.
#[derive(Debug, Error, Diagnostic)]
#[error("name is {len} bytes long, more than the limit of {limit}")]
#[diagnostic(code(toets::limit::name_length), help("choose a shorter name"))]
pub struct TooLong {
    #[source_code]
    pub(crate) src: NamedSource<Arc<str>>,
    #[label("this name")]
    pub(crate) span: SourceSpan,
    pub(crate) len: usize,
    pub(crate) limit: usize,
}

/// NUL bytes in the text.
#[derive(Debug, Error, Diagnostic)]
#[error("rule file contains a NUL byte: it looks like a binary file, not rule text")]
#[diagnostic(
    code(toets::syntax::binary),
    help("rule files are UTF-8 text with the extension `.toets`")
)]
pub struct Binary {
    #[source_code]
    pub(crate) src: NamedSource<Arc<str>>,
    #[label("first NUL byte")]
    pub(crate) span: SourceSpan,
}

/// A number that is not finite.
#[derive(Debug, Error, Diagnostic)]
#[error("number `{text}` is out of range")]
#[diagnostic(
    code(toets::syntax::number),
    help("write a plain decimal number of at most 24 characters")
)]
pub struct BadNumber {
    #[source_code]
    pub(crate) src: NamedSource<Arc<str>>,
    #[label("this number")]
    pub(crate) span: SourceSpan,
    pub(crate) text: String,
}
