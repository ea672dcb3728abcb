//! A small rule set with findings, every outcome and duties not yet in force,
//! shared by the presenter tests.
#![allow(dead_code, reason = "each test file uses part of it")]

use toets_engine::{EvalOptions, RuleSet, Verdict};
use toets_syntax::SourceFile;

pub const RULES: &str = r#"
law avg "Algemene verordening gegevensbescherming" / "General Data Protection Regulation" {
  abbrev "AVG" / "GDPR"
  in_force 2018-05-25
}
law aia "Verordening artificiële intelligentie" / "Artificial Intelligence Act" {
  abbrev "AI-verordening" / "AI Act"
  in_force 2024-08-01
}
fact personal: bool ask nl "Verwerkt het persoonsgegevens?" en "Does it process personal data?"
fact score: bool ask nl "Geeft het een score per persoon?" en "Does it score each person?"
fact special: bool ask nl "Bijzondere persoonsgegevens?" en "Special categories of data?"
fact dpia.done: bool ask nl "Is er een DPIA gedaan?" en "Has a DPIA been done?"
fact high_risk_use: bool ask nl "Is het gebruik hoog-risico?" en "Is the use high-risk?"
fact review: one of {
  none "Geen beoordeling" / "No review",
  meaningful "Betekenisvolle beoordeling" / "Meaningful review",
}
  ask nl "Beoordeelt een mens elk geval?" en "Does a person assess each case?"
fact balancing.outcome: one of { fair "Evenwichtig" / "Fair", unfair "Onevenwichtig" / "Unfair" }
  ask nl "Wat is de vastgelegde uitkomst van de afweging?" en "What is the recorded outcome of the balancing?"
concept profiling "Profilering" / "Profiling" = personal and score
  cites avg art 4(4)
finding avg.scope "AVG van toepassing" / "AVG applies" cites avg art 2(1) when personal
finding avg.profiling "Profilering" / "Profiling" cites avg art 4(4) when profiling
finding aia.high_risk "Hoog-risico-AI-systeem" / "High-risk AI system" cites aia art 6(2)
  when high_risk_use
finding avg.standard "Maatstaf" / "Standard" cites avg art 9(1)
  case strict "Strikte noodzaak" / "Strict necessity" when special
  case ordinary "Gewone toets" / "Ordinary test" when personal
  case none "Geen toets" / "No test" when true
norm avg.art35.dpia "DPIA verplicht" / "DPIA required" cites avg art 35(1)
  applies when profiling requires dpia.done see "urn:nl:ak:ver:avg-13"
norm avg.art9.special "Bijzondere persoonsgegevens" / "Special categories" cites avg art 9(1)
  applies when personal requires not special
norm avg.art22.review "Menselijke beoordeling" / "Human review" cites avg art 22(1)
  applies when profiling requires review == meaningful
norm avg.art5.fair "Behoorlijk" / "Fair" cites avg art 5(1)(a)
  applies when personal
  judgement "Is de verwerking behoorlijk?" / "Is the processing fair?"
    rests on profiling, review
    settled by balancing.outcome == fair
norm avg.art6_3.prop "Evenredig" / "Proportionate" cites avg art 6(3)
  applies when personal requires avg.art5.fair is met
norm aia.art26.deployer "Plichten van de gebruiksverantwoordelijke" / "Deployer duties"
  cites aia art 26(1) in_force 2027-12-02 applies when high_risk_use requires review == meaningful
norm aia.art27.fria "Grondrechteneffectbeoordeling" / "Fundamental rights impact assessment"
  cites aia art 27(1) in_force 2027-12-02 applies when high_risk_use requires dpia.done
norm aia.art43.conformity "Conformiteitsbeoordeling" / "Conformity assessment"
  cites aia art 43(1) in_force 2028-08-02 applies when not high_risk_use requires dpia.done
"#;

/// The verdict on 2026-11-23 of `facts` (YAML lines under `facts:`).
pub fn verdict(facts: &str) -> Verdict {
    let rules = match RuleSet::compile(vec![SourceFile::new("test.toets", RULES)]) {
        Ok(r) => r,
        Err(e) => panic!("rules do not compile: {e:?}"),
    };
    let text = format!(
        "system:\n  name: \"Testsysteem\"\n  organisation: \"Gemeente Test\"\nfacts:\n{facts}"
    );
    let desc = match rules.load_description("d.yaml", &text) {
        Ok(d) => d,
        Err(e) => panic!("description does not load: {e:?}"),
    };
    match rules.evaluate(&desc, &EvalOptions::on(jiff::civil::date(2026, 11, 23))) {
        Ok(v) => v,
        Err(e) => panic!("does not evaluate: {e:?}"),
    }
}

/// The verdict of the built-in rules on 2026-11-23 on a description that
/// names the system and answers nothing: every question is open.
pub fn builtin_empty() -> Verdict {
    let sources = toets_rules::BUILTIN
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    let rules = match RuleSet::compile(sources) {
        Ok(r) => r,
        Err(e) => panic!("built-in rules do not compile: {e:?}"),
    };
    let desc = match rules.load_description("d.yaml", "system:\n  name: \"Leeg\"\nfacts: {}\n") {
        Ok(d) => d,
        Err(e) => panic!("description does not load: {e:?}"),
    };
    match rules.evaluate(&desc, &EvalOptions::on(jiff::civil::date(2026, 11, 23))) {
        Ok(v) => v,
        Err(e) => panic!("does not evaluate: {e:?}"),
    }
}
