//! The interview on scripted input: one `check` helper runs a small rule set
//! on typed lines and prints the transcript and the file written.

use expect_test::{Expect, expect};
use toets_engine::model::Lang;
use toets_engine::{EvalOptions, RuleSet};
use toets_syntax::SourceFile;

use super::file::Document;
use super::prompt::{Kind, Lines, Prompt, Prompter, Reply};
use super::{interview, words::Words};

const RULES: &str = r#"
law avg "Algemene verordening gegevensbescherming" / "General Data Protection Regulation" {
  abbrev "AVG" / "GDPR"
  in_force 2018-05-25
}
fact personal: bool ask nl "Persoonsgegevens?" en "Personal data?"
  help nl "Gegevens over een persoon." en "Data about a person."
fact about_persons: bool ask nl "Over personen?" en "About persons?" follows personal
fact kinds: set of { health "gezondheid" / "health", crime "strafrecht" / "criminal" }
  ask nl "Welke soorten?" en "Which kinds?"
fact since: date ask nl "Sinds?" en "Since when?"
fact balanced: one of { yes "ja" / "yes", no "nee" / "no" }
  ask nl "Afgewogen?" en "Balanced?"
finding avg.scope "AVG van toepassing" / "AVG applies" cites avg art 2(1) when personal and about_persons
norm avg.x "Verwerking" / "Processing" cites avg art 6(1)
  applies when personal and about_persons
  requires kinds contains health or since < 2020-01-01
norm avg.y "Afweging" / "Balancing" cites avg art 5(1)
  applies when personal
  judgement "Evenredig?" / "Proportionate?" rests on kinds settled by balanced == yes
"#;

fn rules() -> RuleSet {
    match RuleSet::compile(vec![SourceFile::new("t.toets", RULES)]) {
        Ok(r) => r,
        Err(e) => unreachable!("rules compile: {e}"),
    }
}

/// Runs the interview on `script` (one answer per line), starting from
/// `file` (`None`: a new file), and prints the transcript, the exit code and
/// the file afterwards.
fn check(file: Option<&str>, script: &str, expect: Expect) {
    let rules = rules();
    let Ok(dir) = tempfile::tempdir() else {
        unreachable!("a temporary folder")
    };
    let path = dir.path().join("d.yaml");
    let description = match file {
        Some(text) => {
            if std::fs::write(&path, text).is_err() {
                unreachable!("writes");
            }
            match rules.load_description("d.yaml", text) {
                Ok(d) => d,
                Err(e) => unreachable!("loads: {e}"),
            }
        }
        None => toets_engine::Description::from_values(&rules, &[]),
    };
    let document = match Document::open(&path, file) {
        Ok(d) => d,
        Err(e) => unreachable!("opens: {}", e.0),
    };
    let mut out = Vec::new();
    let prompter = Lines::new(script.as_bytes(), &mut out, Lang::En);
    let options = EvalOptions::on(jiff::civil::date(2026, 11, 23));
    let code = match interview(&rules, description, &document, options, Lang::En, prompter) {
        Ok(c) => c.to_string(),
        Err(e) => e.0,
    };
    let written = std::fs::read_to_string(&path).unwrap_or_else(|_| "(no file)".to_owned());
    let transcript = String::from_utf8_lossy(&out).replace(&path.display().to_string(), "d.yaml");
    expect.assert_eq(&format!("{transcript}\nexit {code}\n--- d.yaml\n{written}"));
}

#[test]
fn a_new_file_gets_the_system_and_every_answer_in_question_order() {
    check(
        None,
        "Risk model\nGemeente X\nSelects cases\nyes\nyes\n1\nyes\n",
        expect![[r#"
            The answers are written, after each one, to d.yaml

            About the system
              What is the system called?
              [text · - · ? · <]> Risk model
              Which organisation is responsible for it?
              [text · - · ? · <]> Gemeente X
              What is it for, in one sentence?
              [text · - · ? · <]> Selects cases

            [Findings 0/1 · 4 left] personal
              Personal data?
              [yes/no · - · ? · <]> yes

            [Findings 0/1 · 4 left] about_persons
              About persons?
              [yes/no · - · ? · <]> yes
              ◆ AVG applies: yes

            [Findings 1/1 · 3 left] kinds
              Which kinds?
                1. health
                2. criminal
                0. none of these
              [numbers, e.g. 1,3; 0 = none · - · ? · <]> 1

            A judgement to record: Proportionate? (Balancing)
              It rests on: kinds = health

            [Findings 1/1 · 1 left] balanced
              Balanced?
                1. yes
                2. no
              [number · - · ? · <]> yes
            No question is left that could change the verdict.

            Answers written to d.yaml
            See the verdict with: toets check d.yaml

            exit 0
            --- d.yaml
            system:
              name: "Risk model"
              organisation: "Gemeente X"
              purpose: "Selects cases"

            facts:
              # answered in `toets interview`
              personal: true
              about_persons: true
              kinds: [health]
              balanced: "yes"
        "#]],
    );
}

#[test]
fn wrong_answers_are_asked_again_and_help_back_and_dont_know_work() {
    check(
        Some("system:\n  name: x\nfacts:\n  personal: true\n"),
        "\nmaybe\n?\n-\n<\nno\n",
        expect![[r#"
            The answers are written, after each one, to d.yaml

            [Findings 0/1 · 4 left] about_persons
              About persons?
              [yes/no · - · ? · <]> 
              type an answer; `?` shows help, `-` is "don't know", `<` goes back, `stop` ends
              [yes/no · - · ? · <]> maybe
              answer `yes` or `no`
              [yes/no · - · ? · <]> ?
              (no help for this question)
              [yes/no · - · ? · <]> -

            [Findings 0/1 · 3 left] kinds
              Which kinds?
                1. health
                2. criminal
                0. none of these
              [numbers, e.g. 1,3; 0 = none · - · ? · <]> <

            [Findings 0/1 · 4 left] about_persons
              About persons?
              [yes/no · - · ? · <]> no
              ◆ AVG applies: no

            A judgement to record: Proportionate? (Balancing)
              It rests on: kinds = unknown

            [Findings 1/1 · 1 left] balanced
              Balanced?
                1. yes
                2. no
              [number · - · ? · <]> 
            Stopped; the answers given so far are kept.

            Answers written to d.yaml
            See the verdict with: toets check d.yaml

            exit 3
            --- d.yaml
            system:
              name: x
            facts:
              personal: true
              # answered in `toets interview`
              about_persons: false
        "#]],
    );
}

#[test]
fn an_empty_multiple_choice_is_not_none_and_zero_is() {
    check(
        Some("system:\n  name: x\nfacts:\n  personal: true\n  about_persons: true\n"),
        "\n7\n0\nstop\n",
        expect![[r#"
            The answers are written, after each one, to d.yaml
              ◆ AVG applies: yes

            [Findings 1/1 · 3 left] kinds
              Which kinds?
                1. health
                2. criminal
                0. none of these
              [numbers, e.g. 1,3; 0 = none · - · ? · <]> 
              type an answer; `?` shows help, `-` is "don't know", `<` goes back, `stop` ends
              [numbers, e.g. 1,3; 0 = none · - · ? · <]> 7
              `7` is not one of the options: give numbers from 1 to 2 separated by commas, or 0 for none of these
              [numbers, e.g. 1,3; 0 = none · - · ? · <]> 0

            [Findings 1/1 · 2 left] since
              Since when?
              [YYYY-MM-DD · - · ? · <]> stop
            Stopped; the answers given so far are kept.

            Answers written to d.yaml
            See the verdict with: toets check d.yaml

            exit 3
            --- d.yaml
            system:
              name: x
            facts:
              personal: true
              about_persons: true
              # answered in `toets interview`
              kinds: []
        "#]],
    );
}

#[test]
fn comments_layout_and_unknown_lines_of_an_existing_file_are_kept() {
    check(
        Some(
            "# A camera system.\nsystem:\n  name: cam   # the name\n\nfacts:\n  # what we know\n  personal: true\n  about_persons: ~\n\n# the end\n",
        ),
        "yes\nstop\n",
        expect![[r#"
            The answers are written, after each one, to d.yaml

            [Findings 0/1 · 4 left] about_persons
              About persons?
              [yes/no · - · ? · <]> yes
              ◆ AVG applies: yes

            [Findings 1/1 · 3 left] kinds
              Which kinds?
                1. health
                2. criminal
                0. none of these
              [numbers, e.g. 1,3; 0 = none · - · ? · <]> stop
            Stopped; the answers given so far are kept.

            Answers written to d.yaml
            See the verdict with: toets check d.yaml

            exit 3
            --- d.yaml
            # A camera system.
            system:
              name: cam   # the name

            facts:
              # what we know
              personal: true
              # answered in `toets interview`
              about_persons: true

            # the end
        "#]],
    );
}

#[test]
fn json_and_flow_mappings_are_refused_with_a_hint() {
    let path = std::path::Path::new("d.json");
    let Err(e) = Document::open(path, Some("{\"facts\": {}}")) else {
        unreachable!("refused")
    };
    expect![[r#"
        error: `d.json` is JSON; `toets interview` writes its answers into YAML
          help: give a new `.yaml` file to write the answers to, or convert the description to YAML
    "#]]
    .assert_eq(&e.0);
    let Err(e) = Document::open(std::path::Path::new("d.yaml"), Some("facts: {a: 1}\n")) else {
        unreachable!("refused")
    };
    expect![[r#"
        error: `facts` in `d.yaml` (line 1) is not written as a block mapping
          help: write `facts:` on a line of its own with each fact indented below it, so the answers can be added without rewriting the file
    "#]]
    .assert_eq(&e.0);
}

#[test]
fn typed_answers_are_read_strictly() {
    let w = Words::new(Lang::En);
    let read = |kind, line: &str| match super::prompt::parse(kind, line, w) {
        Ok(v) => format!("{v:?}"),
        Err(hint) => format!("error: {hint}"),
    };
    let out = [
        read(Kind::Date, "2024-03-01"),
        read(Kind::Date, "20240301"),
        read(Kind::Date, "2024-03-01T10:00"),
        read(Kind::Number, "30_000"),
        read(Kind::Number, "inf"),
        read(Kind::Bool, "ja"),
        read(Kind::Text, "  "),
    ]
    .join("\n");
    expect![[r#"
        Date(2024-03-01)
        error: answer a date as YYYY-MM-DD, e.g. `2024-03-01`
        error: answer a date as YYYY-MM-DD, e.g. `2024-03-01`
        Number(30000.0)
        error: answer a number, e.g. `30000` or `0.5`
        Bool(true)
        error: type an answer; `?` shows help, `-` is "don't know", `<` goes back, `stop` ends"#]]
    .assert_eq(&out);
}

#[test]
fn end_of_input_stops_and_an_overlong_line_is_refused() {
    let prompt = Prompt {
        text: "Q?",
        help: None,
        kind: Kind::Bool,
        can_skip: true,
    };
    let mut sink = Vec::new();
    let mut lines = Lines::new(&b""[..], &mut sink, Lang::Nl);
    assert!(matches!(lines.ask(&prompt), Ok(Reply::Stop)));
    let long = "x".repeat(70_000);
    let mut sink = Vec::new();
    let mut lines = Lines::new(long.as_bytes(), &mut sink, Lang::En);
    let Err(e) = lines.ask(&prompt) else {
        unreachable!("refused")
    };
    assert!(e.0.contains("longer than 65536 bytes"), "{}", e.0);
}
