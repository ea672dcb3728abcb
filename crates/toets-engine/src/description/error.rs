//! Errors in system descriptions. Each points at the line and column of the
//! offending key or value and says what was expected.

use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

type Src = NamedSource<Arc<str>>;

/// Something wrong in a system description.
#[derive(Debug, Error, Diagnostic)]
pub enum DescriptionError {
    /// Not valid YAML or JSON.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(Syntax),
    /// A key that is not a declared fact (or section).
    #[error(transparent)]
    #[diagnostic(transparent)]
    UnknownKey(UnknownKey),
    /// A value of the wrong type.
    #[error(transparent)]
    #[diagnostic(transparent)]
    WrongType(WrongType),
    /// Past a limit, or a YAML feature toets does not accept.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Limit(Limit),
}

/// Not valid YAML or JSON.
#[derive(Debug, Error, Diagnostic)]
#[error("the description is not valid YAML or JSON: {message}")]
#[diagnostic(
    code(toets::description::syntax),
    help("check the indentation and the quotes around this point; JSON is accepted too")
)]
pub struct Syntax {
    #[source_code]
    pub(crate) src: Src,
    #[label("here")]
    pub(crate) span: SourceSpan,
    pub(crate) message: String,
}

/// A key that is not a declared fact.
#[derive(Debug, Error, Diagnostic)]
#[error("unknown key `{key}` in `{section}`")]
#[diagnostic(code(toets::description::unknown_key))]
pub struct UnknownKey {
    #[source_code]
    pub(crate) src: Src,
    #[label("not a declared {what}")]
    pub(crate) span: SourceSpan,
    pub(crate) key: String,
    pub(crate) section: String,
    pub(crate) what: &'static str,
    #[help]
    pub(crate) help: String,
}

/// A value of the wrong type.
#[derive(Debug, Error, Diagnostic)]
#[error("`{path}` must be {expected}, found {found}")]
#[diagnostic(code(toets::description::wrong_type))]
pub struct WrongType {
    #[source_code]
    pub(crate) src: Src,
    #[label("{label}")]
    pub(crate) span: SourceSpan,
    pub(crate) path: String,
    pub(crate) expected: String,
    pub(crate) found: String,
    pub(crate) label: String,
    #[help]
    pub(crate) help: Option<String>,
}

/// Past a limit or an unsupported feature.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(toets::description::limit))]
pub struct Limit {
    #[source_code]
    pub(crate) src: Src,
    #[label("here")]
    pub(crate) span: SourceSpan,
    pub(crate) message: String,
    #[help]
    pub(crate) help: String,
}

/// All errors found in one description.
#[derive(Debug, Error)]
#[error("{} error{} in the description", .0.len(), if .0.len() == 1 { "" } else { "s" })]
pub struct DescriptionErrors(pub Vec<DescriptionError>);

impl Diagnostic for DescriptionErrors {
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.0.iter().map(|e| e as &dyn Diagnostic)))
    }
}
