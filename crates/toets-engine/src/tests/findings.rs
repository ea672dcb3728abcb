//! Findings, value labels, `follows`, `today` and the reasons a verdict
//! gives: small rule sets through one `check_findings` helper.

use expect_test::{Expect, expect};

use super::{check_error, compile, render};
use crate::EvalOptions;
use crate::verdict::Reason;

/// Evaluates `facts` on 2026-11-23 and prints each finding with its value,
/// case, reasons and open questions, then each norm's reasons.
fn check_findings(rules: &str, facts: &str, expect: Expect) {
    let rules = compile(rules);
    let desc = match rules.load_description("d.yaml", &format!("facts:\n{facts}")) {
        Ok(d) => d,
        Err(e) => unreachable!("{}", e.0.iter().map(|d| render(d)).collect::<String>()),
    };
    let Ok(v) = rules.evaluate(&desc, &EvalOptions::on(jiff::civil::date(2026, 11, 23))) else {
        unreachable!("evaluates")
    };
    let mut out = String::new();
    for f in &v.findings {
        let value = match (f.value, &f.case) {
            (_, Some(case)) => format!("case {}", case.id),
            (Some(b), None) => b.to_string(),
            (None, None) => "open".to_owned(),
        };
        out.push_str(&format!("finding {}: {value}", f.id));
        if !f.because.is_empty() {
            out.push_str(&format!(" because {}", reasons(&f.because)));
        }
        if !f.open_questions.is_empty() {
            out.push_str(&format!(" asking {}", f.open_questions.join(", ")));
        }
        out.push('\n');
    }
    for n in &v.norms {
        if !n.because.is_empty() {
            out.push_str(&format!(
                "norm {}: {} because {}\n",
                n.id,
                n.outcome.as_str(),
                reasons(&n.because)
            ));
        }
    }
    expect.assert_eq(&out);
}

fn reasons(rs: &[Reason]) -> String {
    rs.iter()
        .map(|r| match r {
            Reason::Fact(f) => {
                let value = f
                    .value
                    .as_ref()
                    .map_or("unknown".to_owned(), ToString::to_string);
                match &f.value_label {
                    Some(l) => format!("{}={value} ({})", f.fact, l.en),
                    None => format!("{}={value}", f.fact),
                }
            }
            Reason::Concept(c) => format!(
                "{}={} [{}]",
                c.concept,
                crate::truth_word(c.value),
                reasons(&c.because)
            ),
            Reason::Norm(n) => format!("{} is {}", n.norm, n.outcome.as_str()),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

const RULES: &str = r#"
concept c.scope "Binnen bereik" / "In scope" = a and b
concept c.special "Bijzonder" / "Special" = c
finding avg.scope "AVG van toepassing" / "AVG applies" cites avg art 2(1) when c.scope
finding avg.standard "Maatstaf" / "Standard" cites avg art 9(1)
  case strict "Strikt" / "Strict" when c.special
  case ordinary "Gewoon" / "Ordinary" when c.scope
  case none "Geen" / "None" when true
norm avg.x "X" / "X" cites avg art 5(1) applies when c.scope requires c or n >= 10
"#;

#[test]
fn a_finding_holds_when_its_condition_does_and_says_why() {
    check_findings(
        RULES,
        "  a: true\n  b: true\n  c: false\n  n: 3\n",
        expect![[r#"
            finding avg.scope: true because a=true; b=true
            finding avg.standard: case ordinary because a=true; b=true
            norm avg.x: violated because c=false; n=3
        "#]],
    );
}

#[test]
fn cases_take_the_first_that_holds_and_wait_for_an_earlier_open_one() {
    check_findings(
        RULES,
        "  a: true\n  b: true\n",
        expect![[r#"
            finding avg.scope: true because a=true; b=true
            finding avg.standard: open asking c
        "#]],
    );
    check_findings(
        RULES,
        "  a: false\n  c: true\n",
        expect![[r#"
            finding avg.scope: false because a=false
            finding avg.standard: case strict because c=true
            norm avg.x: not_applicable because a=false
        "#]],
    );
    check_findings(
        RULES,
        "  a: false\n  c: false\n",
        expect![[r#"
            finding avg.scope: false because a=false
            finding avg.standard: case none
            norm avg.x: not_applicable because a=false
        "#]],
    );
}

#[test]
fn a_finding_open_on_unknown_facts_lists_them() {
    check_findings(
        RULES,
        "  a: true\n",
        expect![[r#"
            finding avg.scope: open asking b
            finding avg.standard: open asking b, c
        "#]],
    );
}

#[test]
fn a_single_concept_is_unfolded_to_the_most_specific_one() {
    check_findings(
        r#"
concept c.point_a "Punt a" / "Point a" = a and role == provider
concept c.point_b "Punt b" / "Point b" = b
concept c.either "Een van de punten" / "One of the points" = c.point_a or c.point_b
concept c.high "Hoog risico" / "High risk" = c.either
finding avg.high "Hoog risico" / "High risk" cites avg art 6 when c.high
norm avg.x "X" / "X" cites avg art 5(1) requires a
"#,
        "  a: true\n  role: provider\n",
        expect![[r#"
            finding avg.high: true because c.point_a=true [a=true; role=provider]
        "#]],
    );
}

#[test]
fn listed_values_carry_their_labels_into_the_verdict() {
    check_findings(
        r#"
fact review: one of { none "Geen beoordeling" / "No review", full "Volledig" / "Full review" }
  ask nl "Beoordeling?" en "Review?"
fact uses: set of { x "Iks" / "Ex", y, z "Zet" / "Zed" } ask nl "?" en "?"
norm avg.x "X" / "X" cites avg art 22(1) requires review == full and not (uses contains x)
"#,
        "  review: none\n  uses: [x, y]\n",
        expect![[r#"
            norm avg.x: violated because review=none (No review)
        "#]],
    );
    let rules = compile(
        r#"fact review: one of { none "Geen beoordeling" / "No review", full }
  ask nl "?" en "?"
norm avg.x "X" / "X" cites avg art 22(1) requires review == full"#,
    );
    let Ok(desc) = rules.load_description("d.yaml", "facts: {}") else {
        unreachable!("loads")
    };
    let Ok(v) = rules.evaluate(&desc, &EvalOptions::on(jiff::civil::date(2026, 11, 23))) else {
        unreachable!("evaluates")
    };
    let q = v.open_questions.iter().find(|q| q.fact == "review");
    let options: Vec<(String, String, String)> = q
        .map(|q| {
            q.options
                .iter()
                .map(|o| (o.value.clone(), o.label.nl.clone(), o.label.en.clone()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        options,
        vec![
            ("none".into(), "Geen beoordeling".into(), "No review".into()),
            ("full".into(), "full".into(), "full".into()),
        ]
    );
}

#[test]
fn today_is_the_evaluation_date() {
    check_findings(
        r#"
finding avg.after "Na de datum" / "After the date" cites avg art 99 when today >= 2026-01-01 and d < today
norm avg.x "X" / "X" cites avg art 5(1) requires a
"#,
        "  d: 2026-11-22\n",
        expect![[r#"
            finding avg.after: true because d=2026-11-22
        "#]],
    );
}

/// The facts each fact presupposes, by id.
fn presupposed(rules: &crate::RuleSet, id: &str) -> Vec<String> {
    let f = rules.fact_id(id).and_then(|f| rules.facts().get(f.index()));
    f.map(|f| {
        f.presupposes
            .iter()
            .filter_map(|p| rules.facts().get(p.index()).map(|x| x.id.clone()))
            .collect()
    })
    .unwrap_or_default()
}

#[test]
fn a_fact_only_requirements_read_follows_the_scope_of_each_norm_that_requires_it() {
    // Art 5(1)(a) and (b) in small: the finding mentions `c` (the distortion,
    // a requirement of both) before `b` (the scope of the second), yet `c`
    // comes after `b`; and the second norm is a unit of its own in the
    // finding's `or`, so `b` does not presuppose the first norm's facts.
    let rules = compile(
        r#"
norm avg.a "A" / "A" cites avg art 5(1)(a) applies when a requires not c
norm avg.b "B" / "B" cites avg art 5(1)(b) applies when b requires not c
finding avg.p "P" / "P" cites avg art 5(1) when avg.a is violated or avg.b is violated
"#,
    );
    assert_eq!(presupposed(&rules, "a"), Vec::<String>::new());
    assert_eq!(presupposed(&rules, "b"), Vec::<String>::new());
    assert_eq!(
        presupposed(&rules, "c"),
        vec!["a".to_owned(), "b".to_owned()]
    );
}

#[test]
fn a_fact_read_in_some_norm_scope_keeps_the_order_of_first_mention() {
    // `b` is the scope of avg.y, so avg.x's scope-before-requirement does not
    // force it after `a`: the finding's order (b first) stands.
    let rules = compile(
        r#"
finding avg.f "F" / "F" cites avg art 1 when b and a
norm avg.x "X" / "X" cites avg art 5(1) applies when a requires b
norm avg.y "Y" / "Y" cites avg art 5(2) applies when b requires c
"#,
    );
    assert_eq!(presupposed(&rules, "b"), Vec::<String>::new());
    assert_eq!(presupposed(&rules, "a"), vec!["b".to_owned()]);
}

#[test]
fn facts_presuppose_what_their_conditions_read_first() {
    let rules = compile(
        r#"
fact e: bool ask nl "E?" en "E?" follows c
concept k = a and b
finding avg.f "F" / "F" cites avg art 1 when k or c
norm avg.x "X" / "X" cites avg art 5(1) applies when a requires b and e
norm avg.y "Y" / "Y" cites avg art 5(1) applies when b requires a
"#,
    );
    let pre = |id: &str| -> Vec<String> {
        let f = rules.fact_id(id).and_then(|f| rules.facts().get(f.index()));
        f.map(|f| {
            f.presupposes
                .iter()
                .filter_map(|p| rules.facts().get(p.index()).map(|x| x.id.clone()))
                .collect()
        })
        .unwrap_or_default()
    };
    // `b` after `a` (read first in the finding); avg.y's opposite order gives way.
    assert_eq!(pre("a"), Vec::<String>::new());
    assert_eq!(pre("b"), vec!["a".to_owned()]);
    assert_eq!(pre("c"), vec!["a".to_owned(), "b".to_owned()]);
    // `e` follows `c` by its own declaration, and `a` and `b` through it.
    assert_eq!(
        pre("e"),
        vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]
    );
    let order: Vec<String> = rules
        .norms()
        .first()
        .and_then(|n| n.requires.as_ref())
        .map(|r| {
            r.facts_in_order
                .iter()
                .filter_map(|f| rules.facts().get(f.index()).map(|x| x.id.clone()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(order, vec!["b".to_owned(), "e".to_owned()]);
}

#[test]
fn findings_and_follows_are_checked() {
    check_error(
        r#"
fact e: bool ask nl "E?" en "E?" follows f, e, avg.x, nope
fact f: bool ask nl "F?" en "F?" follows e
finding avg.f "F" / "F" when a
finding avg.g "G" / "G" cites avg art 1 when a case x "X" / "X" when b
finding avg.h "H" / "H" cites avg art 1
finding avg.i "I" / "I" cites avg art 1 case x "X" / "X" when a case x "Y" / "Y" when b
finding nolaw.j "J" / "J" cites avg art 1 when a
norm avg.x "X" / "X" cites avg art 5(1) requires avg.i or a
"#,
        expect![[r#"
            toets::check::structure

              × fact `e` follows itself
                ╭─[test.toets:14:45]
             13 │ 
             14 │ fact e: bool ask nl "E?" en "E?" follows f, e, avg.x, nope
                ·                                             ┬
                ·                                             ╰── names the fact itself
             15 │ fact f: bool ask nl "F?" en "F?" follows e
                ╰────
              help: `follows` names the facts that are asked before this one

            toets::check::type_mismatch

              × `avg.x` is a norm, not a fact
                ╭─[test.toets:14:48]
             13 │ 
             14 │ fact e: bool ask nl "E?" en "E?" follows f, e, avg.x, nope
                ·                                                ──┬──
                ·                                                  ╰── `follows` needs a fact
             15 │ fact f: bool ask nl "F?" en "F?" follows e
                ╰────
              help: `follows` names the facts that are asked before this one

            toets::check::undefined

              × fact `nope` is not declared
                ╭─[test.toets:14:55]
             13 │ 
             14 │ fact e: bool ask nl "E?" en "E?" follows f, e, avg.x, nope
                ·                                                       ──┬─
                ·                                                         ╰── not declared
             15 │ fact f: bool ask nl "F?" en "F?" follows e
                ╰────
              help: declare it with `fact nope ...`, or check the spelling

            toets::check::type_mismatch

              × finding `avg.i` cannot be read by a condition
                ╭─[test.toets:21:50]
             20 │ finding nolaw.j "J" / "J" cites avg art 1 when a
             21 │ norm avg.x "X" / "X" cites avg art 5(1) requires avg.i or a
                ·                                                  ──┬──
                ·                                                    ╰── a finding is shown to the reader, not read
                ╰────
              help: read the concept the finding reports instead: declare the condition as a `concept` and use
                    it in both

            toets::check::structure

              × finding `avg.f` cites no article
                ╭─[test.toets:16:9]
             15 │ fact f: bool ask nl "F?" en "F?" follows e
             16 │ finding avg.f "F" / "F" when a
                ·         ──┬──
                ·           ╰── no `cites` clause
             17 │ finding avg.g "G" / "G" cites avg art 1 when a case x "X" / "X" when b
                ╰────
              help: every finding cites the provisions that define it, e.g. `cites aia art 6(2)`

            toets::check::structure

              × finding `avg.g` has both `when` and `case`
                ╭─[test.toets:17:9]
             16 │ finding avg.f "F" / "F" when a
             17 │ finding avg.g "G" / "G" cites avg art 1 when a case x "X" / "X" when b
                ·         ──┬──
                ·           ╰── give one of the two
             18 │ finding avg.h "H" / "H" cites avg art 1
                ╰────
              help: a finding either holds `when ...`, or takes the first of its `case`s that holds

            toets::check::structure

              × finding `avg.h` says nothing
                ╭─[test.toets:18:9]
             17 │ finding avg.g "G" / "G" cites avg art 1 when a case x "X" / "X" when b
             18 │ finding avg.h "H" / "H" cites avg art 1
                ·         ──┬──
                ·           ╰── no `when` or `case` clause
             19 │ finding avg.i "I" / "I" cites avg art 1 case x "X" / "X" when a case x "Y" / "Y" when b
                ╰────
              help: add `when CONDITION`, or cases: `case name "..." / "..." when CONDITION`

            toets::check::structure

              × finding `avg.i` has two cases named `x`
                ╭─[test.toets:19:70]
             18 │ finding avg.h "H" / "H" cites avg art 1
             19 │ finding avg.i "I" / "I" cites avg art 1 case x "X" / "X" when a case x "Y" / "Y" when b
                ·                                                                      ┬
                ·                                                                      ╰── named again
             20 │ finding nolaw.j "J" / "J" cites avg art 1 when a
                ╰────
              help: give each case its own name

            toets::check::undefined

              × law `nolaw` is not declared
                ╭─[test.toets:20:9]
             19 │ finding avg.i "I" / "I" cites avg art 1 case x "X" / "X" when a case x "Y" / "Y" when b
             20 │ finding nolaw.j "J" / "J" cites avg art 1 when a
                ·         ───┬───
                ·            ╰── not declared
             21 │ norm avg.x "X" / "X" cites avg art 5(1) requires avg.i or a
                ╰────
              help: a finding id starts with the id of a declared law, e.g. `avg.dpia_required`
        "#]],
    );
}

#[test]
fn facts_that_follow_each_other_in_a_circle_are_refused() {
    check_error(
        r#"
fact e: bool ask nl "E?" en "E?" follows f
fact f: bool ask nl "F?" en "F?" follows e
norm avg.x "X" / "X" cites avg art 5(1) requires e and f
"#,
        expect![[r#"
            toets::check::structure

              × facts follow each other in a circle: `e` and `f`
                ╭─[test.toets:15:6]
             14 │ fact e: bool ask nl "E?" en "E?" follows f
             15 │ fact f: bool ask nl "F?" en "F?" follows e
                ·      ┬
                ·      ╰── part of the circle
             16 │ norm avg.x "X" / "X" cites avg art 5(1) requires e and f
                ╰────
              help: `follows` says which facts are asked first; remove one of these `follows`
        "#]],
    );
}

#[test]
fn test_blocks_expect_findings_too() {
    let rules = compile(&format!(
        "{RULES}{}",
        r#"
test "scope and standard" {
  given { a = true b = true c = false }
  expect avg.scope true
  expect avg.standard case ordinary
}
test "a standard holds" {
  given { a = true b = true c = false }
  expect avg.standard true
}
test "open" {
  given { a = true }
  expect avg.scope undetermined asking b
  expect avg.standard case strict
}
test "open is not false" {
  given { a = true }
  expect avg.scope false
}
"#
    ));
    let report = rules.run_tests(jiff::civil::date(2026, 11, 23));
    let failures: Vec<String> = report
        .results
        .iter()
        .flat_map(|r| {
            r.failures.iter().map(move |f| {
                format!(
                    "{}: {} expected {}, got {}",
                    r.name, f.norm, f.expected, f.actual
                )
            })
        })
        .collect();
    assert_eq!(
        failures,
        [
            "open: avg.standard expected case strict, got undetermined",
            "open is not false: avg.scope expected false, got undetermined",
        ]
    );
    check_error(
        &format!(
            "{RULES}{}",
            r#"
test "t" {
  expect avg.scope met
  expect avg.x true
  expect avg.scope case strict
  expect avg.standard case strickt
  expect avg.nothing true
}
"#
        ),
        expect![[r#"
            toets::check::type_mismatch

              × `avg.scope` is a finding: expect its value
                ╭─[test.toets:24:20]
             23 │ test "t" {
             24 │   expect avg.scope met
                ·                    ─┬─
                ·                     ╰── a norm's outcome
             25 │   expect avg.x true
                ╰────
              help: a finding is `true`, `false`, `undetermined` or `case NAME`

            toets::check::type_mismatch

              × `avg.x` is a norm: expect an outcome
                ╭─[test.toets:25:16]
             24 │   expect avg.scope met
             25 │   expect avg.x true
                ·                ──┬─
                ·                  ╰── a finding's value
             26 │   expect avg.scope case strict
                ╰────
              help: a norm is `met`, `violated`, `not_followed`, `not_applicable`, `undetermined`,
                    `needs_judgement` or `not_in_force`

            toets::check::type_mismatch

              × finding `avg.scope` has no cases
                ╭─[test.toets:26:25]
             25 │   expect avg.x true
             26 │   expect avg.scope case strict
                ·                         ───┬──
                ·                            ╰── not a case
             27 │   expect avg.standard case strickt
                ╰────
              help: expect `true`, `false` or `undetermined`

            toets::check::undefined

              × case `strickt` is not declared
                ╭─[test.toets:27:28]
             26 │   expect avg.scope case strict
             27 │   expect avg.standard case strickt
                ·                            ───┬───
                ·                               ╰── not declared
             28 │   expect avg.nothing true
                ╰────
              help: did you mean `strict`?

            toets::check::undefined

              × norm or finding `avg.nothing` is not declared
                ╭─[test.toets:28:10]
             27 │   expect avg.standard case strickt
             28 │   expect avg.nothing true
                ·          ─────┬─────
                ·               ╰── not declared
             29 │ }
                ╰────
              help: did you mean `avg.x`?
        "#]],
    );
}
