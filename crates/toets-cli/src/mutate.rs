//! `toets test --mutate`: arguments in, the engine's mutation report out, as
//! text or JSON.

use std::path::{Path, PathBuf};
use std::time::Instant;

use jiff::civil::Date;
use toets_engine::mutate::{self, Group, Mutant, Report, Status};
use toets_syntax::SourceFile;

use crate::Failure;

/// What `toets test --mutate` was asked.
pub(crate) struct Args {
    pub paths: Vec<PathBuf>,
    pub date: Date,
    pub only: Option<String>,
    pub files: Vec<PathBuf>,
    pub jobs: Option<usize>,
    pub json: bool,
    pub fail_under: Option<f64>,
}

/// Width of before and after texts in the list of mutants.
const WIDTH: usize = 60;

/// Runs the mutants and prints the report; exit code 1 if the score is
/// below `--fail-under`.
pub(crate) fn run(args: Args) -> Result<u8, Failure> {
    let sources = crate::input::rule_sources(&args.paths)?;
    let files = args
        .files
        .iter()
        .map(|f| source_name(&sources, f))
        .collect::<Result<Vec<_>, _>>()?;
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let options = mutate::Options {
        date: args.date,
        only: args.only,
        files,
        jobs: jobs.max(1),
    };
    let start = Instant::now();
    let report = mutate::run(sources, &options).map_err(|e| match e {
        mutate::MutateError::Rules(errors) => crate::input::render_diagnostics(
            errors.iter().map(|d| d as &dyn miette::Diagnostic),
            &format!("the rules do not check ({} errors)", errors.len()),
        ),
        other => Failure(crate::input::render(&other)),
    })?;
    let seconds = start.elapsed().as_secs_f64();
    let text = if args.json {
        json(&report, seconds)?
    } else {
        text(&report, seconds)
    };
    crate::print(&text)?;
    let score = report.tally().score().unwrap_or(100.0);
    Ok(u8::from(args.fail_under.is_some_and(|min| score < min)))
}

/// The rule file `path` names: the same file, or the same name.
fn source_name(sources: &[SourceFile], path: &Path) -> Result<String, Failure> {
    let wanted = std::fs::canonicalize(path).ok();
    sources
        .iter()
        .find(|s| {
            Path::new(s.name()) == path
                || wanted.is_some() && std::fs::canonicalize(s.name()).ok() == wanted
        })
        .map(|s| s.name().to_owned())
        .ok_or_else(|| {
            Failure(format!(
                "error: `{}` is not one of the rule files\n  help: `--files` names files that \
                 the rule paths include, e.g. {}\n",
                path.display(),
                sources.first().map_or("", |s| s.name())
            ))
        })
}

fn percent(score: Option<f64>) -> String {
    score.map_or_else(|| "-".to_owned(), |s| format!("{s:.1}%"))
}

fn group_lines(out: &mut String, title: &str, groups: &[Group]) {
    let width = groups.iter().map(|g| g.name.len()).max().unwrap_or(0);
    out.push_str(&format!("\n{title}\n"));
    for g in groups {
        let t = &g.tally;
        let mut extra = Vec::new();
        if t.invalid > 0 {
            extra.push(format!("{} invalid", t.invalid));
        }
        if t.equivalent > 0 {
            extra.push(format!("{} equivalent", t.equivalent));
        }
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!("  ({})", extra.join(", "))
        };
        out.push_str(&format!(
            "  {:<width$}  {:>4} killed of {:>4}  {:>6}{extra}\n",
            g.name,
            t.killed,
            t.killed + t.survived,
            percent(g.score),
        ));
    }
}

fn mutant_line(m: &Mutant) -> String {
    let (before, after) = mutate::shorten(&m.before, &m.after, WIDTH);
    format!(
        "  {}:{}:{}  {before} → {after}  ({}, {})",
        m.file,
        m.line,
        m.col,
        m.owner,
        m.operator.name()
    )
}

/// The report as text.
pub(crate) fn text(report: &Report, seconds: f64) -> String {
    let t = report.tally();
    let mut out = format!(
        "mutation testing: {} mutants, {} tests\n  killed {} · survived {} · invalid {} · \
         equivalent (marked) {} · score {}\n",
        t.total(),
        report.tests,
        t.killed,
        t.survived,
        t.invalid,
        t.equivalent,
        percent(t.score())
    );
    group_lines(&mut out, "by file", &report.by_file());
    group_lines(&mut out, "by operator", &report.by_operator());
    let owners: Vec<Group> = report
        .by_owner()
        .into_iter()
        .filter(|g| g.tally.survived > 0)
        .collect();
    if !owners.is_empty() {
        group_lines(
            &mut out,
            "norms, concepts and findings with survivors",
            &owners,
        );
    }
    let survivors: Vec<&Mutant> = report.survivors().collect();
    if !survivors.is_empty() {
        out.push_str(&format!("\nsurvived ({})\n", survivors.len()));
        for m in survivors {
            out.push_str(&mutant_line(m));
            out.push('\n');
        }
    }
    let mut equivalent = report
        .mutants
        .iter()
        .filter_map(|m| match &m.status {
            Status::Equivalent { reason } => Some((m, reason)),
            _ => None,
        })
        .peekable();
    if equivalent.peek().is_some() {
        out.push_str("\nequivalent (marked)\n");
        for (m, reason) in equivalent {
            out.push_str(&format!("{}\n      reason: {reason}\n", mutant_line(m)));
        }
    }
    let mut invalid = report
        .mutants
        .iter()
        .filter_map(|m| match &m.status {
            Status::Invalid { error } => Some((m, error)),
            _ => None,
        })
        .peekable();
    if invalid.peek().is_some() {
        out.push_str("\ninvalid (the mutated rules do not check)\n");
        for (m, error) in invalid {
            out.push_str(&format!("{}\n      {error}\n", mutant_line(m)));
        }
    }
    if !report.warnings.is_empty() {
        out.push_str("\nwarnings\n");
        for w in &report.warnings {
            out.push_str(&format!("  {}: {}\n", w.location, w.message));
        }
    }
    #[expect(
        clippy::cast_precision_loss,
        reason = "mutant counts are far below 2^52"
    )]
    let rate = if seconds > 0.0 {
        t.total() as f64 / seconds
    } else {
        0.0
    };
    let threads = if report.jobs == 1 {
        "thread"
    } else {
        "threads"
    };
    out.push_str(&format!(
        "\ntime {seconds:.1} s · {rate:.0} mutants/s · {} {threads}\n",
        report.jobs
    ));
    out
}

/// The report as JSON: totals, groups, every mutant and the warnings.
fn json(report: &Report, seconds: f64) -> Result<String, Failure> {
    let t = report.tally();
    let value = serde_json::json!({
        "tests": report.tests,
        "jobs": report.jobs,
        "seconds": seconds,
        "totals": { "total": t.total(), "killed": t.killed, "survived": t.survived,
                    "invalid": t.invalid, "equivalent": t.equivalent, "score": t.score() },
        "files": report.by_file(),
        "operators": report.by_operator(),
        "owners": report.by_owner(),
        "mutants": report.mutants,
        "warnings": report.warnings,
    });
    serde_json::to_string_pretty(&value).map_err(|e| Failure(format!("error: {e}\n")))
}
