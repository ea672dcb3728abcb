//! Running the `test` blocks of rule files: given facts, expected outcomes.

use std::collections::HashSet;

use jiff::civil::Date;
use serde::Serialize;

use crate::RuleSet;
use crate::check::Node;
use crate::description::Description;
use crate::eval::Evaluation;
use crate::model::{Expectation, Expected, FactId, FindingBody, FindingValue, Origin, TestCase};
use crate::verdict::Outcome;

/// One expectation that did not hold.
#[derive(Debug, Clone, Serialize)]
pub struct TestFailure {
    /// The norm or finding.
    pub norm: String,
    /// What the test expected, as written: `met`, `true`, `case provider`.
    pub expected: String,
    /// What evaluation gave, in the same words.
    pub actual: String,
    /// Expected open questions, if pinned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_questions: Option<Vec<String>>,
    /// Actual open questions.
    pub actual_questions: Vec<String>,
    /// `file:line:col` of the expectation.
    pub location: String,
    /// Where the expectation stands, for an editor.
    #[serde(skip)]
    pub origin: Origin,
}

/// The result of one test block.
#[derive(Debug, Clone, Serialize)]
pub struct TestResult {
    /// The test's name.
    pub name: String,
    /// `file:line:col` of the test.
    pub location: String,
    /// Expectations checked.
    pub checked: usize,
    /// The ones that failed.
    pub failures: Vec<TestFailure>,
}

/// The results of all test blocks.
#[derive(Debug, Clone, Serialize)]
pub struct TestReport {
    /// One per test block, in rule-set order.
    pub results: Vec<TestResult>,
}

impl TestReport {
    /// Number of test blocks that passed.
    pub fn passed(&self) -> usize {
        self.results
            .iter()
            .filter(|r| r.failures.is_empty())
            .count()
    }

    /// Number of test blocks that failed.
    pub fn failed(&self) -> usize {
        self.results.len() - self.passed()
    }
}

fn location(rules: &RuleSet, origin: &Origin) -> String {
    rules
        .sources
        .get(origin.file)
        .map_or_else(String::new, |s| {
            let (line, col) = s.line_col(origin.span.start);
            format!("{}:{line}:{col}", s.name())
        })
}

pub(crate) fn run(rules: &RuleSet, default_date: Date) -> TestReport {
    let results = rules
        .tests
        .iter()
        .map(|test| run_test(rules, test, default_date, None))
        .collect();
    TestReport { results }
}

/// Runs one test block.
pub(crate) fn run_one(rules: &RuleSet, test: &TestCase, default_date: Date) -> TestResult {
    run_test(rules, test, default_date, None)
}

/// Runs one test block, evaluating only `needed` if given (which must hold
/// [`cone`] of the test, or more).
pub(crate) fn run_test(
    rules: &RuleSet,
    test: &TestCase,
    default_date: Date,
    needed: Option<&HashSet<Node>>,
) -> TestResult {
    let description = Description::from_values(rules, &test.given);
    let ev = Evaluation::run_in(rules, &description, test.on.unwrap_or(default_date), needed);
    let failures = test
        .expectations
        .iter()
        .filter_map(|e| check(rules, &ev, e))
        .collect();
    TestResult {
        name: test.name.clone(),
        location: location(rules, &test.origin),
        checked: test.expectations.len(),
        failures,
    }
}

/// The norms and findings a test expects something of, and all they read.
pub(crate) fn cone(rules: &RuleSet, test: &TestCase) -> HashSet<Node> {
    let roots = test
        .expectations
        .iter()
        .map(|e| match e.expected {
            Expected::Norm(n, _) => Node::Norm(n),
            Expected::Finding(f, _) => Node::Finding(f),
        })
        .collect();
    crate::eval::cone_of(rules, roots)
}

/// The expectation's failure, if it fails.
fn check(rules: &RuleSet, ev: &Evaluation<'_>, e: &Expectation) -> Option<TestFailure> {
    let names = |facts: &mut dyn Iterator<Item = &FactId>| -> Vec<String> {
        facts
            .filter_map(|f| rules.facts.get(f.index()).map(|f| f.id.clone()))
            .collect()
    };
    let (id, expected, actual, open) = match e.expected {
        Expected::Norm(n, outcome) => {
            let actual = ev.norm_eval(n)?;
            let open = if actual.outcome == Outcome::Undetermined {
                names(&mut actual.open.facts.iter())
            } else {
                Vec::new()
            };
            let norm = rules.norms.get(n.index());
            let shown = norm.map_or(actual.outcome, |x| x.shown(actual.outcome));
            (
                norm.map(|x| x.id.clone()),
                outcome.as_str().to_owned(),
                shown.as_str().to_owned(),
                open,
            )
        }
        Expected::Finding(f, value) => {
            let finding = rules.findings.get(f.index())?;
            let actual = ev.findings.get(f.index())?;
            let word = |v: FindingValue| match v {
                FindingValue::True => "true".to_owned(),
                FindingValue::False => "false".to_owned(),
                FindingValue::Undetermined => "undetermined".to_owned(),
                FindingValue::Case(i) => match &finding.body {
                    FindingBody::Cases(cases) => {
                        format!("case {}", cases.get(i).map_or("?", |c| c.id.as_str()))
                    }
                    FindingBody::When(_) => "case ?".to_owned(),
                },
            };
            let got = match (actual.truth, actual.case) {
                (None, _) => FindingValue::Undetermined,
                (Some(_), Some(i)) => FindingValue::Case(i),
                (Some(true), None) => FindingValue::True,
                (Some(false), None) => FindingValue::False,
            };
            // `true` of a finding with cases means: some case holds.
            let same = got == value || (value == FindingValue::True && actual.truth == Some(true));
            let open = if got == FindingValue::Undetermined {
                names(&mut actual.open.facts.iter())
            } else {
                Vec::new()
            };
            let actual_word = if same { word(value) } else { word(got) };
            (Some(finding.id.clone()), word(value), actual_word, open)
        }
    };
    let expected_questions = e.asking.as_ref().map(|qs| {
        let mut qs = names(&mut qs.iter());
        qs.sort_unstable();
        qs
    });
    let mut sorted = open.clone();
    sorted.sort_unstable();
    let questions_ok = expected_questions.as_ref().is_none_or(|q| *q == sorted);
    if expected == actual && questions_ok {
        return None;
    }
    Some(TestFailure {
        norm: id.unwrap_or_default(),
        expected,
        actual,
        expected_questions,
        actual_questions: open,
        location: location(rules, &e.origin),
        origin: e.origin.clone(),
    })
}
