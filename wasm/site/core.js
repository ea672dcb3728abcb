// Shared by the page's modules: the state, the language, DOM helpers and
// the way values are shown. No legal logic: that is in the engine.
import { t } from "./i18n.js";

const params = new URLSearchParams(location.search);

export const state = {
  lang: params.get("lang") === "en" || (!params.get("lang") && !navigator.language.startsWith("nl")) ? "en" : "nl",
  date: params.get("date") || todayIso(),
  text: "",
  name: "description.yaml",
  answers: {},
  order: [],          // facts in the order they were answered
  skipped: [],        // facts answered "don't know" (the engine leaves them out of `next`)
  system: { name: "", organisation: "", purpose: "" },
  systemDone: false,  // the interview's first step (name, organisation, purpose) is behind us
  editing: null,      // a fact asked again on request
  summary: null,      // the last successful check, without trace (engine.summary)
  previous: null,     // the summary before it (to mark findings that just became known)
  good: null,         // the inputs of that check: { text, options }
  result: null,       // the full check of `good` (with trace), made when shown
  failed: null,       // the last failed check, if the latest failed
  checkMs: 0,
  tab: "interview",
  openNorms: new Set(),
  onlyOpen: false,
  restored: false,
  draft: { files: [], selected: "", diagnostics: [], changed: false, use: false },
};

/** Fact id -> FactInfo of the rules in use (filled by app.js). */
export const facts = new Map();

/** Norm id -> labels, from the last check (filled by app.js). */
export const normLabels = new Map();

/** Functions of app.js the other modules call (set by app.js at start). */
export const hooks = {};

export const SYMBOL = {
  violated: "✗", not_followed: "△", met: "✓", not_applicable: "–", undetermined: "?", needs_judgement: "⚖", not_in_force: "◷",
};
export const OUTCOMES = ["violated", "not_followed", "undetermined", "needs_judgement", "met", "not_applicable", "not_in_force"];

export function todayIso() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export const $ = (id) => document.getElementById(id);
export const L = (key, ...args) => t(state.lang, key, ...args);
export const bi = (b) => (b ? b[state.lang] || b.en : "");

/** Appends children, leaving out null, undefined and false. */
export function put(el, ...children) {
  el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/** A DOM element: h("p", { class: "x" }, "text", child). Text is never parsed as HTML. */
export function h(tag, attrs = {}, ...children) {
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

/** The label of a listed value of `fact` in the page's language. */
export function valueLabel(fact, value) {
  // A value the rules give no label is shown as written, with spaces.
  const c = facts.get(fact)?.choices?.find((x) => x.value === value);
  const label = c ? bi(c.label) : "";
  return label && label !== value ? label : String(value).replaceAll("_", " ");
}

/** A value as a reader sees it: yes/no, labels of listed values, "none". */
export function showValue(v, fact) {
  if (v === null || v === undefined) return L("verdict.unknown");
  if (v === true) return L("interview.yes");
  if (v === false) return L("interview.no");
  if (Array.isArray(v)) return v.length ? v.map((x) => valueLabel(fact, x)).join(", ") : L("value.none");
  if (typeof v === "string" && facts.get(fact)?.choices?.length) return valueLabel(fact, v);
  return String(v);
}

export function badge(outcome) {
  return h("span", { class: `badge o-${outcome}`, dataset: { outcome } },
    h("span", { "aria-hidden": "true" }, SYMBOL[outcome] + " "), L(`outcome.${outcome}`));
}

export function truth(v) {
  const key = v === true ? "true" : v === false ? "false" : "null";
  return h("span", { class: `truth t-${key}` }, L(`truth.${key}`));
}

/** A date `YYYY-MM-DD` written out in the page's language. */
export function longDate(iso) {
  const d = new Date(`${iso}T12:00:00`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(state.lang === "nl" ? "nl-NL" : "en-GB", { day: "numeric", month: "long", year: "numeric" });
}

/** A finding's value in words: its case, yes or no, or open. */
export function findingValue(f) {
  if (f.case) return bi(f.case.label);
  if (f.value === true) return L("finding.yes");
  if (f.value === false) return L("finding.no");
  return L("finding.open");
}

/** What decided a conclusion, as short text: "fact: value; concept (true)". */
export function reasonText(reasons, depth = 0) {
  return reasons.map((r) => {
    if (r.kind === "fact") {
      const ask = facts.get(r.fact)?.ask;
      const value = r.value_label ? bi(r.value_label) : showValue(r.value, r.fact);
      return `${ask ? bi(ask) : r.fact} ${L("reason.is")} ${value}`;
    }
    if (r.kind === "concept") {
      const name = r.label ? bi(r.label) : r.concept;
      const inner = depth < 2 && r.because?.length ? ` (${reasonText(r.because, depth + 1)})` : "";
      return `${name}: ${L(`truth.${r.value === true ? "true" : r.value === false ? "false" : "null"}`)}${inner}`;
    }
    return `${normLabels.has(r.norm) ? bi(normLabels.get(r.norm)) : r.norm}: ${L(`outcome.${r.outcome}`)}`;
  }).join("; ");
}

export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
