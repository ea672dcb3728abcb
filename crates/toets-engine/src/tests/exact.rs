//! Exact outcomes and open questions where Kleene's logic is not exact, and
//! the question order.

use expect_test::{Expect, expect};

use super::{check, compile};
use crate::EvalOptions;

#[test]
fn a_tautology_is_decided_without_asking() {
    check(
        r#"norm avg.x "X" / "X" cites avg art 1 requires a or not a"#,
        "",
        expect![[r#"
            avg.x: met
            overall: NoViolations
        "#]],
    );
}

#[test]
fn a_norm_whose_every_completion_agrees_is_decided() {
    // Kleene sees `a` unknown in both clauses; every answer gives "not applicable".
    check(
        r#"norm avg.x "X" / "X" cites avg art 1 applies when a and b requires a or c"#,
        "  b: false\n",
        expect![[r#"
            avg.x: not_applicable
            overall: NoViolations
        "#]],
    );
    // `requires a` can never fail where `applies when a` holds.
    check(
        r#"norm avg.x "X" / "X" cites avg art 1 applies when a requires a or c"#,
        "",
        expect![[r#"
            avg.x: undetermined asking a
            overall: Undetermined
        "#]],
    );
}

#[test]
fn only_questions_whose_answer_can_change_the_outcome_are_listed() {
    // `c` matters only together with `a`; with `a` known false it is not asked.
    check(
        r#"concept k = (a and c) or (not a and b)
norm avg.x "X" / "X" cites avg art 1 requires k"#,
        "  a: false\n",
        expect![[r#"
            avg.x: undetermined asking b
            overall: Undetermined
        "#]],
    );
    // A number read twice: only its class matters.
    check(
        r#"norm avg.x "X" / "X" cites avg art 1 requires n >= 10 or n < 10 or a"#,
        "",
        expect![[r#"
            avg.x: met
            overall: NoViolations
        "#]],
    );
    check(
        r#"norm avg.x "X" / "X" cites avg art 1 requires (role == provider and a) or (role == deployer and a)"#,
        "  a: false\n",
        expect![[r#"
            avg.x: violated
            overall: Violations
        "#]],
    );
}

#[test]
fn a_norm_reading_another_is_exact_about_it() {
    check(
        r#"norm avg.base "B" / "B" cites avg art 1 applies when a requires b
norm avg.top "T" / "T" cites avg art 2 requires avg.base is met or avg.base is violated or not a"#,
        "",
        expect![[r#"
            avg.base: undetermined asking a, b
            avg.top: met
            overall: Undetermined
        "#]],
    );
}

#[test]
fn a_pending_judgement_is_awaited_not_asked() {
    check(
        r#"fact rec: one of { yes, no } ask nl "?" en "?"
norm avg.j "J" / "J" cites avg art 1 judgement "Evenredig?" / "Proportionate?" rests on a settled by rec == yes
norm avg.k "K" / "K" cites avg art 2 requires avg.j is met or avg.j is violated
norm avg.l "L" / "L" cites avg art 3 requires avg.j is met"#,
        "",
        expect![[r#"
            avg.j: needs_judgement
            avg.k: met
            avg.l: needs_judgement awaiting avg.j
            overall: NeedsJudgement
        "#]],
    );
}

/// Prints the open questions of a verdict in order, with their stage.
fn check_order(rules: &str, facts: &str, expect: Expect) {
    let rules = compile(rules);
    let Ok(desc) = rules.load_description("d.yaml", &format!("facts:\n{facts}")) else {
        unreachable!("loads")
    };
    let Ok(v) = rules.evaluate(&desc, &EvalOptions::on(jiff::civil::date(2026, 11, 23))) else {
        unreachable!("evaluates")
    };
    let mut out = String::new();
    for q in &v.open_questions {
        out.push_str(&format!("{} ({:?})\n", q.fact, q.stage));
    }
    for j in &v.judgements {
        let record: Vec<&str> = j.record.iter().map(|q| q.fact.as_str()).collect();
        out.push_str(&format!(
            "judgement {}: record {}\n",
            j.norm,
            record.join(", ")
        ));
    }
    expect.assert_eq(&out);
}

#[test]
fn findings_come_first_then_scope_requirement_and_exceptions() {
    check_order(
        r#"
fact x.first: bool ask nl "?" en "?"
fact x.second: bool ask nl "?" en "?"
finding avg.f "F" / "F" cites avg art 1 when c
norm avg.n "N" / "N" cites avg art 2 applies when a requires x.first and b
  unless "U" / "U" cites avg art 3 when x.second
norm avg.m "M" / "M" cites avg art 4 requires x.second or n > 3
"#,
        "",
        expect![[r#"
            c (Finding)
            a (Scope)
            x.first (Requirement)
            b (Requirement)
            x.second (Requirement)
            n (Requirement)
        "#]],
    );
}

#[test]
fn an_exception_is_asked_once_its_norm_applies_and_its_requirement_fails() {
    let rules = r#"norm avg.n "N" / "N" cites avg art 2 applies when a requires b
  unless "U" / "U" cites avg art 3 when c"#;
    check_order(
        rules,
        "",
        expect![[r#"
            a (Scope)
            b (Requirement)
            c (ExceptionLater)
        "#]],
    );
    check_order(
        rules,
        "  a: true\n  b: false\n",
        expect![[r#"
            c (Exception)
        "#]],
    );
}

#[test]
fn a_question_comes_after_the_ones_it_presupposes() {
    check_order(
        r#"
fact e: bool ask nl "?" en "?" follows c
norm avg.x "X" / "X" cites avg art 1 requires e or (a and b)
norm avg.y "Y" / "Y" cites avg art 2 requires b and c and e
"#,
        "",
        expect![[r#"
            c (Requirement)
            e (Requirement)
            a (Requirement)
            b (Requirement)
        "#]],
    );
}

#[test]
fn a_judgement_to_record_is_a_step_of_its_own() {
    check_order(
        r#"fact rec.outcome: one of { yes, no } ask nl "?" en "?"
fact rec.who: text ask nl "?" en "?"
norm avg.j "J" / "J" cites avg art 1 applies when a
  judgement "Evenredig?" / "Proportionate?" rests on b settled by rec.outcome == yes and rec.who != """#,
        "  a: true\n  rec:\n    who: Raad\n",
        expect![[r#"
            judgement avg.j: record rec.outcome
        "#]],
    );
}
