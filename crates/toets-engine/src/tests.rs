//! Engine tests: small inline rule sets through one `check` helper each for
//! verdicts and for diagnostics, rust-analyzer style.

use expect_test::{Expect, expect};
use toets_syntax::SourceFile;

use crate::{Description, EvalOptions, RuleSet};

mod audit;
mod description;
mod eval;
mod exact;
mod findings;
mod guidance;
mod references;
mod rule_errors;
mod ruleset;
mod sanity;
mod trace;

const PRELUDE: &str = r#"
law avg "Algemene verordening gegevensbescherming" / "General Data Protection Regulation" {
  abbrev "AVG" / "GDPR"
  in_force 2018-05-25
}
fact a: bool ask nl "A?" en "A?"
fact b: bool ask nl "B?" en "B?"
fact c: bool ask nl "C?" en "C?"
fact n: number ask nl "N?" en "N?"
fact d: date ask nl "D?" en "D?"
fact role: one of { provider, deployer } ask nl "Rol?" en "Role?"
fact purpose: set of { fraud, eligibility, research } ask nl "Doel?" en "Purpose?"
"#;

fn compile(rules: &str) -> RuleSet {
    match RuleSet::compile(vec![SourceFile::new(
        "test.toets",
        format!("{PRELUDE}{rules}"),
    )]) {
        Ok(r) => r,
        Err(e) => {
            let shown: Vec<String> = e.0.iter().map(|d| render(d)).collect();
            unreachable!("rules do not compile:\n{}", shown.join("\n"))
        }
    }
}

fn render(d: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_links(false)
            .with_width(100);
    let _ = handler.render_report(&mut out, d);
    out
}

/// Evaluates `facts` (YAML) against `rules` on 2026-11-23 and prints, per
/// norm, its outcome and open questions.
fn check(rules: &str, facts: &str, expect: Expect) {
    let rules = compile(rules);
    let desc = match rules.load_description("d.yaml", &format!("facts:\n{facts}")) {
        Ok(d) => d,
        Err(e) => unreachable!("{}", e.0.iter().map(|d| render(d)).collect::<String>()),
    };
    let date = jiff::civil::date(2026, 11, 23);
    let v = match rules.evaluate(&desc, &EvalOptions::on(date)) {
        Ok(v) => v,
        Err(e) => unreachable!("{e}"),
    };
    let mut out = String::new();
    for n in &v.norms {
        out.push_str(&format!("{}: {}", n.id, n.outcome.as_str()));
        if !n.open_questions.is_empty() {
            out.push_str(&format!(" asking {}", n.open_questions.join(", ")));
        }
        if let Some(e) = &n.exception {
            out.push_str(&format!(" by exception {}", e.label.en));
        }
        if !n.awaiting_judgement.is_empty() {
            out.push_str(&format!(" awaiting {}", n.awaiting_judgement.join(", ")));
        }
        out.push('\n');
    }
    out.push_str(&format!("overall: {:?}\n", v.overall));
    expect.assert_eq(&out);
}

/// Compiles rules that must fail and prints the diagnostics.
fn check_error(rules: &str, expect: Expect) {
    let out = match RuleSet::compile(vec![SourceFile::new(
        "test.toets",
        format!("{PRELUDE}{rules}"),
    )]) {
        Ok(_) => "compiled without error".to_owned(),
        Err(e) => e.0.iter().map(|d| render(d)).collect::<Vec<_>>().join("\n"),
    };
    expect.assert_eq(&out);
}

/// Loads a description that must fail and prints the diagnostics.
fn check_description_error(description: &str, expect: Expect) {
    let rules = compile(r#"norm avg.x "X" / "X" cites avg art 1 requires a"#);
    let out = match rules.load_description("d.yaml", description) {
        Ok(_) => "loaded without error".to_owned(),
        Err(e) => e.0.iter().map(|d| render(d)).collect::<Vec<_>>().join("\n"),
    };
    expect.assert_eq(&out);
}
