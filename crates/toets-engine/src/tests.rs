//! Engine tests: small inline rule sets through one `check` helper each for
//! verdicts and for diagnostics, rust-analyzer style.

use expect_test::{Expect, expect};
use toets_syntax::SourceFile;

use crate::{Description, EvalOptions, RuleSet};

mod exact;
mod findings;
mod references;

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

              × dependency cycle: `p` → `q` → `p` (each depends on the next)
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

#[test]
fn whole_numbers_serialise_without_a_fraction() {
    use crate::Value;
    let json = |v: Value| serde_json::to_string(&v).unwrap_or_default();
    assert_eq!(json(Value::Number(30_000.0)), "30000");
    assert_eq!(json(Value::Number(-4.0)), "-4");
    assert_eq!(json(Value::Number(2.5)), "2.5");
    assert_eq!(json(Value::Number(1e300)), "1e+300");
}

#[test]
fn the_rule_set_keeps_its_sources_in_name_order_and_hashes_them() {
    let norm = "norm avg.x \"X\" / \"X\" cites avg art 1 requires a\n";
    let files = |first: &str| {
        vec![
            SourceFile::new("b.toets", first.to_owned()),
            SourceFile::new("a.toets", format!("{PRELUDE}{norm}")),
        ]
    };
    let Ok(one) = RuleSet::compile(files("// one\n")) else {
        unreachable!("compiles")
    };
    let Ok(two) = RuleSet::compile(files("// two\n")) else {
        unreachable!("compiles")
    };
    let names: Vec<&str> = one.sources().iter().map(SourceFile::name).collect();
    assert_eq!(names, ["a.toets", "b.toets"]);
    assert_eq!(one.sha256().len(), 64);
    assert!(one.sha256().chars().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(
        one.sha256(),
        two.sha256(),
        "a changed file changes the hash"
    );
    let desc = Description::from_values(&one, &[]);
    let Ok(verdict) = one.evaluate(&desc, &EvalOptions::on(jiff::civil::date(2026, 1, 1))) else {
        unreachable!("evaluates")
    };
    assert_eq!(verdict.provenance.rules_sha256, one.sha256());
    assert_eq!(desc.name(), "<given>");
}

#[test]
fn the_rule_set_answers_questions_about_itself() {
    use crate::model::Ground;
    let rules = compile(
        r#"concept both "Beide" / "Both" = a and b
        norm avg.base "B" / "B" cites avg art 6(1)(e) requires both
        norm avg.top "T" / "T" cites avg art 5(2) requires avg.base is met
        test "t" { given { a = true b = true } expect avg.top met }"#,
    );
    let show = |g: Ground| rules.node_name(g).to_owned();
    let (Some(a), Some(both), Some(base), Some(top)) = (
        rules.fact_id("a"),
        rules.concept_id("both"),
        rules.norm_id("avg.base"),
        rules.norm_id("avg.top"),
    ) else {
        unreachable!("declared names resolve")
    };
    assert_eq!(rules.fact_id("both"), None, "a concept is not a fact");
    assert_eq!(rules.norm_id("a"), None);
    assert_eq!(rules.concept_id("avg.base"), None);
    assert_eq!(
        rules
            .laws()
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>(),
        ["avg"]
    );
    let base_norm = rules.norms().iter().find(|n| n.id == "avg.base");
    assert_eq!(
        base_norm
            .and_then(|n| rules.law(n.law))
            .map(|l| l.abbrev.en.as_str()),
        Some("GDPR")
    );
    assert_eq!(rules.facts().len(), 7);
    assert_eq!(rules.concepts().len(), 1);
    assert_eq!(rules.norms().len(), 2);
    assert_eq!(rules.tests().len(), 1);
    assert!(rules.names().any(|n| n == "both"));
    assert!(rules.names().any(|n| n == "avg.top"));
    assert_eq!(show(Ground::Fact(a)), "a");
    assert_eq!(
        rules
            .dependencies(Ground::Norm(top))
            .iter()
            .map(|g| show(*g))
            .collect::<Vec<_>>(),
        ["avg.base"]
    );
    assert_eq!(
        rules
            .dependents(Ground::Concept(both))
            .iter()
            .map(|g| show(*g))
            .collect::<Vec<_>>(),
        ["avg.base"]
    );
    let edges: Vec<(String, String)> = rules
        .edges()
        .into_iter()
        .map(|(from, to)| (show(from), show(to)))
        .collect();
    assert!(edges.contains(&("a".into(), "both".into())), "{edges:?}");
    assert!(
        edges.contains(&("avg.base".into(), "avg.top".into())),
        "{edges:?}"
    );
    assert!(
        rules
            .dependencies(Ground::Norm(base))
            .contains(&Ground::Concept(both))
    );
    let schema = rules.description_schema();
    assert!(
        schema.pointer("/properties/facts/properties/a").is_some(),
        "{schema}"
    );
    let report = rules.run_tests(jiff::civil::date(2026, 1, 1));
    assert_eq!((report.passed(), report.failed()), (1, 0));
}

#[test]
fn a_norm_id_must_be_a_dotted_name_under_a_declared_law() {
    // `avg` alone names the law but no norm under it; `zzz.x` names no law;
    // an unknown name far from every declared one gets the generic help.
    check_error(
        r#"norm avg "A" / "A" cites avg art 1 requires a
           norm zzz.x "Z" / "Z" cites avg art 1 requires a
           concept far = qqqqqqqq"#,
        expect![[r#"
            toets::check::undefined

              × name `qqqqqqqq` is not declared
                ╭─[test.toets:15:26]
             14 │            norm zzz.x "Z" / "Z" cites avg art 1 requires a
             15 │            concept far = qqqqqqqq
                ·                          ────┬───
                ·                              ╰── not declared
                ╰────
              help: declare `qqqqqqqq` as a `fact` or a `concept`, or check the spelling

            toets::check::structure

              × norm id `avg` names only its law
                ╭─[test.toets:13:6]
             12 │ fact purpose: set of { fraud, eligibility, research } ask nl "Doel?" en "Purpose?"
             13 │ norm avg "A" / "A" cites avg art 1 requires a
                ·      ─┬─
                ·       ╰── needs a name after the law's id
             14 │            norm zzz.x "Z" / "Z" cites avg art 1 requires a
                ╰────
              help: write it as `avg.<name>`, e.g. `avg.dpia_required`

            toets::check::undefined

              × law `zzz` is not declared
                ╭─[test.toets:14:17]
             13 │ norm avg "A" / "A" cites avg art 1 requires a
             14 │            norm zzz.x "Z" / "Z" cites avg art 1 requires a
                ·                 ──┬──
                ·                   ╰── not declared
             15 │            concept far = qqqqqqqq
                ╰────
              help: a norm id starts with the id of a declared law, e.g. `avg.dpia_required`
        "#]],
    );
}

#[test]
fn the_verdict_shows_where_each_fact_stands_and_the_system_it_is_about() {
    let rules = compile(
        r#"norm avg.x "X" / "X" cites avg art 5(1)(c) applies when a requires b
          judgement "Afweging" / "Balancing" rests on n, a"#,
    );
    let text = "system:\n  name: Risicoscore\n  organisation: Gemeente Voorbeeld\nfacts:\n  a: true\n  b: true\n  n: 3\n";
    let Ok(desc) = rules.load_description("d.yaml", text) else {
        unreachable!("loads")
    };
    assert_eq!(desc.system().name.as_deref(), Some("Risicoscore"));
    let Ok(verdict) = rules.evaluate(&desc, &EvalOptions::on(jiff::civil::date(2026, 1, 1))) else {
        unreachable!("evaluates")
    };
    assert_eq!(
        verdict.system.organisation.as_deref(),
        Some("Gemeente Voorbeeld")
    );
    let Some(norm) = verdict.norm("avg.x") else {
        unreachable!("the norm is in the verdict")
    };
    let Some(judgement) = &norm.judgement else {
        unreachable!("the judgement is shown")
    };
    let rests: Vec<String> = judgement
        .rests_on_facts
        .iter()
        .map(|f| {
            let at = f
                .source
                .as_ref()
                .map(|s| format!("{}:{}", s.line, s.column));
            format!("{} at {}", f.fact, at.unwrap_or_default())
        })
        .collect();
    assert_eq!(rests, ["n at 7:6", "a at 5:6"]);
}

#[test]
fn the_documented_limits_have_their_documented_values() {
    // docs/language.md states these numbers; the limit tests are relative
    // to the constants, so pin the constants themselves too.
    assert_eq!(crate::MAX_DESCRIPTION_BYTES, 8 * 1024 * 1024);
    assert_eq!(crate::MAX_DESCRIPTION_DEPTH, 64);
    assert_eq!(crate::MAX_FACTS, 10_000);
    let limits = toets_syntax::Limits::default();
    assert_eq!(limits.max_file_bytes, 4 * 1024 * 1024);
    assert_eq!(limits.max_nesting, 64);
    assert_eq!(limits.max_ident_len, 128);
}

#[test]
fn unknown_keys_list_the_few_possible_keys_or_point_to_the_schema() {
    // Seven facts: the description error lists them. The system section
    // has four fields: listed too.
    check_description_error(
        "system:\n  nickname: x\nfacts:\n  zzzzzz: true\n",
        expect![[r#"
            toets::description::unknown_key

              × unknown key `nickname` in `system`
               ╭─[d.yaml:2:3]
             1 │ system:
             2 │   nickname: x
               ·   ────┬───
               ·       ╰── not a declared system field
             3 │ facts:
               ╰────
              help: expected one of: name, organisation, purpose, contact

            toets::description::unknown_key

              × unknown key `zzzzzz` in `facts`
               ╭─[d.yaml:4:3]
             3 │ facts:
             4 │   zzzzzz: true
               ·   ───┬──
               ·      ╰── not a declared fact
               ╰────
              help: expected one of: a, b, c, d, n, purpose, role
        "#]],
    );
    // More than eight facts: too many to list.
    let mut facts = String::new();
    for i in 0..9 {
        facts.push_str(&format!("fact f{i}: bool ask nl \"?\" en \"?\"\n"));
    }
    let rules = compile(&format!(
        "{facts}norm avg.x \"X\" / \"X\" cites avg art 1 requires f0"
    ));
    let errors = rules
        .load_description("d.yaml", "facts:\n  zzzzzz: true\n")
        .err()
        .map(|e| e.0.iter().map(|d| render(d)).collect::<String>())
        .unwrap_or_default();
    assert!(errors.contains("run `toets schema`"), "{errors}");
}

#[test]
fn system_fields_are_texts_and_null_leaves_them_out() {
    let rules = compile(r#"norm avg.x "X" / "X" cites avg art 1 requires a"#);
    let Ok(desc) = rules.load_description("d.yaml", "system:\n  name: null\n  contact: ~\n") else {
        unreachable!("null is allowed")
    };
    assert_eq!(desc.system().name, None);
    assert_eq!(desc.system().contact, None);
    check_description_error(
        "system:\n  name: [a, b]\n",
        expect![[r#"
            toets::description::wrong_type

              × `system.name` must be a text, found a list
               ╭─[d.yaml:2:9]
             1 │ system:
             2 │   name: [a, b]
               ·         ▲
               ·         ╰── a list here
               ╰────
        "#]],
    );
}

#[test]
fn values_outside_a_facts_list_are_refused_with_the_list() {
    check_description_error(
        "facts:\n  role: importer\n  purpose: [fraud, reserch]\n  a: yes\n",
        expect![[r#"
            toets::description::wrong_type

              × `role` must be one of its listed values, found `importer`
               ╭─[d.yaml:2:9]
             1 │ facts:
             2 │   role: importer
               ·         ────┬───
               ·             ╰── not a listed value
             3 │   purpose: [fraud, reserch]
               ╰────
              help: the values are: provider, deployer

            toets::description::wrong_type

              × `purpose` must be one of its listed values, found `reserch`
               ╭─[d.yaml:3:20]
             2 │   role: importer
             3 │   purpose: [fraud, reserch]
               ·                    ───┬───
               ·                       ╰── not a listed value
             4 │   a: yes
               ╰────
              help: did you mean `research`?

            toets::description::wrong_type

              × `a` must be a boolean, found a text
               ╭─[d.yaml:4:6]
             3 │   purpose: [fraud, reserch]
             4 │   a: yes
               ·      ─┬─
               ·       ╰── a text here
               ╰────
              help: write `true` or `false` (without quotes)
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
fn all_errors_of_a_rule_set_are_related_diagnostics() {
    use miette::Diagnostic;
    let Err(errors) = RuleSet::compile(vec![SourceFile::new(
        "x.toets",
        format!("{PRELUDE}norm avg.x \"X\" / \"X\" cites avg art 1 requires zz and yy"),
    )]) else {
        unreachable!("does not compile")
    };
    assert_eq!(errors.to_string(), "2 errors in the rule set");
    assert_eq!(errors.related().map(Iterator::count), Some(2));
}

#[test]
fn labels_types_and_citations_render_in_both_languages() {
    use crate::model::{Bilingual, Citation, CitationKind, FactType, Lang};
    let labels = Bilingual {
        nl: "DPIA verplicht".into(),
        en: "DPIA required".into(),
    };
    assert_eq!(labels.get(Lang::Nl), "DPIA verplicht");
    assert_eq!(labels.get(Lang::En), "DPIA required");
    assert_eq!(FactType::Bool.describe(), "bool");
    assert_eq!(
        FactType::SetOf(vec!["a".into(), "b".into()]).describe(),
        "set of { a, b }"
    );
    assert_eq!(FactType::OneOf(vec!["x".into()]).describe(), "one of { x }");
    let abbrev = Bilingual {
        nl: "AVG".into(),
        en: "GDPR".into(),
    };
    let cite = |kind, number: &str, parts: &[&str]| {
        Citation::new(
            "avg".into(),
            kind,
            number.into(),
            parts.iter().map(|p| (*p).to_owned()).collect(),
            &abbrev,
        )
    };
    let article = cite(CitationKind::Article, "35", &["3", "a"]);
    assert_eq!(article.text.nl, "AVG art. 35(3)(a)");
    assert_eq!(article.text.en, "GDPR Art. 35(3)(a)");
    assert_eq!(article.render("GDPR", Lang::En), "GDPR Art. 35(3)(a)");
    assert_eq!(article.render("AVG", Lang::Nl), "AVG art. 35(3)(a)");
    let annex = cite(CitationKind::Annex, "III", &["5"]);
    assert_eq!(
        annex.render("AI-verordening", Lang::Nl),
        "AI-verordening bijlage III(5)"
    );
    let recital = cite(CitationKind::Recital, "12", &[]);
    assert_eq!(recital.render("AI Act", Lang::En), "AI Act recital 12");
}

#[test]
fn the_schema_lists_each_facts_values_and_question() {
    let rules = compile(r#"norm avg.x "X" / "X" cites avg art 1 requires a"#);
    let schema = rules.description_schema();
    let at = |path: &str| {
        schema
            .pointer(&format!("/properties/facts/properties/{path}"))
            .cloned()
            .unwrap_or_default()
    };
    use serde_json::json;
    assert_eq!(at("role/enum"), json!(["provider", "deployer", null]));
    assert_eq!(
        at("purpose/items/enum"),
        json!(["fraud", "eligibility", "research"])
    );
    assert_eq!(at("a/type"), json!(["boolean", "null"]));
    assert_eq!(at("d/format"), "date");
    assert_eq!(at("a/title"), "A?");
}

#[test]
fn invariant_checks_catch_a_broken_verdict() {
    use crate::{Outcome, invariants};
    let rules = compile(
        r#"norm avg.x "X" / "X" cites avg art 1 applies when a requires b
           norm avg.y "Y" / "Y" cites avg art 1 requires c"#,
    );
    let desc = Description::from_values(&rules, &[]);
    let Ok(good) = rules.evaluate(&desc, &EvalOptions::on(jiff::civil::date(2026, 1, 1))) else {
        unreachable!("evaluates")
    };
    assert_eq!(invariants::check(&rules, &desc, &good), Ok(()));

    let mut silent = good.clone();
    if let Some(n) = silent.norms.first_mut() {
        n.outcome = Outcome::Undetermined;
        n.open_questions.clear();
    }
    assert!(invariants::check(&rules, &desc, &silent).is_err());

    let mut twice = good.clone();
    if let Some(first) = twice.norms.first().cloned()
        && let Some(second) = twice.norms.get_mut(1)
    {
        *second = first;
    }
    assert!(invariants::check(&rules, &desc, &twice).is_err());

    let mut missing = good.clone();
    missing.norms.pop();
    assert!(invariants::check(&rules, &desc, &missing).is_err());

    let mut unlisted = good;
    unlisted.open_questions.clear();
    assert!(invariants::check(&rules, &desc, &unlisted).is_err());
}

#[test]
fn failing_rule_tests_are_reported_with_their_place() {
    let rules = compile(
        r#"norm avg.x "X" / "X" cites avg art 1 applies when a requires b
test "right" { given { a = true b = true } expect avg.x met }
test "wrong outcome" { given { a = true b = true } expect avg.x violated }
test "right outcome, wrong questions" { given { a = true } expect avg.x undetermined asking c }"#,
    );
    let report = rules.run_tests(jiff::civil::date(2026, 1, 1));
    assert_eq!((report.passed(), report.failed()), (1, 2));
    let failures: Vec<String> = report
        .results
        .iter()
        .flat_map(|r| {
            r.failures.iter().map(move |f| {
                format!(
                    "{} @ {}: {} expected {} got {} asking {:?} got {:?}",
                    r.name,
                    r.location,
                    f.norm,
                    f.expected.as_str(),
                    f.actual.as_str(),
                    f.expected_questions,
                    f.actual_questions
                )
            })
        })
        .collect();
    expect![[r#"
        [
            "wrong outcome @ test.toets:15:6: avg.x expected violated got met asking None got []",
            "right outcome, wrong questions @ test.toets:16:6: avg.x expected undetermined got undetermined asking Some([\"c\"]) got [\"b\"]",
        ]
    "#]]
    .assert_debug_eq(&failures);
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
fn type_errors_in_conditions() {
    check_error(
        r#"
norm avg.a "A" / "A" cites avg art 1 requires n and a
norm avg.b "B" / "B" cites avg art 1 requires role contains provider
norm avg.c "C" / "C" cites avg art 1 requires purpose in { fraud }
norm avg.d "D" / "D" cites avg art 1 requires role in { provider, importer }
norm avg.e "E" / "E" cites avg art 1 requires n < d
norm avg.f "F" / "F" cites avg art 1 requires purpose contains any { fraud, nothing }
norm avg.g "G" / "G" cites avg art 1 requires not n
"#,
        expect![[r#"
            toets::check::type_mismatch

              × expected a condition, found a number
                ╭─[test.toets:14:47]
             13 │ 
             14 │ norm avg.a "A" / "A" cites avg art 1 requires n and a
                ·                                               ┬
                ·                                               ╰── not true or false
             15 │ norm avg.b "B" / "B" cites avg art 1 requires role contains provider
                ╰────
              help: compare it: `persons_affected >= 10000`

            toets::check::type_mismatch

              × `contains` needs a `set of` fact, found `role`, a `one of` fact
                ╭─[test.toets:15:47]
             14 │ norm avg.a "A" / "A" cites avg art 1 requires n and a
             15 │ norm avg.b "B" / "B" cites avg art 1 requires role contains provider
                ·                                               ──┬─
                ·                                                 ╰── wrong kind of value
             16 │ norm avg.c "C" / "C" cites avg art 1 requires purpose in { fraud }
                ╰────
              help: compare it with one of its values: `role == provider` or `role in { ... }`

            toets::check::type_mismatch

              × `in` needs a `one of` fact, found `purpose`, a `set of` fact
                ╭─[test.toets:16:47]
             15 │ norm avg.b "B" / "B" cites avg art 1 requires role contains provider
             16 │ norm avg.c "C" / "C" cites avg art 1 requires purpose in { fraud }
                ·                                               ───┬───
                ·                                                  ╰── wrong kind of value
             17 │ norm avg.d "D" / "D" cites avg art 1 requires role in { provider, importer }
                ╰────
              help: test its contents: `purpose contains fraud` or `purpose contains any { ... }`

            toets::check::type_mismatch

              × `importer` is not a value of `role`
                ╭─[test.toets:17:67]
             16 │ norm avg.c "C" / "C" cites avg art 1 requires purpose in { fraud }
             17 │ norm avg.d "D" / "D" cites avg art 1 requires role in { provider, importer }
                ·                                                                   ────┬───
                ·                                                                       ╰── unknown value
             18 │ norm avg.e "E" / "E" cites avg art 1 requires n < d
                ╰────
              help: `role` takes one of: provider, deployer

            toets::check::type_mismatch

              × cannot compare a number with a date
                ╭─[test.toets:18:47]
             17 │ norm avg.d "D" / "D" cites avg art 1 requires role in { provider, importer }
             18 │ norm avg.e "E" / "E" cites avg art 1 requires n < d
                ·                                               ──┬──
                ·                                                 ╰── different types
             19 │ norm avg.f "F" / "F" cites avg art 1 requires purpose contains any { fraud, nothing }
                ╰────
              help: both sides of a comparison must have the same type

            toets::check::type_mismatch

              × `nothing` is not a value of `purpose`
                ╭─[test.toets:19:77]
             18 │ norm avg.e "E" / "E" cites avg art 1 requires n < d
             19 │ norm avg.f "F" / "F" cites avg art 1 requires purpose contains any { fraud, nothing }
                ·                                                                             ───┬───
                ·                                                                                ╰── unknown value
             20 │ norm avg.g "G" / "G" cites avg art 1 requires not n
                ╰────
              help: `purpose` takes one of: fraud, eligibility, research

            toets::check::type_mismatch

              × expected a condition, found a number
                ╭─[test.toets:20:51]
             19 │ norm avg.f "F" / "F" cites avg art 1 requires purpose contains any { fraud, nothing }
             20 │ norm avg.g "G" / "G" cites avg art 1 requires not n
                ·                                                   ┬
                ·                                                   ╰── not true or false
                ╰────
              help: compare it: `persons_affected >= 10000`
        "#]],
    );
}

#[test]
fn a_concept_that_depends_on_itself_is_a_cycle() {
    check_error(
        "concept p = p and a\nconcept r = s\nconcept s = t\nconcept t = r",
        expect![[r#"
            toets::check::cycle

              × dependency cycle: `p` → `p` (each depends on the next)
                ╭─[test.toets:13:9]
             12 │ fact purpose: set of { fraud, eligibility, research } ask nl "Doel?" en "Purpose?"
             13 │ concept p = p and a
                ·         ┬
                ·         ╰── `p` is part of the cycle
             14 │ concept r = s
                ╰────
              help: a norm or concept cannot depend on itself, directly or through others; break the chain

            toets::check::cycle

              × dependency cycle: `r` → `s` → `t` → `r` (each depends on the next)
                ╭─[test.toets:14:9]
             13 │ concept p = p and a
             14 │ concept r = s
                ·         ┬
                ·         ╰── `r` is part of the cycle
             15 │ concept s = t
                ╰────
              help: a norm or concept cannot depend on itself, directly or through others; break the chain
        "#]],
    );
}

#[test]
fn a_test_whose_expectations_do_not_resolve_is_not_also_empty() {
    check_error(
        r#"norm avg.x "X" / "X" cites avg art 1 requires a
test "t" { given { a = true } expect avg.y met }
test "u" { given { a = true } }"#,
        expect![[r#"
            toets::check::undefined

              × norm or finding `avg.y` is not declared
                ╭─[test.toets:14:38]
             13 │ norm avg.x "X" / "X" cites avg art 1 requires a
             14 │ test "t" { given { a = true } expect avg.y met }
                ·                                      ──┬──
                ·                                        ╰── not declared
             15 │ test "u" { given { a = true } }
                ╰────
              help: did you mean `avg.x`?

            toets::check::structure

              × test `u` expects nothing
                ╭─[test.toets:15:6]
             14 │ test "t" { given { a = true } expect avg.y met }
             15 │ test "u" { given { a = true } }
                ·      ─┬─
                ·       ╰── no `expect` line
                ╰────
              help: add `expect some.norm OUTCOME` lines
        "#]],
    );
}

#[test]
fn values_in_test_blocks_must_fit_their_fact() {
    check_error(
        r#"norm avg.x "X" / "X" cites avg art 1 requires a
test "t" { given { a = 3 role = importer purpose = [fraud, nothing] d = "x" } expect avg.x met }"#,
        expect![[r#"
            toets::check::type_mismatch

              × value does not fit `a`, which is bool
                ╭─[test.toets:14:24]
             13 │ norm avg.x "X" / "X" cites avg art 1 requires a
             14 │ test "t" { given { a = 3 role = importer purpose = [fraud, nothing] d = "x" } expect avg.x met }
                ·                        ┬
                ·                        ╰── wrong value
                ╰────
              help: give `true` or `false`

            toets::check::type_mismatch

              × value does not fit `role`, which is one of { provider, deployer }
                ╭─[test.toets:14:33]
             13 │ norm avg.x "X" / "X" cites avg art 1 requires a
             14 │ test "t" { given { a = 3 role = importer purpose = [fraud, nothing] d = "x" } expect avg.x met }
                ·                                 ────┬───
                ·                                     ╰── wrong value
                ╰────
              help: give one of: provider, deployer

            toets::check::type_mismatch

              × value does not fit `purpose`, which is set of { fraud, eligibility, research }
                ╭─[test.toets:14:52]
             13 │ norm avg.x "X" / "X" cites avg art 1 requires a
             14 │ test "t" { given { a = 3 role = importer purpose = [fraud, nothing] d = "x" } expect avg.x met }
                ·                                                    ────────┬───────
                ·                                                            ╰── wrong value
                ╰────
              help: give a list in brackets of: fraud, eligibility, research

            toets::check::type_mismatch

              × value does not fit `d`, which is date
                ╭─[test.toets:14:73]
             13 │ norm avg.x "X" / "X" cites avg art 1 requires a
             14 │ test "t" { given { a = 3 role = importer purpose = [fraud, nothing] d = "x" } expect avg.x met }
                ·                                                                         ─┬─
                ·                                                                          ╰── wrong value
                ╰────
              help: give a date such as `2026-01-31`
        "#]],
    );
}

/// The trace of a verdict, as compact lines: per norm its outcome, the
/// clauses shown with their truth, the facts, concepts and norms under them,
/// the exception applied, the judgement and the open questions.
fn trace(rules: &str, facts: &str, laws: &[&str]) -> String {
    let rules = compile(rules);
    let Ok(desc) = rules.load_description("d.yaml", &format!("facts:\n{facts}")) else {
        unreachable!("loads")
    };
    let options = EvalOptions {
        date: jiff::civil::date(2026, 11, 23),
        laws: laws.iter().map(|l| (*l).to_owned()).collect(),
    };
    let Ok(v) = rules.evaluate(&desc, &options) else {
        unreachable!("evaluates")
    };
    let mut out = String::new();
    for n in &v.norms {
        let cites: Vec<&str> = n.citations.iter().map(|c| c.text.en.as_str()).collect();
        out.push_str(&format!(
            "{} {} [{}]",
            n.id,
            n.outcome.as_str(),
            cites.join("; ")
        ));
        if let Some(note) = &n.in_force_note {
            out.push_str(&format!(" ({note})"));
        }
        out.push('\n');
        for c in &n.conditions {
            let facts: Vec<String> = c
                .facts
                .iter()
                .map(|f| {
                    let at = f
                        .source
                        .as_ref()
                        .map_or(String::new(), |s| format!("@{}", s.line));
                    format!(
                        "{}={}{at}",
                        f.fact,
                        f.value.as_ref().map_or("?".to_owned(), ToString::to_string)
                    )
                })
                .collect();
            let norms: Vec<String> = c
                .norms
                .iter()
                .map(|r| format!("{}:{}", r.norm, r.outcome.as_str()))
                .collect();
            out.push_str(&format!(
                "  {:?} {} = {} facts {:?} concepts {:?} norms {:?}\n",
                c.clause,
                c.label.as_ref().map_or("", |l| l.en.as_str()),
                crate::truth_word(c.value),
                facts,
                c.concepts,
                norms
            ));
        }
        if let Some(e) = &n.exception {
            let cites: Vec<&str> = e.citations.iter().map(|c| c.text.en.as_str()).collect();
            out.push_str(&format!(
                "  exception {} [{}]\n",
                e.label.en,
                cites.join("; ")
            ));
        }
        if let Some(j) = &n.judgement {
            let rests: Vec<&str> = j.rests_on_facts.iter().map(|f| f.fact.as_str()).collect();
            let record: Vec<&str> = j.record.iter().map(|f| f.fact.as_str()).collect();
            out.push_str(&format!(
                "  judgement {} rests on {rests:?} concepts {:?} record {record:?} settled {:?}\n",
                j.label.en,
                j.rests_on_concepts
                    .iter()
                    .map(|c| c.concept.as_str())
                    .collect::<Vec<_>>(),
                j.settled
            ));
        }
        if !n.awaiting_judgement.is_empty() {
            out.push_str(&format!("  awaiting {:?}\n", n.awaiting_judgement));
        }
        if !n.open_questions.is_empty() {
            out.push_str(&format!("  asks {:?}\n", n.open_questions));
        }
    }
    let questions: Vec<String> = v
        .open_questions
        .iter()
        .map(|q| format!("{} decides {:?}", q.fact, q.decides))
        .collect();
    let laws: Vec<String> = v
        .laws
        .iter()
        .map(|l| {
            let counts: Vec<String> = l
                .counts
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(o, n)| format!("{n} {o}"))
                .collect();
            format!("{}: {}", l.law, counts.join(", "))
        })
        .collect();
    out.push_str(&format!("questions {questions:?}\nlaws {laws:?}\n"));
    out
}

#[test]
fn the_trace_shows_what_took_part_and_nothing_else() {
    let rules = r#"
law aia "AI" / "AI" { abbrev "AI-verordening" / "AI Act" }
concept both "Beide" / "Both" = a and b
norm avg.scope "S" / "S" cites avg art 2(1) applies when c requires both
norm avg.exc "E" / "E" cites avg art 9(1) applies when a requires not b
  unless "Uitzondering" / "Exception" cites avg art 9(2)(g) when both
norm avg.judged "J" / "J" cites avg art 5(1)(c) applies when a requires b
  judgement "Afweging" / "Balancing" rests on n, both settled by role == provider
norm avg.waits "W" / "W" cites avg art 5(2) requires avg.judged is met
norm avg.metexc "M" / "M" cites avg art 6(1) applies when a requires b
  unless "Niet nodig" / "Not needed" cites avg art 9(2)(a) when both
norm avg.onjudged "O" / "O" cites avg art 5(2) requires a
  judgement "Volgt" / "Follows" rests on a settled by avg.judged is met
norm avg.later "L" / "L" cites avg art 6(1) requires a in_force 2030-01-01
norm avg.earlier "P" / "P" cites avg art 6(1) requires a until 2026-11-22
norm avg.lastday "D" / "D" cites avg art 6(1) requires a until 2026-11-23
norm aia.other "O" / "O" cites aia annex III(5)(a) requires a
"#;
    expect![[r#"
        avg.scope not_applicable [GDPR Art. 2(1)]
          Applies  = false facts ["c=false@4"] concepts [] norms []
        avg.exc not_applicable [GDPR Art. 9(1)]
          Applies  = true facts ["a=true@2"] concepts [] norms []
          Requires  = false facts ["b=true@3"] concepts [] norms []
          Exception Exception = true facts [] concepts ["both"] norms []
          exception Exception [GDPR Art. 9(2)(g)]
        avg.judged needs_judgement [GDPR Art. 5(1)(c)]
          Applies  = true facts ["a=true@2"] concepts [] norms []
          Requires  = true facts ["b=true@3"] concepts [] norms []
          judgement Balancing rests on ["n"] concepts ["both"] record ["role"] settled None
        avg.waits needs_judgement [GDPR Art. 5(2)]
          Requires  = unknown facts [] concepts [] norms ["avg.judged:needs_judgement"]
          awaiting ["avg.judged"]
        avg.metexc met [GDPR Art. 6(1)]
          Applies  = true facts ["a=true@2"] concepts [] norms []
          Requires  = true facts ["b=true@3"] concepts [] norms []
        avg.onjudged needs_judgement [GDPR Art. 5(2)]
          Requires  = true facts ["a=true@2"] concepts [] norms []
          judgement Follows rests on ["a"] concepts [] record [] settled None
          awaiting ["avg.judged"]
        avg.later not_in_force [GDPR Art. 6(1)] (applies from 2030-01-01)
        avg.earlier not_in_force [GDPR Art. 6(1)] (applied until 2026-11-22)
        avg.lastday met [GDPR Art. 6(1)]
          Requires  = true facts ["a=true@2"] concepts [] norms []
        aia.other met [AI Act Annex III(5)(a)]
          Requires  = true facts ["a=true@2"] concepts [] norms []
        questions []
        laws ["avg: 2 met, 3 needs_judgement, 2 not_applicable, 2 not_in_force", "aia: 1 met"]
    "#]]
    .assert_eq(&trace(
        rules,
        "  a: true\n  b: true\n  c: false\n  n: 3\n",
        &[],
    ));
    // With a law filter, only that law's norms are reported.
    expect![[r#"
        aia.other met [AI Act Annex III(5)(a)]
          Requires  = true facts ["a=true@2"] concepts [] norms []
        questions []
        laws ["aia: 1 met"]
    "#]]
    .assert_eq(&trace(rules, "  a: true\n", &["aia"]));
}

#[test]
fn infinite_and_not_a_number_are_texts_in_a_description() {
    check_description_error(
        "facts:\n  n: .inf\n  a: true\n",
        expect![[r#"
            toets::description::wrong_type

              × `n` must be a number, found a text
               ╭─[d.yaml:2:6]
             1 │ facts:
             2 │   n: .inf
               ·      ──┬─
               ·        ╰── a text here
             3 │   a: true
               ╰────
              help: write a number without quotes, e.g. `30000`
        "#]],
    );
    check_description_error(
        "facts:\n  n: nan\n",
        expect![[r#"
            toets::description::wrong_type

              × `n` must be a number, found a text
               ╭─[d.yaml:2:6]
             1 │ facts:
             2 │   n: nan
               ·      ─┬─
               ·       ╰── a text here
               ╰────
              help: write a number without quotes, e.g. `30000`
        "#]],
    );
}

#[test]
fn all_errors_of_a_description_are_related_diagnostics() {
    use miette::Diagnostic;
    let rules = compile(r#"norm avg.x "X" / "X" cites avg art 1 requires a"#);
    let Err(errors) = rules.load_description("d.yaml", "facts:\n  a: 1\n  b: 2\n  zz: 3\n") else {
        unreachable!("does not load")
    };
    assert_eq!(errors.related().map(Iterator::count), Some(3));
    assert_eq!(errors.to_string(), "3 errors in the description");
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
fn a_number_too_large_for_a_float_is_not_a_number() {
    check_description_error(
        "facts:\n  n: 1e999\n",
        expect![[r#"
            toets::description::wrong_type

              × `n` must be a number, found a text
               ╭─[d.yaml:2:6]
             1 │ facts:
             2 │   n: 1e999
               ·      ──┬──
               ·        ╰── a text here
               ╰────
              help: write a number without quotes, e.g. `30000`
        "#]],
    );
}
