//! Criterion benchmark: the server's latency after a one-character edit of
//! a built-in rule file (the edit sent, the rule set re-checked, every
//! file's diagnostics published), against a cold parse and check of all
//! rule files (`RuleSet::compile`) measured in the same run. The built-in
//! rules are copied into a temporary workspace folder; the edited file is
//! the largest one. Prints both figures and their ratio at the end.
#![expect(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a benchmark stops at the first thing that goes wrong"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::json;
use toets_engine::RuleSet;
use toets_syntax::SourceFile;

struct Session {
    conn: Connection,
    next: i32,
    uri: String,
    version: i32,
}

impl Session {
    fn request(&mut self, method: &str, params: serde_json::Value) {
        self.next += 1;
        let id = RequestId::from(self.next);
        let req = Request::new(id.clone(), method.to_owned(), params);
        self.conn.sender.send(Message::Request(req)).unwrap();
        loop {
            match self.conn.receiver.recv_timeout(Duration::from_secs(60)) {
                Ok(Message::Response(r)) if r.id == id => return,
                Ok(_) => {}
                Err(e) => panic!("no answer: {e}"),
            }
        }
    }

    fn notify(&self, method: &str, params: serde_json::Value) {
        let n = Notification::new(method.to_owned(), params);
        self.conn.sender.send(Message::Notification(n)).unwrap();
    }

    /// Inserts or deletes one space at the start of the file, then waits
    /// until the server has published the diagnostics of the re-check.
    fn edit(&mut self, insert: bool) {
        self.version += 1;
        let (end, text) = if insert { (0, " ") } else { (1, "") };
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": self.uri, "version": self.version },
                "contentChanges": [{
                    "range": { "start": { "line": 0, "character": 0 },
                               "end": { "line": 0, "character": end } },
                    "text": text,
                }],
            }),
        );
        // Answered after every notification before it is handled.
        self.request("toets/sync", json!(null));
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut largest = ("", "");
    for (name, text) in toets_rules::BUILTIN {
        // The names are paths such as `rules/avg.toets`: one folder here.
        let name = name.rsplit('/').next().unwrap();
        std::fs::write(dir.path().join(name), text).unwrap();
        if text.len() > largest.1.len() {
            largest = (name, text);
        }
    }
    let root = format!("file://{}", dir.path().display());
    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || toets_lsp::serve(&server));
    let mut s = Session {
        conn: client,
        next: 0,
        uri: format!("{root}/{}", largest.0),
        version: 0,
    };
    s.request(
        "initialize",
        json!({ "capabilities": {}, "workspaceFolders": [{ "uri": root, "name": "rules" }] }),
    );
    s.notify("initialized", json!({}));
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": s.uri, "languageId": "toets", "version": 0, "text": largest.1 } }),
    );
    s.request("toets/sync", json!(null));

    let sources: Vec<SourceFile> = toets_rules::BUILTIN
        .iter()
        .map(|(n, t)| SourceFile::new(*n, *t))
        .collect();
    let mut c = Criterion::default()
        .sample_size(30)
        .measurement_time(Duration::from_secs(8))
        .configure_from_args();
    c.bench_function(
        "cold parse and check of the built-in rules (baseline)",
        |b| b.iter(|| black_box(RuleSet::compile(sources.clone()).expect("compiles"))),
    );
    let mut insert = true;
    c.bench_function("re-check after a one-character edit (toets lsp)", |b| {
        b.iter(|| {
            s.edit(insert);
            insert = !insert;
        })
    });
    c.final_summary();

    // The same two figures by hand, as medians, to print them with their ratio.
    let median = |mut f: Box<dyn FnMut()>| {
        let mut times: Vec<Duration> = (0..41)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect();
        times.sort();
        times[times.len() / 2]
    };
    let cold = median(Box::new(|| {
        black_box(RuleSet::compile(sources.clone()).expect("compiles"));
    }));
    let recheck = median(Box::new(|| {
        s.edit(insert);
        insert = !insert;
    }));
    println!(
        "\nre-check after a one-character edit of {} ({} files, {} bytes): {:.1} ms median; \
         cold parse and check of all rule files: {:.1} ms; ratio {:.2}",
        largest.0,
        sources.len(),
        sources.iter().map(|s| s.text().len()).sum::<usize>(),
        recheck.as_secs_f64() * 1000.0,
        cold.as_secs_f64() * 1000.0,
        recheck.as_secs_f64() / cold.as_secs_f64(),
    );
    s.request("shutdown", json!(null));
    s.notify("exit", json!(null));
    let _ = thread.join();
}
