//! Diagnostics of rule files: names, cycles, types, ids and test blocks.

use super::*;

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
