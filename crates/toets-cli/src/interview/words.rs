//! The interview's own words, in Dutch and English, and the typed commands
//! (help, don't know, back, stop) in both languages.

use toets_engine::model::Lang;

use super::prompt::{Command, Kind, Reply};

/// The fixed phrases of one language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Words {
    pub lang: Lang,
    pub yes: &'static str,
    pub no: &'static str,
    pub dont_know: &'static str,
    pub unknown: &'static str,
    pub none_of_these: &'static str,
    pub no_help: &'static str,
    pub empty: &'static str,
    pub expected_bool: &'static str,
    pub expected_number: &'static str,
    pub expected_date: &'static str,
    pub keys: &'static str,
    pub choose_explicitly: &'static str,
    pub exclusive: &'static str,
    pub system_name: &'static str,
    pub system_organisation: &'static str,
    pub system_purpose: &'static str,
    pub about_system: &'static str,
    pub left: &'static str,
    pub judgement: &'static str,
    pub rests_on: &'static str,
    pub nothing_back: &'static str,
    pub findings: &'static str,
    pub open: &'static str,
    pub done: &'static str,
    pub stopped: &'static str,
    pub saved: &'static str,
    pub writes_to: &'static str,
    pub next_step: &'static str,
}

const EN: Words = Words {
    lang: Lang::En,
    yes: "yes",
    no: "no",
    dont_know: "don't know",
    unknown: "unknown",
    none_of_these: "none of these",
    no_help: "(no help for this question)",
    empty: "type an answer; `?` shows help, `-` is \"don't know\", `<` goes back, `stop` ends",
    expected_bool: "answer `yes` or `no`",
    expected_number: "answer a number, e.g. `30000` or `0.5`",
    expected_date: "answer a date as YYYY-MM-DD, e.g. `2024-03-01`",
    keys: "Esc: back · Ctrl-C: stop (answers so far are kept)",
    choose_explicitly: "choose at least one; choose \"none of these\" if none applies",
    exclusive: "\"none of these\" and \"don't know\" go alone",
    system_name: "What is the system called?",
    system_organisation: "Which organisation is responsible for it?",
    system_purpose: "What is it for, in one sentence?",
    about_system: "About the system",
    left: "left",
    judgement: "A judgement to record",
    rests_on: "It rests on",
    nothing_back: "There is no earlier answer to go back to.",
    findings: "Findings",
    open: "open",
    done: "No question is left that could change the verdict.",
    stopped: "Stopped; the answers given so far are kept.",
    saved: "Answers written to",
    writes_to: "The answers are written, after each one, to",
    next_step: "See the verdict with: toets check",
};

const NL: Words = Words {
    lang: Lang::Nl,
    yes: "ja",
    no: "nee",
    dont_know: "weet ik niet",
    unknown: "onbekend",
    none_of_these: "geen van deze",
    no_help: "(geen toelichting bij deze vraag)",
    empty: "typ een antwoord; `?` geeft toelichting, `-` is \"weet ik niet\", `<` gaat terug, `stop` stopt",
    expected_bool: "antwoord `ja` of `nee`",
    expected_number: "antwoord met een getal, bijv. `30000` of `0,5` als `0.5`",
    expected_date: "antwoord met een datum als JJJJ-MM-DD, bijv. `2024-03-01`",
    keys: "Esc: terug · Ctrl-C: stoppen (de antwoorden tot nu toe blijven bewaard)",
    choose_explicitly: "kies er minstens één; kies \"geen van deze\" als geen ervan geldt",
    exclusive: "\"geen van deze\" en \"weet ik niet\" staan alleen",
    system_name: "Hoe heet het systeem?",
    system_organisation: "Welke organisatie is ervoor verantwoordelijk?",
    system_purpose: "Waarvoor dient het, in één zin?",
    about_system: "Over het systeem",
    left: "te gaan",
    judgement: "Een afweging om vast te leggen",
    rests_on: "Deze berust op",
    nothing_back: "Er is geen eerder antwoord om naar terug te gaan.",
    findings: "Bevindingen",
    open: "open",
    done: "Er is geen vraag meer die het oordeel kan veranderen.",
    stopped: "Gestopt; de antwoorden tot nu toe zijn bewaard.",
    saved: "Antwoorden geschreven naar",
    writes_to: "De antwoorden worden na elk antwoord geschreven naar",
    next_step: "Bekijk het oordeel met: toets check",
};

impl Words {
    pub(crate) fn new(lang: Lang) -> Self {
        match lang {
            Lang::En => EN,
            Lang::Nl => NL,
        }
    }

    /// The short hint shown where the answer is typed.
    pub(crate) fn line_hint(self, kind: Kind<'_>, can_skip: bool) -> String {
        let what = match (kind, self.lang) {
            (Kind::Bool, Lang::En) => "yes/no",
            (Kind::Bool, Lang::Nl) => "ja/nee",
            (Kind::Number, Lang::En) => "number",
            (Kind::Number, Lang::Nl) => "getal",
            (Kind::Date, Lang::En) => "YYYY-MM-DD",
            (Kind::Date, Lang::Nl) => "JJJJ-MM-DD",
            (Kind::Text, Lang::En) => "text",
            (Kind::Text, Lang::Nl) => "tekst",
            (Kind::OneOf(_), Lang::En) => "number",
            (Kind::OneOf(_), Lang::Nl) => "nummer",
            (Kind::SetOf(_), Lang::En) => "numbers, e.g. 1,3; 0 = none",
            (Kind::SetOf(_), Lang::Nl) => "nummers, bijv. 1,3; 0 = geen",
        };
        let skip = if can_skip { " · - · " } else { " · " };
        format!("[{what}{skip}? · <]>")
    }

    pub(crate) fn is_dont_know(self, typed: &str) -> bool {
        matches!(
            typed.trim().to_lowercase().as_str(),
            "-" | "dk" | "don't know" | "dont know" | "weet niet" | "weet ik niet" | "onbekend"
        )
    }

    pub(crate) fn is_none(self, typed: &str) -> bool {
        matches!(
            typed.trim().to_lowercase().as_str(),
            "none" | "none of these" | "geen" | "geen van deze"
        )
    }

    /// A typed command, if the line is one.
    pub(crate) fn command(self, typed: &str, can_skip: bool) -> Option<Command> {
        let t = typed.trim().to_lowercase();
        match t.as_str() {
            "?" | "help" | "hulp" => Some(Command::Help),
            "<" | "back" | "terug" => Some(Command::Reply(Reply::Back)),
            "stop" | "quit" | "q" | "stoppen" => Some(Command::Reply(Reply::Stop)),
            _ if can_skip && self.is_dont_know(&t) => Some(Command::Reply(Reply::DontKnow)),
            _ => None,
        }
    }

    pub(crate) fn expected_choice(self, n: usize) -> String {
        match self.lang {
            Lang::En => format!("answer with a number from 1 to {n}, or the value's name"),
            Lang::Nl => {
                format!("antwoord met een nummer van 1 tot en met {n}, of de naam van de waarde")
            }
        }
    }

    pub(crate) fn expected_set(self, n: usize, part: &str) -> String {
        match self.lang {
            Lang::En => format!(
                "`{part}` is not one of the options: give numbers from 1 to {n} separated by commas, or 0 for none of these"
            ),
            Lang::Nl => format!(
                "`{part}` is geen van de opties: geef nummers van 1 tot en met {n}, gescheiden door komma's, of 0 voor geen van deze"
            ),
        }
    }

    pub(crate) fn value(self, v: bool) -> &'static str {
        if v { self.yes } else { self.no }
    }
}
