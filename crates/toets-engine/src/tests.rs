//! Engine tests: small inline rule sets through one `check` helper each for
//! verdicts and for diagnostics, rust-analyzer style.

use expect_test::{Expect, expect};
use toets_syntax::SourceFile;

use crate::{EvalOptions, RuleSet};

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

#[test]
fn unknown_facts_make_a_norm_undetermined_and_become_questions() {
    check(
        r#"norm avg.x "X" / "X" cites avg art 5(1)(a) applies when a requires b and c"#,
        "  a: true\n  b: true\n",
        expect![[r#"
            avg.x: undetermined asking c
            overall: Undetermined
        "#]],
    );
}

#[test]
fn a_known_false_conjunct_decides_without_asking() {
    check(
        r#"norm avg.x "X" / "X" cites avg art 5(1)(a) applies when a requires b and c"#,
        "  a: true\n  b: false\n",
        expect![[r#"
            avg.x: violated
            overall: Violations
        "#]],
    );
}

#[test]
fn questions_that_cannot_change_the_outcome_are_not_asked() {
    // Whether it applies does not matter: met and not applicable are both
    // possible, but the requirement is already true... the outcome is still
    // open between `met` and `not_applicable`, so only `a` is asked.
    check(
        r#"norm avg.x "X" / "X" cites avg art 5(1)(a) applies when a requires b or c"#,
        "  b: true\n",
        expect![[r#"
            avg.x: undetermined asking a
            overall: Undetermined
        "#]],
    );
}

#[test]
fn an_exception_that_holds_takes_the_norm_out_and_is_cited() {
    check(
        r#"norm avg.x "X" / "X" cites avg art 9(1) applies when a requires not b
             unless "Zwaarwegend algemeen belang" / "Substantial public interest" cites avg art 9(2)(g) when c"#,
        "  a: true\n  b: true\n  c: true\n",
        expect![[r#"
            avg.x: not_applicable by exception Substantial public interest
            overall: NoViolations
        "#]],
    );
}

#[test]
fn an_unknown_exception_leaves_a_violation_undetermined() {
    check(
        r#"norm avg.x "X" / "X" cites avg art 9(1) applies when a requires not b
             unless "U" / "U" cites avg art 9(2)(g) when c"#,
        "  a: true\n  b: true\n",
        expect![[r#"
            avg.x: undetermined asking c
            overall: Undetermined
        "#]],
    );
}

#[test]
fn judgement_without_a_record_needs_judgement_and_with_one_is_settled() {
    let rules = r#"
        fact rec: one of { proportionate, disproportionate } ask nl "Afweging?" en "Balancing?"
        norm avg.x "X" / "X" cites avg art 5(1)(c) applies when a requires b
          judgement "Afweging" / "Balancing" rests on n settled by rec == proportionate
        norm avg.y "Y" / "Y" cites avg art 5(1)(c) requires avg.x is met
    "#;
    check(
        rules,
        "  a: true\n  b: true\n",
        expect![[r#"
            avg.x: needs_judgement
            avg.y: undetermined asking rec awaiting avg.x
            overall: Undetermined
        "#]],
    );
    check(
        rules,
        "  a: true\n  b: true\n  rec: disproportionate\n",
        expect![[r#"
            avg.x: violated
            avg.y: violated
            overall: Violations
        "#]],
    );
}

#[test]
fn norm_references_follow_the_outcome_of_the_other_norm() {
    let rules = r#"
        norm avg.base "B" / "B" cites avg art 6(1)(e) applies when a requires b
        norm avg.top "T" / "T" cites avg art 5(1)(a) applies when avg.base is applicable requires avg.base is met
    "#;
    check(
        rules,
        "  a: false\n",
        expect![[r#"
            avg.base: not_applicable
            avg.top: not_applicable
            overall: NoViolations
        "#]],
    );
    check(
        rules,
        "  a: true\n",
        expect![[r#"
            avg.base: undetermined asking b
            avg.top: undetermined asking b
            overall: Undetermined
        "#]],
    );
}

#[test]
fn comparisons_membership_and_sets() {
    check(
        r#"norm avg.x "X" / "X" cites avg art 35(3)(b)
             applies when (n >= 10000 or d < 2020-01-01) and role in { deployer } and purpose contains any { fraud, research }
             requires not (purpose contains all { fraud, eligibility }) and role != provider"#,
        "  n: 30000\n  role: deployer\n  purpose: [fraud, eligibility]\n",
        expect![[r#"
            avg.x: violated
            overall: Violations
        "#]],
    );
}

#[test]
fn norms_not_in_force_are_not_evaluated() {
    check(
        r#"norm avg.x "X" / "X" cites avg art 1 requires a"#,
        "",
        expect![[r#"
            avg.x: undetermined asking a
            overall: Undetermined
        "#]],
    );
    check(
        r#"norm avg.x "X" / "X" cites avg art 1 in_force 2027-12-02 requires a"#,
        "",
        expect![[r#"
            avg.x: not_in_force
            overall: NoViolations
        "#]],
    );
}

#[test]
fn undefined_names_get_a_suggestion() {
    check_error(
        r#"norm avg.x "X" / "X" cites avg art 1 requires rol == deployer"#,
        expect![[r#"
            toets::check::undefined

              × name `rol` is not declared
                ╭─[test.toets:13:47]
             12 │ fact purpose: set of { fraud, eligibility, research } ask nl "Doel?" en "Purpose?"
             13 │ norm avg.x "X" / "X" cites avg art 1 requires rol == deployer
                ·                                               ─┬─
                ·                                                ╰── not declared
                ╰────
              help: did you mean `role`?
        "#]],
    );
}

#[test]
fn cycles_are_rejected_with_the_cycle_spelled_out() {
    check_error(
        r#"
concept p = q and a
concept q = p
"#,
        expect![[r#"
            toets::check::cycle

              × dependency cycle: `p` → `q` → `p`
                ╭─[test.toets:14:9]
             13 │ 
             14 │ concept p = q and a
                ·         ┬
                ·         ╰── `p` is part of the cycle
             15 │ concept q = p
                ╰────
              help: a norm or concept cannot depend on itself, directly or through others; break the chain
        "#]],
    );
}

#[test]
fn several_semantic_errors_are_reported_at_once() {
    check_error(
        r#"
norm avg.x "X" / "X" requires a
norm avg.x "X" / "X" cites avg art 1 requires n
norm gdpr.y "Y" / "Y" cites avg art 1 requires role == deployr
fact e: bool
norm avg.z "Z" / "Z" cites avg art 1 in_force 2025-02-30 requires purpose contains frad
"#,
        expect![[r#"
            toets::check::duplicate

              × norm `avg.x` is declared twice
                ╭─[test.toets:15:6]
             14 │ norm avg.x "X" / "X" requires a
             15 │ norm avg.x "X" / "X" cites avg art 1 requires n
                ·      ──┬──
                ·        ╰── second declaration
             16 │ norm gdpr.y "Y" / "Y" cites avg art 1 requires role == deployr
                ╰────
              help: the norm `avg.x` was first declared at test.toets:14:6; rename one of them

            toets::check::structure

              × fact `e` has no question
                ╭─[test.toets:17:6]
             16 │ norm gdpr.y "Y" / "Y" cites avg art 1 requires role == deployr
             17 │ fact e: bool
                ·      ┬
                ·      ╰── declared without `ask`
             18 │ norm avg.z "Z" / "Z" cites avg art 1 in_force 2025-02-30 requires purpose contains frad
                ╰────
              help: add `ask nl "..." en "..."`: the question is shown when the fact is unknown

            toets::check::structure

              × norm `avg.x` cites no article
                ╭─[test.toets:14:6]
             13 │ 
             14 │ norm avg.x "X" / "X" requires a
                ·      ──┬──
                ·        ╰── no `cites` clause
             15 │ norm avg.x "X" / "X" cites avg art 1 requires n
                ╰────
              help: every norm cites the exact article it rests on, e.g. `cites avg art 35(3)(a)`

            toets::check::undefined

              × law `gdpr` is not declared
                ╭─[test.toets:16:6]
             15 │ norm avg.x "X" / "X" cites avg art 1 requires n
             16 │ norm gdpr.y "Y" / "Y" cites avg art 1 requires role == deployr
                ·      ───┬──
                ·         ╰── not declared
             17 │ fact e: bool
                ╰────
              help: a norm id starts with the id of a declared law, e.g. `avg.dpia_required`

            toets::check::type_mismatch

              × `deployr` is not a value of `role`
                ╭─[test.toets:16:56]
             15 │ norm avg.x "X" / "X" cites avg art 1 requires n
             16 │ norm gdpr.y "Y" / "Y" cites avg art 1 requires role == deployr
                ·                                                        ───┬───
                ·                                                           ╰── unknown value
             17 │ fact e: bool
                ╰────
              help: did you mean `deployer`?

            toets::check::date

              × `2025-02-30` is not a valid date
                ╭─[test.toets:18:47]
             17 │ fact e: bool
             18 │ norm avg.z "Z" / "Z" cites avg art 1 in_force 2025-02-30 requires purpose contains frad
                ·                                               ─────┬────
                ·                                                    ╰── parameter 'day' for `2025-02` is invalid, must be in range `1..=28`
                ╰────
              help: write dates as YYYY-MM-DD with a real month and day, e.g. `2027-12-02`

            toets::check::type_mismatch

              × `frad` is not a value of `purpose`
                ╭─[test.toets:18:84]
             17 │ fact e: bool
             18 │ norm avg.z "Z" / "Z" cites avg art 1 in_force 2025-02-30 requires purpose contains frad
                ·                                                                                    ──┬─
                ·                                                                                      ╰── unknown value
                ╰────
              help: did you mean `fraud`?
        "#]],
    );
}

#[test]
fn description_errors_point_at_the_key_and_say_what_was_expected() {
    check_description_error(
        "system:\n  nam: X\nfacts:\n  b: yes\n  n: \"many\"\n  rolle: deployer\n  purpose: fraud\n  d: 2024-13-01\n",
        expect![[r#"
            toets::description::unknown_key

              × unknown key `nam` in `system`
               ╭─[d.yaml:2:3]
             1 │ system:
             2 │   nam: X
               ·   ─┬─
               ·    ╰── not a declared system field
             3 │ facts:
               ╰────
              help: did you mean `name`?

            toets::description::wrong_type

              × `b` must be a boolean, found a text
               ╭─[d.yaml:4:6]
             3 │ facts:
             4 │   b: yes
               ·      ─┬─
               ·       ╰── a text here
             5 │   n: "many"
               ╰────
              help: write `true` or `false` (without quotes)

            toets::description::wrong_type

              × `n` must be a number, found a text
               ╭─[d.yaml:5:6]
             4 │   b: yes
             5 │   n: "many"
               ·      ───┬──
               ·         ╰── a text here
             6 │   rolle: deployer
               ╰────
              help: write a number without quotes, e.g. `30000`

            toets::description::unknown_key

              × unknown key `rolle` in `facts`
               ╭─[d.yaml:6:3]
             5 │   n: "many"
             6 │   rolle: deployer
               ·   ──┬──
               ·     ╰── not a declared fact
             7 │   purpose: fraud
               ╰────
              help: did you mean `role`?

            toets::description::wrong_type

              × `purpose` must be a list of values, found a text
               ╭─[d.yaml:7:12]
             6 │   rolle: deployer
             7 │   purpose: fraud
               ·            ──┬──
               ·              ╰── a text here
             8 │   d: 2024-13-01
               ╰────
              help: write a list of values from: fraud, eligibility, research, e.g. `[fraud]`

            toets::description::wrong_type

              × `d` must be a date, found a text
               ╭─[d.yaml:8:6]
             7 │   purpose: fraud
             8 │   d: 2024-13-01
               ·      ─────┬────
               ·           ╰── a text here
               ╰────
              help: write the date as YYYY-MM-DD, e.g. `2024-03-01`; `2024-13-01` is not one
        "#]],
    );
}

#[test]
fn deep_and_broken_descriptions_get_clear_errors() {
    let deep = format!("facts: {}{}", "[".repeat(200), "]".repeat(200));
    check_description_error(
        &deep,
        expect![[r#"
        toets::description::limit

          × the description nests deeper than 64 levels
           ╭─[d.yaml:1:71]
         1 │ facts: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
           ·                                                                       ▲
           ·                                                                       ╰── here
           ╰────
          help: facts nest only as deep as their dotted ids
    "#]],
    );
    check_description_error(
        "facts: {a: true",
        expect![[r#"
        toets::description::syntax

          × the description is not valid YAML or JSON: while parsing a flow mapping, did not find expected
          │ ',' or '}'
           ╭─[d.yaml:1:16]
         1 │ facts: {a: true
           ╰────
          help: check the indentation and the quotes around this point; JSON is accepted too
    "#]],
    );
    check_description_error(
        "",
        expect![[r#"
        toets::description::limit

          × the description is empty
           ╭─[d.yaml:1:1]
           ╰────
          help: a description has a `system` section and a `facts` section; see `toets schema`
    "#]],
    );
    check_description_error(
        "facts: &x {a: true}\nother: *x\n",
        expect![[r#"
        toets::description::limit

          × YAML anchors and aliases are not accepted in descriptions
           ╭─[d.yaml:1:8]
         1 │ facts: &x {a: true}
           ·        ▲
           ·        ╰── here
         2 │ other: *x
           ╰────
          help: write the value out in full
    "#]],
    );
}

#[test]
fn rule_set_is_send_and_sync() {
    fn is<T: Send + Sync>() {}
    is::<RuleSet>();
}
