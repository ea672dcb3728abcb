// Finds answers from the engine's own open questions, so that tests pin no
// fact names: for a question, the answer that leaves the most norms violated.
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

/** Answers the first open question again and again, as the page does. */
export function interview(toets, text, date = DATE, limit = 400) {
  const answers = {};
  const steps = [];
  for (let i = 0; i < limit; i += 1) {
    const s = toets.summary(text, { date, answers });
    if (!s.ok) throw new Error(JSON.stringify(s.diagnostics));
    const q = s.questions[0];
    if (!q) return { answers, steps, summary: s };
    answers[q.fact] = bestAnswer(toets, text, answers, q, date);
    steps.push([q.fact, answers[q.fact]]);
  }
  throw new Error("the interview did not end");
}
