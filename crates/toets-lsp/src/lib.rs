//! The toets language server: rule files in an editor, over the Language
//! Server Protocol (`toets lsp` runs it on standard input and output).
//!
//! It keeps the open documents and the other rule files of their folder
//! (or, without a workspace folder that holds rule files, the built-in
//! rules) and re-checks a rule set whenever one of its files changes,
//! parsing only that file again. It offers the parser's and checker's
//! diagnostics, hover, go to definition, find references, completion,
//! document and workspace symbols, formatting, rename, code lenses that run
//! `test` blocks, and a command that mutation-tests a file and shows its
//! surviving mutants and unreached clauses as hints. See `docs/editor-lsp.md`.
//!
//! ```no_run
//! # fn main() -> Result<(), toets_lsp::LspError> {
//! toets_lsp::run_stdio()
//! # }
//! ```

mod completion;
mod convert;
mod diagnostics;
mod format;
mod hover;
mod lens;
mod navigate;
mod quality;
mod server;
mod symbols;
mod workspace;

pub use server::{run_stdio, serve};

/// Why the server stopped other than by the editor's `shutdown` and `exit`.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    /// The connection broke or the editor broke the protocol.
    #[error(transparent)]
    Protocol(Protocol),
    /// Standard input or output failed.
    #[error(transparent)]
    Io(Io),
}

/// The connection broke or the editor broke the protocol.
#[derive(Debug, thiserror::Error)]
#[error("the connection to the editor failed: {message}")]
pub struct Protocol {
    message: String,
}

/// Standard input or output failed.
#[derive(Debug, thiserror::Error)]
#[error("reading or writing standard input or output failed: {source}")]
pub struct Io {
    #[source]
    source: std::io::Error,
}

impl LspError {
    pub(crate) fn protocol(message: impl ToString) -> LspError {
        LspError::Protocol(Protocol {
            message: message.to_string(),
        })
    }
}
