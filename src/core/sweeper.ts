import type { FastifyBaseLogger } from "fastify";

export type SweepTask = { name: string; run: () => Promise<unknown> };

/**
 * A task's run at most every `everyMs` in this instance (the sweeper beats every few seconds), the first
 * at once — or, given a `budget`, again at the next beat while its last run did a whole budget's work
 * (a catch-up kept in slices so the tasks after it are not held up).
 */
export function paced(everyMs: number, run: () => Promise<number>, budget = Number.POSITIVE_INFINITY) {
  let last = 0;
  let more = false;
  return async () => {
    if (!more && Date.now() - last < everyMs) return 0;
    last = Date.now();
    const n = await run();
    more = n >= budget;
    return n;
  };
}

/**
 * Runs each task every few seconds. Tasks must be safe with several instances sweeping at once
 * (row locks or SKIP LOCKED) and idempotent; the sweeper only keeps time and never overlaps a task.
 */
export class Sweeper {
  private readonly tasks: SweepTask[] = [];
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly intervalMs: number,
    private readonly log: FastifyBaseLogger,
  ) {}

  add(task: SweepTask) {
    this.tasks.push(task);
  }

  /**
   * One pass over every task, awaited; tests call this instead of waiting for the timer, and the history
   * bench passes `around` to count each task's statements.
   */
  async runOnce(around: (name: string, run: () => Promise<unknown>) => Promise<unknown> = (_, run) => run()) {
    if (this.running) return;
    this.running = true;
    try {
      for (const t of this.tasks) {
        try {
          await around(t.name, t.run);
        } catch (err) {
          this.log.error({ err, task: t.name }, "sweep task failed");
        }
      }
    } finally {
      this.running = false;
    }
  }

  start() {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  stop() {
    clearInterval(this.timer);
  }
}
