//! Coverage on tiny inline rule sets, one `check` helper.

use expect_test::{Expect, expect};
use toets_syntax::SourceFile;

use super::{Kind, coverage};
use crate::RuleSet;

/// Lines 1 to 7; the rules start on line 8.
const PRELUDE: &str = r#"law avg "AVG" / "GDPR" {
  abbrev "AVG" / "GDPR"
}
fact a: bool ask nl "A?" en "A?"
fact b: bool ask nl "B?" en "B?"
fact c: bool ask nl "C?" en "C?"
fact role: one of { provider, deployer, importer } ask nl "Rol?" en "Role?"
"#;

/// Prints every point with `reached` or `MISSED`.
fn check(rules: &str, expect: Expect) {
    let source = SourceFile::new("t.toets", format!("{PRELUDE}{rules}"));
    let out = match RuleSet::compile(vec![source]) {
        Ok(rules) => {
            let c = coverage(&rules, jiff::civil::date(2026, 11, 23));
            let mut out = String::new();
            for p in &c.points {
                let kind = match p.kind {
                    Kind::Clause => "clause",
                    Kind::Exception => "exception",
                    Kind::Value => "value",
                };
                let reached = if p.reached { "reached" } else { "MISSED" };
                out.push_str(&format!(
                    "{}:{} {kind} {} ({}): {reached}\n",
                    p.line, p.col, p.text, p.owner
                ));
            }
            out
        }
        Err(e) => e.0.iter().map(|e| format!("error: {e}\n")).collect(),
    };
    expect.assert_eq(&out);
}

#[test]
fn a_false_operand_hides_the_rest_of_its_chain() {
    check(
        r#"norm avg.n "N" / "N" cites avg art 1 applies when a and b requires c
test "t" { given { a = false b = true c = true } expect avg.n not_applicable }
"#,
        expect![[r#"
            8:51 clause a and b (avg.n): reached
            8:51 clause a (avg.n): reached
            8:57 clause b (avg.n): MISSED
            8:68 clause c (avg.n): MISSED
        "#]],
    );
}

#[test]
fn exceptions_are_reached_when_they_decide() {
    check(
        r#"norm avg.n "N" / "N" cites avg art 1 requires a
  unless "E" / "E" cites avg art 2 when b
  unless "F" / "F" cites avg art 3 when c
test "met" { given { a = true b = true c = true } expect avg.n met }
test "excepted" { given { a = false b = true c = false } expect avg.n not_applicable }
"#,
        expect![[r#"
            8:47 clause a (avg.n): reached
            9:3 exception unless "E" (avg.n): reached
            9:41 clause b (avg.n): reached
            10:3 exception unless "F" (avg.n): MISSED
            10:41 clause c (avg.n): reached
        "#]],
    );
}

#[test]
fn set_values_are_reached_by_the_facts_of_tests_that_consult_them() {
    check(
        r#"concept x = role in { provider, deployer }
norm avg.n "N" / "N" cites avg art 1 requires x
norm avg.m "M" / "M" cites avg art 1 requires role in { importer, deployer }
test "t" { given { role = provider } expect avg.n met }
test "u" { given { role = deployer } expect avg.n violated }
"#,
        expect![[r#"
            8:13 clause role in { provider, deployer } (x): reached
            8:23 value provider in role in { provider, deployer } (x): reached
            8:33 value deployer in role in { provider, deployer } (x): reached
            9:47 clause x (avg.n): reached
            10:47 clause role in { importer, deployer } (avg.m): MISSED
            10:57 value importer in role in { importer, deployer } (avg.m): MISSED
            10:67 value deployer in role in { importer, deployer } (avg.m): MISSED
        "#]],
    );
}

#[test]
fn finding_cases_after_one_that_holds_are_not_consulted() {
    check(
        r#"finding avg.f "F" / "F" cites avg art 1
  case first "1" / "1" when a
  case second "2" / "2" when b
norm avg.n "N" / "N" cites avg art 2 requires c
test "t" { given { a = true b = true } expect avg.f case first }
"#,
        expect![[r#"
            9:29 clause a (avg.f): reached
            10:30 clause b (avg.f): MISSED
            11:47 clause c (avg.n): MISSED
        "#]],
    );
}
