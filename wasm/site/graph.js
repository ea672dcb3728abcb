// The norm graph: norms, concepts and findings, grouped per law, with the
// facts on request; laid out by Graphviz. Drawn from the engine's graph data
// (nodes and edges) and the verdict's outcomes; a click on a node shows what
// it reads, with the facts and their values, and leads to its reasoning.
import { state, facts, hooks, $, L, bi, h, badge, showValue, findingValue } from "./core.js";

/** Fill colours per outcome; each distinct, also in the legend. */
export const COLOURS = {
  violated: "#f4a6a6",
  not_followed: "#f7c98b",
  undetermined: "#ffe08a",
  needs_judgement: "#d8b4f0",
  met: "#b7e4b0",
  not_applicable: "#e3e5e8",
  not_in_force: "#b9d3f2",
};

function wrap(text, width = 26) {
  const words = String(text).split(/\s+/);
  const lines = [];
  let line = "";
  for (const w of words) {
    if (line && (line + " " + w).length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.slice(0, 4).join("\n");
}

const quote = (s) => `"${String(s).replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`;

/** The law a node belongs to: a norm's or finding's law; a concept's id prefix when it names a law. */
function lawOf(node, verdict, laws) {
  if (node.kind === "norm") return verdict.norms.find((n) => n.id === node.id)?.law ?? null;
  if (node.kind === "finding") return verdict.findings.find((f) => f.id === node.id)?.law ?? null;
  const prefix = node.id.split(".")[0];
  return laws.has(prefix) ? prefix : null;
}

/** The DOT text for the chosen law (or all laws), with or without facts. */
export function graphDot(graph, verdict, law, withFacts) {
  const laws = new Map(verdict.laws.map((l) => [l.law, l]));
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const norms = new Map(verdict.norms.map((n) => [n.id, n]));
  const findings = new Map(verdict.findings.map((f) => [f.id, f]));
  const concepts = new Map(verdict.concepts.map((c) => [c.id, c]));
  const reads = new Map(); // id -> ids it reads
  for (const e of graph.edges) {
    if (!reads.has(e.to)) reads.set(e.to, []);
    reads.get(e.to).push(e.from);
  }
  // What to show: the law's norms and findings, and what they read, through concepts.
  const shown = new Set();
  const roots = graph.nodes.filter((n) => (n.kind === "norm" || n.kind === "finding") && (law === "all" || lawOf(n, verdict, laws) === law));
  const stack = roots.map((n) => n.id);
  while (stack.length) {
    const id = stack.pop();
    if (shown.has(id)) continue;
    const n = nodes.get(id);
    if (!n || (n.kind === "fact" && !withFacts)) continue;
    shown.add(id);
    if (n.kind !== "fact" && (n.kind !== "norm" || roots.includes(n))) for (const r of reads.get(id) ?? []) stack.push(r);
  }
  const lines = ["digraph toets {", "  rankdir=LR; newrank=true; nodesep=0.15; ranksep=0.5;",
    '  node [fontname="DejaVu Sans", fontsize=13, style="filled", margin="0.12,0.05"];',
    '  edge [color="#8a929c", arrowsize=0.6];'];
  const nodeLine = (n) => {
    if (n.kind === "norm") {
      const r = norms.get(n.id);
      const outcome = r?.outcome ?? n.outcome;
      return `  ${quote(n.id)} [shape=box, fillcolor=${quote(COLOURS[outcome] ?? "#fff")}, label=${quote(wrap(bi(n.label) || n.id))}, tooltip=${quote(`${bi(n.label)}: ${outcome ? L(`outcome.${outcome}`) : ""}`)}];`;
    }
    if (n.kind === "finding") {
      const f = findings.get(n.id);
      const value = f ? findingValue(f) : "";
      return `  ${quote(n.id)} [shape=note, penwidth=2, color="#17457a", fillcolor=${quote(f?.value === null ? "#ffffff" : "#dce8f7")}, label=${quote(`${wrap(bi(n.label) || n.id)}\n= ${value}`)}];`;
    }
    if (n.kind === "concept") {
      const c = concepts.get(n.id);
      const v = c?.value;
      const colour = v === true ? "#3d8c34" : v === false ? "#9aa0a8" : "#d4a300";
      return `  ${quote(n.id)} [shape=ellipse, fillcolor="#ffffff", color=${quote(colour)}, penwidth=1.5, style=${quote(v === null || v === undefined ? "filled,dashed" : "filled")}, label=${quote(wrap(n.label ? bi(n.label) : n.id, 22))}];`;
    }
    const info = facts.get(n.id);
    return `  ${quote(n.id)} [shape=plain, style="", fontsize=11, fontcolor="#4d5560", label=${quote(wrap(info ? bi(info.ask) : n.id, 30))}];`;
  };
  const byLaw = new Map();
  for (const id of shown) {
    const n = nodes.get(id);
    const key = n.kind === "fact" ? "" : lawOf(n, verdict, laws) ?? "";
    if (!byLaw.has(key)) byLaw.set(key, []);
    byLaw.get(key).push(n);
  }
  let i = 0;
  for (const [key, members] of byLaw) {
    if (key && laws.has(key)) {
      lines.push(`  subgraph cluster_${i++} { label=${quote(bi(laws.get(key).abbrev))}; fontsize=16; color="#c9ced6"; style="rounded";`);
      for (const n of members) lines.push("  " + nodeLine(n));
      lines.push("  }");
    } else for (const n of members) lines.push(nodeLine(n));
  }
  for (const e of graph.edges) if (shown.has(e.from) && shown.has(e.to)) lines.push(`  ${quote(e.from)} -> ${quote(e.to)};`);
  lines.push("}");
  return { dot: lines.join("\n"), count: shown.size };
}

function defaultLaw(verdict) {
  const bad = verdict.laws.find((l) => l.counts.violated);
  return bad?.law ?? verdict.laws[0]?.law ?? "all";
}

let graphKey = "";

export async function renderGraph(graphviz) {
  const box = $("graph");
  const result = hooks.fullResult({ graph: true });
  if (!result?.graph) return;
  const verdict = result.verdict;
  const select = $("graph-law");
  if (!select.options.length || select.dataset.lang !== state.lang) {
    const keep = select.value;
    select.replaceChildren(h("option", { value: "all" }, L("graph.allLaws")),
      ...verdict.laws.map((l) => h("option", { value: l.law }, bi(l.abbrev))));
    select.value = keep || defaultLaw(verdict);
    select.dataset.lang = state.lang;
  }
  const law = select.value || defaultLaw(verdict);
  const withFacts = $("graph-facts").checked;
  const { dot, count } = graphDot(result.graph, verdict, law, withFacts);
  const key = dot + state.lang;
  if (key === graphKey) return;
  graphKey = key;
  box.dataset.nodes = String(count);
  const gv = await graphviz;
  if (!gv) {
    box.replaceChildren(h("p", { class: "error" }, L("graph.unavailable")), h("pre", {}, dot));
    return;
  }
  box.innerHTML = gv.dot(dot); // SVG made by Graphviz from our own DOT (labels escaped above)
  box.setAttribute("aria-label", L("graph.label"));
  const kinds = new Map(result.graph.nodes.map((n) => [n.id, n]));
  const norms = new Map(verdict.norms.map((n) => [n.id, n]));
  for (const g of box.querySelectorAll("g.node")) {
    const name = g.querySelector("title")?.textContent ?? "";
    const node = kinds.get(name);
    if (!node) continue;
    g.dataset.node = name;
    g.dataset.kind = node.kind;
    if (node.kind === "norm") {
      g.classList.add("norm-node");
      g.dataset.norm = name;
      g.dataset.outcome = norms.get(name)?.outcome ?? "";
    }
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", `${node.label ? bi(node.label) : name}`);
    const open = () => openNode(name, result);
    g.addEventListener("click", open);
    g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } });
  }
  box.classList.toggle("fit", $("graph-fit").checked);
}

/** Every use of a fact in the verdict, for its value. */
function factValue(verdict, fact) {
  for (const n of verdict.norms) for (const c of n.conditions) for (const f of c.facts) if (f.fact === fact) return f;
  for (const c of verdict.concepts) for (const f of c.facts) if (f.fact === fact) return f;
  return { fact, value: state.answers[fact] ?? null };
}

/** The panel of an opened node: what it is, what it reads (facts with values), its reasoning. */
function openNode(id, result) {
  const verdict = result.verdict;
  const node = result.graph.nodes.find((n) => n.id === id);
  const panel = $("graph-node");
  panel.hidden = false;
  const reads = result.graph.edges.filter((e) => e.to === id).map((e) => result.graph.nodes.find((n) => n.id === e.from)).filter(Boolean);
  const norm = verdict.norms.find((n) => n.id === id);
  const finding = verdict.findings.find((f) => f.id === id);
  panel.replaceChildren(
    h("h3", {}, node?.label ? bi(node.label) : id),
    norm ? h("p", {}, badge(norm.outcome)) : null,
    finding ? h("p", {}, h("strong", {}, findingValue(finding))) : null,
    h("p", { class: "k" }, L("graph.reads")),
    h("ul", { id: "graph-node-reads" }, reads.map((r) => {
      if (r.kind === "fact") {
        const f = factValue(verdict, r.id);
        return h("li", { class: "fact", dataset: { fact: r.id } }, facts.get(r.id) ? bi(facts.get(r.id).ask) : r.id, ": ",
          h("strong", {}, f.value_label ? bi(f.value_label) : showValue(f.value, r.id)));
      }
      return h("li", {}, L(`graph.${r.kind}`), " ", r.label ? bi(r.label) : r.id);
    })),
    norm ? h("button", { type: "button", class: "small", onclick: () => hooks.revealNorm(id) }, L("graph.showReasoning")) : null);
}

export function resetGraph() {
  graphKey = "";
}

export function renderLegend() {
  $("legend").replaceChildren(
    ...Object.entries(COLOURS).map(([o, colour]) => h("li", { dataset: { outcome: o } }, h("span", { class: "swatch", style: `background:${colour}` }), L(`outcome.${o}`))),
    h("li", {}, h("span", { class: "swatch finding-swatch" }), L("graph.finding")),
    h("li", {}, h("span", { class: "swatch concept-swatch" }), L("graph.conceptLegend")));
}
