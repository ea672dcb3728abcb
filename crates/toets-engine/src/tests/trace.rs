//! The trace: what took part in a verdict, and nothing else.

use super::*;

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
