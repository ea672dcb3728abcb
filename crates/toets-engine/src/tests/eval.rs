//! Evaluation: three-valued outcomes, questions, exceptions, judgements, norm references, comparisons and dates.

use super::*;

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
            avg.y: needs_judgement awaiting avg.x
            overall: NeedsJudgement
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
fn comparisons_of_each_type() {
    check(
        r#"norm avg.eq "E" / "E" cites avg art 1 requires a == b
           norm avg.ne "N" / "N" cites avg art 1 requires n != 3
           norm avg.le "L" / "L" cites avg art 1 requires d <= 2026-01-01
           norm avg.ge "G" / "G" cites avg art 1 requires n >= 3
           norm avg.gt "T" / "T" cites avg art 1 requires n > 2
           norm avg.lt "U" / "U" cites avg art 1 requires d < 2026-01-02
           norm avg.role "R" / "R" cites avg art 1 requires role != provider"#,
        "  a: true\n  b: true\n  n: 3\n  d: 2026-01-01\n  role: deployer\n",
        expect![[r#"
            avg.eq: met
            avg.ne: violated
            avg.le: met
            avg.ge: met
            avg.gt: met
            avg.lt: met
            avg.role: met
            overall: Violations
        "#]],
    );
    check(
        r#"norm avg.eq "E" / "E" cites avg art 1 requires a == b
           norm avg.ne "N" / "N" cites avg art 1 requires n != 3
           norm avg.le "L" / "L" cites avg art 1 requires d <= 2026-01-01
           norm avg.ge "G" / "G" cites avg art 1 requires n >= 3
           norm avg.gt "T" / "T" cites avg art 1 requires n > 2
           norm avg.lt "U" / "U" cites avg art 1 requires d < 2026-01-02"#,
        "  a: true\n  b: false\n  n: 2\n  d: 2026-01-02\n",
        expect![[r#"
            avg.eq: violated
            avg.ne: met
            avg.le: violated
            avg.ge: violated
            avg.gt: violated
            avg.lt: violated
            overall: Violations
        "#]],
    );
}

#[test]
fn a_listed_value_may_stand_on_either_side_of_a_comparison() {
    check(
        r#"norm avg.l "L" / "L" cites avg art 1 requires deployer == role
           norm avg.r "R" / "R" cites avg art 1 requires role == deployer"#,
        "  role: deployer\n",
        expect![[r#"
            avg.l: met
            avg.r: met
            overall: NoViolations
        "#]],
    );
}

#[test]
fn outcome_and_truth_words() {
    use crate::{Outcome, Overall, truth_word};
    let words: Vec<(&str, &str)> = Outcome::ALL
        .iter()
        .map(|o| (o.as_str(), o.label()))
        .collect();
    expect![[r#"
        [
            (
                "violated",
                "violated",
            ),
            (
                "not_followed",
                "not followed",
            ),
            (
                "undetermined",
                "undetermined",
            ),
            (
                "needs_judgement",
                "needs judgement",
            ),
            (
                "met",
                "met",
            ),
            (
                "not_applicable",
                "not applicable",
            ),
            (
                "not_in_force",
                "not in force",
            ),
        ]
    "#]]
    .assert_debug_eq(&words);
    let overall: Vec<&str> = [
        Overall::NoViolations,
        Overall::Violations,
        Overall::Undetermined,
        Overall::NeedsJudgement,
    ]
    .iter()
    .map(|o| o.label())
    .collect();
    expect![[r#"
        [
            "no violations found",
            "violations found",
            "undetermined: open questions remain",
            "needs human judgement",
        ]
    "#]]
    .assert_debug_eq(&overall);
    assert_eq!(
        [
            truth_word(Some(true)),
            truth_word(Some(false)),
            truth_word(None)
        ],
        ["true", "false", "unknown"]
    );
}

#[test]
fn whole_numbers_serialise_without_a_fraction() {
    use crate::Value;
    let json = |v: Value| serde_json::to_string(&v).unwrap_or_default();
    assert_eq!(json(Value::Number(30_000.0)), "30000");
    assert_eq!(json(Value::Number(-4.0)), "-4");
    assert_eq!(json(Value::Number(2.5)), "2.5");
    assert_eq!(json(Value::Number(1e300)), "1e+300");
}
