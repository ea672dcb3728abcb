// The verdict tab, summary first: what the system is (findings), what is
// wrong (violations with article and failing fact), what people must decide
// (judgements and what they rest on), what is still unknown (open
// questions), what is coming (duties not yet in force, summarised), then
// every norm with its trace, folded.
import { state, facts, hooks, $, L, bi, h, badge, truth, showValue, findingValue, reasonText, longDate, OUTCOMES, SYMBOL } from "./core.js";

const QUIET = new Set(["met", "not_applicable", "not_in_force"]);
const TOP_QUESTIONS = 10;

function cites(list) {
  return list.map((c) => bi(c.text)).join("; ");
}

function askOf(fact) {
  return facts.get(fact) ? bi(facts.get(fact).ask) : fact;
}

function answerButton(fact) {
  return h("button", { type: "button", class: "small", onclick: () => hooks.askFact(fact) }, L("verdict.answerThis"));
}

// ---- the summary

function findingsSection(v) {
  if (!v.findings.length) return null;
  return h("section", { class: "card findings", id: "verdict-findings" },
    h("h3", {}, L("verdict.findings")),
    h("ul", { class: "finding-list" }, v.findings.map((f) => h("li", {
      class: `finding v-${f.value === null ? "open" : f.value}`, dataset: { finding: f.id, value: String(f.value), case: f.case?.id ?? "" },
    },
    h("span", { class: "flabel" }, bi(f.label)), " ",
    h("strong", { class: "fvalue" }, findingValue(f)),
    h("span", { class: "cites" }, cites(f.citations)),
    f.value !== null && f.because.length ? h("p", { class: "because" }, L("finding.because"), " ", reasonText(f.because)) : null,
    f.value === null && f.open_questions.length ? h("ul", { class: "asks" }, f.open_questions.slice(0, 3).map((q) => h("li", {}, askOf(q), " ", answerButton(q)))) : null))));
}

function violationsSection(v) {
  const violated = v.norms.filter((n) => n.outcome === "violated");
  if (!violated.length) return null;
  // Per law, in the order of the laws.
  return h("section", { class: "card violations", id: "verdict-violations" },
    h("h3", {}, L("verdict.violations", violated.length)),
    v.laws.filter((law) => violated.some((n) => n.law === law.law)).map((law) => [
      h("h4", {}, bi(law.abbrev)),
      h("ul", {}, violated.filter((n) => n.law === law.law).map((n) => h("li", { dataset: { norm: n.id } },
        badge(n.outcome), " ", h("a", { href: `#norm-${n.id}`, onclick: (e) => { e.preventDefault(); hooks.revealNorm(n.id); } }, bi(n.label)),
        h("span", { class: "cites" }, cites(n.citations)),
        n.because?.length ? h("p", { class: "because" }, L("verdict.failedOn"), " ", reasonText(n.because)) : null)))]));
}

// Norms resting on guidance whose requirement fails: recommendations, kept
// apart from the violations of the law.
function recommendationsSection(v) {
  const missed = v.norms.filter((n) => n.outcome === "not_followed");
  if (!missed.length) return null;
  return h("section", { class: "card recommendations", id: "verdict-recommendations" },
    h("h3", {}, L("verdict.recommendations", missed.length)),
    h("ul", {}, missed.map((n) => h("li", { dataset: { norm: n.id } },
      badge(n.outcome), " ", h("a", { href: `#norm-${n.id}`, onclick: (e) => { e.preventDefault(); hooks.revealNorm(n.id); } }, bi(n.label)),
      h("span", { class: "cites" }, cites(n.citations)),
      n.because?.length ? h("p", { class: "because" }, L("verdict.failedOn"), " ", reasonText(n.because)) : null,
      h("p", { class: "because" }, L("verdict.restsOnGuidance"), " ", (n.guidance ?? []).join("; "))))));
}

function judgementsSection(v) {
  const steps = new Map(v.judgements.map((j) => [j.norm, j]));
  const pending = v.norms.filter((n) => n.outcome === "needs_judgement" && n.judgement);
  if (!pending.length) return null;
  return h("section", { class: "card judgements", id: "verdict-judgements" },
    h("h3", {}, L("verdict.judgements", pending.length)),
    h("ul", {}, pending.map((n) => {
      const j = n.judgement;
      const step = steps.get(n.id);
      const rests = [
        ...j.rests_on_facts.map((f) => `${askOf(f.fact)}: ${f.value_label ? bi(f.value_label) : showValue(f.value, f.fact)}`),
        ...j.rests_on_concepts.map((c) => `${v.concepts.find((x) => x.id === c.concept)?.label ? bi(v.concepts.find((x) => x.id === c.concept).label) : c.concept}: ${L(`truth.${c.value === true ? "true" : c.value === false ? "false" : "null"}`)}`),
        ...j.rests_on_norms.map((r) => `${r.norm}: ${L(`outcome.${r.outcome}`)}`),
      ];
      return h("li", { dataset: { norm: n.id } },
        h("strong", {}, bi(j.label)), " ", h("span", { class: "muted" }, `(${bi(n.label)}`, h("span", { class: "cites" }, cites(n.citations)), ")"),
        rests.length ? h("p", { class: "because" }, L("verdict.restsOn"), ": ", rests.join("; ")) : null,
        step?.record.length ? h("p", {}, L("verdict.recordMissing"), " ", step.record.map((q) => bi(q.ask)).join("; "), " ",
          h("button", { type: "button", class: "small", onclick: () => hooks.askFact(step.record[0].fact) }, L("verdict.recordNow"))) : null);
    })));
}

function openSection(v, result) {
  const undetermined = v.norms.filter((n) => n.outcome === "undetermined");
  const qs = result.questions;
  if (!qs.length && !undetermined.length) return null;
  const list = h("ol", { class: "open-questions" });
  const fill = (all) => list.replaceChildren(...(all ? qs : qs.slice(0, TOP_QUESTIONS)).map((q) => h("li", { dataset: { fact: q.fact } },
    bi(q.ask), " ", h("span", { class: "muted" }, L("verdict.decidesCount", q.decides.length, q.findings.length)), " ", answerButton(q.fact))));
  fill(false);
  return h("section", { class: "card questions", id: "verdict-open" },
    h("h3", {}, L("verdict.stillOpen")),
    h("p", {}, L("verdict.undeterminedCount", undetermined.length, qs.length)),
    list,
    qs.length > TOP_QUESTIONS ? h("button", { type: "button", class: "small", id: "all-questions", onclick: (e) => { fill(true); e.target.remove(); } }, L("verdict.allQuestions", qs.length)) : null);
}

/** Duties not yet in force: per law and date, what is coming, not one grey row each. */
function comingSection(v) {
  const coming = v.norms.filter((n) => n.outcome === "not_in_force" && n.applies_from);
  if (!coming.length) return null;
  const groups = new Map();
  for (const n of coming) {
    const key = `${n.law}|${n.applies_from}|${n.would_apply}`;
    if (!groups.has(key)) groups.set(key, { law: n.law, date: n.applies_from, would: n.would_apply, norms: [] });
    groups.get(key).norms.push(n);
  }
  const abbrev = new Map(v.laws.map((l) => [l.law, bi(l.abbrev)]));
  const order = (g) => (g.would === true ? 0 : g.would === null ? 1 : 2);
  const rows = [...groups.values()].sort((a, b) => order(a) - order(b) || a.date.localeCompare(b.date));
  return h("section", { class: "card coming", id: "verdict-coming" },
    h("h3", {}, L("verdict.coming")),
    h("ul", {}, rows.map((g) => h("li", { dataset: { would: String(g.would), date: g.date } },
      h("details", {},
        h("summary", {}, L(`coming.${g.would === true ? "yes" : g.would === false ? "no" : "maybe"}`, abbrev.get(g.law) ?? g.law, g.norms.length, longDate(g.date))),
        h("ul", {}, g.norms.map((n) => h("li", {}, bi(n.label), h("span", { class: "cites" }, cites(n.citations))))))))));
}

/** The answers given in the interview and the questions skipped: what the verdict rests on besides the description. */
function answersSection() {
  const given = state.order.filter((f) => f in state.answers);
  if (!given.length && !state.skipped.length) return null;
  return h("section", { class: "card answers-given", id: "verdict-answers" },
    h("h3", {}, L("verdict.answersGiven", given.length)),
    given.length ? h("table", {},
      h("thead", {}, h("tr", {}, h("th", {}, L("verdict.question")), h("th", {}, L("verdict.answer")), h("th", {}, L("verdict.source")))),
      h("tbody", {}, given.map((f) => h("tr", { dataset: { fact: f } },
        h("td", {}, askOf(f)), h("td", {}, showValue(state.answers[f], f)), h("td", {}, L("verdict.answered")))))) : null,
    state.skipped.length ? h("p", { class: "muted" }, L("verdict.skippedList", state.skipped.length), " ", state.skipped.map(askOf).join("; ")) : null);
}

function countsSection(v) {
  return h("section", { class: "law-counts", id: "verdict-counts" },
    h("h3", {}, L("verdict.perLaw")),
    h("ul", {}, v.laws.map((law) => h("li", { dataset: { law: law.law } }, h("strong", {}, bi(law.abbrev)), " ",
      OUTCOMES.filter((o) => law.counts[o]).map((o) => h("span", { class: `chip o-${o}` }, `${SYMBOL[o]} ${law.counts[o]} ${L(`outcome.${o}`)}`))))));
}

// ---- the traces

function factRow(f) {
  const src = f.source;
  let where = null;
  if (src) {
    where = h("button", { type: "button", class: "linkish", onclick: () => { hooks.showTab("description"); hooks.gotoLine($("description"), src.line, src.column); } }, L("verdict.line", src.line));
  } else if (f.fact in state.answers) {
    where = h("span", { class: "muted" }, L("verdict.answered"));
  }
  const info = facts.get(f.fact);
  return h("li", { class: f.value === null ? "fact unknown" : "fact" },
    info ? h("span", { class: "ask" }, bi(info.ask)) : h("code", {}, f.fact), " ",
    h("strong", {}, f.value_label ? bi(f.value_label) : showValue(f.value, f.fact)), where ? [" (", where, ")"] : null,
    info ? [" ", h("code", {}, f.fact)] : null);
}

function normLink(ref) {
  return h("li", {}, badge(ref.outcome), " ",
    h("a", { href: `#norm-${ref.norm}`, onclick: (e) => { e.preventDefault(); hooks.revealNorm(ref.norm); } }, ref.norm));
}

function conceptBlock(id, concepts, depth) {
  const c = concepts.get(id);
  if (!c) return h("li", {}, h("code", {}, id));
  return h("li", { class: "concept" },
    h("span", {}, L("graph.concept"), " ", h("strong", {}, c.label ? bi(c.label) : id), " = ", truth(c.value)),
    c.citations.length ? h("span", { class: "cites" }, " [", cites(c.citations), "]") : null,
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

/** Why a norm is not in force, in the page's language. */
function inForce(n) {
  if (n.applies_from) return L("verdict.appliesFrom", longDate(n.applies_from));
  const until = /^applied until (\d{4}-\d{2}-\d{2})$/.exec(n.in_force_note);
  return until ? L("verdict.appliedUntil", longDate(until[1])) : n.in_force_note;
}

function normTrace(n, concepts) {
  const parts = [];
  parts.push(h("p", { class: "cites" }, h("span", { class: "k" }, L("verdict.cites"), ": "), cites(n.citations)));
  if (n.in_force_note) parts.push(h("p", {}, h("span", { class: "k" }, L("verdict.inForce"), ": "), inForce(n)));
  for (const c of n.conditions) {
    parts.push(h("div", { class: `clause c-${c.clause}` },
      h("p", {}, h("span", { class: "k" }, clauseTitle(c), ": "), truth(c.value)),
      h("ul", {}, c.facts.map(factRow), c.concepts.map((x) => conceptBlock(x, concepts, 0)), c.norms.map(normLink))));
  }
  if (n.exception) {
    parts.push(h("div", { class: "clause exception-applied" },
      h("p", {}, h("span", { class: "k" }, L("verdict.exceptionApplied"), ": "), bi(n.exception.label)),
      h("p", { class: "cites" }, cites(n.exception.citations))));
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
      h("ul", {}, n.awaiting_judgement.map((id) => h("li", {}, h("a", { href: `#norm-${id}`, onclick: (e) => { e.preventDefault(); hooks.revealNorm(id); } }, id))))));
  }
  if (n.open_questions.length) {
    parts.push(h("div", { class: "open" }, h("p", { class: "k" }, L("verdict.open")),
      h("ul", {}, n.open_questions.map((fact) => h("li", {}, h("span", {}, askOf(fact)), " ", answerButton(fact))))));
  }
  if (n.see?.length) parts.push(h("p", { class: "see" }, h("span", { class: "k" }, L("verdict.see"), ": "), n.see.join(", ")));
  return h("div", { class: "trace" }, parts);
}

function allNorms(v) {
  const concepts = new Map(v.concepts.map((c) => [c.id, c]));
  const p = v.provenance;
  return h("details", { class: "all-norms", id: "all-norms", open: state.allNormsOpen ?? false,
    ontoggle: (e) => { state.allNormsOpen = e.target.open; } },
  h("summary", {}, h("h3", {}, L("verdict.allNorms", v.norms.length))),
  v.laws.map((law) => {
    const info = p.laws.find((l) => l.id === law.law);
    const norms = v.norms.filter((n) => n.law === law.law);
    const shown = norms.filter((n) => !(state.onlyOpen && QUIET.has(n.outcome)));
    return h("section", { class: "law", dataset: { law: law.law } },
      h("h4", {}, bi(law.abbrev), info ? h("span", { class: "muted" }, ` — ${bi(info.title)}`) : null),
      shown.map((n) => {
        const d = h("details", { class: `norm o-${n.outcome}`, id: `norm-${n.id}`, dataset: { norm: n.id, outcome: n.outcome }, open: state.openNorms.has(n.id) },
          h("summary", {}, badge(n.outcome), " ", h("span", { class: "label" }, bi(n.label)), " ",
            h("span", { class: "cites" }, cites(n.citations))),
          normTrace(n, concepts));
        d.addEventListener("toggle", () => (d.open ? state.openNorms.add(n.id) : state.openNorms.delete(n.id)));
        return d;
      }));
  }));
}

export function renderVerdict() {
  const box = $("verdict");
  box.replaceChildren();
  const result = hooks.fullResult();
  if (!result) {
    box.append(h("p", {}, L("verdict.none")));
    return;
  }
  if (state.failed) box.append(h("p", { class: "error" }, L("diag.stale")));
  const v = result.verdict;
  const p = v.provenance;
  const sys = v.system;
  box.append(h("header", { class: "verdict-head" },
    h("h2", {}, sys.name || L("verdict.system")),
    sys.organisation ? h("p", {}, sys.organisation) : null,
    sys.purpose ? h("p", { class: "muted" }, sys.purpose) : null,
    h("p", { class: `overall-line o-${v.overall}`, id: "verdict-overall", dataset: { overall: v.overall } }, L(`overall.${v.overall}`)),
    h("p", { class: "provenance" }, L("verdict.provenance", p.toets_version, p.evaluation_date, p.rules_sha256.slice(0, 12), p.description_sha256.slice(0, 12)))));
  for (const part of [findingsSection(v), violationsSection(v), recommendationsSection(v), judgementsSection(v), openSection(v, result), comingSection(v), countsSection(v), answersSection()]) {
    if (part) box.append(part);
  }
  box.append(allNorms(v));
}

/** Opens a norm's trace on the verdict tab. */
export function revealNorm(id) {
  state.onlyOpen = false;
  $("only-open").checked = false;
  state.openNorms.add(id);
  state.allNormsOpen = true;
  hooks.showTab("verdict");
  const el = document.getElementById(`norm-${id}`);
  if (el) {
    el.open = true;
    el.scrollIntoView({ block: "start" });
    el.querySelector("summary").focus();
  }
}
