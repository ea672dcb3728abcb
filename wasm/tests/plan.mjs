// Finds answers from the engine's own open questions, so that tests pin no
// fact names: for a question, the answer that leaves the most norms violated;
// and answer sheets from example files.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DATE = "2026-11-23";

/** The Node build of the API (made by wasm/build.sh). */
export function loadApi() {
  const require = createRequire(import.meta.url);
  return require(join(ROOT, "target", "wasm-node", "toets_wasm.js"));
}

/** Candidate answers for a question, by its kind. */
export function candidates(q) {
  switch (q.kind) {
    case "bool": return [true, false];
    case "one_of": return [...q.options];
    case "set_of": return [[], ...q.options.map((o) => [o]), [...q.options]];
    case "number": return [0, 1, 1000000];
    case "date": return ["2020-01-01", "2030-01-01"];
    default: return ["unknown"];
  }
}

function violated(summary) {
  return summary.ok ? summary.norms.filter((n) => n.outcome === "violated").length : -1;
}

/** The answer to `q` that leaves the most norms violated (first on ties). */
export function bestAnswer(toets, text, answers, q, date = DATE) {
  let best;
  let most = -1;
  for (const value of candidates(q)) {
    const s = toets.summary(text, { date, answers: { ...answers, [q.fact]: value } });
    const v = violated(s);
    if (v > most) {
      most = v;
      best = value;
    }
  }
  return best;
}

/** Follows the engine's next step again and again, as the page does, with
 * the answer that leaves the most norms violated. */
export function interview(toets, text, date = DATE, limit = 400) {
  const answers = {};
  const steps = [];
  for (let i = 0; i < limit; i += 1) {
    const s = toets.summary(text, { date, answers });
    if (!s.ok) throw new Error(JSON.stringify(s.diagnostics));
    if (s.next.kind === "done") return { answers, steps, summary: s };
    const q = s.next.question;
    answers[q.fact] = bestAnswer(toets, text, answers, q, date);
    steps.push([q.fact, answers[q.fact]]);
  }
  throw new Error("the interview did not end");
}

/** The facts a description gives, by fact id (its answer sheet), through the engine. */
export function sheet(toets, text) {
  const merged = toets.mergedDescription(text, { date: DATE });
  if (!merged.ok) throw new Error(JSON.stringify(merged.diagnostics));
  const json = JSON.parse(merged.text);
  const ids = new Set(toets.rules().facts.map((f) => f.fact));
  const out = {};
  const walk = (obj, prefix) => {
    for (const [k, v] of Object.entries(obj)) {
      const id = prefix ? `${prefix}.${k}` : k;
      if (ids.has(id)) out[id] = v;
      else if (v && typeof v === "object" && !Array.isArray(v)) walk(v, id);
    }
  };
  walk(json.facts ?? {}, "");
  return { facts: out, system: json.system ?? {} };
}
