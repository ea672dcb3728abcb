//! How well the tests pin a rule file: the surviving mutants of the file
//! (`toets test --mutate`) and what no test reaches (`toets test
//! --coverage`), published as hints until a file of the set changes.

use toets_engine::coverage::{self, Kind};
use toets_engine::mutate::{self, Status};

use crate::workspace::{FileSet, Hint};

/// The command that mutation-tests a file and shows its coverage: arguments
/// URI and the file's name.
pub(crate) const RULE_QUALITY: &str = "toets.ruleQuality";

/// What a quality run found.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub(crate) struct QualitySummary {
    pub mutants: usize,
    pub survived: usize,
    pub unreached: usize,
}

/// Why the run did not happen.
#[derive(Debug, thiserror::Error)]
pub(crate) enum QualityError {
    /// The rules have errors.
    #[error("the rules have errors: fix them before testing how well the tests pin them")]
    Unchecked,
    /// Mutation testing could not start (a test fails, say).
    #[error("{0}")]
    Mutate(String),
}

/// Mutation-tests file `name` of the set and records, as hints, each
/// surviving mutant and each clause, exception and set value of that file
/// that no test reaches.
pub(crate) fn run(
    set: &mut FileSet,
    name: &str,
    today: jiff::civil::Date,
) -> Result<QualitySummary, QualityError> {
    let rules = match set.analysis.as_ref().map(|a| &a.rules) {
        Some(Ok(rules)) => rules,
        _ => return Err(QualityError::Unchecked),
    };
    let options = mutate::Options {
        date: today,
        only: None,
        files: vec![name.to_owned()],
        jobs: 1,
    };
    let report = mutate::run(rules.sources().to_vec(), &options)
        .map_err(|e| QualityError::Mutate(e.to_string()))?;
    let covered = coverage::coverage(rules, today);
    let mut hints = Vec::new();
    let mut survived = 0;
    for m in report.mutants.iter().filter(|m| m.file == name) {
        if matches!(m.status, Status::Survived) {
            survived += 1;
            hints.push(Hint {
                file: name.to_owned(),
                line: m.line,
                col: m.col,
                code: "toets::mutate::survived",
                message: format!(
                    "no test notices `{}` → `{}` ({}, in `{}`)",
                    m.before,
                    m.after,
                    m.operator.name(),
                    m.owner
                ),
            });
        }
    }
    let mut unreached = 0;
    for p in covered
        .points
        .iter()
        .filter(|p| p.file == name && !p.reached)
    {
        unreached += 1;
        let what = match p.kind {
            Kind::Clause => "clause",
            Kind::Exception => "exception",
            Kind::Value => "listed value",
        };
        hints.push(Hint {
            file: name.to_owned(),
            line: p.line,
            col: p.col,
            code: "toets::coverage::unreached",
            message: format!("no test reaches this {what}: {} (in `{}`)", p.text, p.owner),
        });
    }
    let mutants = report.mutants.iter().filter(|m| m.file == name).count();
    set.hints.retain(|h| h.file != name);
    set.hints.extend(hints);
    Ok(QualitySummary {
        mutants,
        survived,
        unreached,
    })
}
