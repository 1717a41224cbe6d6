import { parentPort, workerData } from "node:worker_threads";
import { keepAliveClient } from "./http-client.js";

// The load generator of the lifecycle workload, in its own thread so that its CPU does not come out
// of the server's event loop: each client issues a ticket, calls the next at its own counter, starts
// and finishes it, again and again until the deadline.

export type LifecycleJob = {
  baseUrl: string;
  token: string;
  hallId: string;
  counterIds: string[];
  /** Client i issues businessTypes[i % length]: one type is the worst case (one number sequence). */
  businessTypes: string[];
  warmupMs: number;
  durationMs: number;
  /** A bound on lifecycles per client, whatever the speed. */
  maxLifecyclesPerClient: number;
};
export type Step = "issue" | "callNext" | "start" | "finish";
export type LifecycleResult = {
  samples: Record<Step, number[]>;
  lifecycles: number;
  emptyCalls: number;
  errors: { step: string; status: number; body: string }[];
  measuredMs: number;
};

const job = workerData as LifecycleJob;
const http = keepAliveClient(job.baseUrl, job.counterIds.length, job.token);
const samples: Record<Step, number[]> = { issue: [], callNext: [], start: [], finish: [] };
const errors: LifecycleResult["errors"] = [];
let lifecycles = 0;
let emptyCalls = 0;

const startAt = performance.now();
const measureFrom = startAt + job.warmupMs;
const stopAt = measureFrom + job.durationMs;
// The main thread reads the CPU meters when the measured window opens and closes.
setTimeout(() => parentPort?.postMessage({ mark: "from" }), job.warmupMs);
setTimeout(() => parentPort?.postMessage({ mark: "to" }), job.warmupMs + job.durationMs);

async function timed(step: Step, method: "POST", path: string, body?: unknown) {
  const t0 = performance.now();
  const reply = await http.request(method, path, body);
  const t1 = performance.now();
  if (t0 >= measureFrom && t1 <= stopAt) samples[step].push(t1 - t0);
  if (reply.status >= 400) {
    if (errors.length < 20) errors.push({ step, status: reply.status, body: reply.body.slice(0, 300) });
    throw new Error(`${step} ${reply.status}`);
  }
  return reply;
}

async function client(counterId: string, index: number) {
  const businessType = job.businessTypes[index % job.businessTypes.length];
  for (let n = 0; n < job.maxLifecyclesPerClient && performance.now() < stopAt; n++) {
    try {
      await timed("issue", "POST", `/api/halls/${job.hallId}/tickets`, { businessType });
      let called = await timed(
        "callNext",
        "POST",
        `/api/halls/${job.hallId}/counters/${counterId}/call-next`,
      );
      // 204: every waiting ticket was locked by other counters' calls at that instant (SKIP LOCKED).
      for (let tries = 0; called.status === 204 && tries < 20; tries++) {
        emptyCalls++;
        called = await timed("callNext", "POST", `/api/halls/${job.hallId}/counters/${counterId}/call-next`);
      }
      if (called.status === 204) continue;
      const { ticket } = JSON.parse(called.body) as { ticket: { id: string } };
      await timed("start", "POST", `/api/tickets/${ticket.id}/start`);
      const t0 = performance.now();
      await timed("finish", "POST", `/api/tickets/${ticket.id}/finish`, { outcome: "completed" });
      if (t0 >= measureFrom && performance.now() <= stopAt) lifecycles++;
    } catch {
      // Recorded in errors; a failed lifecycle is not counted and the client goes on.
    }
  }
}

await Promise.all(job.counterIds.map((id, i) => client(id, i)));
http.close();
const result: LifecycleResult = { samples, lifecycles, emptyCalls, errors, measuredMs: job.durationMs };
parentPort?.postMessage(result);
