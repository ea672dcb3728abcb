//! The rule set as a value: its sources and hash, what it says about itself, labels, the schema, limits and the verdict's invariants.

use super::*;

#[test]
fn rule_set_is_send_and_sync() {
    fn is<T: Send + Sync>() {}
    is::<RuleSet>();
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
