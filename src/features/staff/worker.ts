import { parentPort } from "node:worker_threads";
import { solveCover } from "./cover.js";
import { planDay } from "./plan.js";
import { solveRoster } from "./roster-solve.js";
import { simulateDay } from "./simulation.js";

// The staffing models' own thread (started by compute.ts): a plan or a cover takes from a fraction of a
// second to many seconds of CPU, which must not hold the event loop that serves the halls' live screens.

export const tasks = {
  simulate: (input: Parameters<typeof simulateDay>) => simulateDay(...input),
  plan: (input: Parameters<typeof planDay>[0]) => planDay(input),
  cover: (input: Parameters<typeof solveCover>[0]) => solveCover(input),
  roster: (input: Parameters<typeof solveRoster>[0]) => solveRoster(input),
};
export type Tasks = typeof tasks;

type Message = { id: number; kind: keyof Tasks; input: never };

parentPort?.on("message", async ({ id, kind, input }: Message) => {
  try {
    const value = await tasks[kind](input);
    parentPort?.postMessage({ id, ok: true, value });
  } catch (err) {
    parentPort?.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
});
