import { Worker } from "node:worker_threads";
import { AppError } from "../../core/errors.js";
import type { Tasks } from "./worker.js";

// One worker thread per process runs the staffing models, one job at a time, in the order asked: a
// planner's seconds of CPU never stall the requests and live events on the main thread, and two
// planners at once share one core instead of both. Started on first use; it keeps the process alive only
// while a job is under way; started again if it dies.

type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** Jobs waiting or under way; past this a request is refused (429) rather than queued for minutes. */
const MAX_PENDING = 8;

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function start(): Worker {
  // The app runs its TypeScript through tsx, which registers its loader in the main thread only: the
  // worker registers it, then loads worker.ts (as bench/lifecycle.ts does).
  const entry = new URL("./worker.ts", import.meta.url).href;
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  const w = new Worker(boot, { eval: true });
  w.on("message", (reply: Reply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    if (reply.ok) job.resolve(reply.value);
    else job.reject(new Error(reply.message));
  });
  const fail = (err: Error) => {
    if (worker === w) worker = undefined;
    for (const job of pending.values()) job.reject(err);
    pending.clear();
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`the staffing worker exited with code ${code}`)));
  // After the listeners: adding a "message" listener refs the worker again.
  w.unref();
  return w;
}

/** Runs one of the staffing models in the worker thread. */
export function compute<K extends keyof Tasks>(
  kind: K,
  input: Parameters<Tasks[K]>[0],
): Promise<Awaited<ReturnType<Tasks[K]>>> {
  if (pending.size >= MAX_PENDING) {
    return Promise.reject(
      new AppError("rate_limited", "The staffing models are busy: try again in a moment"),
    );
  }
  worker ??= start();
  const id = nextId++;
  const promise = new Promise<Awaited<ReturnType<Tasks[K]>>>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
  });
  // Held while a job is under way (a script awaiting it must not exit), let go when idle.
  worker.ref();
  worker.postMessage({ id, kind, input });
  return promise;
}
