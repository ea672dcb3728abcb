//! Norms that rest on guidance, not statute: `not_followed`, never
//! `violated`, and not a violation overall.

use expect_test::expect;

use super::{check, check_error, compile};

const ADVICE: &str = r#"norm avg.advice "Advies" / "Advice"
  cites avg art 24(1)
  applies when a
  requires b
  guidance "Regulator's advice (2024)"
"#;

#[test]
fn a_failed_norm_resting_on_guidance_is_not_followed_and_no_violation() {
    check(
        ADVICE,
        "  a: true\n  b: false\n",
        expect![[r#"
            avg.advice: not_followed
            overall: NoViolations
        "#]],
    );
    // Met and not applicable as for any norm.
    check(
        ADVICE,
        "  a: true\n  b: true\n",
        expect![[r#"
            avg.advice: met
            overall: NoViolations
        "#]],
    );
    check(
        ADVICE,
        "  a: false\n",
        expect![[r#"
            avg.advice: not_applicable
            overall: NoViolations
        "#]],
    );
}

#[test]
fn a_norm_of_the_law_itself_is_still_violated_beside_it() {
    let rules = format!(
        "{ADVICE}norm avg.duty \"Plicht\" / \"Duty\" cites avg art 5(2) applies when a requires c\n"
    );
    check(
        &rules,
        "  a: true\n  b: false\n  c: false\n",
        expect![[r#"
            avg.advice: not_followed
            avg.duty: violated
            overall: Violations
        "#]],
    );
}

#[test]
fn is_violated_on_a_guidance_norm_holds_when_its_requirement_fails() {
    let rules = format!(
        "{ADVICE}norm avg.follow \"Volgt\" / \"Follows\" cites avg art 5(2) requires not avg.advice is violated\n"
    );
    check(
        &rules,
        "  a: true\n  b: false\n",
        expect![[r#"
            avg.advice: not_followed
            avg.follow: violated
            overall: Violations
        "#]],
    );
    check(
        &rules,
        "  a: true\n  b: true\n",
        expect![[r#"
            avg.advice: met
            avg.follow: met
            overall: NoViolations
        "#]],
    );
}

#[test]
fn a_test_expects_not_followed_of_a_guidance_norm() {
    let rules = compile(&format!(
        "{ADVICE}test \"missed\" {{ given {{ a = true b = false }} expect avg.advice not_followed }}\n\
         test \"followed\" {{ given {{ a = true b = true }} expect avg.advice not_followed }}\n"
    ));
    let report = rules.run_tests(jiff::civil::date(2026, 1, 1));
    let failures: Vec<String> = report
        .results
        .iter()
        .flat_map(|r| {
            r.failures.iter().map(move |f| {
                format!(
                    "{}: {} expected {} got {}",
                    r.name,
                    f.norm,
                    f.expected.as_str(),
                    f.actual.as_str()
                )
            })
        })
        .collect();
    assert_eq!((report.passed(), report.failed()), (1, 1));
    expect![[r#"
        [
            "followed: avg.advice expected not_followed got met",
        ]
    "#]]
    .assert_debug_eq(&failures);
}

#[test]
fn violated_on_a_guidance_norm_and_not_followed_on_a_statute_are_errors() {
    check_error(
        &format!(
            "{ADVICE}norm avg.duty \"Plicht\" / \"Duty\" cites avg art 5(2) requires c\n\
             test \"t\" {{ given {{ a = true b = false c = true }} expect avg.advice violated expect avg.duty not_followed }}\n"
        ),
        expect![[r#"
            toets::check::type_mismatch

              × norm `avg.advice` rests on guidance: it cannot be `violated`
                ╭─[test.toets:19:68]
             18 │ norm avg.duty "Plicht" / "Duty" cites avg art 5(2) requires c
             19 │ test "t" { given { a = true b = false c = true } expect avg.advice violated expect avg.duty not_followed }
                ·                                                                    ────┬───
                ·                                                                        ╰── not an outcome this norm can have
                ╰────
              help: expect `not_followed`: a norm resting on guidance is a recommendation, never `violated`

            toets::check::type_mismatch

              × norm `avg.duty` rests on a statute: it cannot be `not_followed`
                ╭─[test.toets:19:93]
             18 │ norm avg.duty "Plicht" / "Duty" cites avg art 5(2) requires c
             19 │ test "t" { given { a = true b = false c = true } expect avg.advice violated expect avg.duty not_followed }
                ·                                                                                             ──────┬─────
                ·                                                                                                   ╰── not an outcome this norm can have
                ╰────
              help: expect `violated`: only a norm with a `guidance` clause is `not_followed`
        "#]],
    );
}
