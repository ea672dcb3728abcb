//! The references table: which name at which span stands for which fact,
//! concept, norm or finding, and where each citation stands. Kept also
//! when the rules hold errors, for editors.

use expect_test::{Expect, expect};
use toets_syntax::SourceFile;

use super::PRELUDE;
use crate::RuleSet;
use crate::model::Ground;

/// Analyses the prelude and `rules` in one file and prints every reference
/// as `[decl|use] NAME @ TEXT`, each citation with its rendered text, and the
/// number of errors.
fn check_references(rules: &str, expect: Expect) {
    let text = format!("{PRELUDE}{rules}");
    let file = match toets_syntax::parse(&SourceFile::new("test.toets", text.as_str())) {
        Ok(f) => f,
        Err(e) => unreachable!("does not parse: {e:?}"),
    };
    let analysis = RuleSet::analyse(&[file]);
    let skip = PRELUDE.len();
    let mut out = String::new();
    for r in &analysis.references.names {
        if r.origin.span.start < skip {
            continue;
        }
        let kind = match r.target {
            Ground::Fact(_) => "fact",
            Ground::Concept(_) => "concept",
            Ground::Norm(_) => "norm",
            Ground::Finding(_) => "finding",
        };
        let word = text
            .get(r.origin.span.start..r.origin.span.end)
            .unwrap_or("?");
        let role = if r.declaration { "decl" } else { "use" };
        out.push_str(&format!(
            "{role} {kind} {word} @ {}\n",
            r.origin.span.start - skip
        ));
    }
    for c in &analysis.references.citations {
        let word = text
            .get(c.origin.span.start..c.origin.span.end)
            .unwrap_or("?");
        out.push_str(&format!(
            "cite `{word}` = {} / {}\n",
            c.citation.text.nl, c.citation.text.en
        ));
    }
    let errors = analysis.rules.err().map_or(0, |e| e.0.len());
    out.push_str(&format!("errors: {errors}\n"));
    expect.assert_eq(&out);
}

#[test]
fn every_kind_of_use_is_recorded() {
    check_references(
        r#"
concept both "Beide" / "Both" = a and b
norm avg.x "X" / "X" cites avg art 5(1)(a) applies when both requires c or role == deployer
norm avg.y "Y" / "Y" cites avg art 6
  requires avg.x is met
  judgement "Oordeel" / "Judgement" rests on n, both
finding avg.f "F" / "F" cites avg art 4 when purpose contains fraud
test "t" { given { a = true } expect avg.x met asking c expect avg.f false }
"#,
        expect![[r#"
            decl concept both @ 9
            decl norm avg.x @ 46
            decl norm avg.y @ 138
            decl finding avg.f @ 255
            use fact a @ 33
            use fact b @ 39
            use concept both @ 97
            use fact c @ 111
            use fact role @ 116
            use norm avg.x @ 181
            use fact n @ 239
            use concept both @ 242
            use fact purpose @ 292
            use fact a @ 334
            use norm avg.x @ 352
            use fact c @ 369
            use finding avg.f @ 378
            cite `avg art 5(1)(a)` = AVG art. 5(1)(a) / GDPR Art. 5(1)(a)
            cite `avg art 6` = AVG art. 6 / GDPR Art. 6
            cite `avg art 4` = AVG art. 4 / GDPR Art. 4
            errors: 0
        "#]],
    );
}

#[test]
fn references_are_kept_when_the_rules_hold_errors() {
    check_references(
        r#"
norm avg.x "X" / "X" cites avg art 5 requires a and missing
"#,
        expect![[r#"
            decl norm avg.x @ 6
            use fact a @ 47
            cite `avg art 5` = AVG art. 5 / GDPR Art. 5
            errors: 1
        "#]],
    );
}
