//! Errors in rule sets: syntax errors from `toets-syntax` and the checker's
//! own. Each kind is a small struct with the source and a labelled span; the
//! enum [`RuleError`] gathers them. Messages are lowercase with user input in
//! backticks; the help says what to do.

use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;
use toets_syntax::SyntaxError;

type Src = NamedSource<Arc<str>>;

/// Something wrong in a rule set.
#[derive(Debug, Error, Diagnostic)]
pub enum RuleError {
    /// Not valid syntax.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(#[from] SyntaxError),
    /// A name that is not declared.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Undefined(Undefined),
    /// A name declared twice.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Duplicate(Duplicate),
    /// Types that do not fit.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Type(TypeMismatch),
    /// A required part is missing or given twice.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Structure(Structure),
    /// A date that does not exist.
    #[error(transparent)]
    #[diagnostic(transparent)]
    BadDate(BadDate),
    /// Norms or concepts that depend on themselves.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Cycle(Cycle),
    /// Rule files that declare no norm.
    #[error(transparent)]
    #[diagnostic(transparent)]
    NoNorms(NoNorms),
    /// A rule set without rules.
    #[error("the rule set is empty: no rule files were given")]
    #[diagnostic(
        code(toets::check::empty),
        help(
            "pass a directory with `.toets` files, or leave out `--rules` to use the built-in rules"
        )
    )]
    Empty,
}

/// A name that is not declared.
#[derive(Debug, Error, Diagnostic)]
#[error("{what} `{name}` is not declared")]
#[diagnostic(code(toets::check::undefined))]
pub struct Undefined {
    #[source_code]
    pub(crate) src: Src,
    #[label("not declared")]
    pub(crate) span: SourceSpan,
    pub(crate) what: &'static str,
    pub(crate) name: String,
    #[help]
    pub(crate) help: Option<String>,
}

/// A name declared twice.
#[derive(Debug, Error, Diagnostic)]
#[error("{what} `{name}` is declared twice")]
#[diagnostic(code(toets::check::duplicate))]
pub struct Duplicate {
    #[source_code]
    pub(crate) src: Src,
    #[label("second declaration")]
    pub(crate) span: SourceSpan,
    pub(crate) what: &'static str,
    pub(crate) name: String,
    #[help]
    pub(crate) help: String,
}

/// Types that do not fit.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(toets::check::type_mismatch))]
pub struct TypeMismatch {
    #[source_code]
    pub(crate) src: Src,
    #[label("{label}")]
    pub(crate) span: SourceSpan,
    pub(crate) message: String,
    pub(crate) label: String,
    #[help]
    pub(crate) help: Option<String>,
}

/// A required part is missing, or a part is given twice.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(toets::check::structure))]
pub struct Structure {
    #[source_code]
    pub(crate) src: Src,
    #[label("{label}")]
    pub(crate) span: SourceSpan,
    pub(crate) message: String,
    pub(crate) label: String,
    #[help]
    pub(crate) help: String,
}

/// A date that does not exist.
#[derive(Debug, Error, Diagnostic)]
#[error("`{text}` is not a valid date")]
#[diagnostic(
    code(toets::check::date),
    help("write dates as YYYY-MM-DD with a real month and day, e.g. `2027-12-02`")
)]
pub struct BadDate {
    #[source_code]
    pub(crate) src: Src,
    #[label("{reason}")]
    pub(crate) span: SourceSpan,
    pub(crate) text: String,
    pub(crate) reason: String,
}

/// A dependency cycle.
#[derive(Debug, Error, Diagnostic)]
#[error("dependency cycle: {path} (each depends on the next)")]
#[diagnostic(
    code(toets::check::cycle),
    help("a norm or concept cannot depend on itself, directly or through others; break the chain")
)]
pub struct Cycle {
    #[source_code]
    pub(crate) src: Src,
    #[label("`{name}` is part of the cycle")]
    pub(crate) span: SourceSpan,
    pub(crate) name: String,
    pub(crate) path: String,
}

/// Rule files that declare no norm at all.
#[derive(Debug, Error, Diagnostic)]
#[error("the rule set declares no norms (files: {files})")]
#[diagnostic(
    code(toets::check::no_norms),
    help(
        "a rule set needs at least one `norm`; check that the right files or directory were given"
    )
)]
pub struct NoNorms {
    pub(crate) files: String,
}

/// All errors of one compilation, in file order.
#[derive(Debug, Error)]
#[error("{} error{} in the rule set", .0.len(), if .0.len() == 1 { "" } else { "s" })]
pub struct RuleErrors(pub Vec<RuleError>);

impl Diagnostic for RuleErrors {
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.0.iter().map(|e| e as &dyn Diagnostic)))
    }
}
