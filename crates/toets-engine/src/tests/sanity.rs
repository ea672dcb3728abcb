//! Rule sets that checked but said nothing or contradicted themselves
//! (issue 15, class 5): each is now an error with a hint.

use expect_test::expect;

use super::{check_error, compile};

#[test]
fn a_norm_or_law_whose_until_is_before_its_in_force_is_never_in_force() {
    check_error(
        r#"norm avg.x "X" / "X" cites avg art 1 requires a in_force 2021-01-01 until 2020-12-31"#,
        expect![[r#"
            toets::check::structure

              × norm `avg.x` is never in force: `until 2020-12-31` is before `in_force 2021-01-01`
                ╭─[test.toets:13:75]
             12 │ fact purpose: set of { fraud, eligibility, research } ask nl "Doel?" en "Purpose?"
             13 │ norm avg.x "X" / "X" cites avg art 1 requires a in_force 2021-01-01 until 2020-12-31
                ·                                                                           ─────┬────
                ·                                                                                ╰── before its `in_force`
                ╰────
              help: `until` is the last day it applies: give a date on or after `in_force`
        "#]],
    );
    check_error(
        r#"law old "Oud" / "Old" { in_force 2020-01-01 until 2019-01-01 }
norm old.x "X" / "X" cites old art 1 requires a"#,
        expect![[r#"
            toets::check::structure

              × law `old` is never in force: `until 2019-01-01` is before `in_force 2020-01-01`
                ╭─[test.toets:13:51]
             12 │ fact purpose: set of { fraud, eligibility, research } ask nl "Doel?" en "Purpose?"
             13 │ law old "Oud" / "Old" { in_force 2020-01-01 until 2019-01-01 }
                ·                                                   ─────┬────
                ·                                                        ╰── before its `in_force`
             14 │ norm old.x "X" / "X" cites old art 1 requires a
                ╰────
              help: `until` is the last day it applies: give a date on or after `in_force`
        "#]],
    );
    // The same day is one day in force.
    let rules = compile(
        r#"norm avg.x "X" / "X" cites avg art 1 requires a in_force 2021-01-01 until 2021-01-01"#,
    );
    assert_eq!(rules.norms().len(), 1);
}

#[test]
fn a_fact_beside_one_of_its_parts_is_refused() {
    check_error(
        r#"fact a.x: bool ask nl "?" en "?"
norm avg.x "X" / "X" cites avg art 1 requires a.x"#,
        expect![[r#"
            toets::check::structure

              × fact `a.x` is declared beside fact `a`
                ╭─[test.toets:13:6]
             12 │ fact purpose: set of { fraud, eligibility, research } ask nl "Doel?" en "Purpose?"
             13 │ fact a.x: bool ask nl "?" en "?"
                ·      ─┬─
                ·       ╰── a part of another fact
             14 │ norm avg.x "X" / "X" cites avg art 1 requires a.x
                ╰────
              help: a description cannot give both `a` and `a.x`: rename one of them
        "#]],
    );
}

#[test]
fn tests_have_their_own_names_and_expect_each_norm_once() {
    check_error(
        r#"norm avg.x "X" / "X" cites avg art 1 requires a
test "t" { given { a = true } expect avg.x met }
test "t" { given { a = false } expect avg.x violated }
test "u" { given { a = true } expect avg.x met expect avg.x violated }"#,
        expect![[r#"
            toets::check::structure

              × test expects `avg.x` twice
                ╭─[test.toets:16:48]
             15 │ test "t" { given { a = false } expect avg.x violated }
             16 │ test "u" { given { a = true } expect avg.x met expect avg.x violated }
                ·                                                ───────────┬──────────
                ·                                                           ╰── expected again
                ╰────
              help: expect each norm or finding once; a test for another outcome needs its own facts

            toets::check::structure

              × a second test is named `t`
                ╭─[test.toets:15:6]
             14 │ test "t" { given { a = true } expect avg.x met }
             15 │ test "t" { given { a = false } expect avg.x violated }
                ·      ─┬─
                ·       ╰── name used before
             16 │ test "u" { given { a = true } expect avg.x met expect avg.x violated }
                ╰────
              help: give each test its own name, so a failure says which one failed
        "#]],
    );
}
