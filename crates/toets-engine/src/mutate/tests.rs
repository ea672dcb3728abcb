//! Mutation testing on tiny inline rule sets, one `check` helper.

use expect_test::{Expect, expect};
use toets_syntax::SourceFile;
use toets_syntax::ast::CompareOp;

use super::sites::{Edit, Site, Target};
use super::{Context, Job, Operator, Options, OwnerKind, Status, judge, run};
use crate::RuleSet;

/// Line 1 to 9 of every rule set; the rules start on line 10.
const PRELUDE: &str = r#"law avg "AVG" / "GDPR" {
  abbrev "AVG" / "GDPR"
}
fact a: bool ask nl "A?" en "A?"
fact b: bool ask nl "B?" en "B?"
fact c: bool ask nl "C?" en "C?"
fact n: number ask nl "N?" en "N?"
fact role: one of { provider, deployer, importer } ask nl "Rol?" en "Role?"
fact purpose: set of { fraud, eligibility, research } ask nl "Doel?" en "Purpose?"
"#;

fn options() -> Options {
    Options {
        date: jiff::civil::date(2026, 11, 23),
        only: None,
        files: Vec::new(),
        jobs: 1,
    }
}

fn status(s: &Status) -> String {
    match s {
        Status::Killed { test, .. } => format!("killed by `{test}`"),
        Status::Survived => "survived".to_owned(),
        Status::Invalid { error } => format!("invalid: {error}"),
        Status::Equivalent { reason } => format!("equivalent: {reason}"),
    }
}

/// Runs every mutant of `rules` (after the prelude) and prints one line per
/// mutant, then the warnings.
fn check(rules: &str, expect: Expect) {
    let source = SourceFile::new("t.toets", format!("{PRELUDE}{rules}"));
    let out = match run(vec![source], &options()) {
        Ok(report) => {
            let mut out = String::new();
            for m in &report.mutants {
                out.push_str(&format!(
                    "{}:{} {} {}: {} → {}: {}\n",
                    m.line,
                    m.col,
                    m.owner,
                    m.operator.name(),
                    m.before,
                    m.after,
                    status(&m.status)
                ));
            }
            for w in &report.warnings {
                out.push_str(&format!("warning {}: {}\n", w.location, w.message));
            }
            out
        }
        Err(e) => format!("error: {e}\n"),
    };
    expect.assert_eq(&out);
}

#[test]
fn swap_and_or_drop_operand_and_add_not() {
    check(
        r#"norm avg.n "N" / "N" cites avg art 1 requires a and b
test "both" { given { a = true b = true } expect avg.n met }
test "not a" { given { a = false b = true } expect avg.n violated }
"#,
        expect![[r#"
            10:47 avg.n swap-and-or: a and b → a or b: killed by `not a`
            10:47 avg.n drop-operand: a and b → b: killed by `not a`
            10:47 avg.n add-not: a → not a: killed by `both`
            10:53 avg.n drop-operand: a and b → a: survived
            10:53 avg.n add-not: b → not b: killed by `both`
        "#]],
    );
}

#[test]
fn remove_not_and_or_chains() {
    check(
        r#"concept x = not a or (b and c)
norm avg.n "N" / "N" cites avg art 1 requires x
test "t" { given { a = true b = true c = true } expect avg.n met }
"#,
        expect![[r#"
            10:13 x swap-and-or: not a or (b and c) → not a and (b and c): killed by `t`
            10:13 x drop-operand: not a or (b and c) → b and c: survived
            10:13 x remove-not: not a → a: survived
            10:17 x add-not: a → not a: survived
            10:22 x drop-operand: not a or (b and c) → not a: killed by `t`
            10:22 x swap-and-or: b and c → b or c: survived
            10:23 x drop-operand: b and c → c: survived
            10:23 x add-not: b → not b: killed by `t`
            10:29 x drop-operand: b and c → b: survived
            10:29 x add-not: c → not c: killed by `t`
            11:47 avg.n add-not: x → not x: killed by `t`
        "#]],
    );
}

#[test]
fn comparisons_flip_and_move_their_boundary() {
    check(
        r#"norm avg.n "N" / "N" cites avg art 1 requires n >= 10 and n != 12
test "ten" { given { n = 10 } expect avg.n met }
test "nine" { given { n = 9 } expect avg.n violated }
"#,
        expect![[r#"
            10:47 avg.n swap-and-or: n >= 10 and n != 12 → n >= 10 or n != 12: killed by `nine`
            10:47 avg.n drop-operand: n >= 10 and n != 12 → n != 12: killed by `nine`
            10:47 avg.n flip-compare: n >= 10 → n < 10: killed by `ten`
            10:47 avg.n boundary: n >= 10 → n > 10: killed by `ten`
            10:59 avg.n drop-operand: n >= 10 and n != 12 → n >= 10: survived
            10:59 avg.n flip-compare: n != 12 → n == 12: killed by `ten`
        "#]],
    );
}

#[test]
fn values_are_dropped_from_sets() {
    check(
        r#"norm avg.n "N" / "N" cites avg art 1
  applies when role in { provider, deployer }
  requires purpose contains any { fraud, research }
test "t" { given { role = provider purpose = [fraud] } expect avg.n met }
test "u" { given { role = importer purpose = [fraud] } expect avg.n not_applicable }
"#,
        expect![[r#"
            11:16 avg.n add-not: role in { provider, deployer } → not role in { provider, deployer }: killed by `t`
            11:26 avg.n drop-value: role in { provider, deployer } → role in { deployer }: killed by `t`
            11:36 avg.n drop-value: role in { provider, deployer } → role in { provider }: survived
            12:12 avg.n add-not: purpose contains any { fraud, research } → not purpose contains any { fraud, research }: killed by `t`
            12:35 avg.n drop-value: purpose contains any { fraud, research } → purpose contains research: killed by `t`
            12:42 avg.n drop-value: purpose contains any { fraud, research } → purpose contains fraud: survived
        "#]],
    );
}

#[test]
fn exceptions_are_deleted_and_norm_states_changed() {
    check(
        r#"norm avg.n "N" / "N" cites avg art 1 requires a
  unless "E" / "E" cites avg art 2 when c
norm avg.m "M" / "M" cites avg art 3 applies when avg.n is met requires b
test "t" { given { a = false b = false c = true } expect avg.n not_applicable expect avg.m not_applicable }
"#,
        expect![[r#"
            10:47 avg.n add-not: a → not a: killed by `t`
            11:3 avg.n delete-unless: unless "E" → (no exception): killed by `t`
            11:41 avg.n add-not: c → not c: killed by `t`
            12:51 avg.m change-state: avg.n is met → avg.n is violated: survived
            12:51 avg.m change-state: avg.n is met → avg.n is applicable: survived
            12:51 avg.m add-not: avg.n is met → not avg.n is met: killed by `t`
            12:73 avg.m add-not: b → not b: survived
        "#]],
    );
}

#[test]
fn equivalent_markers_show_their_reason_and_unmatched_ones_warn() {
    check(
        r#"norm avg.n "N" / "N" cites avg art 1
  // toets: equivalent drop-operand — b is true whenever a is, see the test below
  requires a and b
  // toets: equivalent swap-and-or — wrong: nothing to swap on the next line
  cites avg art 2
  // toets: equivalent no-such-operator — x
  // toets: equivalent add-not
test "t" { given { a = true b = true } expect avg.n met }
test "u" { given { a = false b = false } expect avg.n violated }
"#,
        expect![[r#"
            12:12 avg.n swap-and-or: a and b → a or b: survived
            12:12 avg.n drop-operand: a and b → b: equivalent: b is true whenever a is, see the test below
            12:12 avg.n add-not: a → not a: killed by `t`
            12:18 avg.n drop-operand: a and b → a: equivalent: b is true whenever a is, see the test below
            12:18 avg.n add-not: b → not b: killed by `t`
            warning t.toets:15:3: `no-such-operator` is not a mutation operator; the operators are: swap-and-or, drop-operand, add-not, remove-not, flip-compare, boundary, drop-value, delete-unless, change-state
            warning t.toets:16:3: an equivalent marker needs a reason: `toets: equivalent OPERATOR — REASON`
            warning t.toets:13:3: the equivalent marker matches no swap-and-or mutant on line 14
        "#]],
    );
}

#[test]
fn a_marked_mutant_that_is_killed_warns() {
    check(
        r#"norm avg.n "N" / "N" cites avg art 1
  // toets: equivalent add-not — wrong
  requires a
test "t" { given { a = true } expect avg.n met }
"#,
        expect![[r#"
            12:12 avg.n add-not: a → not a: killed by `t`
            warning t.toets:11:3: marked equivalent, but test `t` (t.toets:13:6) kills the add-not mutant `a` → `not a`
        "#]],
    );
}

#[test]
fn failing_tests_stop_the_run() {
    check(
        r#"norm avg.n "N" / "N" cites avg art 1 requires a
test "t" { given { a = false } expect avg.n met }
"#,
        expect![[r#"
            error: 1 test(s) fail before mutation, first `t (t.toets:11:6)`
        "#]],
    );
}

/// Killed, survived and invalid, from one mutant each; the operators
/// cannot make rules that do not check, so the invalid one is made by hand.
#[test]
fn killed_survived_and_invalid_are_told_apart() {
    let text = format!(
        r#"{PRELUDE}norm avg.n "N" / "N" cites avg art 1 requires role == provider or a
test "t" {{ given {{ role = provider a = true }} expect avg.n met }}
"#
    );
    let source = SourceFile::new("t.toets", text);
    let (rules, files) = match RuleSet::compile(vec![source.clone()])
        .ok()
        .zip(toets_syntax::parse(&source).ok())
    {
        Some((r, f)) => (r, vec![f]),
        None => unreachable!("the rules compile"),
    };
    let context = Context {
        rules: &rules,
        files: &files,
        date: options().date,
        cones: rules
            .tests
            .iter()
            .map(|t| crate::testing::cone(&rules, t))
            .collect(),
    };
    let job = |target, edit| Job {
        file: 0,
        site: Site {
            item: 7,
            target,
            edit,
            owner: "avg.n".to_owned(),
            owner_kind: OwnerKind::Norm,
            span: toets_syntax::Span::new(0, 0),
            before: String::new(),
            after: String::new(),
        },
        marker: None,
    };
    let mut work = files.clone();
    let mut verdict = |target, edit| status(&judge(&context, &mut work, &job(target, edit)));
    // Node 0 is the `or`, node 1 the comparison, node 2 `a`.
    expect!["survived"].assert_eq(&verdict(Target::Node(0), Edit::SwapAndOr));
    expect!["killed by `t`"].assert_eq(&verdict(Target::Node(0), Edit::AddNot));
    expect!["invalid: `<` cannot order `role`, a `one of` fact"].assert_eq(&verdict(
        Target::Node(1),
        Edit::Compare(CompareOp::Lt, Operator::FlipCompare),
    ));
    expect!["invalid: internal error: the mutant does not fit its file"]
        .assert_eq(&verdict(Target::Node(2), Edit::DropValue(0)));
}

#[test]
fn long_texts_are_shortened_to_what_changed() {
    let before = "a1 and a2 and a3 and a4 and a5 and a6 and a7 and a8 and a9 and a10 and a11";
    let after = "a1 and a2 and a3 and a4 and a5 and a6 and a8 and a9 and a10 and a11";
    let (b, a) = super::shorten(before, after, 30);
    expect!["… and a7 and a8 … → … and a8 …"].assert_eq(&format!("{b} → {a}"));
    let (b, a) = super::shorten("a and b", "a or b", 30);
    expect!["a and b → a or b"].assert_eq(&format!("{b} → {a}"));
}
