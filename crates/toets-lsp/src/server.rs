//! The server loop: the `initialize` handshake, then every request and
//! notification in order until `shutdown` and `exit`. A request with
//! parameters that do not fit gets an error response; a position out of
//! range or an unknown document gets an empty result.

use std::path::PathBuf;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeLensOptions, CompletionOptions, CompletionResponse, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentSymbolResponse,
    ExecuteCommandOptions, ExecuteCommandParams, GotoDefinitionResponse, InitializeParams, OneOf,
    PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities,
    TextDocumentContentChangeEvent, TextDocumentPositionParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, Uri, WorkspaceSymbolResponse,
};
use serde::de::DeserializeOwned;

use crate::convert::{LineIndex, uri_to_path};
use crate::workspace::{File, FileSet, SetKey, Workspace};
use crate::{Io, LspError, completion, diagnostics, format, hover, lens, navigate, symbols};

/// Runs the server on standard input and output until the editor ends it.
///
/// # Errors
/// When the connection breaks or standard input or output fails.
pub fn run_stdio() -> Result<(), LspError> {
    let (connection, io) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    io.join().map_err(|source| LspError::Io(Io { source }))
}

/// Runs the server on a connection (standard input and output, or an
/// in-memory one in tests) until the editor sends `shutdown` and `exit`.
///
/// # Errors
/// When the connection breaks before that.
pub fn serve(connection: &Connection) -> Result<(), LspError> {
    let (id, params) = connection.initialize_start().map_err(LspError::protocol)?;
    let roots = serde_json::from_value::<InitializeParams>(params)
        .map(|p| roots(&p))
        .unwrap_or_default();
    let init = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "toets", "version": env!("CARGO_PKG_VERSION") },
    });
    connection
        .initialize_finish(id, init)
        .map_err(LspError::protocol)?;
    let mut server = Server {
        ws: Workspace::new(&roots),
        sender: connection.sender.clone(),
    };
    for message in &connection.receiver {
        match message {
            Message::Request(req) => {
                if connection
                    .handle_shutdown(&req)
                    .map_err(LspError::protocol)?
                {
                    return Ok(());
                }
                let response = server.request(req);
                server.send(Message::Response(response))?;
            }
            Message::Notification(n) if n.method == "exit" => return Ok(()),
            Message::Notification(n) => server.notification(n)?,
            Message::Response(_) => {}
        }
    }
    Ok(())
}

/// The workspace folders of the editor, or its root.
fn roots(params: &InitializeParams) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| uri_to_path(&f.uri))
        .collect();
    if !folders.is_empty() {
        return folders;
    }
    #[expect(deprecated, reason = "older editors give only the root URI")]
    let root = params.root_uri.as_ref();
    root.and_then(uri_to_path).into_iter().collect()
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".to_owned(), "{".to_owned()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![
                lens::RUN_TEST.to_owned(),
                lens::RUN_NORM_TESTS.to_owned(),
                crate::quality::RULE_QUALITY.to_owned(),
            ],
            ..ExecuteCommandOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

struct Server {
    ws: Workspace,
    sender: crossbeam_channel::Sender<Message>,
}

/// A request's parameters, or the error response that they do not fit.
fn params<P: DeserializeOwned>(req: &Request) -> Result<P, Response> {
    serde_json::from_value(req.params.clone()).map_err(|e| {
        Response::new_err(
            req.id.clone(),
            ErrorCode::InvalidParams as i32,
            format!("invalid parameters for `{}`: {e}", req.method),
        )
    })
}

fn ok(req: &Request, value: impl serde::Serialize) -> Response {
    Response::new_ok(req.id.clone(), value)
}

fn failed(req: &Request, message: impl ToString) -> Response {
    Response::new_err(
        req.id.clone(),
        ErrorCode::RequestFailed as i32,
        message.to_string(),
    )
}

impl Server {
    fn send(&self, message: Message) -> Result<(), LspError> {
        self.sender.send(message).map_err(LspError::protocol)
    }

    /// The set, file and byte offset of a position; `None` for an unknown
    /// document or a position past its end.
    fn at(&self, p: &TextDocumentPositionParams) -> Option<(&FileSet, &File, usize)> {
        let (set, file) = self.ws.find(&p.text_document.uri)?;
        let offset = file.index.offset(p.position)?;
        Some((set, file, offset))
    }

    fn request(&mut self, req: Request) -> Response {
        match self.answer(&req) {
            Ok(response) | Err(response) => response,
        }
    }

    fn answer(&mut self, req: &Request) -> Result<Response, Response> {
        Ok(match req.method.as_str() {
            "textDocument/hover" => {
                let p: lsp_types::HoverParams = params(req)?;
                let found = self.at(&p.text_document_position_params);
                ok(req, found.and_then(|(s, f, o)| hover::hover(s, f, o)))
            }
            "textDocument/definition" => {
                let p: lsp_types::GotoDefinitionParams = params(req)?;
                let found = self.at(&p.text_document_position_params);
                let location = found.and_then(|(s, f, o)| navigate::definition(s, f, o));
                ok(req, location.map(GotoDefinitionResponse::Scalar))
            }
            "textDocument/references" => {
                let p: lsp_types::ReferenceParams = params(req)?;
                let found = self.at(&p.text_document_position);
                let include = p.context.include_declaration;
                ok(
                    req,
                    found.map(|(s, f, o)| navigate::references(s, f, o, include)),
                )
            }
            "textDocument/completion" => {
                let p: lsp_types::CompletionParams = params(req)?;
                let found = self.at(&p.text_document_position);
                let items = found.map(|(s, f, o)| completion::complete(s, f, o));
                ok(req, items.map(CompletionResponse::Array))
            }
            "textDocument/documentSymbol" => {
                let p: lsp_types::DocumentSymbolParams = params(req)?;
                let found = self.ws.find(&p.text_document.uri);
                let list = found.map(|(_, f)| symbols::document(f));
                ok(req, list.map(DocumentSymbolResponse::Nested))
            }
            "workspace/symbol" => {
                let p: lsp_types::WorkspaceSymbolParams = params(req)?;
                let list = symbols::workspace(&self.ws, &p.query);
                ok(req, WorkspaceSymbolResponse::Nested(list))
            }
            "textDocument/formatting" => {
                let p: lsp_types::DocumentFormattingParams = params(req)?;
                match self.ws.find(&p.text_document.uri) {
                    Some((_, file)) => match format::format(file) {
                        Ok(edits) => ok(req, edits),
                        Err(e) => failed(req, e),
                    },
                    None => ok(req, serde_json::Value::Null),
                }
            }
            "textDocument/rename" => {
                let p: lsp_types::RenameParams = params(req)?;
                let Some((set, file, offset)) = self.at(&p.text_document_position) else {
                    return Ok(failed(req, navigate::RenameError::Nothing));
                };
                match navigate::rename(set, file, offset, &p.new_name) {
                    Ok(edit) => ok(req, edit),
                    Err(e) => failed(req, e),
                }
            }
            "textDocument/codeLens" => {
                let p: lsp_types::CodeLensParams = params(req)?;
                let found = self.ws.find(&p.text_document.uri);
                ok(req, found.map(|(s, f)| lens::lenses(s, f)))
            }
            "workspace/executeCommand" => {
                let p: ExecuteCommandParams = params(req)?;
                self.execute(req, &p)?
            }
            _ => Response::new_err(
                req.id.clone(),
                ErrorCode::MethodNotFound as i32,
                format!("toets lsp does not handle `{}`", req.method),
            ),
        })
    }

    /// Runs a test block or a norm's tests and publishes the failures.
    fn execute(&mut self, req: &Request, p: &ExecuteCommandParams) -> Result<Response, Response> {
        let text = |i: usize| p.arguments.get(i).and_then(serde_json::Value::as_str);
        let (Some(uri), Some(what)) = (text(0).and_then(|u| u.parse::<Uri>().ok()), text(1)) else {
            return Err(failed(
                req,
                format!("`{}` takes a document URI and a name", p.command),
            ));
        };
        if p.command == crate::quality::RULE_QUALITY {
            let Some((key, name)) = self.ws.by_uri.get(&uri).cloned() else {
                return Err(failed(req, "that document is not open"));
            };
            let Some(set) = self.ws.sets.get_mut(&key) else {
                return Err(failed(req, "that document is not open"));
            };
            let _ = what;
            let today = jiff::ZonedDateTime::now().date();
            let summary = crate::quality::run(set, &name, today).map_err(|e| failed(req, e))?;
            self.publish(&key).map_err(|e| failed(req, e))?;
            return Ok(ok(req, summary));
        }
        if p.command != lens::RUN_TEST && p.command != lens::RUN_NORM_TESTS {
            return Err(failed(req, format!("unknown command `{}`", p.command)));
        }
        let Some((key, name)) = self.ws.by_uri.get(&uri).cloned() else {
            return Err(failed(req, "that document is not open"));
        };
        let Some(set) = self.ws.sets.get_mut(&key) else {
            return Err(failed(req, "that document is not open"));
        };
        let today = jiff::ZonedDateTime::now().date();
        let summary = lens::run(set, &name, &p.command, what, today).map_err(|e| failed(req, e))?;
        self.publish(&key).map_err(|e| failed(req, e))?;
        Ok(ok(req, summary))
    }

    fn notification(&mut self, n: Notification) -> Result<(), LspError> {
        let key = match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else {
                    return Ok(());
                };
                Some(self.ws.open(p.text_document.uri, p.text_document.text))
            }
            "textDocument/didChange" => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else {
                    return Ok(());
                };
                self.ws
                    .change(&p.text_document.uri, |file| apply(file, p.content_changes))
            }
            "textDocument/didClose" => {
                let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) else {
                    return Ok(());
                };
                let uri = p.text_document.uri;
                let key = self.ws.close(&uri);
                if self.ws.find(&uri).is_none() {
                    self.send_diagnostics(uri, Vec::new())?;
                }
                key
            }
            _ => None,
        };
        match key {
            Some(key) => self.publish(&key),
            None => Ok(()),
        }
    }

    fn send_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
    ) -> Result<(), LspError> {
        let params = PublishDiagnosticsParams::new(uri, diagnostics, None);
        self.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".to_owned(),
            params,
        )))
    }

    /// Publishes the diagnostics of every file of a set.
    fn publish(&self, key: &SetKey) -> Result<(), LspError> {
        let Some(set) = self.ws.sets.get(key) else {
            return Ok(());
        };
        for (uri, list) in diagnostics::of_set(set) {
            self.send_diagnostics(uri, list)?;
        }
        Ok(())
    }
}

/// The text after the editor's changes, in order; a change without a range
/// replaces the whole text.
pub(crate) fn apply(file: &File, changes: Vec<TextDocumentContentChangeEvent>) -> String {
    let mut text = file.source.text().to_owned();
    for change in changes {
        match change.range {
            None => text = change.text,
            Some(range) => {
                let index = LineIndex::new(&toets_syntax::SourceFile::new("", text.as_str()));
                let start = index.offset_clamped(range.start);
                let end = index.offset_clamped(range.end).max(start);
                if text.is_char_boundary(start) && text.is_char_boundary(end) {
                    text.replace_range(start..end, &change.text);
                }
            }
        }
    }
    text
}
