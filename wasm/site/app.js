// The toets page: an interview, a description editor, the verdict with its
// trace, the norm graph, exports and a rule editor. All legal logic is in the
// engine (WebAssembly); this file only asks, shows and exports. Nothing is
// sent anywhere: the only requests are for this page's own files, at load.

import init, { Toets, builtinRules, fromRegister, version } from "./pkg/toets_wasm.js";
import { t } from "./i18n.js";
import { EXAMPLES, REGISTER_EXAMPLES } from "./examples.js";

const WELFARE = "welfare-fraud-risk-model.yaml";
const SYMBOL = {
  violated: "✗", met: "✓", not_applicable: "–", undetermined: "?", needs_judgement: "⚖", not_in_force: "◷",
};
const OUTCOMES = ["violated", "undetermined", "needs_judgement", "met", "not_applicable", "not_in_force"];
const QUIET = new Set(["met", "not_applicable", "not_in_force"]);

// The graph library is loaded with the page (not when the tab opens), so no
// request is made after loading; it starts after the first verdict is shown.
let startGraphviz;
const graphviz = new Promise((resolve) => { startGraphviz = resolve; })
  .then(() => import("./vendor/graphviz.js"))
  .then((m) => m.Graphviz.load())
  .catch(() => null);

const params = new URLSearchParams(location.search);
const state = {
  lang: params.get("lang") === "en" || (!params.get("lang") && !navigator.language.startsWith("nl")) ? "en" : "nl",
  date: params.get("date") || todayIso(),
  text: "",
  name: "description.yaml",
  answers: {},
  order: [],          // facts in the order they were answered
  skipped: [],        // facts the user could not answer
  editing: null,      // a fact asked again on request
  summary: null,      // the last successful check, without trace (engine.summary)
  good: null,         // the inputs of that check: { text, options }
  result: null,       // the full check of `good` (with trace), made when shown
  failed: null,       // the last failed check, if the latest failed
  checkMs: 0,
  tab: "interview",
  openNorms: new Set(),
  onlyOpen: false,
  draft: { files: [], selected: "", diagnostics: [], changed: false, use: false },
};
let main;   // Toets with the built-in rules
let draftToets; // Toets with the drafter's rules, made when first needed
let facts = new Map(); // fact id -> FactInfo of the rules in use

// ---------------------------------------------------------------- helpers

function todayIso() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

const $ = (id) => document.getElementById(id);
const L = (key, ...args) => t(state.lang, key, ...args);
const bi = (b) => (b ? b[state.lang] || b.en : "");

/** Appends children, leaving out null, undefined and false. */
function put(el, ...children) {
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/** A DOM element: h("p", { class: "x" }, "text", child). Text is never parsed as HTML. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

function humanise(option) {
  return String(option).replaceAll("_", " ");
}

function showValue(v) {
  if (v === null || v === undefined) return L("verdict.unknown");
  if (v === true) return L("interview.yes");
  if (v === false) return L("interview.no");
  if (Array.isArray(v)) return v.length ? v.map(humanise).join(", ") : L("value.none");
  return humanise(v);
}

function badge(outcome) {
  return h("span", { class: `badge o-${outcome}`, dataset: { outcome } },
    h("span", { "aria-hidden": "true" }, SYMBOL[outcome] + " "), L(`outcome.${outcome}`));
}

function truth(v) {
  const key = v === true ? "true" : v === false ? "false" : "null";
  return h("span", { class: `truth t-${key}` }, L(`truth.${key}`));
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// ---------------------------------------------------------------- checking

/** The drafter's rule set; compiled the first time the rule editor needs it. */
function draftEngine() {
  if (!draftToets) draftToets = new Toets();
  return draftToets;
}

function engine() {
  return state.draft.use && state.draft.changed ? draftEngine() : main;
}

function options(extra = {}) {
  return { date: state.date, answers: state.answers, name: state.name, ...extra };
}

function description() {
  return state.text.trim() === "" ? null : state.text;
}

/** Re-checks the description with the answers and redraws what shows it.
 * Only outcomes and questions are fetched here; the trace when it is shown. */
function recheck() {
  const text = description();
  const opts = options({ answers: { ...state.answers } });
  const t0 = performance.now();
  const r = engine().summary(text, opts);
  state.checkMs = performance.now() - t0;
  if (r.ok) {
    state.summary = r;
    state.good = { text, options: opts };
    state.result = null;
    state.failed = null;
  } else {
    state.failed = r;
  }
  render();
}

/** The full check (verdict with trace) of the last good inputs. */
function fullResult(extra = {}) {
  if (!state.good) return null;
  const wantsMore = Object.keys(extra).length > 0;
  if (state.result && !wantsMore) return state.result;
  const r = engine().check(state.good.text, { ...state.good.options, ...extra });
  if (!r.ok) return null;
  if (!wantsMore) state.result = r;
  return r;
}

function refreshFacts() {
  const info = engine().rules();
  facts = new Map(info.ok === false ? [] : info.facts.map((f) => [f.fact, f]));
}

// ---------------------------------------------------------------- rendering

function render() {
  renderSummary();
  renderInterview();
  renderDescriptionDiagnostics();
  if (state.tab === "verdict") renderVerdict();
  if (state.tab === "graph") renderGraph();
  if (state.tab === "rules") renderRuleEffect();
}

function renderSummary() {
  const overall = $("overall");
  const counts = $("counts");
  counts.replaceChildren();
  if (state.failed) {
    overall.dataset.overall = "error";
    overall.textContent = L("overall.error");
    const n = state.failed.diagnostics.length;
    counts.append(h("button", { type: "button", class: "linkish", onclick: () => showTab(state.failed.stage === "rules" ? "rules" : "description") }, L("diag.count", n)));
  } else if (state.summary) {
    const v = state.summary;
    overall.dataset.overall = v.overall;
    overall.textContent = L(`overall.${v.overall}`);
    const total = Object.fromEntries(OUTCOMES.map((o) => [o, 0]));
    for (const n of v.norms) total[n.outcome] += 1;
    for (const o of OUTCOMES) if (total[o]) counts.append(h("span", { class: `chip o-${o}` }, `${SYMBOL[o]} ${total[o]} ${L(`outcome.${o}`)}`));
  }
  $("timing").textContent = L("timing", state.checkMs);
  $("timing").dataset.ms = state.checkMs.toFixed(3);
}

// ---- 1. interview

function currentQuestion() {
  if (state.editing) return facts.get(state.editing) ? { ...facts.get(state.editing), decides: [] } : null;
  if (!state.summary) return null;
  return state.summary.questions.find((q) => !state.skipped.includes(q.fact)) || null;
}

function renderInterview() {
  const questions = state.summary ? state.summary.questions : [];
  const answered = Object.keys(state.answers).length;
  const open = questions.length;
  $("progress-label").textContent = L("interview.progress", answered, open);
  const progress = $("progress");
  progress.max = Math.max(1, answered + open);
  progress.value = answered;

  const form = $("question");
  form.replaceChildren();
  const q = currentQuestion();
  if (!q) {
    form.dataset.fact = "";
    form.append(h("p", { class: "done", id: "interview-done" }, L("interview.done")));
    if (state.skipped.length) form.append(h("p", {}, L("interview.doneSkipped", state.skipped.length)));
    form.append(h("button", { type: "button", onclick: () => showTab("verdict") }, L("interview.seeVerdict")));
  } else {
    renderQuestion(form, q, answered + 1);
  }

  const list = $("answers");
  list.replaceChildren();
  for (const fact of state.order) {
    if (!(fact in state.answers)) continue;
    const info = facts.get(fact);
    list.append(h("li", { dataset: { fact } },
      h("span", { class: "q" }, info ? bi(info.ask) : fact),
      h("strong", { class: "a" }, showValue(state.answers[fact])),
      h("span", { class: "row" },
        h("button", { type: "button", class: "small", onclick: () => { state.editing = fact; recheck(); focusQuestion(); } }, L("interview.change")),
        h("button", { type: "button", class: "small", onclick: () => removeAnswer(fact) }, L("interview.remove")))));
  }
  $("answers-empty").hidden = list.children.length > 0;

  const skipped = $("skipped");
  skipped.replaceChildren();
  for (const fact of state.skipped) {
    const info = facts.get(fact);
    skipped.append(h("li", {},
      h("span", { class: "q" }, info ? bi(info.ask) : fact),
      h("button", { type: "button", class: "small", onclick: () => { state.skipped = state.skipped.filter((f) => f !== fact); state.editing = fact; recheck(); focusQuestion(); } }, L("interview.askAgain"))));
  }
  $("skipped-empty").hidden = skipped.children.length > 0;
}

function renderQuestion(form, q, number) {
  form.dataset.fact = q.fact;
  form.dataset.kind = q.kind;
  const current = state.answers[q.fact];
  const id = (i) => `answer-${i}`;
  const inputs = [];
  const choice = (type, value, label, checked, i) => h("label", { class: "choice", for: id(i) },
    h("input", { type, name: "answer", id: id(i), value, checked }), " ", label);
  switch (q.kind) {
    case "bool":
      inputs.push(choice("radio", "true", L("interview.yes"), current === true, 0));
      inputs.push(choice("radio", "false", L("interview.no"), current === false, 1));
      break;
    case "one_of":
      q.options.forEach((o, i) => inputs.push(choice("radio", o, humanise(o), current === o, i)));
      break;
    case "set_of":
      q.options.forEach((o, i) => inputs.push(choice("checkbox", o, humanise(o), Array.isArray(current) && current.includes(o), i)));
      inputs.push(h("p", { class: "muted" }, L("interview.setHint")));
      break;
    case "number":
      inputs.push(h("input", { type: "number", name: "answer", id: id(0), step: "any", value: current ?? "", "aria-labelledby": "question-text" }));
      break;
    case "date":
      inputs.push(h("input", { type: "date", name: "answer", id: id(0), value: current ?? "", "aria-labelledby": "question-text" }));
      break;
    default:
      inputs.push(h("input", { type: "text", name: "answer", id: id(0), value: current ?? "", "aria-labelledby": "question-text" }));
  }
  const norms = new Map((state.summary?.norms ?? []).map((n) => [n.id, n]));
  put(form,
    h("p", { class: "qnum" }, L("interview.question", number), " · ", h("code", {}, q.fact)),
    h("fieldset", {},
      h("legend", { id: "question-text", tabindex: "-1" }, bi(q.ask)),
      h("div", { class: `inputs k-${q.kind}` }, inputs)),
    q.help ? h("details", { class: "help", open: true }, h("summary", {}, L("interview.help")), h("p", {}, bi(q.help))) : null,
    q.decides.length ? h("details", { class: "decides", open: q.decides.length <= 6 },
      h("summary", {}, L("interview.decides", q.decides.length)),
      h("ul", {}, q.decides.map((id) => {
        const n = norms.get(id);
        return h("li", {}, n ? badge(n.outcome) : null, " ", n ? bi(n.label) : id, " ", h("code", {}, id));
      }))) : null,
    h("p", { class: "form-error", id: "question-error", role: "alert" }),
    h("div", { class: "row" },
      h("button", { type: "submit", class: "primary", id: "answer-submit" }, L("interview.answer")),
      state.editing ? null : h("button", { type: "button", id: "answer-skip", onclick: () => skip(q.fact) }, L("interview.skip")),
      state.order.length ? h("button", { type: "button", id: "answer-back", onclick: back }, L("interview.back")) : null),
  );
}

function readAnswer(form) {
  const kind = form.dataset.kind;
  const inputs = [...form.querySelectorAll("[name=answer]")];
  switch (kind) {
    case "bool": {
      const c = inputs.find((i) => i.checked);
      return c ? c.value === "true" : undefined;
    }
    case "one_of": {
      const c = inputs.find((i) => i.checked);
      return c ? c.value : undefined;
    }
    case "set_of":
      return inputs.filter((i) => i.checked).map((i) => i.value);
    case "number": {
      const v = inputs[0].value.trim();
      return v === "" || !Number.isFinite(Number(v)) ? undefined : Number(v);
    }
    default: {
      const v = inputs[0].value.trim();
      return v === "" ? undefined : v;
    }
  }
}

function answer(event) {
  event.preventDefault();
  const form = $("question");
  const fact = form.dataset.fact;
  if (!fact) return;
  const value = readAnswer(form);
  if (value === undefined) {
    $("question-error").textContent = L("interview.required");
    return;
  }
  const before = { ...state.answers };
  state.answers[fact] = value;
  state.order = state.order.filter((f) => f !== fact).concat(fact);
  state.skipped = state.skipped.filter((f) => f !== fact);
  state.editing = null;
  recheck();
  if (state.failed && state.failed.stage === "answers") {
    // The engine refused the answer: put it back and say why.
    const why = state.failed.diagnostics.map((d) => d.message).join("; ");
    state.answers = before;
    recheck();
    $("question-error").textContent = why;
    return;
  }
  focusQuestion();
}

function skip(fact) {
  if (!state.skipped.includes(fact)) state.skipped.push(fact);
  recheck();
  focusQuestion();
}

function back() {
  const last = state.order[state.order.length - 1];
  if (!last) return;
  state.editing = last;
  recheck();
  focusQuestion();
}

function removeAnswer(fact) {
  delete state.answers[fact];
  state.order = state.order.filter((f) => f !== fact);
  if (state.editing === fact) state.editing = null;
  recheck();
}

function focusQuestion() {
  const legend = $("question-text") || $("interview-done");
  if (legend && state.tab === "interview") legend.focus?.();
}

/** Loads a description of another system: the answers given so far were
 * about the previous one, so they go. */
function setDescription(text, name) {
  state.text = text;
  state.name = name;
  state.answers = {};
  state.order = [];
  state.skipped = [];
  state.editing = null;
  $("description").value = text;
  updateGutter($("description-editor"), []);
  recheck();
}

function start(text, name) {
  $("register").hidden = true;
  setDescription(text, name);
  focusQuestion();
}

// ---- 2. description editor

function updateGutter(editor, lines) {
  const textarea = editor.querySelector("textarea");
  const gutter = editor.querySelector(".gutter");
  const count = textarea.value.split("\n").length;
  const bad = new Set(lines);
  const frag = document.createDocumentFragment();
  for (let i = 1; i <= count; i += 1) {
    frag.append(h("div", { class: bad.has(i) ? "ln err" : "ln" }, i));
  }
  gutter.replaceChildren(frag);
  gutter.scrollTop = textarea.scrollTop;
}

function gotoLine(textarea, line, column) {
  const lines = textarea.value.split("\n");
  let offset = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i += 1) offset += lines[i].length + 1;
  const lineText = lines[line - 1] ?? "";
  const start = offset + Math.min(Math.max(0, (column || 1) - 1), lineText.length);
  textarea.focus();
  textarea.setSelectionRange(start, offset + lineText.length);
  const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
  textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
}

function diagnosticList(diagnostics, textarea, onOther) {
  return h("ul", { class: "diag-list" }, diagnostics.map((d) => h("li", { class: "diag", dataset: { line: d.line ?? "", code: d.code ?? "" } },
    d.line ? h("button", {
      type: "button", class: "goto", title: L("diag.goto"),
      onclick: () => (onOther && d.source_name && onOther(d)) || gotoLine(textarea, d.line, d.column),
    }, (d.source_name && onOther ? d.source_name + ": " : "") + L("diag.at", d.line, d.column)) : null,
    h("span", { class: "msg" }, d.message),
    d.label ? h("span", { class: "label" }, ` — ${d.label}`) : null,
    d.hint ? h("span", { class: "hint" }, d.hint) : null,
    d.code ? h("code", { class: "code" }, d.code) : null)));
}

function renderDescriptionDiagnostics() {
  const box = $("description-diagnostics");
  box.replaceChildren();
  const textarea = $("description");
  const failed = state.failed && (state.failed.stage === "description" || state.failed.stage === "options" || state.failed.stage === "answers");
  if (failed) {
    const ds = state.failed.diagnostics;
    box.append(h("p", { class: "error", role: "alert" }, L("diag.count", ds.length)), diagnosticList(ds, textarea));
    if (state.summary) box.append(h("p", { class: "muted" }, L("diag.stale")));
    updateGutter($("description-editor"), state.failed.stage === "description" ? ds.map((d) => d.line).filter(Boolean) : []);
  } else {
    box.append(h("p", { class: "ok" }, L("description.ok")));
    const n = Object.keys(state.answers).length;
    if (n) box.append(h("p", { class: "muted" }, L("description.answersNote", n)));
    updateGutter($("description-editor"), []);
  }
}

// ---- 2b. Algoritmeregister entries (mapped by toets-register in the engine)

function loadRegister(text, file) {
  const box = $("register");
  box.hidden = false;
  box.replaceChildren();
  const r = fromRegister(text);
  if (!r.ok) {
    box.append(h("p", { class: "error", role: "alert" }, L("register.failed")), diagnosticList(r.diagnostics, $("description")));
    return;
  }
  const show = (i) => {
    const entry = r.entries[i];
    setDescription(entry.text, `${file} (${entry.id ?? i + 1})`);
    notes.replaceChildren(...entry.notes.map((n) => h("li", { class: n.fuzzy ? "fuzzy" : "" },
      h("code", {}, n.field), n.found ? ` = “${n.found}”` : "", " → ",
      n.fact ? [h("code", {}, n.fact), " = ", n.value === null || n.value === undefined ? h("em", {}, L("register.unknown")) : h("strong", {}, showValue(n.value))] : h("em", {}, L("register.noFact")),
      n.fuzzy ? h("span", { class: "chip o-undetermined" }, L("register.fuzzy")) : null,
      h("span", { class: "why" }, n.why))));
    title.textContent = L("register.title", entry.name ?? file);
  };
  const title = h("h3", {});
  const notes = h("ul", { class: "notes" });
  box.append(title);
  if (r.entries.length > 1) {
    const select = h("select", { id: "register-entry" }, r.entries.map((e, i) => h("option", { value: i }, e.name ?? e.id ?? String(i + 1))));
    select.addEventListener("change", () => show(Number(select.value)));
    box.append(h("label", {}, L("register.entry"), " ", select));
  }
  box.append(h("details", { open: true }, h("summary", {}, L("register.intro")), notes));
  show(0);
}

// ---- 3. verdict

function factRow(f) {
  const src = f.source;
  let where = null;
  if (src) {
    where = h("button", { type: "button", class: "linkish", onclick: () => { showTab("description"); gotoLine($("description"), src.line, src.column); } }, L("verdict.line", src.line));
  } else if (f.fact in state.answers) {
    where = h("span", { class: "muted" }, L("verdict.answered"));
  }
  const info = facts.get(f.fact);
  return h("li", { class: f.value === null ? "fact unknown" : "fact" },
    h("code", {}, f.fact), " = ", h("strong", {}, showValue(f.value)), where ? [" (", where, ")"] : null,
    info ? h("span", { class: "ask" }, bi(info.ask)) : null);
}

function normLink(ref) {
  return h("li", {}, badge(ref.outcome), " ",
    h("a", { href: `#norm-${ref.norm}`, onclick: (e) => { e.preventDefault(); revealNorm(ref.norm); } }, ref.norm));
}

function conceptBlock(id, concepts, depth) {
  const c = concepts.get(id);
  if (!c) return h("li", {}, h("code", {}, id));
  return h("li", { class: "concept" },
    h("span", {}, L("graph.concept"), " ", h("strong", {}, c.label ? bi(c.label) : id), " ", h("code", {}, id), " = ", truth(c.value)),
    c.citations.length ? h("span", { class: "cites" }, " [", c.citations.map((x) => bi(x.text)).join("; "), "]") : null,
    depth < 6 ? h("ul", {},
      c.facts.map(factRow),
      c.concepts.map((x) => conceptBlock(x, concepts, depth + 1)),
      c.norms.map(normLink)) : null);
}

function clauseTitle(c) {
  if (c.clause === "applies") return L("verdict.applies");
  if (c.clause === "requires") return L("verdict.requires");
  if (c.clause === "exception") return `${L("verdict.exception")}: ${bi(c.label)}`;
  return bi(c.label) || c.clause;
}

function normTrace(n, concepts) {
  const parts = [];
  parts.push(h("p", { class: "cites" }, h("span", { class: "k" }, L("verdict.cites"), ": "), n.citations.map((c) => bi(c.text)).join("; ")));
  if (n.in_force_note) parts.push(h("p", {}, h("span", { class: "k" }, L("verdict.inForce"), ": "), n.in_force_note));
  for (const c of n.conditions) {
    parts.push(h("div", { class: `clause c-${c.clause}` },
      h("p", {}, h("span", { class: "k" }, clauseTitle(c), ": "), truth(c.value)),
      h("ul", {}, c.facts.map(factRow), c.concepts.map((x) => conceptBlock(x, concepts, 0)), c.norms.map(normLink))));
  }
  if (n.exception) {
    parts.push(h("div", { class: "clause exception-applied" },
      h("p", {}, h("span", { class: "k" }, L("verdict.exceptionApplied"), ": "), bi(n.exception.label)),
      h("p", { class: "cites" }, n.exception.citations.map((c) => bi(c.text)).join("; "))));
  }
  if (n.judgement) {
    const j = n.judgement;
    parts.push(h("div", { class: "clause judgement" },
      h("p", {}, h("span", { class: "k" }, L("verdict.judgement"), ": "), bi(j.label)),
      h("p", { class: "k" }, L("verdict.restsOn")),
      h("ul", {}, j.rests_on_facts.map(factRow),
        j.rests_on_concepts.map((x) => conceptBlock(x.concept, concepts, 0)),
        j.rests_on_norms.map(normLink)),
      h("p", {}, h("span", { class: "k" }, L("verdict.settled"), ": "), truth(j.settled)),
      j.record.length ? h("div", {}, h("p", { class: "k" }, L("verdict.record")), h("ul", {}, j.record.map(factRow))) : null));
  }
  if (n.awaiting_judgement?.length) {
    parts.push(h("div", {}, h("p", { class: "k" }, L("verdict.awaiting")),
      h("ul", {}, n.awaiting_judgement.map((id) => h("li", {}, h("a", { href: `#norm-${id}`, onclick: (e) => { e.preventDefault(); revealNorm(id); } }, id))))));
  }
  if (n.open_questions.length) {
    parts.push(h("div", { class: "open" }, h("p", { class: "k" }, L("verdict.open")),
      h("ul", {}, n.open_questions.map((fact) => h("li", {},
        h("span", {}, facts.get(fact) ? bi(facts.get(fact).ask) : fact), " ", h("code", {}, fact), " ",
        h("button", { type: "button", class: "small", onclick: () => askFact(fact) }, L("verdict.answerThis")))))));
  }
  if (n.see?.length) parts.push(h("p", { class: "see" }, h("span", { class: "k" }, L("verdict.see"), ": "), n.see.join(", ")));
  return h("div", { class: "trace" }, parts);
}

function askFact(fact) {
  state.skipped = state.skipped.filter((f) => f !== fact);
  state.editing = fact;
  showTab("interview");
  recheck();
  focusQuestion();
}

function renderVerdict() {
  const box = $("verdict");
  box.replaceChildren();
  const result = fullResult();
  if (!result) {
    box.append(h("p", {}, L("verdict.none")));
    return;
  }
  if (state.failed) box.append(h("p", { class: "error" }, L("diag.stale")));
  const v = result.verdict;
  const concepts = new Map(v.concepts.map((c) => [c.id, c]));
  const p = v.provenance;
  const sys = v.system;
  box.append(h("header", { class: "verdict-head" },
    h("h2", {}, sys.name || L("verdict.system")),
    sys.organisation ? h("p", {}, sys.organisation) : null,
    sys.purpose ? h("p", { class: "muted" }, sys.purpose) : null,
    h("p", { class: `overall-line o-${v.overall}`, id: "verdict-overall", dataset: { overall: v.overall } }, L(`overall.${v.overall}`)),
    h("p", { class: "provenance" }, L("verdict.provenance", p.toets_version, p.evaluation_date, p.rules_sha256.slice(0, 12), p.description_sha256.slice(0, 12)))));

  if (result.questions.length) {
    box.append(h("section", { class: "questions card" }, h("h3", {}, L("verdict.questions")),
      h("ol", {}, result.questions.map((q) => h("li", {}, bi(q.ask), " ", h("code", {}, q.fact), " ",
        h("button", { type: "button", class: "small", onclick: () => askFact(q.fact) }, L("verdict.answerThis")))))));
  }

  for (const law of v.laws) {
    const info = p.laws.find((l) => l.id === law.law);
    const norms = v.norms.filter((n) => n.law === law.law);
    const shown = norms.filter((n) => !(state.onlyOpen && QUIET.has(n.outcome)));
    box.append(h("section", { class: "law", dataset: { law: law.law } },
      h("h3", {}, bi(law.abbrev), info ? h("span", { class: "muted" }, ` — ${bi(info.title)}`) : null),
      h("p", { class: "chips" }, OUTCOMES.filter((o) => law.counts[o]).map((o) => h("span", { class: `chip o-${o}` }, `${SYMBOL[o]} ${law.counts[o]} ${L(`outcome.${o}`)}`))),
      shown.map((n) => {
        const d = h("details", { class: `norm o-${n.outcome}`, id: `norm-${n.id}`, dataset: { norm: n.id, outcome: n.outcome }, open: state.openNorms.has(n.id) },
          h("summary", {}, badge(n.outcome), " ", h("span", { class: "label" }, bi(n.label)), " ", h("code", {}, n.id),
            h("span", { class: "cites" }, n.citations.map((c) => bi(c.text)).join("; "))),
          normTrace(n, concepts));
        d.addEventListener("toggle", () => (d.open ? state.openNorms.add(n.id) : state.openNorms.delete(n.id)));
        return d;
      })));
  }
}

function revealNorm(id) {
  state.onlyOpen = false;
  $("only-open").checked = false;
  state.openNorms.add(id);
  showTab("verdict");
  renderVerdict();
  const el = document.getElementById(`norm-${id}`);
  if (el) {
    el.open = true;
    el.scrollIntoView({ block: "start" });
    el.querySelector("summary").focus();
  }
}

// ---- 4. graph

let graphKey = "";
async function renderGraph() {
  const box = $("graph");
  const result = fullResult({ graph: true });
  if (!result?.graph) return;
  const key = result.graph.dot + state.lang;
  if (key === graphKey) return;
  graphKey = key;
  const gv = await graphviz;
  if (!gv) {
    box.replaceChildren(h("p", { class: "error" }, L("graph.unavailable")), h("pre", {}, result.graph.dot));
    return;
  }
  const outcomes = new Map(result.graph.nodes.filter((n) => n.kind === "norm").map((n) => [n.id, n]));
  box.innerHTML = gv.dot(result.graph.dot); // SVG made by Graphviz from the engine's DOT
  box.setAttribute("aria-label", L("graph.label"));
  for (const g of box.querySelectorAll("g.node")) {
    const name = g.querySelector("text")?.textContent ?? "";
    const node = outcomes.get(name);
    if (!node) continue;
    g.classList.add("norm-node");
    g.dataset.norm = name;
    g.dataset.outcome = node.outcome ?? "";
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "link");
    g.setAttribute("aria-label", `${bi(node.label)} (${name}): ${node.outcome ? L(`outcome.${node.outcome}`) : ""}`);
    g.addEventListener("click", () => revealNorm(name));
    g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); revealNorm(name); } });
  }
  box.classList.toggle("fit", $("graph-fit").checked);
}

function renderLegend() {
  $("legend").replaceChildren(...OUTCOMES.map((o) => h("li", {}, h("span", { class: `swatch o-${o}` }), SYMBOL[o], " ", L(`outcome.${o}`))));
}

// ---- 5. export

function exportJson() {
  const result = fullResult();
  if (!result) return;
  const v = result.verdict;
  download(`toets-verdict-${v.provenance.evaluation_date}.json`, "application/json", JSON.stringify(v, null, 2) + "\n");
}

function exportMarkdown() {
  const r = fullResult({ markdown: state.lang });
  if (!r) return;
  download(`toets-verdict-${r.verdict.provenance.evaluation_date}.md`, "text/markdown", r.markdown);
}

function printReport() {
  showTab("verdict");
  const closed = [...document.querySelectorAll("#verdict details:not([open])")];
  closed.forEach((d) => (d.open = true));
  const restore = () => { closed.forEach((d) => (d.open = false)); window.removeEventListener("afterprint", restore); };
  window.addEventListener("afterprint", restore);
  window.print();
}

function downloadDescription() {
  if (!state.good) return;
  const r = engine().mergedDescription(state.good.text, state.good.options);
  if (r.ok) download("description-with-answers.json", "application/json", r.text);
}

// ---- 6. rule editor

function selectedDraft() {
  return state.draft.files.find((f) => f.name === state.draft.selected);
}

function loadDraftEditor() {
  const f = selectedDraft();
  $("rules-text").value = f ? f.text : "";
  $("rules-text").scrollTop = 0;
  renderRuleDiagnostics();
}

const compileDraft = debounce(() => {
  state.draft.diagnostics = draftEngine().loadRules(state.draft.files);
  state.draft.changed = state.draft.files.some((f, i) => f.text !== builtinFiles[i]?.text);
  refreshFacts();
  renderRuleDiagnostics();
  recheck();
}, 200);

function renderRuleDiagnostics() {
  const box = $("rules-diagnostics");
  const ds = state.draft.diagnostics;
  const here = ds.filter((d) => d.source_name === state.draft.selected).map((d) => d.line).filter(Boolean);
  updateGutter($("rules-editor"), here);
  box.replaceChildren();
  if (!ds.length) {
    box.append(h("p", { class: "ok" }, L("rules.ok")));
    return;
  }
  box.append(h("p", { class: "error", role: "alert" }, L("diag.count", ds.length)),
    diagnosticList(ds, $("rules-text"), (d) => {
      if (d.source_name === state.draft.selected) return false;
      if (!state.draft.files.some((f) => f.name === d.source_name)) return false;
      state.draft.selected = d.source_name;
      $("rule-file").value = d.source_name;
      loadDraftEditor();
      gotoLine($("rules-text"), d.line, d.column);
      return true;
    }));
  if (state.draft.use) box.append(h("p", { class: "muted" }, L("rules.brokenUsing")));
}

function renderRuleEffect() {
  const box = $("rules-effect");
  box.replaceChildren();
  if (!state.draft.changed) {
    box.append(h("p", { class: "muted", id: "rules-unchanged" }, L("rules.unchanged")));
    return;
  }
  if (!state.good) return;
  const a = main.summary(state.good.text, state.good.options);
  const b = draftEngine().summary(state.good.text, state.good.options);
  box.append(h("h3", {}, L("rules.effect")));
  if (!a.ok || !b.ok) {
    const f = !b.ok ? b : a;
    box.append(diagnosticList(f.diagnostics, $("description")));
    return;
  }
  box.append(h("p", { class: `overall-line o-${b.overall}`, id: "draft-overall", dataset: { overall: b.overall } },
    `${L("rules.draft")}: ${L(`overall.${b.overall}`)}`,
    a.overall !== b.overall ? h("span", { class: "muted" }, ` (${L("rules.builtin")}: ${L(`overall.${a.overall}`)})`) : null));
  const before = new Map(a.norms.map((n) => [n.id, n]));
  const after = new Map(b.norms.map((n) => [n.id, n]));
  const changes = [];
  for (const [id, n] of after) {
    const old = before.get(id);
    if (!old) changes.push(h("li", { dataset: { norm: id } }, h("code", {}, id), " ", L("rules.added"), " → ", badge(n.outcome)));
    else if (old.outcome !== n.outcome) changes.push(h("li", { dataset: { norm: id } }, h("code", {}, id), " ", badge(old.outcome), " → ", badge(n.outcome)));
  }
  for (const [id, n] of before) if (!after.has(id)) changes.push(h("li", { dataset: { norm: id } }, h("code", {}, id), " ", badge(n.outcome), " → ", L("rules.removed")));
  box.append(h("p", {}, changes.length ? L("rules.changed", changes.length) : L("rules.noChange")));
  if (changes.length) box.append(h("ul", { id: "rules-changes", class: "changes" }, changes));
}

function runRuleTests() {
  const r = draftEngine().runTests(state.date);
  const box = $("rules-test-report");
  box.replaceChildren();
  if (r.ok === false) {
    box.append(diagnosticList(r.diagnostics, $("rules-text")));
    return;
  }
  box.append(h("p", { class: r.failed ? "error" : "ok" }, L("rules.testsResult", r.passed, r.failed)));
  const failures = r.results.flatMap((x) => x.failures.map((f) => ({ ...f, test: x.name })));
  if (failures.length) {
    box.append(h("ul", {}, failures.map((f) => h("li", {}, h("code", {}, f.location), " ", f.test, ": ",
      L("rules.testFailure", f.norm, L(`outcome.${f.expected}`), L(`outcome.${f.actual}`))))));
  }
}

let builtinFiles = [];

// ---------------------------------------------------------------- tabs and language

const TABS = ["interview", "description", "verdict", "graph", "rules"];

function showTab(name) {
  state.tab = name;
  for (const tab of TABS) {
    const b = $(`tab-${tab}`);
    const on = tab === name;
    b.setAttribute("aria-selected", String(on));
    b.tabIndex = on ? 0 : -1;
    $(`panel-${tab}`).hidden = !on;
  }
  if (name === "verdict") renderVerdict();
  if (name === "graph") renderGraph();
  if (name === "rules") { renderRuleDiagnostics(); renderRuleEffect(); }
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = L(el.dataset.i18n);
  for (const b of document.querySelectorAll("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang));
  $("description").setAttribute("aria-label", L("description.label"));
  $("rules-text").setAttribute("aria-label", L("rules.textLabel"));
  document.querySelector(".tabs").setAttribute("aria-label", L("tabs"));
  renderLegend();
  graphKey = "";
  render();
}

// ---------------------------------------------------------------- start

function wire() {
  for (const b of document.querySelectorAll("[data-lang]")) b.addEventListener("click", () => { state.lang = b.dataset.lang; applyLanguage(); });
  const date = $("date");
  date.value = state.date;
  date.addEventListener("change", () => { if (date.value) { state.date = date.value; recheck(); } });

  const tablist = document.querySelector(".tabs");
  for (const tab of TABS) $(`tab-${tab}`).addEventListener("click", () => showTab(tab));
  tablist.addEventListener("keydown", (e) => {
    const i = TABS.indexOf(state.tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const tab = TABS[(next + TABS.length) % TABS.length];
    showTab(tab);
    $(`tab-${tab}`).focus();
  });

  $("question").addEventListener("submit", answer);
  const welfare = EXAMPLES.find((x) => x.file === WELFARE);
  $("start-empty").addEventListener("click", () => start("", "description.yaml"));
  $("start-example").addEventListener("click", () => welfare && start(welfare.text, welfare.file));
  $("start-example").hidden = !welfare;

  const textarea = $("description");
  const onEdit = debounce(() => { state.text = textarea.value; recheck(); }, 120);
  textarea.addEventListener("input", () => { updateGutter($("description-editor"), []); onEdit(); });
  for (const editor of document.querySelectorAll(".editor")) {
    const ta = editor.querySelector("textarea");
    ta.addEventListener("scroll", () => { editor.querySelector(".gutter").scrollTop = ta.scrollTop; });
  }
  $("description-file").addEventListener("change", async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    $("register").hidden = true;
    setDescription(await file.text(), file.name);
  });
  const select = $("example-select");
  for (const x of EXAMPLES) select.append(h("option", { value: x.file }, x.name));
  if (REGISTER_EXAMPLES.length) {
    select.append(h("optgroup", { label: "Algoritmeregister" },
      REGISTER_EXAMPLES.map((x) => h("option", { value: `register:${x.file}` }, x.name))));
  }
  $("register-file").addEventListener("change", async (e) => {
    const file = e.target.files?.[0];
    if (file) loadRegister(await file.text(), file.name);
  });
  select.addEventListener("change", () => {
    const reg = REGISTER_EXAMPLES.find((e) => `register:${e.file}` === select.value);
    if (reg) {
      loadRegister(reg.text, reg.file);
      return;
    }
    $("register").hidden = true;
    const x = EXAMPLES.find((e) => e.file === select.value);
    if (!x) return;
    setDescription(x.text, x.file);
  });
  $("description-download").addEventListener("click", downloadDescription);

  $("export-json").addEventListener("click", exportJson);
  $("export-md").addEventListener("click", exportMarkdown);
  $("export-print").addEventListener("click", printReport);
  $("only-open").addEventListener("change", (e) => { state.onlyOpen = e.target.checked; renderVerdict(); });
  $("expand-all").addEventListener("click", () => {
    const all = [...document.querySelectorAll("#verdict details.norm")];
    const open = !all.every((d) => d.open);
    all.forEach((d) => (d.open = open));
  });
  $("graph-fit").addEventListener("change", (e) => $("graph").classList.toggle("fit", e.target.checked));

  const ruleSelect = $("rule-file");
  for (const f of state.draft.files) ruleSelect.append(h("option", { value: f.name }, f.name));
  ruleSelect.addEventListener("change", () => { state.draft.selected = ruleSelect.value; loadDraftEditor(); });
  $("rules-text").addEventListener("input", () => {
    const f = selectedDraft();
    if (f) f.text = $("rules-text").value;
    compileDraft();
  });
  $("rules-reset").addEventListener("click", () => {
    state.draft.files = builtinFiles.map((f) => ({ ...f }));
    state.draft.diagnostics = draftEngine().loadBuiltin();
    state.draft.changed = false;
    loadDraftEditor();
    refreshFacts();
    recheck();
  });
  $("rules-use").addEventListener("change", (e) => { state.draft.use = e.target.checked; refreshFacts(); recheck(); });
  $("rules-tests").addEventListener("click", runRuleTests);

  window.addEventListener("beforeprint", () => {
    if (state.tab !== "verdict") showTab("verdict");
    document.querySelectorAll("#verdict details").forEach((d) => (d.open = true));
  });
}

async function main_() {
  try {
    await init({ module_or_path: new URL("./pkg/toets_wasm_bg.wasm", import.meta.url) });
    performance.mark("toets:wasm-ready");
    main = new Toets();
    performance.mark("toets:rules-compiled");
    builtinFiles = builtinRules();
    state.draft.files = builtinFiles.map((f) => ({ ...f }));
    state.draft.selected = state.draft.files[0]?.name ?? "";
    $("version").textContent = `· toets ${version()}`;
    refreshFacts();
    wire();
    loadDraftEditor();
    $("loading").hidden = true;
    applyLanguage(); // renders, after the first check below
    recheck();
    performance.mark("toets:first-verdict");
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    window.toetsTiming = {
      wasmReadyMs: at("toets:wasm-ready"),
      rulesCompiledMs: at("toets:rules-compiled"),
      firstVerdictMs: at("toets:first-verdict"),
      firstCheckMs: state.checkMs,
    };
    startGraphviz();
    await graphviz; // the last file the page loads
    document.body.dataset.ready = "true";
  } catch (e) {
    $("loading").textContent = L("loadFailed") + (e?.message ?? e);
    $("loading").classList.add("error");
    throw e;
  }
}

main_();
