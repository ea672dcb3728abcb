// Drives the page's interview in the browser, one step at a time, and checks
// each step against the engine (the Node build of the same API): the page
// must ask what the engine's `next` says, in the engine's order.
import assert from "node:assert/strict";
import { DATE } from "./plan.mjs";

/** Puts `value` into the page's question form and submits it. */
export async function fillAnswer(page, q, value) {
  const kind = await page.getAttribute("#question", "data-kind");
  assert.equal(kind, q.kind, `the page asks ${q.fact} as ${q.kind}`);
  if (kind === "bool" || kind === "one_of") await page.check(`#question input[name=answer][value="${value}"]`);
  else if (kind === "set_of") {
    if (value.length === 0) await page.check("#answer-none");
    for (const o of q.options) {
      const box = `#question input[name=answer][value="${o}"]`;
      if (value.includes(o)) await page.check(box);
      else await page.uncheck(box);
    }
  } else await page.fill("#question input[name=answer]", String(value));
  await page.click("#answer-submit");
}

/** Fills the system step (name, organisation, purpose) if the page shows it. */
export async function passSystem(page, system) {
  if ((await page.getAttribute("#question", "data-step")) !== "system") return false;
  for (const key of ["name", "organisation", "purpose"]) await page.fill(`#system-${key}`, system[key] ?? "");
  await page.click("#answer-submit");
  await page.waitForFunction(() => document.querySelector("#question").dataset.step !== "system");
  return true;
}

/**
 * Answers the page's interview until it is done. `decide(q)` gives the
 * answer, or `undefined` for "don't know". `onStep(q, s, n, skipped)` sees
 * each step (`s`: the engine's summary before it, `n`: questions passed so far).
 * Returns the answers, the skipped facts and the re-check times.
 */
export async function drive(page, toets, text, decide, onStep) {
  const answers = {};
  const skipped = [];
  const times = [];
  for (let n = 0; n < 400; n += 1) {
    const step = await page.getAttribute("#question", "data-step");
    const s = toets.summary(text, { date: DATE, answers, skipped });
    if (step === "done") {
      assert.equal(s.next.kind, "done", "the page ends where the engine does");
      assert.equal(await page.getAttribute("#progress-label", "data-remaining"), "0", "the counter agrees with the end");
      return { answers, skipped, times };
    }
    assert.ok(step === "question" || step === "record", `a question, not ${step}`);
    assert.equal(step, s.next.kind, "the page's step is the engine's");
    const q = s.next.question;
    const fact = await page.getAttribute("#question", "data-fact");
    assert.equal(fact, q.fact, "the page asks the engine's next question");
    if (onStep) await onStep(q, s, n, skipped);
    const value = decide(q, answers);
    if (value === undefined) {
      skipped.push(fact);
      await page.click("#answer-skip");
    } else {
      answers[fact] = value;
      await fillAnswer(page, q, value);
    }
    await page.waitForFunction((f) => {
      const form = document.querySelector("#question");
      return form.dataset.fact !== f || form.dataset.step === "done";
    }, fact);
    times.push(Number(await page.getAttribute("#timing", "data-ms")));
  }
  throw new Error("the interview did not end");
}
