//! toets in the browser: the engine compiled to WebAssembly, with a small
//! typed JavaScript API (see `wasm/README.md`).
//!
//! ```js
//! import init, { Toets } from "./pkg/toets_wasm.js";
//! await init();
//! const toets = new Toets();                       // the built-in rules
//! const r = toets.check(yamlText, { date: "2026-11-23", answers: { "dpia.performed": true } });
//! if (r.ok) console.log(r.verdict.overall, r.questions[0]?.ask.en);
//! else for (const d of r.diagnostics) console.log(d.line, d.message);
//! ```
//!
//! Every method returns a value: errors come back as [`api::Diagnostic`]s
//! with line and column, never as an exception or a trap. The work is done
//! by `toets-engine` and `toets-report`; [`api`] holds the conversions in
//! plain Rust, tested on the host.

pub mod api;

use api::{CheckOptions, Diagnostic, Engine, Failed, RuleFile, Stage};
use jiff::civil::Date;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The options of a check, as a JavaScript object (typed in TypeScript).
    #[wasm_bindgen(typescript_type = "CheckOptions")]
    pub type CheckOptionsJs;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("types.d.ts");

/// A JavaScript value from a Rust value, through JSON (fast and exact).
fn to_js<T: Serialize>(value: &T) -> JsValue {
    match serde_json::to_string(value) {
        Ok(text) => js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL),
        Err(_) => JsValue::NULL,
    }
}

/// A successful result: `{ ok: true, ...value }`.
#[derive(Serialize)]
struct Okay<'a, T: Serialize> {
    ok: bool,
    #[serde(flatten)]
    value: &'a T,
}

fn ok_js<T: Serialize>(value: &T) -> JsValue {
    to_js(&Okay { ok: true, value })
}

/// The text of a JavaScript value: a string as it is, `null` or `undefined`
/// as `default`, anything else as pretty JSON.
fn text_of(value: &JsValue, default: &str) -> Result<String, Box<Diagnostic>> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    if value.is_undefined() || value.is_null() {
        return Ok(default.to_owned());
    }
    js_sys::JSON::stringify_with_replacer_and_space(value, &JsValue::NULL, &JsValue::from(2))
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            Box::new(Diagnostic::plain(
                "toets::wasm::not_json",
                "the value cannot be written as JSON",
                Some("pass YAML or JSON text, or a plain object without cycles"),
            ))
        })
}

fn options_of(value: &JsValue) -> Result<CheckOptions, Failed> {
    let fail = |d: Diagnostic| Failed {
        ok: false,
        stage: Stage::Options,
        diagnostics: vec![d],
    };
    let text = text_of(value, "{}").map_err(|d| fail(*d))?;
    serde_json::from_str(&text).map_err(|e| {
        fail(Diagnostic::plain(
            "toets::wasm::options",
            format!("bad options: {e}"),
            Some("options are { date, answers, skipped, system, laws, name, markdown, graph }, each optional"),
        ))
    })
}

/// The description text and the options of a call.
fn inputs(description: &JsValue, options: &JsValue) -> Result<(String, CheckOptions), Failed> {
    let text = text_of(description, "{}").map_err(|d| Failed {
        ok: false,
        stage: Stage::Description,
        diagnostics: vec![*d],
    })?;
    Ok((text, options_of(options)?))
}

fn files_of(value: &JsValue) -> Result<Vec<RuleFile>, Vec<Diagnostic>> {
    let text = text_of(value, "[]").map_err(|d| vec![*d])?;
    serde_json::from_str(&text).map_err(|e| {
        vec![Diagnostic::plain(
            "toets::wasm::files",
            format!("bad rule files: {e}"),
            Some("pass an array of { name, text }"),
        )]
    })
}

/// Today in the browser's time zone.
fn today() -> Date {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    match (i16::try_from(y), i8::try_from(m), i8::try_from(d)) {
        (Ok(y), Ok(m), Ok(d)) => Date::new(y, m, d).unwrap_or(Date::constant(2026, 1, 1)),
        _ => Date::constant(2026, 1, 1),
    }
}

/// The version of toets.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The built-in rule files, `{ name, text }` in name order.
#[wasm_bindgen(js_name = builtinRules, unchecked_return_type = "RuleFile[]")]
pub fn builtin_rules() -> JsValue {
    to_js(&api::builtin_files())
}

/// Compiles rule files and returns their diagnostics; `[]` when they compile.
#[wasm_bindgen(js_name = diagnoseRules, unchecked_return_type = "Diagnostic[]")]
pub fn diagnose_rules(
    #[wasm_bindgen(unchecked_param_type = "RuleFile[]")] files: JsValue,
) -> JsValue {
    let result = files_of(&files).and_then(Engine::compile);
    to_js(&result.err().unwrap_or_default())
}

/// Turns an Algoritmeregister file (one entry, or a list as the register
/// exports them) into descriptions, one per entry, with a note per field.
#[wasm_bindgen(js_name = fromRegister, unchecked_return_type = "RegisterResult")]
pub fn from_register(json: &str) -> JsValue {
    #[derive(Serialize)]
    struct Entries {
        ok: bool,
        entries: Vec<api::RegisterEntry>,
    }
    match api::from_register(json) {
        Ok(entries) => to_js(&Entries { ok: true, entries }),
        Err(failed) => to_js(&failed),
    }
}

/// A compiled rule set: the built-in rules, or rule text given by the page.
#[wasm_bindgen]
pub struct Toets {
    engine: Result<Engine, Vec<Diagnostic>>,
}

impl Default for Toets {
    fn default() -> Self {
        Toets::new()
    }
}

impl Toets {
    /// Runs `f` on the engine, or gives the rule diagnostics.
    fn with(&self, f: impl FnOnce(&Engine) -> JsValue) -> JsValue {
        match &self.engine {
            Ok(engine) => f(engine),
            Err(diagnostics) => to_js(&Failed {
                ok: false,
                stage: Stage::Rules,
                diagnostics: diagnostics.clone(),
            }),
        }
    }

    /// Runs `f` on the description and options given by the page, and
    /// returns its result, or the failure (bad description, bad options) as
    /// a value.
    fn with_description<T: Serialize>(
        &self,
        description: &JsValue,
        options: Option<CheckOptionsJs>,
        f: impl FnOnce(&Engine, &str, &CheckOptions) -> Result<T, Failed>,
    ) -> JsValue {
        self.with(|engine| {
            let options = options.map_or(JsValue::UNDEFINED, JsValue::from);
            match inputs(description, &options)
                .and_then(|(text, options)| f(engine, &text, &options))
            {
                Ok(value) => to_js(&value),
                Err(failed) => to_js(&failed),
            }
        })
    }
}

#[wasm_bindgen]
impl Toets {
    /// The built-in rules. If they do not compile (never in a release),
    /// every check returns the rule diagnostics.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Toets {
        Toets {
            engine: Engine::builtin(),
        }
    }

    /// Replaces the rules by the given files. Returns the diagnostics; `[]`
    /// when they compiled. On errors the previous rules stay in use.
    #[wasm_bindgen(js_name = loadRules, unchecked_return_type = "Diagnostic[]")]
    pub fn load_rules(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RuleFile[]")] files: JsValue,
    ) -> JsValue {
        match files_of(&files).and_then(Engine::compile) {
            Ok(engine) => {
                self.engine = Ok(engine);
                to_js(&Vec::<Diagnostic>::new())
            }
            Err(diagnostics) => {
                if self.engine.is_err() {
                    self.engine = Err(diagnostics.clone());
                }
                to_js(&diagnostics)
            }
        }
    }

    /// Goes back to the built-in rules. Returns the diagnostics (`[]`).
    #[wasm_bindgen(js_name = loadBuiltin, unchecked_return_type = "Diagnostic[]")]
    pub fn load_builtin(&mut self) -> JsValue {
        self.engine = Engine::builtin();
        to_js(&self.engine.as_ref().err().cloned().unwrap_or_default())
    }

    /// What the rule set holds: files, laws, norms, facts with their questions.
    #[wasm_bindgen(unchecked_return_type = "RulesResult")]
    pub fn rules(&self) -> JsValue {
        self.with(|engine| ok_js(&engine.info()))
    }

    /// Checks a description (YAML or JSON text, or a plain object; `null`
    /// for an empty one) on a date, with answers applied.
    #[wasm_bindgen(unchecked_return_type = "CheckResult")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | object | null | undefined")]
        description: JsValue,
        options: Option<CheckOptionsJs>,
    ) -> JsValue {
        self.with_description(&description, options, |engine, text, options| {
            engine.check(text, options, today())
        })
    }

    /// Like `check`, but without the trace: the overall result, each norm's
    /// outcome and the open questions. Fast enough to call after every answer.
    #[wasm_bindgen(unchecked_return_type = "SummaryResult")]
    pub fn summary(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | object | null | undefined")]
        description: JsValue,
        options: Option<CheckOptionsJs>,
    ) -> JsValue {
        self.with_description(&description, options, |engine, text, options| {
            engine.summary(text, options, today())
        })
    }

    /// Only the open questions, in the engine's question order.
    #[wasm_bindgen(js_name = openQuestions, unchecked_return_type = "QuestionsResult")]
    pub fn open_questions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | object | null | undefined")]
        description: JsValue,
        options: Option<CheckOptionsJs>,
    ) -> JsValue {
        #[derive(Serialize)]
        struct Questions {
            ok: bool,
            questions: Vec<api::QuestionInfo>,
        }
        self.with_description(&description, options, |engine, text, options| {
            let verdict = engine.evaluate(text, options, today())?;
            Ok(Questions {
                ok: true,
                questions: engine.questions(&verdict),
            })
        })
    }

    /// The norm graph, not coloured. (`check` with `graph: true` gives it
    /// coloured by the verdict.)
    #[wasm_bindgen(unchecked_return_type = "GraphResult")]
    pub fn graph(&self) -> JsValue {
        self.with(|engine| ok_js(&engine.graph(None)))
    }

    /// The description with the answers applied, as JSON text.
    #[wasm_bindgen(js_name = mergedDescription, unchecked_return_type = "TextResult")]
    pub fn merged_description(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | object | null | undefined")]
        description: JsValue,
        options: Option<CheckOptionsJs>,
    ) -> JsValue {
        self.with_description(&description, options, |engine, text, options| {
            let text = engine.merged_description(text, options)?;
            Ok(api::TextResult::Ok { ok: true, text })
        })
    }

    /// Runs the rule files' test blocks (`date`: default date of tests).
    #[wasm_bindgen(js_name = runTests, unchecked_return_type = "TestReport | Failed")]
    pub fn run_tests(&self, date: Option<String>) -> JsValue {
        let date = date
            .and_then(|d| toets_engine::parse_iso_date(&d))
            .unwrap_or_else(today);
        self.with(|engine| {
            let report = engine.run_tests(date);
            to_js(&serde_json::json!({
                "ok": true,
                "passed": report.passed(),
                "failed": report.failed(),
                "results": report.results,
            }))
        })
    }

    /// A JSON Schema of descriptions for these rules.
    #[wasm_bindgen(unchecked_return_type = "object | Failed")]
    pub fn schema(&self) -> JsValue {
        self.with(|engine| to_js(&engine.schema()))
    }
}
