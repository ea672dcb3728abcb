//! System descriptions: loading, their errors, and where each fact stands.

use super::*;

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
