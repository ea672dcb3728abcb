//! Host tests of the API behind the bindings. They pin only what the
//! welfare-fraud example needs; rule content may change.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::*;

const EXAMPLE: &str = include_str!("../../../../examples/welfare-fraud-risk-model.yaml");

fn day() -> Date {
    Date::constant(2026, 11, 23)
}

fn engine() -> Engine {
    Engine::builtin().expect("the built-in rules compile")
}

fn on_day() -> CheckOptions {
    CheckOptions {
        date: Some("2026-11-23".to_owned()),
        ..CheckOptions::default()
    }
}

fn failed(r: Result<Checked, Failed>) -> Failed {
    match r {
        Ok(c) => panic!("expected a failure, got {:?}", c.verdict.overall),
        Err(f) => f,
    }
}

#[test]
fn builtin_rules_describe_their_facts() {
    let e = engine();
    let info = e.info();
    assert!(!info.norms.is_empty());
    assert_eq!(info.files.len(), toets_rules::BUILTIN.len());
    assert_eq!(info.sha256.len(), 64);
    for f in &info.facts {
        assert!(!f.ask.nl.is_empty() && !f.ask.en.is_empty(), "{}", f.fact);
        let listed = matches!(f.kind, AnswerKind::OneOf | AnswerKind::SetOf);
        assert_eq!(listed, !f.options.is_empty(), "{}", f.fact);
    }
}

#[test]
fn the_example_checks_with_questions_in_verdict_order() {
    let e = engine();
    let c = e.check(EXAMPLE, &on_day(), day()).expect("checks");
    assert_eq!(c.verdict.provenance.evaluation_date, "2026-11-23");
    let from_verdict: Vec<&str> = c
        .verdict
        .open_questions
        .iter()
        .map(|q| q.fact.as_str())
        .collect();
    let ours: Vec<&str> = c.questions.iter().map(|q| q.fact.fact.as_str()).collect();
    assert_eq!(ours, from_verdict);
    for q in &c.questions {
        assert!(!q.decides.is_empty());
        let expected = match q.fact.kind {
            AnswerKind::OneOf => "one of",
            AnswerKind::SetOf => "set of",
            AnswerKind::Bool => "bool",
            AnswerKind::Number => "number",
            AnswerKind::Date => "date",
            AnswerKind::Text => "text",
        };
        assert!(
            q.fact.ty.starts_with(expected),
            "{} {}",
            q.fact.fact,
            q.fact.ty
        );
    }
    assert!(c.markdown.is_none() && c.graph.is_none());
}

#[test]
fn markdown_and_graph_on_request() {
    let e = engine();
    let options = CheckOptions {
        markdown: Some(Lang::Nl),
        graph: true,
        ..on_day()
    };
    let c = e.check(EXAMPLE, &options, day()).expect("checks");
    let md = c.markdown.expect("markdown");
    assert!(md.starts_with("# Toetsingsrapport: Risicomodel rechtmatigheid bijstand"));
    let g = c.graph.expect("graph");
    assert!(g.dot.starts_with("digraph"));
    assert!(g.mermaid.starts_with("flowchart"));
    for n in &c.verdict.norms {
        let node = g
            .nodes
            .iter()
            .find(|x| x.id == n.id)
            .expect("every norm is a node");
        assert_eq!(node.kind, "norm");
        assert_eq!(node.outcome, Some(n.outcome));
    }
    for edge in &g.edges {
        assert!(g.nodes.iter().any(|x| x.id == edge.from));
        assert!(g.nodes.iter().any(|x| x.id == edge.to));
    }
    assert!(e.graph(None).nodes.iter().all(|n| n.outcome.is_none()));
}

#[test]
fn an_answer_closes_its_question() {
    let e = engine();
    let before = e.check(EXAMPLE, &on_day(), day()).expect("checks");
    let q = before
        .questions
        .first()
        .expect("the example has open questions");
    let answer = match q.fact.kind {
        AnswerKind::Bool => Json::Bool(true),
        AnswerKind::SetOf => Json::Array(vec![]),
        AnswerKind::OneOf => Json::String(q.fact.options[0].clone()),
        AnswerKind::Number => serde_json::json!(1),
        AnswerKind::Date => Json::String("2026-01-01".to_owned()),
        AnswerKind::Text => Json::String("x".to_owned()),
    };
    let mut options = on_day();
    options.answers.insert(q.fact.fact.clone(), answer);
    let after = e.check(EXAMPLE, &options, day()).expect("checks");
    assert!(after.questions.iter().all(|x| x.fact.fact != q.fact.fact));
    // `null` makes a fact unknown again, also one the description gives.
    let known = before
        .verdict
        .norms
        .iter()
        .flat_map(|n| &n.conditions)
        .flat_map(|c| &c.facts)
        .find(|f| f.value.is_some())
        .expect("the example gives facts")
        .fact
        .clone();
    let mut options = on_day();
    options.answers.insert(known.clone(), Json::Null);
    let cleared = e.check(EXAMPLE, &options, day()).expect("checks");
    let uses: Vec<_> = cleared
        .verdict
        .norms
        .iter()
        .flat_map(|n| &n.conditions)
        .flat_map(|c| &c.facts)
        .filter(|f| f.fact == known)
        .collect();
    assert!(uses.iter().all(|f| f.value.is_none()), "{known} is unknown");
}

#[test]
fn a_wrong_answer_is_a_diagnostic() {
    let e = engine();
    let before = e.check(EXAMPLE, &on_day(), day()).expect("checks");
    let q = before
        .questions
        .iter()
        .find(|q| q.fact.kind == AnswerKind::Bool)
        .expect("a yes/no question");
    let mut options = on_day();
    options
        .answers
        .insert(q.fact.fact.clone(), Json::String("perhaps".to_owned()));
    let f = failed(e.check(EXAMPLE, &options, day()));
    assert_eq!(f.stage, Stage::Answers);
    assert!(
        f.diagnostics[0].message.contains(&q.fact.fact),
        "{:?}",
        f.diagnostics
    );
    let mut options = on_day();
    options
        .answers
        .insert("no_such.fact_anywhere".to_owned(), Json::Bool(true));
    let f = failed(e.check(EXAMPLE, &options, day()));
    assert_eq!(f.stage, Stage::Answers);
    let mut options = on_day();
    options
        .answers
        .insert(q.fact.fact.clone(), Json::Bool(true));
    options
        .answers
        .insert(format!("{}.more", q.fact.fact), Json::Bool(true));
    let f = failed(e.check(EXAMPLE, &options, day()));
    assert_eq!(
        f.diagnostics[0].code.as_deref(),
        Some("toets::wasm::answers")
    );
}

#[test]
fn description_errors_point_at_their_line() {
    let e = engine();
    let text = "system:\n  name: Test\nfacts:\n  no_such_fact_here: true\n";
    let f = failed(e.check(
        text,
        &CheckOptions {
            name: Some("mine.yaml".into()),
            ..on_day()
        },
        day(),
    ));
    assert_eq!(f.stage, Stage::Description);
    let d = &f.diagnostics[0];
    assert_eq!(d.code.as_deref(), Some("toets::description::unknown_key"));
    assert_eq!(d.source_name.as_deref(), Some("mine.yaml"));
    assert_eq!((d.line, d.column), (Some(4), Some(3)));
    assert_eq!((d.end_line, d.end_column), (Some(4), Some(20)));
    assert!(d.hint.is_some());

    // Not YAML at all, after a non-ASCII line: columns count characters.
    let text = "system:\n  name: \"Één\"\nfacts: [\n";
    let f = failed(e.check(text, &on_day(), day()));
    let d = &f.diagnostics[0];
    assert_eq!(d.code.as_deref(), Some("toets::description::syntax"));
    assert!(d.line.is_some_and(|l| l >= 3), "{d:?}");

    let f = failed(e.check("", &on_day(), day()));
    assert_eq!(f.stage, Stage::Description);
}

#[test]
fn json_descriptions_and_empty_ones_load() {
    let e = engine();
    let c = e
        .check("{}", &on_day(), day())
        .expect("an empty JSON object is a description");
    assert!(
        !c.questions.is_empty(),
        "with nothing known, questions are open"
    );
    let c = e
        .check(
            "{\"system\": {\"name\": \"X\"}, \"facts\": {}}",
            &on_day(),
            day(),
        )
        .expect("checks");
    assert_eq!(c.verdict.system.name.as_deref(), Some("X"));
}

#[test]
fn bad_options_are_diagnostics() {
    let e = engine();
    let f = failed(e.check(
        EXAMPLE,
        &CheckOptions {
            date: Some("2026-02-30".into()),
            ..CheckOptions::default()
        },
        day(),
    ));
    assert_eq!(f.stage, Stage::Options);
    let f = failed(e.check(
        EXAMPLE,
        &CheckOptions {
            laws: vec!["nope".into()],
            ..on_day()
        },
        day(),
    ));
    assert_eq!(f.stage, Stage::Options);
    assert!(f.diagnostics[0].message.contains("nope"));
    // Without a date, `today` is used.
    let c = e
        .check(
            EXAMPLE,
            &CheckOptions::default(),
            Date::constant(2027, 1, 2),
        )
        .expect("checks");
    assert_eq!(c.verdict.provenance.evaluation_date, "2027-01-02");
    let unknown: Result<CheckOptions, _> = serde_json::from_str("{\"dat\": \"2026-01-01\"}");
    assert!(unknown.is_err(), "unknown options are refused");
}

#[test]
fn rule_errors_point_at_file_line_and_column() {
    let mut files = builtin_files();
    files.push(RuleFile {
        name: "rules/zz-draft.toets".to_owned(),
        text: "// draft\nnorm avg.zz_draft \"Ontwerp\" / \"Draft\"\n  cites avg art 5(1)\n  requires no_such_fact_declared\n".to_owned(),
    });
    let ds = Engine::compile(files.clone()).expect_err("an undeclared fact is an error");
    let d = &ds[0];
    assert_eq!(d.code.as_deref(), Some("toets::check::undefined"));
    assert_eq!(d.source_name.as_deref(), Some("rules/zz-draft.toets"));
    assert_eq!((d.line, d.column), (Some(4), Some(12)));
    assert_eq!(d.label.as_deref(), Some("not declared"));

    files.last_mut().unwrap().text = "norm norm norm\n".to_owned();
    let ds = Engine::compile(files).expect_err("a syntax error");
    assert_eq!(ds[0].code.as_deref(), Some("toets::syntax"));
    assert_eq!(ds[0].line, Some(1));

    let ds = Engine::compile(Vec::new()).expect_err("no files");
    assert_eq!(ds[0].line, None);
}

#[test]
fn a_changed_rule_changes_the_verdict() {
    // A draft norm that requires the opposite of a yes/no fact the example
    // gives as `true` (found from the verdict, not pinned) is violated.
    let e = engine();
    let before = e.check(EXAMPLE, &on_day(), day()).expect("checks");
    let known_true = before
        .verdict
        .norms
        .iter()
        .flat_map(|n| &n.conditions)
        .flat_map(|c| &c.facts)
        .find(|f| f.value == Some(toets_engine::Value::Bool(true)))
        .expect("the example gives a fact as true")
        .fact
        .clone();
    let law = &e.info().laws[0].id;
    let mut files = builtin_files();
    files.push(RuleFile {
        name: "rules/zz-draft.toets".to_owned(),
        text: format!(
            "norm {law}.zz_draft \"Ontwerp\" / \"Draft\"\n  cites {law} art 1\n  requires not {known_true}\n"
        ),
    });
    let changed = Engine::compile(files).expect("the draft compiles");
    let after = changed.check(EXAMPLE, &on_day(), day()).expect("checks");
    assert_eq!(after.verdict.norms.len(), before.verdict.norms.len() + 1);
    let draft = after
        .verdict
        .norm(&format!("{law}.zz_draft"))
        .expect("the draft norm");
    assert_eq!(draft.outcome, Outcome::Violated);
    assert_eq!(after.verdict.overall, toets_engine::Overall::Violations);
}

#[test]
fn the_merged_description_gives_the_same_verdict() {
    let e = engine();
    let before = e.check(EXAMPLE, &on_day(), day()).expect("checks");
    let q = &before.questions[0];
    let mut options = on_day();
    if q.fact.kind == AnswerKind::Bool {
        options
            .answers
            .insert(q.fact.fact.clone(), Json::Bool(false));
    }
    let with_answers = e.check(EXAMPLE, &options, day()).expect("checks");
    let merged = e.merged_description(EXAMPLE, &options).expect("merges");
    let reloaded = e
        .check(&merged, &on_day(), day())
        .expect("the merged text loads");
    let outcomes = |c: &Checked| {
        c.verdict
            .norms
            .iter()
            .map(|n| (n.id.clone(), n.outcome))
            .collect::<Vec<_>>()
    };
    assert_eq!(outcomes(&with_answers), outcomes(&reloaded));
    assert_eq!(reloaded.verdict.system.name, before.verdict.system.name);
}

#[test]
fn rule_tests_run() {
    let report = engine().run_tests(day());
    assert!(!report.results.is_empty());
}

#[test]
fn register_entries_become_descriptions() {
    let e = engine();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/register");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let json = std::fs::read_to_string(&path).expect("readable");
        let entries = from_register(&json).expect("maps");
        for m in entries {
            e.check(&m.text, &on_day(), day())
                .expect("the mapped description checks");
            seen += 1;
        }
    }
    assert!(seen > 0 || !std::path::Path::new(dir).exists());

    let f = from_register("{\"name\": ").expect_err("not JSON");
    assert_eq!(f.stage, Stage::Register);
    assert!(f.diagnostics[0].line.is_some());
    let f = from_register("[]").expect_err("no entries");
    assert_eq!(f.diagnostics[0].line, None);
}
