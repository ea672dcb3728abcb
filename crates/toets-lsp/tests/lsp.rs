//! The server driven in-process over `Connection::memory()` with JSON-RPC
//! messages, through one `check` helper: a folder holds `prelude.toets` on
//! disk, the editor opens `doc.toets` beside it (`$0` marks the cursor), and
//! the steps' responses and published diagnostics are pinned with insta.

use std::time::Duration;

use insta::assert_json_snapshot;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

const PRELUDE: &str = r#"law avg "Algemene verordening gegevensbescherming" / "General Data Protection Regulation" {
  abbrev "AVG" / "GDPR"
  cite "Verordening (EU) 2016/679"
}
/// Whether the DPIA was done.
fact dpia: bool ask nl "Is er een DPIA?" en "Was a DPIA performed?" help nl "Zie art. 35." en "See Art. 35."
fact role: one of { provider "Aanbieder" / "Provider", deployer "Gebruiksverantwoordelijke" / "Deployer" } ask nl "Rol?" en "Role?"
fact purpose: set of { fraud, research } ask nl "Doel?" en "Purpose?"
concept risky "Risicovol" / "Risky" = role == deployer and purpose contains fraud cites avg art 35(3)(a)
"#;

const DOC: &str = r#"norm avg.dpia "DPIA" / "DPIA" cites avg art 35(1) applies when risky requires dpia
test "dpia needed" { given { role = deployer purpose = [fraud] dpia = false } expect avg.dpia violated }
"#;

/// One thing the editor does.
enum Step<'a> {
    /// A request about the cursor's position (hover, definition, references, completion).
    At(&'a str),
    /// A request about the whole document (documentSymbol, formatting, codeLens).
    Doc(&'a str),
    /// `workspace/symbol` with this query.
    Symbols(&'a str),
    /// `textDocument/rename` at the cursor.
    Rename(&'a str),
    /// `workspace/executeCommand` with the document and this argument.
    Run(&'a str, &'a str),
    /// Replace the first `from` in the document with `to`, as an incremental change;
    /// the cursor moves to the end of `to` if it holds `$0`.
    Change(&'a str, &'a str),
    /// Any request, as given.
    Raw(&'a str, Value),
}

struct Client {
    conn: Connection,
    next: i32,
    root: String,
    text: String,
    cursor: Value,
}

impl Client {
    fn doc(&self) -> String {
        format!("{}/doc.toets", self.root)
    }

    fn notify(&self, method: &str, params: Value) {
        let sent = self
            .conn
            .sender
            .send(Message::Notification(Notification::new(
                method.to_owned(),
                params,
            )));
        assert!(sent.is_ok(), "the server hung up");
    }

    /// Sends a request and returns what the server sent until its response:
    /// the diagnostics it published, then the response.
    fn request(&mut self, method: &str, params: Value) -> Vec<Value> {
        self.next += 1;
        let id = RequestId::from(self.next);
        let req = Request::new(id.clone(), method.to_owned(), params);
        assert!(
            self.conn.sender.send(Message::Request(req)).is_ok(),
            "the server hung up"
        );
        let mut out = Vec::new();
        loop {
            match self.conn.receiver.recv_timeout(Duration::from_secs(30)) {
                Ok(Message::Notification(n)) => out.push(json!({ "published": n.params })),
                Ok(Message::Response(r)) if r.id == id => {
                    out.push(match (r.result, r.error) {
                        (_, Some(e)) => json!({ "error": e.message }),
                        (result, None) => json!({ "result": result }),
                    });
                    return out;
                }
                other => {
                    out.push(json!({ "unexpected": format!("{other:?}") }));
                    return out;
                }
            }
        }
    }

    /// The diagnostics published after a notification, collected up to an
    /// answer to a request the server does not handle.
    fn settle(&mut self) -> Vec<Value> {
        let mut out = self.request("toets/sync", json!(null));
        out.pop();
        out
    }

    fn position_params(&self) -> Value {
        json!({ "textDocument": { "uri": self.doc() }, "position": self.cursor })
    }

    fn step(&mut self, step: &Step<'_>) -> Vec<Value> {
        let doc = json!({ "uri": self.doc() });
        match step {
            Step::At(method) => {
                let mut params = self.position_params();
                if *method == "textDocument/references" {
                    set(
                        &mut params,
                        "context",
                        json!({ "includeDeclaration": true }),
                    );
                }
                self.request(method, params)
            }
            Step::Doc(method) => {
                let mut params = json!({ "textDocument": doc });
                if *method == "textDocument/formatting" {
                    set(
                        &mut params,
                        "options",
                        json!({ "tabSize": 2, "insertSpaces": true }),
                    );
                }
                self.request(method, params)
            }
            Step::Symbols(query) => self.request("workspace/symbol", json!({ "query": query })),
            Step::Rename(name) => {
                let mut params = self.position_params();
                set(&mut params, "newName", json!(name));
                self.request("textDocument/rename", params)
            }
            Step::Run(command, arg) => self.request(
                "workspace/executeCommand",
                json!({ "command": command, "arguments": [self.doc(), arg] }),
            ),
            Step::Change(from, to) => {
                let Some(start) = self.text.find(from) else {
                    return vec![json!({ "missing": from })];
                };
                let (plain, cursor) = cursor(to);
                let range = json!({ "start": position(&self.text, start),
                                     "end": position(&self.text, start + from.len()) });
                self.text.replace_range(start..start + from.len(), &plain);
                if let Some(c) = cursor {
                    self.cursor = position(&self.text, start + c);
                }
                self.notify(
                    "textDocument/didChange",
                    json!({ "textDocument": { "uri": self.doc(), "version": self.next },
                            "contentChanges": [{ "range": range, "text": plain }] }),
                );
                self.settle()
            }
            Step::Raw(method, params) => {
                let text = params.to_string().replace("file:///ws", &self.root);
                let params = serde_json::from_str(&text).unwrap_or(Value::Null);
                self.request(method, params)
            }
        }
    }
}

fn set(params: &mut Value, key: &str, value: Value) {
    if let Some(map) = params.as_object_mut() {
        map.insert(key.to_owned(), value);
    }
}

fn position(text: &str, offset: usize) -> Value {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count();
    let col = before
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.encode_utf16().count());
    json!({ "line": line, "character": col })
}

/// The text without its `$0` marker, and the marker's offset.
fn cursor(text: &str) -> (String, Option<usize>) {
    let at = text.find("$0");
    (text.replacen("$0", "", 1), at)
}

/// Opens `doc` (with `$0` as the cursor) beside `prelude.toets`, runs the
/// steps, and returns each step's messages, with the folder's path
/// replaced by `/ws`.
fn check(doc: &str, steps: &[Step<'_>]) -> Value {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => unreachable!("no temporary folder: {e}"),
    };
    assert!(std::fs::write(dir.path().join("prelude.toets"), PRELUDE).is_ok());
    let root = format!("file://{}", dir.path().display());
    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || toets_lsp::serve(&server));
    let (text, at) = cursor(doc);
    let mut c = Client {
        conn: client,
        next: 0,
        cursor: position(&text, at.unwrap_or(0)),
        text: text.clone(),
        root: root.clone(),
    };
    let mut transcript = Vec::new();
    let init = c.request(
        "initialize",
        json!({ "capabilities": {}, "workspaceFolders": [{ "uri": root, "name": "ws" }] }),
    );
    assert!(init.last().is_some_and(|r| r.get("result").is_some()));
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": c.doc(), "languageId": "toets", "version": 0, "text": text } }),
    );
    transcript.push(json!({ "open": c.settle() }));
    for step in steps {
        transcript.push(json!(c.step(step)));
    }
    let shutdown = c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
    let stopped = thread.join().map(|r| r.is_ok()).unwrap_or(false);
    assert!(stopped, "the server did not stop cleanly: {shutdown:?}");
    let shown = serde_json::to_string(&transcript).unwrap_or_default();
    let folder = dir.path().display().to_string();
    let shown = shown.replace(&root, "file:///ws").replace(&folder, "/ws");
    let shown = serde_json::from_str(&shown).unwrap_or(Value::Null);
    compact(shown)
}

/// Writes each range as `line:col-line:col`, to keep the snapshots short.
fn compact(value: Value) -> Value {
    let at = |p: &Value| Some(format!("{}:{}", p.get("line")?, p.get("character")?));
    match value {
        Value::Object(map) => {
            if let (2, Some(start), Some(end)) = (
                map.len(),
                map.get("start").and_then(at),
                map.get("end").and_then(at),
            ) {
                return json!(format!("{start}-{end}"));
            }
            Value::Object(map.into_iter().map(|(k, v)| (k, compact(v))).collect())
        }
        Value::Array(list) => Value::Array(list.into_iter().map(compact).collect()),
        other => other,
    }
}

#[test]
fn initialize_announces_the_features() {
    let dir = tempfile::tempdir().ok();
    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || toets_lsp::serve(&server));
    let mut c = Client {
        conn: client,
        next: 0,
        root: dir
            .map(|d| d.path().display().to_string())
            .unwrap_or_default(),
        text: String::new(),
        cursor: Value::Null,
    };
    let init = c.request("initialize", json!({ "capabilities": {} }));
    c.notify("initialized", json!({}));
    let _ = c.request("shutdown", json!(null));
    c.notify("exit", json!(null));
    assert!(thread.join().is_ok());
    assert_json_snapshot!(init);
}

#[test]
fn errors_are_published_and_cleared_by_a_fix() {
    assert_json_snapshot!(check(
        "norm avg.dpia \"DPIA\" / \"DPIA\" cites avg art 35(1) requires dpia and dpai\nfact dpia: bool ask nl \"A?\" en \"A?\"\nnorm avg.broken \"B\" / \"B\" requires (dpia\n",
        &[
            Step::Change("requires (dpia\n", "cites avg art 5 requires dpia\n"),
            Step::Change("dpia and dpai", "dpia"),
            Step::Change("fact dpia: bool ask nl \"A?\" en \"A?\"\n", ""),
        ],
    ));
}

#[test]
fn hover_shows_fact_norm_and_citation() {
    assert_json_snapshot!(check(
        &DOC.replacen("requires dpia", "requires dp$0ia", 1),
        &[
            Step::At("textDocument/hover"),
            Step::Change("avg.dpia \"DPIA\"", "avg.dp$0ia \"DPIA\""),
            Step::At("textDocument/hover"),
            Step::Change("art 35(1)", "art 35$0(1)"),
            Step::At("textDocument/hover"),
        ],
    ));
}

#[test]
fn definition_and_references_cross_files() {
    assert_json_snapshot!(check(
        &DOC.replacen("when risky", "when ri$0sky", 1),
        &[
            Step::At("textDocument/definition"),
            Step::At("textDocument/references"),
            Step::Change("requires dpia", "requires dp$0ia"),
            Step::At("textDocument/references"),
        ],
    ));
}

#[test]
fn completion_of_ids_values_and_keywords() {
    assert_json_snapshot!(check(
        DOC,
        &[
            Step::Change("requires dpia", "requires r$0"),
            Step::At("textDocument/completion"),
            Step::Change("requires r", "requires role in { $0"),
            Step::At("textDocument/completion"),
            Step::Change("role in { ", "purpose contains any { fraud, $0"),
            Step::At("textDocument/completion"),
            Step::Change("any { fraud, ", "any { fraud } and avg.d$0"),
            Step::At("textDocument/completion"),
            Step::Change("and avg.d", "and no$0"),
            Step::At("textDocument/completion"),
        ],
    ));
}

#[test]
fn document_and_workspace_symbols() {
    assert_json_snapshot!(check(
        DOC,
        &[
            Step::Doc("textDocument/documentSymbol"),
            Step::Symbols("ri"),
            Step::Symbols(""),
        ],
    ));
}

#[test]
fn formatting_uses_toets_fmt() {
    assert_json_snapshot!(check(
        "norm   avg.x \"X\" / \"X\"   cites avg art 5 requires dpia   // why\n",
        &[
            Step::Doc("textDocument/formatting"),
            Step::Change("requires dpia", "requires (dpia"),
            Step::Doc("textDocument/formatting"),
        ],
    ));
}

#[test]
fn rename_reaches_every_file_and_the_tests() {
    assert_json_snapshot!(check(
        &DOC.replacen("requires dpia", "requires dp$0ia", 1),
        &[
            Step::Rename("dpia.done"),
            Step::Rename("Not Valid"),
            Step::Change("avg.dpia \"DPIA\"", "avg.dp$0ia \"DPIA\""),
            Step::Rename("avg.dpia_required"),
        ],
    ));
}

#[test]
fn code_lens_runs_tests_and_shows_failures() {
    assert_json_snapshot!(check(
        &format!("{DOC}test \"wrong\" {{ given {{ dpia = true }} expect avg.dpia violated }}\n"),
        &[
            Step::Doc("textDocument/codeLens"),
            Step::Run("toets.runTest", "dpia needed"),
            Step::Run("toets.runTest", "wrong"),
            Step::Run("toets.runNormTests", "avg.dpia"),
            Step::Run("toets.runTest", "no such test"),
            Step::Change(
                "expect avg.dpia violated }\n",
                "expect avg.dpia not_applicable }\n"
            ),
            Step::Run("toets.runNormTests", "avg.dpia"),
        ],
    ));
}

#[test]
fn rule_quality_shows_surviving_mutants_and_unreached_values_as_hints() {
    assert_json_snapshot!(check(
        r#"norm avg.dpia "DPIA" / "DPIA" cites avg art 35(1) applies when role in { provider, deployer } requires dpia
  unless "Onderzoek" / "Research" cites avg art 35(10) when purpose contains research
test "dpia needed" { given { role = deployer purpose = [fraud] dpia = false } expect avg.dpia violated }
"#,
        &[
            Step::Run("toets.ruleQuality", "doc.toets"),
            Step::Change("expect avg.dpia violated }", "expect avg.dpia violated }\n"),
        ],
    ));
}

#[test]
fn bad_requests_get_errors_not_panics() {
    assert_json_snapshot!(check(
        DOC,
        &[
            Step::Raw("textDocument/hover", json!({ "textDocument": 3 })),
            Step::Raw("textDocument/unknown", json!({})),
            Step::Raw(
                "textDocument/hover",
                json!({ "textDocument": { "uri": "file:///nowhere.toets" }, "position": { "line": 0, "character": 0 } }),
            ),
            Step::Raw(
                "textDocument/definition",
                json!({ "textDocument": { "uri": "file:///ws/doc.toets" }, "position": { "line": 99, "character": 99 } }),
            ),
            Step::Raw(
                "workspace/executeCommand",
                json!({ "command": "toets.runTest", "arguments": [1] })
            ),
        ],
    ));
}
