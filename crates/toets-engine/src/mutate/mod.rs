//! Mutation testing of rule files: how well do their `test` blocks pin the
//! rules down?
//!
//! Each mutant changes one place of one condition in the syntax tree (see
//! [`Operator`]). The mutated rule set is checked again and every test that
//! reads the changed norm, concept or finding is run. A mutant is *killed*
//! when a test fails, *invalid* when the mutated rules no longer check, and
//! *survives* otherwise: no test notices the change, so the tests would
//! also let that mistake through. A survivor that truly changes nothing is
//! marked in the rule file (see [`run`]) and reported as equivalent.
//!
//! Files are parsed once; a mutant clones only its own file's tree. A test
//! evaluates only what its expectations read, which is what makes a run over
//! thousands of mutants take seconds.

mod markers;
mod render;
mod report;
mod sites;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use jiff::civil::Date;
use serde::Serialize;
use toets_syntax::SourceFile;
use toets_syntax::ast::File;

use crate::check::{Node, Symbol};
use crate::{RuleErrors, RuleSet, testing};

pub use render::shorten;
pub(crate) use render::{expr as render_expr, label as render_label};
pub use report::{Group, Tally};

/// A kind of change made to a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Operator {
    /// `a and b` becomes `a or b`, and back.
    SwapAndOr,
    /// One operand of an `and`/`or` is left out.
    DropOperand,
    /// A condition `x` becomes `not x`.
    AddNot,
    /// `not x` becomes `x`.
    RemoveNot,
    /// A comparison is negated: `<` and `>=`, `<=` and `>`, `==` and `!=`.
    FlipCompare,
    /// A comparison's boundary moves: `<` and `<=`, `>` and `>=`.
    Boundary,
    /// One value is left out of `in {..}` or `contains any/all {..}`.
    DropValue,
    /// An `unless` exception is deleted.
    DeleteUnless,
    /// `is met`, `is violated` and `is applicable` are exchanged.
    ChangeState,
}

impl Operator {
    /// Every operator, in report order.
    pub const ALL: [Operator; 9] = [
        Operator::SwapAndOr,
        Operator::DropOperand,
        Operator::AddNot,
        Operator::RemoveNot,
        Operator::FlipCompare,
        Operator::Boundary,
        Operator::DropValue,
        Operator::DeleteUnless,
        Operator::ChangeState,
    ];

    /// The name used in reports and markers, e.g. `swap-and-or`.
    pub fn name(self) -> &'static str {
        match self {
            Operator::SwapAndOr => "swap-and-or",
            Operator::DropOperand => "drop-operand",
            Operator::AddNot => "add-not",
            Operator::RemoveNot => "remove-not",
            Operator::FlipCompare => "flip-compare",
            Operator::Boundary => "boundary",
            Operator::DropValue => "drop-value",
            Operator::DeleteUnless => "delete-unless",
            Operator::ChangeState => "change-state",
        }
    }

    /// The operator with this name.
    pub fn from_name(name: &str) -> Option<Operator> {
        Operator::ALL.into_iter().find(|o| o.name() == name)
    }
}

/// What a mutated condition belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnerKind {
    /// A norm.
    Norm,
    /// A concept.
    Concept,
    /// A finding.
    Finding,
}

/// What became of a mutant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// A test failed.
    Killed {
        /// The first test that failed.
        test: String,
        /// `file:line:col` of that test.
        location: String,
    },
    /// Every test passed.
    Survived,
    /// The mutated rules do not check.
    Invalid {
        /// The first error.
        error: String,
    },
    /// Every test passed, and the rule file says why that is right.
    Equivalent {
        /// The reason given in the marker.
        reason: String,
    },
}

/// One mutant and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct Mutant {
    /// The rule file.
    pub file: String,
    /// 1-based line of the changed node.
    pub line: usize,
    /// 1-based column of the changed node.
    pub col: usize,
    /// The norm, concept or finding it belongs to.
    pub owner: String,
    /// What kind of thing that is.
    pub owner_kind: OwnerKind,
    /// The change.
    pub operator: Operator,
    /// The changed node, on one line.
    pub before: String,
    /// What it became.
    pub after: String,
    /// What became of it.
    #[serde(flatten)]
    pub status: Status,
}

/// Something the rule files should fix, found on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// `file:line:col`.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

/// The result of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Test blocks in the rule set.
    pub tests: usize,
    /// Threads used.
    pub jobs: usize,
    /// Every mutant, in file and source order.
    pub mutants: Vec<Mutant>,
    /// Markers that matched nothing, markers that are wrong, and the like.
    pub warnings: Vec<Warning>,
}

/// What to mutate, and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// Evaluation date of tests without `on`.
    pub date: Date,
    /// Only the mutants of this norm, concept or finding.
    pub only: Option<String>,
    /// Only the mutants of these files (source names); empty for all. The
    /// tests of every file still run.
    pub files: Vec<String>,
    /// Threads to use; at least one.
    pub jobs: usize,
}

/// Why a run could not start.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum MutateError {
    /// The rules do not check before any mutation.
    #[error("the rules do not check")]
    #[diagnostic(code(toets::mutate::rules))]
    Rules(#[related] Vec<crate::RuleError>),
    /// A test fails before any mutation.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Failing(Failing),
    /// `only` names nothing with conditions.
    #[error(transparent)]
    #[diagnostic(transparent)]
    UnknownOwner(UnknownOwner),
    /// A file to mutate is not one of the rule files.
    #[error(transparent)]
    #[diagnostic(transparent)]
    UnknownFile(UnknownFile),
}

/// Tests fail on the rules as they are.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{count} test(s) fail before mutation, first `{first}`")]
#[diagnostic(
    code(toets::mutate::failing),
    help("run `toets test` and make every test pass first: a failing test kills every mutant")
)]
pub struct Failing {
    /// How many tests fail.
    pub count: usize,
    /// The first one, with its location.
    pub first: String,
}

/// `--only` names no norm, concept or finding.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("there is no norm, concept or finding `{name}` in the rules")]
#[diagnostic(code(toets::mutate::unknown_owner))]
pub struct UnknownOwner {
    /// The name given.
    pub name: String,
    /// A suggestion.
    #[help]
    pub help: Option<String>,
}

/// A file to mutate that is not a rule file.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("`{name}` is not one of the rule files")]
#[diagnostic(
    code(toets::mutate::unknown_file),
    help("name a `.toets` file that the rule paths include")
)]
pub struct UnknownFile {
    /// The name given.
    pub name: String,
}

impl From<RuleErrors> for MutateError {
    fn from(e: RuleErrors) -> Self {
        MutateError::Rules(e.0)
    }
}

/// Everything the workers share.
struct Context<'a> {
    rules: &'a RuleSet,
    files: &'a [File],
    date: Date,
    /// Per test of `rules`, what its expectations read. A mutant only ever
    /// drops reads, so a mutated test reads a subset of this: the tests
    /// whose cone lacks the mutated owner cannot change, and the cone is
    /// enough to evaluate the others.
    cones: Vec<HashSet<Node>>,
}

/// A mutant to make: its file and its site.
struct Job {
    file: usize,
    site: sites::Site,
    marker: Option<usize>,
}

/// Runs the mutants of `sources`.
///
/// Equivalent mutants are marked with a comment on the line before the
/// clause: `// toets: equivalent drop-operand — the tests cannot tell, because
/// ...`. It applies to the mutants of that operator whose node starts on the
/// next line of code. A marked mutant that survives is reported
/// [`Status::Equivalent`]; one that is killed anyway, and a marker that
/// matches no mutant, give a [`Warning`].
///
/// # Errors
/// The rules do not check, a test fails before mutation, or `only` or
/// `files` name nothing.
pub fn run(sources: Vec<SourceFile>, options: &Options) -> Result<Report, MutateError> {
    let rules = RuleSet::compile(sources)?;
    let mut files = Vec::with_capacity(rules.sources.len());
    for source in &rules.sources {
        files.push(toets_syntax::parse(source).map_err(|es| {
            MutateError::Rules(es.into_iter().map(crate::RuleError::from).collect())
        })?);
    }
    let failing: Vec<String> = rules
        .tests
        .iter()
        .map(|t| testing::run_test(&rules, t, options.date, Some(&testing::cone(&rules, t))))
        .filter(|r| !r.failures.is_empty())
        .map(|r| format!("{} ({})", r.name, r.location))
        .collect();
    if let Some(first) = failing.first() {
        return Err(MutateError::Failing(Failing {
            count: failing.len(),
            first: first.clone(),
        }));
    }
    for name in &options.files {
        if !rules.sources.iter().any(|s| s.name() == name) {
            return Err(MutateError::UnknownFile(UnknownFile { name: name.clone() }));
        }
    }
    if let Some(name) = &options.only {
        let known = matches!(
            rules.names.get(name),
            Some(Symbol::Norm(_) | Symbol::Concept(_) | Symbol::Finding(_))
        );
        if !known {
            let candidates = rules
                .norms
                .iter()
                .map(|n| n.id.as_str())
                .chain(rules.concepts.iter().map(|c| c.id.as_str()))
                .chain(rules.findings.iter().map(|f| f.id.as_str()));
            return Err(MutateError::UnknownOwner(UnknownOwner {
                name: name.clone(),
                help: crate::suggest::did_you_mean(name, candidates)
                    .map(|s| format!("did you mean `{s}`?")),
            }));
        }
    }

    let (jobs, markers, mut warnings) = plan(&files, options);
    let context = Context {
        rules: &rules,
        files: &files,
        date: options.date,
        cones: rules
            .tests
            .iter()
            .map(|t| testing::cone(&rules, t))
            .collect(),
    };
    let threads = options.jobs.max(1).min(jobs.len().max(1));
    let statuses = run_parallel(&context, &jobs, threads);

    let mut used = vec![false; markers.len()];
    let mut mutants = Vec::with_capacity(jobs.len());
    for (job, status) in jobs.iter().zip(statuses) {
        let marker = job.marker.and_then(|m| markers.get(m).map(|x| (m, x)));
        let status = match (status, marker) {
            (Status::Survived, Some((m, marker))) => {
                if let Some(u) = used.get_mut(m) {
                    *u = true;
                }
                Status::Equivalent {
                    reason: marker.reason.clone(),
                }
            }
            (Status::Killed { test, location }, Some((m, marker))) => {
                if let Some(u) = used.get_mut(m) {
                    *u = true;
                }
                warnings.push(Warning {
                    location: marker.location.clone(),
                    message: format!(
                        "marked equivalent, but test `{test}` ({location}) kills the {} mutant `{}` → `{}`",
                        job.site.edit.operator().name(),
                        job.site.before,
                        job.site.after
                    ),
                });
                Status::Killed { test, location }
            }
            (status, Some((m, _))) => {
                if let Some(u) = used.get_mut(m) {
                    *u = true;
                }
                status
            }
            (status, None) => status,
        };
        let source = rules.sources.get(job.file);
        let (line, col) = source.map_or((0, 0), |s| s.line_col(job.site.span.start));
        mutants.push(Mutant {
            file: source.map(|s| s.name().to_owned()).unwrap_or_default(),
            line,
            col,
            owner: job.site.owner.clone(),
            owner_kind: job.site.owner_kind,
            operator: job.site.edit.operator(),
            before: job.site.before.clone(),
            after: job.site.after.clone(),
            status,
        });
    }
    for (marker, used) in markers.iter().zip(used) {
        if !used {
            warnings.push(Warning {
                location: marker.location.clone(),
                message: format!(
                    "the equivalent marker matches no {} mutant on line {}",
                    marker.operator.name(),
                    marker.line
                ),
            });
        }
    }
    Ok(Report {
        tests: rules.tests.len(),
        jobs: threads,
        mutants,
        warnings,
    })
}

/// The mutants to run, the markers in scope and the warnings about markers.
fn plan(files: &[File], options: &Options) -> (Vec<Job>, Vec<markers::Marker>, Vec<Warning>) {
    let mut jobs = Vec::new();
    let mut all_markers = Vec::new();
    let mut warnings = Vec::new();
    for (index, file) in files.iter().enumerate() {
        let name = file.source.name();
        if !options.files.is_empty() && !options.files.iter().any(|f| f == name) {
            continue;
        }
        // With `only`, the span of its declaration: markers elsewhere are
        // out of scope.
        let scope = match &options.only {
            None => None,
            Some(only) => {
                let item = file.items.iter().find(|item| match item {
                    toets_syntax::ast::Item::Norm(d) => &d.id.text == only,
                    toets_syntax::ast::Item::Concept(d) => &d.id.text == only,
                    toets_syntax::ast::Item::Finding(d) => &d.id.text == only,
                    _ => false,
                });
                match item {
                    Some(item) => Some(item.span()),
                    None => continue,
                }
            }
        };
        let (file_markers, file_warnings) = markers::find(file);
        let first = all_markers.len();
        for marker in file_markers {
            // A marker belongs to the item it stands in or just before.
            let in_scope = scope.is_none_or(|span| {
                let line_of = |offset| file.source.line_col(offset).0;
                marker.offset < span.end && marker.line >= line_of(span.start)
            });
            if in_scope {
                all_markers.push(marker);
            }
        }
        if scope.is_none() {
            warnings.extend(file_warnings);
        }
        for site in sites::find(file) {
            if options.only.as_ref().is_some_and(|o| *o != site.owner) {
                continue;
            }
            let line = file.source.line_col(site.span.start).0;
            let operator = site.edit.operator();
            let marker = all_markers
                .iter()
                .enumerate()
                .skip(first)
                .find(|(_, m)| m.line == line && m.operator == operator)
                .map(|(i, _)| i);
            jobs.push(Job {
                file: index,
                site,
                marker,
            });
        }
    }
    (jobs, all_markers, warnings)
}

/// Runs every job on `threads` threads (the current one if threads cannot
/// be started); the statuses come back in job order.
fn run_parallel(context: &Context<'_>, jobs: &[Job], threads: usize) -> Vec<Status> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut files = context.files.to_vec();
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else {
                break;
            };
            done.push((i, judge(context, &mut files, job)));
        }
        done
    };
    let mut results: Vec<(usize, Status)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut all = work();
        for handle in handles {
            // A worker that died leaves its jobs without a status; they are
            // reported invalid below rather than lost.
            if let Ok(done) = handle.join() {
                all.extend(done);
            }
        }
        all
    });
    results.sort_by_key(|(i, _)| *i);
    let mut statuses = Vec::with_capacity(jobs.len());
    let mut results = results.into_iter().peekable();
    for i in 0..jobs.len() {
        match results.next_if(|(j, _)| *j == i) {
            Some((_, status)) => statuses.push(status),
            None => statuses.push(Status::Invalid {
                error: "internal error: the mutant was not run".to_owned(),
            }),
        }
    }
    statuses
}

/// Makes one mutant in `files` (a worker's copy of the trees, restored
/// afterwards), checks it and runs the tests that read what it changed.
fn judge(context: &Context<'_>, files: &mut [File], job: &Job) -> Status {
    let invalid = |error: String| Status::Invalid { error };
    let Some(original) = context.files.get(job.file) else {
        return invalid("internal error: no such file".to_owned());
    };
    let Some(mutated) = sites::apply(original, &job.site) else {
        return invalid("internal error: the mutant does not fit its file".to_owned());
    };
    let Some(slot) = files.get_mut(job.file) else {
        return invalid("internal error: no such file".to_owned());
    };
    let unchanged = std::mem::replace(slot, mutated);
    let checked = RuleSet::assemble_claiming(
        context.rules.sources.clone(),
        files,
        context.rules.sha256.clone(),
    );
    if let Some(slot) = files.get_mut(job.file) {
        *slot = unchanged;
    }
    let rules = match checked {
        Ok(rules) => rules,
        Err(errors) => {
            return invalid(
                errors
                    .0
                    .first()
                    .map_or_else(|| "does not check".to_owned(), ToString::to_string),
            );
        }
    };
    let node = match rules.names.get(&job.site.owner) {
        Some(Symbol::Norm(n)) => Node::Norm(*n),
        Some(Symbol::Concept(c)) => Node::Concept(*c),
        Some(Symbol::Finding(f)) => Node::Finding(*f),
        _ => return invalid("internal error: the mutant's owner is gone".to_owned()),
    };
    for (test, cone) in rules.tests.iter().zip(&context.cones) {
        if !cone.contains(&node) {
            continue;
        }
        let result = testing::run_test(&rules, test, context.date, Some(cone));
        if !result.failures.is_empty() {
            return Status::Killed {
                test: result.name,
                location: result.location,
            };
        }
    }
    Status::Survived
}
