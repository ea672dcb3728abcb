// The toets page: an interview, a description editor, the verdict with its
// trace, the norm graph, exports and a rule editor. All legal logic is in the
// engine (WebAssembly); the page only asks, shows and exports. Nothing is
// sent anywhere: the only requests are for this page's own files, at load.
// The answers are kept in this browser's local storage until forgotten.

import init, { Toets, builtinRules, fromRegister, version } from "./pkg/toets_wasm.js";
import { EXAMPLES, REGISTER_EXAMPLES } from "./examples.js";
import { state, facts, hooks, normLabels, $, L, h, badge, showValue, download, debounce, OUTCOMES, SYMBOL } from "./core.js";
import { renderInterview, answer, focusQuestion, save, restore, forgetStored, confirmLoss, clearAnswers } from "./interview.js";
import { renderVerdict, revealNorm } from "./verdict.js";
import { renderGraph, renderLegend, resetGraph } from "./graph.js";
import { localise } from "./messages.js";
import { marked } from "./vendor/marked.js";

const WELFARE = "welfare-fraud-risk-model.yaml";

// The graph library is loaded with the page (not when the tab opens), so no
// request is made after loading; it starts after the first verdict is shown.
let startGraphviz;
const graphviz = new Promise((resolve) => { startGraphviz = resolve; })
  .then(() => import("./vendor/graphviz.js"))
  .then((m) => m.Graphviz.load())
  .catch(() => null);

let main;   // Toets with the built-in rules
let draftToets; // Toets with the drafter's rules, made when first needed

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
  const system = Object.fromEntries(Object.entries(state.system).filter(([, v]) => v && v.trim()));
  return { date: state.date, answers: state.answers, skipped: [...state.skipped], system, name: state.name, ...extra };
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
    state.previous = state.summary;
    state.summary = r;
    normLabels.clear();
    for (const n of r.norms) normLabels.set(n.id, n.label);
    state.good = { text, options: opts };
    state.result = null;
    state.failed = null;
  } else {
    state.failed = r;
  }
  save();
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
  facts.clear();
  if (info.ok !== false) for (const f of info.facts) facts.set(f.fact, f);
}

// ---------------------------------------------------------------- rendering

function render() {
  renderSummary();
  renderInterview();
  renderDescriptionDiagnostics();
  if (state.tab === "verdict") renderVerdict();
  if (state.tab === "graph") renderGraph(graphviz);
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

/** Loads a description of another system: the answers given so far were
 * about the previous one, so they go (the caller has asked first). */
function setDescription(text, name) {
  state.text = text;
  state.name = name;
  clearAnswers();
  $("description").value = text;
  updateGutter($("description-editor"), []);
  recheck();
}

/** Starts again on another description, after asking if answers would be lost. */
async function start(text, name) {
  if (!(await confirmLoss(L("confirm.startOver")))) return false;
  $("register").hidden = true;
  setDescription(text, name);
  showTab("interview");
  focusQuestion();
  return true;
}

async function forget() {
  if (!(await confirmLoss(L("confirm.forget")))) return;
  forgetStored();
  $("register").hidden = true;
  setDescription("", "description.yaml");
  forgetStored();
  $("restored").hidden = true;
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
    h("span", { class: "msg" }, localise(d, state.lang).message),
    d.label ? h("span", { class: "label" }, ` — ${localise(d, state.lang).label}`) : null,
    d.hint ? h("span", { class: "hint" }, localise(d, state.lang).hint) : null,
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
      n.fact ? [h("code", {}, n.fact), " = ", n.value === null || n.value === undefined ? h("em", {}, L("register.unknown")) : h("strong", {}, showValue(n.value, n.fact))] : h("em", {}, L("register.noFact")),
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

// What is printed is the assessment report the engine writes (the Markdown
// export, in the page's language), rendered to HTML. The engine escapes every
// text that comes from the description, so the Markdown carries no HTML of
// its own. Without a verdict the print shows the verdict tab as it is.
function fillPrintReport() {
  const out = $("print-report");
  const r = fullResult({ markdown: state.lang });
  if (!r?.markdown) {
    out.replaceChildren();
    document.body.classList.remove("has-print-report");
    return;
  }
  out.innerHTML = marked.parse(r.markdown, { async: false, gfm: true });
  document.body.classList.add("has-print-report");
}

function printReport() {
  fillPrintReport();
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
  if (name === "graph") renderGraph(graphviz);
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
  resetGraph();
  render();
}

/** Asks one fact (again), from the verdict. */
function askFact(fact) {
  state.skipped = state.skipped.filter((f) => f !== fact);
  state.editing = fact;
  state.systemDone = true;
  showTab("interview");
  recheck();
  focusQuestion();
}

Object.assign(hooks, { recheck, showTab, fullResult, revealNorm, askFact, gotoLine });

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
  $("forget").addEventListener("click", forget);
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
    const text = await file.text();
    if (!(await confirmLoss(L("confirm.startOver")))) { e.target.value = ""; return; }
    $("register").hidden = true;
    setDescription(text, file.name);
  });
  const select = $("example-select");
  for (const x of EXAMPLES) select.append(h("option", { value: x.file }, x.name));
  if (REGISTER_EXAMPLES.length) {
    select.append(h("optgroup", { label: "Algoritmeregister" },
      REGISTER_EXAMPLES.map((x) => h("option", { value: `register:${x.file}` }, x.name))));
  }
  $("register-file").addEventListener("change", async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    if (!(await confirmLoss(L("confirm.startOver")))) { e.target.value = ""; return; }
    loadRegister(text, file.name);
  });
  select.addEventListener("change", async () => {
    if (!select.value) return;
    if (!(await confirmLoss(L("confirm.startOver")))) { select.value = ""; return; }
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
  $("graph-law").addEventListener("change", () => renderGraph(graphviz));
  $("graph-facts").addEventListener("change", () => renderGraph(graphviz));

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

  window.addEventListener("beforeprint", fillPrintReport);
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
    if (restore()) {
      state.restored = true;
      $("description").value = state.text;
      $("restored").hidden = !Object.keys(state.answers).length && !state.skipped.length;
    }
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
