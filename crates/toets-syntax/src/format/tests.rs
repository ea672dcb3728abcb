//! The formatter on small inputs: layout, comments, brackets, and the
//! guarantees (same tree, every comment, idempotent) on each of them.

use expect_test::{Expect, expect};

use crate::{SourceFile, parse};

use super::shape;

/// Formats `input`, compares the result with `expect`, and checks that the
/// output parses to the same tree, keeps every comment and is a fixed point.
fn check(input: &str, expect: Expect) {
    let before = parse(&SourceFile::new("in.toets", input)).unwrap_or_else(|e| {
        unreachable!("test input does not parse: {e:?}");
    });
    let out = super::format(&before).unwrap_or_else(|e| unreachable!("{e}"));
    expect.assert_eq(&out);
    let after = parse(&SourceFile::new("out.toets", out.as_str()))
        .unwrap_or_else(|e| unreachable!("output does not parse: {e:?}\n{out}"));
    assert_eq!(shape(&before), shape(&after), "the tree changed:\n{out}");
    let texts = |f: &crate::ast::File| {
        f.comments
            .iter()
            .map(|c| c.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&before), texts(&after), "comments changed:\n{out}");
    let again = super::format(&after).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(out, again, "not idempotent");
}

#[test]
fn norm_clauses_one_per_line() {
    check(
        r#"norm avg.x "X" / "X" cites avg art 35(1),avg art 35(3)(a) applies when a and b requires c"#,
        expect![[r#"
            norm avg.x "X" / "X"
              cites avg art 35(1), avg art 35(3)(a)
              applies when a and b
              requires c
        "#]],
    );
}

#[test]
fn long_chains_break_before_each_operator() {
    check(
        "concept c = first_long_condition_name and second_long_condition_name and third_long_condition_name_here and (x or y)

norm avg.x \"X\" / \"X\" cites avg art 1 requires first_long_condition_name and second_long_condition_name or third_long_condition or (fourth_long_condition and fifth_long_condition and sixth_long_condition_name)
",
        expect![[r#"
            concept c =
              first_long_condition_name
              and second_long_condition_name
              and third_long_condition_name_here
              and (x or y)

            norm avg.x "X" / "X"
              cites avg art 1
              requires first_long_condition_name and second_long_condition_name
                or third_long_condition
                or (fourth_long_condition and fifth_long_condition and sixth_long_condition_name)
        "#]],
    );
}

#[test]
fn brackets_needed_are_added_and_brackets_written_are_kept() {
    check(
        "concept c = not (a or b) and (c or d) and (e and f) and x and (y == 2)
concept d = a and (b and c) or not not e",
        expect![[r#"
            concept c =
              not (a or b) and (c or d) and (e and f) and x and (y == 2)
            concept d =
              a and (b and c) or not not e
        "#]],
    );
}

#[test]
fn comments_stay_where_they_were() {
    check(
        r#"// header comment

/// Doc of the law.
law avg "AVG" / "GDPR" {
  abbrev "AVG" / "GDPR"   // trailing
  // before in_force
  in_force 2018-05-25
  // last inside
}
/// Doc of the fact.
// between doc and keyword
fact f: one of { a, b } // after the type
  ask nl "Vraag?" en "Question?"
  // continues the fact

norm avg.x "X" / "X"
  cites avg art 1
  requires f == a
    // inside the condition
    and g
// at the end
"#,
        expect![[r#"
            // header comment

            /// Doc of the law.
            law avg "AVG" / "GDPR" {
              abbrev "AVG" / "GDPR" // trailing
              // before in_force
              in_force 2018-05-25
              // last inside
            }
            /// Doc of the fact.
            // between doc and keyword
            fact f: one of { a, b } // after the type
              ask nl "Vraag?" en "Question?"
              // continues the fact

            norm avg.x "X" / "X"
              cites avg art 1
              requires f == a
                // inside the condition
                and g
            // at the end
        "#]],
    );
}

#[test]
fn long_labels_and_lists_fill_their_lines() {
    check(
        r#"fact purpose: set of { law_enforcement, fraud_detection, service_planning, eligibility, grant, other }
  ask nl "Waarvoor wordt het systeem gebruikt? Kies alle doelen die van toepassing zijn, ook als het er veel zijn."
      en "What is the system used for?"
  help nl "Kort." en "Short."
norm aia.art5_1h.realtime_rbi "Verbod op real-time biometrische identificatie op afstand" / "Prohibition of real-time remote biometric identification"
  cites aia art 5(1)(h)
  requires not x
  unless "Gericht zoeken naar slachtoffers of vermiste personen" / "Targeted search for victims or missing persons"
    cites aia art 5(1)(h)(i), aia art 5(2)
    when y
  judgement "Is het passend?" / "Is it appropriate?"
    rests on first_fact, second_fact, third_fact, fourth_fact, fifth_fact, sixth_fact, seventh
    settled by z == justified
"#,
        expect![[r#"
            fact purpose: set of {
              law_enforcement, fraud_detection, service_planning, eligibility, grant, other
            }
              ask nl "Waarvoor wordt het systeem gebruikt? Kies alle doelen die van toepassing zijn, ook als het er veel zijn."
                  en "What is the system used for?"
              help nl "Kort." en "Short."
            norm aia.art5_1h.realtime_rbi
              "Verbod op real-time biometrische identificatie op afstand"
              / "Prohibition of real-time remote biometric identification"
              cites aia art 5(1)(h)
              requires not x
              unless "Gericht zoeken naar slachtoffers of vermiste personen"
                     / "Targeted search for victims or missing persons"
                cites aia art 5(1)(h)(i), aia art 5(2)
                when y
              judgement "Is het passend?" / "Is it appropriate?"
                rests on first_fact, second_fact, third_fact, fourth_fact, fifth_fact, sixth_fact, seventh
                settled by z == justified
        "#]],
    );
}

#[test]
fn literals_are_kept_as_written() {
    check(
        r#"concept c = n >= 1.50 and t == "a \"quoted\" (text)" and d < 2026-08-02 and s contains any { x } and s contains all { x, y }
test "values" {
  on 2026-01-01
  given { n = 1.50 t = "x\\y" s = [x,y] e = [] r = deployer b = true }
  expect avg.x met expect avg.y undetermined asking n, t
}"#,
        expect![[r#"
            concept c =
              n >= 1.50
              and t == "a \"quoted\" (text)"
              and d < 2026-08-02
              and s contains x
              and s contains all { x, y }
            test "values" {
              on 2026-01-01
              given {
                n = 1.50
                t = "x\\y"
                s = [x, y]
                e = []
                r = deployer
                b = true
              }
              expect avg.x met
              expect avg.y undetermined asking n, t
            }
        "#]],
    );
}

#[test]
fn empty_and_comment_only_files() {
    check("", expect![""]);
    check(
        "  // only a comment  \n\n\n",
        expect![[r#"
        // only a comment
    "#]],
    );
    check(
        r#"law a "A" / "A" {}"#,
        expect![[r#"
        law a "A" / "A" { }
    "#]],
    );
}

#[test]
fn repeated_properties_are_refused_not_dropped() {
    for input in [
        r#"law a "A" / "A" { cite "x" cite "y" }"#,
        r#"fact f: bool ask nl "a" en "a" ask nl "b" en "b""#,
    ] {
        let file = parse(&SourceFile::new("in.toets", input)).unwrap_or_else(|e| {
            unreachable!("{e:?}");
        });
        let error = super::format(&file).err().map(|e| e.to_string());
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.contains("more than once")),
            "{error:?}"
        );
    }
}

/// Every rule file in the repository, every bad-input file that parses and
/// every `toets` example in the docs: same tree, same comments, fixed point.
#[test]
fn repository_files_keep_their_meaning() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut inputs: Vec<(String, String)> = Vec::new();
    for dir in ["rules", "tests/bad-input/rules"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if let Ok(text) = std::fs::read_to_string(&path) {
                inputs.push((path.display().to_string(), text));
            }
        }
    }
    if let Ok(doc) = std::fs::read_to_string(root.join("docs/language.md")) {
        for (i, block) in doc.split("```toets\n").skip(1).enumerate() {
            let code = block.split("```").next().unwrap_or_default();
            inputs.push((format!("docs/language.md block {i}"), code.to_owned()));
        }
    }
    assert!(inputs.len() > 20, "found only {} inputs", inputs.len());
    let mut formatted = 0;
    for (name, text) in &inputs {
        let Ok(before) = parse(&SourceFile::new(name.as_str(), text.as_str())) else {
            continue;
        };
        let out = match super::format(&before) {
            Ok(out) => out,
            // Only a repeated property may stop the formatter.
            Err(super::FormatError::Repeated(_)) => continue,
            Err(e) => unreachable!("{name}: {e}"),
        };
        let after = parse(&SourceFile::new(name.as_str(), out.as_str()))
            .unwrap_or_else(|e| unreachable!("{name}: output does not parse: {e:?}\n{out}"));
        assert_eq!(shape(&before), shape(&after), "{name}: the tree changed");
        let texts = |f: &crate::ast::File| {
            f.comments
                .iter()
                .map(|c| c.text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&before), texts(&after), "{name}: comments changed");
        assert_eq!(
            before.items.iter().map(docs).collect::<Vec<_>>(),
            after.items.iter().map(docs).collect::<Vec<_>>()
        );
        let again = super::format(&after).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(out, again, "{name}: not idempotent");
        formatted += 1;
    }
    assert!(formatted > 20, "formatted only {formatted} files");
}

fn docs(item: &crate::ast::Item) -> Vec<String> {
    use crate::ast::Item;
    match item {
        Item::Law(d) => d.docs.clone(),
        Item::Fact(d) => d.docs.clone(),
        Item::Concept(d) => d.docs.clone(),
        Item::Finding(d) => d.docs.clone(),
        Item::Norm(d) => d.docs.clone(),
        Item::Test(d) => d.docs.clone(),
    }
}

#[test]
fn the_self_check_compares_trees_and_comments() {
    let file = |text: &str| {
        parse(&SourceFile::new("x.toets", text)).unwrap_or_else(|e| unreachable!("{e:?}"))
    };
    let a = file("// one\nfact a: bool ask nl \"?\" en \"?\"");
    let spaced = file("// one\n\n  fact   a :bool\n ask nl \"?\"   en \"?\"");
    let other_name = file("// one\nfact b: bool ask nl \"?\" en \"?\"");
    let other_comment = file("// two\nfact a: bool ask nl \"?\" en \"?\"");
    let no_comment = file("fact a: bool ask nl \"?\" en \"?\"");
    assert_eq!(shape(&a), shape(&spaced), "layout is not meaning");
    assert_ne!(shape(&a), shape(&other_name));
    assert!(super::same_comments(&a, &spaced));
    assert!(!super::same_comments(&a, &other_comment));
    assert!(!super::same_comments(&a, &no_comment));
}

#[test]
fn format_source_parses_and_formats_or_reports() {
    let ok = super::format_source(&SourceFile::new(
        "x.toets",
        "concept c = avg.x is met  or avg.y is violated",
    ));
    assert_eq!(
        ok.ok().as_deref(),
        Some("concept c =\n  avg.x is met or avg.y is violated\n")
    );
    let broken = super::format_source(&SourceFile::new("x.toets", "fact A: bool"));
    assert_eq!(broken.map_err(|e| e.len()), Err(1));
    let applicable = super::format_source(&SourceFile::new(
        "x.toets",
        "concept c = avg.x is applicable",
    ));
    assert!(applicable.is_ok_and(|t| t.contains("avg.x is applicable")));
}

#[test]
fn comments_after_a_declaration_and_blank_lines_with_spaces_are_kept() {
    check(
        "concept c = a\n  cites avg art 1\n  // about c\n   \nconcept d = b\n  cites avg art 2 // about d\n\n\n// section\nconcept e = b\n",
        expect![[r#"
            concept c =
              a
              cites avg art 1
              // about c

            concept d =
              b
              cites avg art 2 // about d

            // section
            concept e =
              b
        "#]],
    );
}

#[test]
fn comments_between_clauses_and_after_a_closing_brace() {
    check(
        "law avg \"A\" / \"A\" { } // the law\nnorm avg.x \"X\" / \"X\"\n  cites avg art 1\n  // why it applies\n  applies when a\n  requires b // the duty\n",
        expect![[r#"
            law avg "A" / "A" { } // the law
            norm avg.x "X" / "X"
              cites avg art 1
              // why it applies
              applies when a
              requires b // the duty
        "#]],
    );
}

#[test]
fn listed_values_with_labels_go_one_per_line() {
    check(
        r#"fact review: one of { none "Geen" / "None", token, full "Volledige beoordeling door een mens" / "Full review by a person" } ask nl "Hoe?" en "How?" follows a,b
fact purpose: set of { a, b } ask nl "?" en "?""#,
        expect![[r#"
            fact review: one of {
              none "Geen" / "None",
              token,
              full "Volledige beoordeling door een mens" / "Full review by a person",
            }
              ask nl "Hoe?" en "How?"
              follows a, b
            fact purpose: set of { a, b }
              ask nl "?" en "?"
        "#]],
    );
}

#[test]
fn findings_keep_their_clauses_in_order() {
    check(
        r#"/// The classification.
finding aia.high_risk "Hoog risico" / "High risk" cites aia art 6(1), aia art 6(2) when annex_iii or annex_i // route
finding prop.standard "Maatstaf" / "Standard" cites gw art 1
  case strict "Strikte noodzaak" / "Strict necessity" when special and today >= 2026-01-01
  case ordinary "Gewoon" / "Ordinary" when true
  see "https://example.org""#,
        expect![[r#"
            /// The classification.
            finding aia.high_risk "Hoog risico" / "High risk"
              cites aia art 6(1), aia art 6(2)
              when annex_iii or annex_i // route
            finding prop.standard "Maatstaf" / "Standard"
              cites gw art 1
              case strict "Strikte noodzaak" / "Strict necessity"
                when special and today >= 2026-01-01
              case ordinary "Gewoon" / "Ordinary"
                when true
              see "https://example.org"
        "#]],
    );
}

#[test]
fn expectations_of_findings() {
    check(
        r#"test "t" { expect aia.high_risk true expect prop.standard case strict expect x undetermined asking a }"#,
        expect![[r#"
            test "t" {
              expect aia.high_risk true
              expect prop.standard case strict
              expect x undetermined asking a
            }
        "#]],
    );
}
