import type { FastifyBaseLogger } from "fastify";

export type SweepTask = { name: string; run: () => Promise<unknown> };

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

  /** One pass over every task, awaited; tests call this instead of waiting for the timer. */
  async runOnce() {
    if (this.running) return;
    this.running = true;
    try {
      for (const t of this.tasks) {
        try {
          await t.run();
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
