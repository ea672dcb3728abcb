//! Code lenses: "run test" on each `test` block, the test count on each
//! norm; and running tests, whose failed `expect` lines become diagnostics.

use lsp_types::{CodeLens, Command};
use toets_engine::RuleSet;
use toets_engine::model::Expected;
use toets_syntax::ast::Item;

use crate::workspace::{FailedExpectation, File, FileSet};

/// The command that runs one test block: arguments URI and test name.
pub(crate) const RUN_TEST: &str = "toets.runTest";
/// The command that runs the tests of a norm: arguments URI and norm id.
pub(crate) const RUN_NORM_TESTS: &str = "toets.runNormTests";

/// The lenses of a file.
pub(crate) fn lenses(set: &FileSet, file: &File) -> Vec<CodeLens> {
    let Some(tree) = file.tree.as_ref().filter(|_| !file.stale) else {
        return Vec::new();
    };
    let uri = serde_json::Value::String(file.uri.as_str().to_owned());
    let rules = set.rules();
    let mut out = Vec::new();
    // On the file's first declaration: how well its tests pin it.
    if let Some(first) = tree.items.first() {
        let span = match first {
            Item::Law(d) => d.id.span,
            Item::Fact(d) => d.id.span,
            Item::Concept(d) => d.id.span,
            Item::Finding(d) => d.id.span,
            Item::Norm(d) => d.id.span,
            Item::Test(d) => d.name.span,
        };
        out.push(CodeLens {
            range: file.index.range(span),
            command: Some(Command {
                title: "◇ mutation-test this file".to_owned(),
                command: crate::quality::RULE_QUALITY.to_owned(),
                arguments: Some(vec![
                    uri.clone(),
                    serde_json::Value::String(file.source.name().to_owned()),
                ]),
            }),
            data: None,
        });
    }
    for item in &tree.items {
        let (span, title, command, arg) = match item {
            Item::Test(t) => (
                t.name.span,
                "▶ run test".to_owned(),
                RUN_TEST,
                t.name.value.clone(),
            ),
            Item::Norm(n) => {
                let count = rules.map_or(0, |r| tests_of(r, &n.id.text).len());
                let title = match count {
                    0 => "no tests".to_owned(),
                    1 => "1 test".to_owned(),
                    n => format!("{n} tests"),
                };
                (n.id.span, title, RUN_NORM_TESTS, n.id.text.clone())
            }
            _ => continue,
        };
        out.push(CodeLens {
            range: file.index.range(span),
            command: Some(Command {
                title,
                command: command.to_owned(),
                arguments: Some(vec![uri.clone(), serde_json::Value::String(arg)]),
            }),
            data: None,
        });
    }
    out
}

/// The test blocks (by index) that expect something of norm `id`.
fn tests_of(rules: &RuleSet, id: &str) -> Vec<usize> {
    let Some(norm) = rules.norm_id(id) else {
        return Vec::new();
    };
    rules
        .tests()
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            t.expectations
                .iter()
                .any(|e| matches!(e.expected, Expected::Norm(n, _) if n == norm))
        })
        .map(|(i, _)| i)
        .collect()
}

/// What a test run found.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub(crate) struct RunSummary {
    pub passed: usize,
    pub failed: usize,
}

/// Why tests did not run.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RunError {
    /// The rules have errors.
    #[error("the rules have errors: fix them before running tests")]
    Unchecked,
    /// No such test or norm.
    #[error("no test block `{0}` in this file, and no norm `{0}` with tests")]
    NotFound(String),
}

/// Runs the test named `what` of file `name`, or the tests of norm `what`,
/// and records their failures on the set.
pub(crate) fn run(
    set: &mut FileSet,
    name: &str,
    command: &str,
    what: &str,
    today: jiff::civil::Date,
) -> Result<RunSummary, RunError> {
    let rules = match set.analysis.as_ref().map(|a| &a.rules) {
        Some(Ok(rules)) => rules,
        _ => return Err(RunError::Unchecked),
    };
    let indexes: Vec<usize> = if command == RUN_TEST {
        rules
            .tests()
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                t.name == what
                    && rules
                        .sources()
                        .get(t.origin.file)
                        .is_some_and(|s| s.name() == name)
            })
            .map(|(i, _)| i)
            .collect()
    } else {
        tests_of(rules, what)
    };
    if indexes.is_empty() {
        return Err(RunError::NotFound(what.to_owned()));
    }
    let mut summary = RunSummary {
        passed: 0,
        failed: 0,
    };
    let mut failures = Vec::new();
    let mut ran = Vec::new();
    for i in indexes {
        let Some(result) = rules.run_test(i, today) else {
            continue;
        };
        let file = rules
            .tests()
            .get(i)
            .and_then(|t| rules.sources().get(t.origin.file))
            .map(|s| s.name().to_owned())
            .unwrap_or_default();
        if result.failures.is_empty() {
            summary.passed += 1;
        } else {
            summary.failed += 1;
        }
        for f in &result.failures {
            let mut message = format!(
                "test `{}` failed: expected `{}` to be {}, got {}",
                result.name, f.norm, f.expected, f.actual
            );
            if let Some(q) = &f.expected_questions {
                message.push_str(&format!(
                    "\nexpected questions [{}], got [{}]",
                    q.join(", "),
                    f.actual_questions.join(", ")
                ));
            }
            let failure_file = rules
                .sources()
                .get(f.origin.file)
                .map(|s| s.name().to_owned())
                .unwrap_or_default();
            failures.push(FailedExpectation {
                file: failure_file,
                span: f.origin.span,
                message,
                test: result.name.clone(),
            });
        }
        ran.push((file, result.name));
    }
    set.failures.retain(|f| {
        !ran.iter()
            .any(|(file, test)| *file == f.file && *test == f.test)
    });
    set.failures.extend(failures);
    Ok(summary)
}
