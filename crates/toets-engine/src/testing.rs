//! Running the `test` blocks of rule files: given facts, expected outcomes.

use jiff::civil::Date;
use serde::Serialize;

use crate::RuleSet;
use crate::description::Description;
use crate::eval::Evaluation;
use crate::verdict::Outcome;

/// One expectation that did not hold.
#[derive(Debug, Clone, Serialize)]
pub struct TestFailure {
    /// The norm.
    pub norm: String,
    /// What the test expected.
    pub expected: Outcome,
    /// What evaluation gave.
    pub actual: Outcome,
    /// Expected open questions, if pinned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_questions: Option<Vec<String>>,
    /// Actual open questions.
    pub actual_questions: Vec<String>,
    /// `file:line:col` of the expectation.
    pub location: String,
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

fn location(rules: &RuleSet, origin: &crate::model::Origin) -> String {
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
        .map(|test| {
            let description = Description::from_values(rules, &test.given);
            let ev = Evaluation::run(rules, &description, test.on.unwrap_or(default_date));
            let failures = test
                .expectations
                .iter()
                .filter_map(|e| {
                    let actual = ev.norm_eval(e.norm)?;
                    let actual_questions: Vec<String> = if actual.outcome == Outcome::Undetermined {
                        actual
                            .open
                            .facts
                            .iter()
                            .filter_map(|f| rules.facts.get(f.index()).map(|f| f.id.clone()))
                            .collect()
                    } else {
                        Vec::new()
                    };
                    let expected_questions = e.asking.as_ref().map(|qs| {
                        let mut qs: Vec<String> = qs
                            .iter()
                            .filter_map(|f| rules.facts.get(f.index()).map(|f| f.id.clone()))
                            .collect();
                        qs.sort_unstable();
                        qs
                    });
                    let mut sorted_actual = actual_questions.clone();
                    sorted_actual.sort_unstable();
                    let questions_ok = expected_questions
                        .as_ref()
                        .is_none_or(|q| *q == sorted_actual);
                    if actual.outcome == e.outcome && questions_ok {
                        return None;
                    }
                    Some(TestFailure {
                        norm: rules
                            .norms
                            .get(e.norm.index())
                            .map(|n| n.id.clone())
                            .unwrap_or_default(),
                        expected: e.outcome,
                        actual: actual.outcome,
                        expected_questions,
                        actual_questions,
                        location: location(rules, &e.origin),
                    })
                })
                .collect();
            TestResult {
                name: test.name.clone(),
                location: location(rules, &test.origin),
                checked: test.expectations.len(),
                failures,
            }
        })
        .collect();
    TestReport { results }
}
