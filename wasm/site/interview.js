// The interview: the engine says what to ask next (`summary.next`, from
// toets_engine::interview), the page asks it. First the system's name,
// organisation and purpose; then the questions in the engine's order; then
// the judgements to record. Answers are kept in this browser's local
// storage (never sent) until "forget my answers".
import { state, facts, hooks, $, L, bi, h, put, badge, showValue, valueLabel, findingValue, reasonText } from "./core.js";

const STORE = "toets.answers.v1";

// ---- local storage

/** Saves what the user gave: description text, answers, skipped, system. */
export function save() {
  try {
    const kept = {
      text: state.text, name: state.name, answers: state.answers, order: state.order,
      skipped: state.skipped, system: state.system, systemDone: state.systemDone,
    };
    localStorage.setItem(STORE, JSON.stringify(kept));
  } catch {
    // Storage may be full or switched off: the page works without it.
  }
}

/** Restores what `save` kept; true if there was something. */
export function restore() {
  let kept;
  try {
    kept = JSON.parse(localStorage.getItem(STORE) ?? "null");
  } catch {
    kept = null;
  }
  if (!kept || typeof kept !== "object") return false;
  state.text = typeof kept.text === "string" ? kept.text : "";
  state.name = typeof kept.name === "string" ? kept.name : "description.yaml";
  state.answers = kept.answers && typeof kept.answers === "object" ? kept.answers : {};
  state.order = Array.isArray(kept.order) ? kept.order.filter((f) => f in state.answers) : [];
  state.skipped = Array.isArray(kept.skipped) ? kept.skipped.filter((f) => typeof f === "string") : [];
  state.system = { name: "", organisation: "", purpose: "", ...(kept.system ?? {}) };
  state.systemDone = kept.systemDone === true;
  return true;
}

export function forgetStored() {
  try {
    localStorage.removeItem(STORE);
  } catch {
    // Nothing was stored.
  }
}

/** Whether anything would be lost by starting again. */
export function hasWork() {
  return Object.keys(state.answers).length > 0 || state.skipped.length > 0
    || Object.values(state.system).some((v) => v && v.trim());
}

/** Asks, in the page's own dialog, whether to go on; resolves to true or false. */
export function confirmLoss(message) {
  if (!hasWork()) return Promise.resolve(true);
  const dialog = $("confirm");
  $("confirm-text").textContent = message;
  $("confirm-ok").textContent = L("confirm.ok");
  $("confirm-cancel").textContent = L("confirm.cancel");
  return new Promise((resolve) => {
    const done = (yes) => {
      dialog.close();
      $("confirm-ok").onclick = null;
      $("confirm-cancel").onclick = null;
      resolve(yes);
    };
    $("confirm-ok").onclick = () => done(true);
    $("confirm-cancel").onclick = () => done(false);
    dialog.oncancel = (e) => { e.preventDefault(); done(false); };
    dialog.showModal();
    $("confirm-cancel").focus();
  });
}

// ---- what to ask

/** The step shown now: a fact asked again, the system, or the engine's next step. */
export function currentStep() {
  if (state.editing) {
    const info = facts.get(state.editing);
    return info ? { kind: "question", question: { ...info, decides: [], findings: [], stage: null, group: "" } } : { kind: "done" };
  }
  if (!state.systemDone) return { kind: "system" };
  return state.summary?.next ?? { kind: "done" };
}

function findingCounts() {
  const fs = state.summary?.findings ?? [];
  return { decided: fs.filter((f) => f.value !== null).length, total: fs.length };
}

/** Questions left in the group of `q` (the engine's open questions, skipped ones left out). */
function leftInGroup(q) {
  if (!q?.group) return 0;
  return (state.summary?.questions ?? []).filter((x) => x.group === q.group && !state.skipped.includes(x.fact)).length;
}

// ---- rendering

export function renderInterview() {
  const step = currentStep();
  const { decided, total } = findingCounts();
  const answered = Object.keys(state.answers).length;
  const remaining = state.summary?.remaining ?? 0;
  const label = $("progress-label");
  const parts = [];
  if (total) parts.push(L("progress.findings", decided, total));
  if (step.kind === "question" || step.kind === "record") {
    const left = leftInGroup(step.question);
    if (left > 1) parts.push(L("progress.group", left - 1));
  }
  parts.push(L("progress.answered", answered));
  if (state.skipped.length) parts.push(L("progress.skipped", state.skipped.length));
  // Not the total of open questions: it starts high and says little.
  // When nothing is left, it says so, as the end of the interview does.
  if (step.kind === "done") parts.push(L("progress.remaining", remaining));
  label.textContent = parts.join(" · ");
  label.dataset.remaining = String(remaining);
  label.dataset.findingsDecided = String(decided);
  const progress = $("progress");
  progress.hidden = total === 0;
  progress.max = Math.max(1, total);
  progress.value = decided;

  renderLiveFindings();

  const form = $("question");
  form.replaceChildren();
  form.dataset.step = step.kind;
  form.dataset.fact = "";
  form.dataset.kind = "";
  if (step.kind === "system") renderSystem(form);
  else if (step.kind === "question") renderQuestion(form, step.question, null);
  else if (step.kind === "record") renderQuestion(form, step.question, step.judgement);
  else renderDone(form);

  renderLists();
}

function renderDone(form) {
  const open = (state.summary?.questions ?? []).filter((q) => state.skipped.includes(q.fact)).length;
  put(form,
    h("p", { class: "done", id: "interview-done", tabindex: "-1" }, L("interview.done")),
    open ? h("p", { id: "interview-done-skipped" }, L("interview.doneSkipped", open)) : null,
    h("p", {}, L(`overall.${state.summary?.overall ?? "undetermined"}`)),
    h("button", { type: "button", class: "primary", onclick: () => hooks.showTab("verdict") }, L("interview.seeVerdict")));
}

function renderSystem(form) {
  const field = (key, multiline) => h("label", { class: "field", for: `system-${key}` },
    h("span", {}, L(`system.${key}`)),
    multiline
      ? h("textarea", { id: `system-${key}`, rows: "2" }, given(key))
      : h("input", { type: "text", id: `system-${key}`, value: given(key) }));
  // What the description already says, to confirm or correct.
  const given = (key) => state.system[key] || state.summary?.system?.[key] || "";
  put(form,
    h("p", { class: "qnum" }, L("system.step")),
    h("fieldset", {},
      h("legend", { id: "question-text", tabindex: "-1" }, L("system.ask")),
      field("name"), field("organisation"), field("purpose", true)),
    h("p", { class: "muted" }, L("system.why")),
    h("div", { class: "row" },
      h("button", { type: "submit", class: "primary", id: "answer-submit" }, L("system.next")),
      h("button", { type: "button", id: "system-skip", onclick: () => finishSystem(false) }, L("system.skip"))));
}

function finishSystem(keep) {
  if (keep) {
    for (const key of ["name", "organisation", "purpose"]) state.system[key] = $(`system-${key}`).value.trim();
  }
  state.systemDone = true;
  hooks.recheck();
  focusQuestion();
}

function renderQuestion(form, q, judgement) {
  form.dataset.fact = q.fact;
  form.dataset.kind = q.kind;
  form.dataset.stage = q.stage ?? "";
  const current = state.answers[q.fact];
  const id = (i) => `answer-${i}`;
  const inputs = [];
  const choice = (type, value, label, checked, i) => h("label", { class: "choice", for: id(i) },
    h("input", { type, name: "answer", id: id(i), value, checked }), " ", label);
  const choices = q.choices?.length ? q.choices : (q.options ?? []).map((o) => ({ value: o, label: { nl: o, en: o } }));
  const shown = (c) => (bi(c.label) === c.value ? valueLabel(q.fact, c.value) : bi(c.label));
  switch (q.kind) {
    case "bool":
      inputs.push(choice("radio", "true", L("interview.yes"), current === true, 0));
      inputs.push(choice("radio", "false", L("interview.no"), current === false, 1));
      break;
    case "one_of":
      choices.forEach((o, i) => inputs.push(choice("radio", o.value, shown(o), current === o.value, i)));
      break;
    case "set_of": {
      choices.forEach((o, i) => inputs.push(choice("checkbox", o.value, shown(o), Array.isArray(current) && current.includes(o.value), i)));
      const none = h("input", { type: "checkbox", id: "answer-none", checked: Array.isArray(current) && current.length === 0 });
      inputs.push(h("label", { class: "choice none", for: "answer-none" }, none, " ", L("interview.none")));
      // "None of these" and the values exclude each other.
      none.addEventListener("change", () => {
        if (none.checked) form.querySelectorAll("[name=answer]").forEach((i) => { i.checked = false; });
      });
      for (const label of inputs) {
        const input = label.querySelector("input");
        if (input && input !== none) input.addEventListener("change", () => { if (input.checked) none.checked = false; });
      }
      inputs.push(h("p", { class: "muted" }, L("interview.setHint")));
      break;
    }
    case "number":
      inputs.push(h("input", { type: "number", name: "answer", id: id(0), step: "any", value: current ?? "", "aria-labelledby": "question-text" }));
      break;
    case "date":
      inputs.push(h("input", { type: "date", name: "answer", id: id(0), value: current ?? "", "aria-labelledby": "question-text" }));
      break;
    default:
      inputs.push(h("input", { type: "text", name: "answer", id: id(0), value: current ?? "", "aria-labelledby": "question-text" }));
  }
  const number = Object.keys(state.answers).length + state.skipped.length + 1;
  put(form,
    judgement ? judgementCard(judgement) : null,
    h("p", { class: "qnum" }, judgement ? L("interview.record") : L("interview.question", number),
      q.stage && !judgement ? [" · ", h("span", { class: "stage" }, L(`stage.${q.stage}`))] : null),
    h("fieldset", {},
      h("legend", { id: "question-text", tabindex: "-1" }, bi(q.ask)),
      h("div", { class: `inputs k-${q.kind}` }, inputs)),
    q.help ? h("details", { class: "help", open: true }, h("summary", {}, L("interview.help")), h("p", {}, bi(q.help))) : null,
    decidesList(q),
    h("p", { class: "form-error", id: "question-error", role: "alert" }),
    h("div", { class: "row" },
      h("button", { type: "submit", class: "primary", id: "answer-submit" }, judgement ? L("interview.recordIt") : L("interview.answer")),
      state.editing ? null : h("button", { type: "button", id: "answer-skip", onclick: () => skip(q.fact) }, judgement ? L("interview.recordLater") : L("interview.skip")),
      state.order.length ? h("button", { type: "button", id: "answer-back", onclick: back }, L("interview.back")) : null));
}

/** What a judgement is about and what it rests on, above its record. */
function judgementCard(j) {
  const concepts = new Map((state.result?.verdict.concepts ?? []).map((c) => [c.id, c]));
  return h("div", { class: "judgement-card", id: "judgement-card" },
    h("p", { class: "k" }, L("judgement.title")),
    h("p", { class: "judgement-q" }, bi(j.label)),
    h("p", { class: "muted" }, L("judgement.norm", bi(j.norm_label))),
    h("p", { class: "k" }, L("verdict.restsOn")),
    h("ul", {},
      j.rests_on_facts.map((f) => h("li", {}, facts.get(f.fact) ? bi(facts.get(f.fact).ask) : f.fact, " — ",
        h("strong", {}, f.value_label ? bi(f.value_label) : showValue(f.value, f.fact)))),
      j.rests_on_concepts.map((c) => h("li", {}, concepts.get(c.concept)?.label ? bi(concepts.get(c.concept).label) : c.concept, " — ",
        h("strong", {}, L(`truth.${c.value === true ? "true" : c.value === false ? "false" : "null"}`)))),
      j.rests_on_norms.map((n) => h("li", {}, n.norm, ": ", badge(n.outcome)))),
    h("p", { class: "muted" }, L("judgement.explain")));
}

function decidesList(q) {
  const norms = new Map((state.summary?.norms ?? []).map((n) => [n.id, n]));
  const findings = new Map((state.summary?.findings ?? []).map((f) => [f.id, f]));
  const fs = (q.findings ?? []).filter((id) => findings.has(id));
  const ds = q.decides ?? [];
  if (!fs.length && !ds.length) return null;
  return h("details", { class: "decides", open: fs.length > 0 || ds.length <= 4 },
    h("summary", {}, fs.length ? L("interview.decidesFindings", fs.length, ds.length) : L("interview.decides", ds.length)),
    h("ul", {},
      fs.map((id) => h("li", { class: "finding-ref" }, h("strong", {}, bi(findings.get(id).label)))),
      ds.map((id) => {
        const n = norms.get(id);
        return h("li", {}, n ? badge(n.outcome) : null, " ", n ? bi(n.label) : id);
      })));
}

/** The findings as they become known, next to the questions. */
function renderLiveFindings() {
  const box = $("live-findings");
  const fs = state.summary?.findings ?? [];
  box.hidden = fs.length === 0;
  const list = $("live-findings-list");
  const before = new Map((state.previous?.findings ?? []).map((f) => [f.id, f]));
  list.replaceChildren(...fs.map((f) => {
    const was = before.get(f.id);
    const fresh = f.value !== null && was && was.value === null;
    return h("li", { class: `finding v-${f.value === null ? "open" : f.value}${fresh ? " fresh" : ""}`, dataset: { finding: f.id, value: String(f.value) } },
      h("span", { class: "flabel" }, bi(f.label)), " ",
      h("strong", { class: "fvalue" }, findingValue(f)),
      f.value !== null && f.because.length ? h("span", { class: "because" }, L("finding.because"), " ", reasonText(f.because)) : null);
  }));
}

function renderLists() {
  const list = $("answers");
  list.replaceChildren();
  for (const fact of state.order) {
    if (!(fact in state.answers)) continue;
    const info = facts.get(fact);
    list.append(h("li", { dataset: { fact } },
      h("span", { class: "q" }, info ? bi(info.ask) : fact),
      h("strong", { class: "a" }, showValue(state.answers[fact], fact)),
      h("span", { class: "row" },
        h("button", { type: "button", class: "small", onclick: () => { state.editing = fact; hooks.recheck(); focusQuestion(); } }, L("interview.change")),
        h("button", { type: "button", class: "small", onclick: () => removeAnswer(fact) }, L("interview.remove")))));
  }
  $("answers-empty").hidden = list.children.length > 0;

  const skipped = $("skipped");
  skipped.replaceChildren();
  for (const fact of state.skipped) {
    const info = facts.get(fact);
    skipped.append(h("li", {},
      h("span", { class: "q" }, info ? bi(info.ask) : fact),
      h("button", { type: "button", class: "small", onclick: () => { state.skipped = state.skipped.filter((f) => f !== fact); state.editing = fact; hooks.recheck(); focusQuestion(); } }, L("interview.askAgain"))));
  }
  $("skipped-empty").hidden = skipped.children.length > 0;
}

// ---- answering

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
    case "set_of": {
      const chosen = inputs.filter((i) => i.checked).map((i) => i.value);
      if (chosen.length) return chosen;
      // Nothing ticked is no answer: "none of these" must be chosen.
      return $("answer-none")?.checked ? [] : undefined;
    }
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

export function answer(event) {
  event.preventDefault();
  const form = $("question");
  if (form.dataset.step === "system") {
    finishSystem(true);
    return;
  }
  const fact = form.dataset.fact;
  if (!fact) return;
  const value = readAnswer(form);
  if (value === undefined) {
    $("question-error").textContent = form.dataset.kind === "set_of" ? L("interview.requiredSet") : L("interview.required");
    return;
  }
  const before = { ...state.answers };
  state.answers[fact] = value;
  state.order = state.order.filter((f) => f !== fact).concat(fact);
  state.skipped = state.skipped.filter((f) => f !== fact);
  state.editing = null;
  hooks.recheck();
  if (state.failed && state.failed.stage === "answers") {
    // The engine refused the answer: put it back and say why.
    const why = state.failed.diagnostics.map((d) => d.message).join("; ");
    state.answers = before;
    hooks.recheck();
    $("question-error").textContent = why;
    return;
  }
  focusQuestion();
}

function skip(fact) {
  if (!state.skipped.includes(fact)) state.skipped.push(fact);
  hooks.recheck();
  focusQuestion();
}

function back() {
  const last = state.order[state.order.length - 1];
  if (!last) return;
  state.editing = last;
  hooks.recheck();
  focusQuestion();
}

function removeAnswer(fact) {
  delete state.answers[fact];
  state.order = state.order.filter((f) => f !== fact);
  if (state.editing === fact) state.editing = null;
  hooks.recheck();
}

export function focusQuestion() {
  const legend = $("question-text") || $("interview-done");
  if (legend && state.tab === "interview") legend.focus?.();
}

/** Clears the answers, the skipped questions and the system step. */
export function clearAnswers() {
  state.answers = {};
  state.order = [];
  state.skipped = [];
  state.editing = null;
  state.system = { name: "", organisation: "", purpose: "" };
  state.systemDone = false;
}
