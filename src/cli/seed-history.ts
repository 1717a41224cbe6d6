import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../core/db.js";
import { localParts, zonedInstant } from "../core/time.js";
import { VIP_PREFIX } from "../features/halls/catalog.js";
import type { BusinessType } from "../features/halls/contract.js";
import { listBusinessTypes } from "../features/halls/data.js";
import { createCounter, createHall } from "../features/halls/mutations.js";
import { seededRng } from "../features/staff/random.js";
import { hashPassword } from "../features/users/passwords.js";
import { users } from "../features/users/tables.js";
import { CopyBuffer } from "./copy-buffer.js";
import { writeExtras } from "./history-extras.js";
import { drawHallDay, drawRating, type HistoryTicket } from "./history-model.js";
import { closeHistoryDays } from "./history-rollups.js";
import { HISTORY_TABLES, type HistoryHall, writeCustomers, writeTicket } from "./history-rows.js";
import { DEMO_PASSWORD, seedEssentials } from "./seed.js";

// `tingwu seed-history`: a year (or any span) of halls' history written in bulk, in the schema's own
// shape — tickets with their history, visits and blueprint nodes, breaches, pad ratings, diversions,
// near-turn SMS, complaints, faults and field visits — for measuring how Tingwu behaves as history grows
// (bench/history.ts) and for the reports. Rows go in with COPY on both databases.

export const seedHistoryUsage = `tingwu seed-history --halls N --days D --tickets-per-day T
  [--from YYYY-MM-DD] [--seed 1] [--region-size 100] [--counters 6] [--skip-rollups]`;

export type SeedHistoryOptions = {
  halls: number;
  days: number;
  ticketsPerDay: number;
  /** First local day; by default the history ends yesterday. */
  from?: string;
  seed: number;
  regionSize: number;
  counters: number;
  timeZone: string;
  /** Rows gathered before they are written. */
  batchRows?: number;
  onProgress?: (done: number, total: number) => void;
};

export type SeedHistoryResult = {
  halls: HistoryHall[];
  from: string;
  to: string;
  tickets: number;
  rows: number;
  seconds: number;
};

export function parseSeedHistoryArgs(
  args: string[],
): Omit<SeedHistoryOptions, "timeZone"> & { rollups: boolean } {
  const { values } = parseArgs({
    args,
    options: {
      halls: { type: "string" },
      days: { type: "string" },
      "tickets-per-day": { type: "string" },
      from: { type: "string" },
      seed: { type: "string", default: "1" },
      "region-size": { type: "string", default: "100" },
      counters: { type: "string", default: "6" },
      // The roll-ups are closed after the rows by default: a history as a deployment would hold it.
      "skip-rollups": { type: "boolean", default: false },
    },
  });
  const int = (name: string, v: string | undefined, min: number, max: number) => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min || n > max)
      throw new Error(`--${name}: a whole number from ${min} to ${max}\n${seedHistoryUsage}`);
    return n;
  };
  if (values.from !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.from))
    throw new Error(`--from: a date YYYY-MM-DD\n${seedHistoryUsage}`);
  return {
    halls: int("halls", values.halls, 1, 5000),
    days: int("days", values.days, 1, 3660),
    ticketsPerDay: int("tickets-per-day", values["tickets-per-day"], 1, 20000),
    from: values.from,
    seed: int("seed", values.seed, 0, 2 ** 31),
    regionSize: int("region-size", values["region-size"], 1, 5000),
    counters: int("counters", values.counters, 1, 60),
    rollups: !values["skip-rollups"],
  };
}

/** Adds `days` to a YYYY-MM-DD date. */
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const OPEN_HOUR = 9;
const HOURS = 10;

export async function seedHistory(database: Database, o: SeedHistoryOptions): Promise<SeedHistoryResult> {
  const started = Date.now();
  const { db } = database;
  await seedEssentials(db);
  const catalog = (await listBusinessTypes(db)).filter((b) => b.active);
  const from = o.from ?? addDays(localParts(new Date(), o.timeZone).date, -o.days);
  const to = addDays(from, o.days - 1);
  const halls = await createHistoryHalls(database, o, catalog);
  const byCode = new Map(catalog.map((b) => [b.code, b]));
  const handlingLimits = Object.fromEntries(catalog.map((b) => [b.code, b.handlingLimitSeconds]));
  const divertChannels = Object.fromEntries(catalog.map((b) => [b.code, b.divertChannels]));
  // Live events are kept a week (TINGWU_EVENT_RETENTION_DAYS): only the last week's are written.
  const eventsFrom = addDays(localParts(new Date(), o.timeZone).date, -7);
  const out = new CopyBuffer(database, HISTORY_TABLES);
  for (const hall of halls) {
    if (hall.index % o.regionSize !== 0) continue;
    const regionHalls = Math.min(o.regionSize, halls.length - hall.index);
    writeCustomers(
      out,
      hall,
      2,
      regionHalls,
      () => uuidv7({ msecs: Date.parse(`${from}T00:00:00Z`) }),
      new Date(`${from}T00:00:00Z`),
    );
  }
  const batchRows = o.batchRows ?? 200_000;
  let tickets = 0;
  let writing: Promise<void> = Promise.resolve();
  const total = o.days * halls.length;
  let done = 0;
  for (let d = 0; d < o.days; d++) {
    const date = addDays(from, d);
    const opensAt = zonedInstant(date, OPEN_HOUR * 60, o.timeZone);
    for (const hall of halls) {
      const rng = seededRng(o.seed * 1_000_003 + hall.index * 7_919 + d);
      const day = drawHallDay(rng, {
        ticketsPerDay: o.ticketsPerDay,
        counters: hall.counters.length,
        openHour: OPEN_HOUR,
        hours: HOURS,
        handlingLimits,
        divertChannels,
      });
      const seqs = new Map<string, number>();
      const at = (seconds: number) => new Date(opensAt.getTime() + seconds * 1000);
      for (const t of day) {
        const bt = byCode.get(t.businessType)!;
        const prefix = t.vip ? VIP_PREFIX : bt.prefix;
        const seq = (seqs.get(prefix) ?? 0) + 1;
        seqs.set(prefix, seq);
        writeTicket(out, {
          hall,
          date,
          t,
          seq,
          prefix,
          bt: bt as BusinessType,
          at,
          id: (seconds: number) => uuidv7({ msecs: at(seconds).getTime() }),
          rating: rated(rng, t) ? drawRating(rng, (t.waitSeconds ?? 0) > bt.waitLimitSeconds) : null,
          events: date >= eventsFrom,
        });
      }
      writeExtras(out, { hall, date, day, rng, at, id: (s) => uuidv7({ msecs: at(s).getTime() }) });
      tickets += day.length;
      done++;
      if (out.pending >= batchRows) {
        // One batch written while the next is drawn.
        await writing;
        writing = out.flush();
      }
      o.onProgress?.(done, total);
    }
  }
  await writing;
  await out.flush();
  for (const table of Object.keys(HISTORY_TABLES)) await database.db.execute(sql.raw(`ANALYZE "${table}"`));
  return { halls, from, to, tickets, rows: out.written, seconds: (Date.now() - started) / 1000 };
}

/** About a third of the served customers rate on the pad. */
const rated = (rng: () => number, t: HistoryTicket) => t.status === "finished" && rng() < 0.35;

async function createHistoryHalls(
  database: Database,
  o: SeedHistoryOptions,
  catalog: BusinessType[],
): Promise<HistoryHall[]> {
  const { db } = database;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const all = catalog.map((b) => b.code);
  const halls: HistoryHall[] = [];
  let agentId = "";
  for (let i = 0; i < o.halls; i++) {
    const region = `HIS-${String(Math.floor(i / o.regionSize) + 1).padStart(2, "0")}`;
    const code = `h${String(i + 1).padStart(4, "0")}`;
    const hall = await createHall(db, {
      name: `历史测试厅${String(i + 1).padStart(4, "0")}`,
      type: i % 10 === 9 ? "cooperative" : "self_run",
      regionCode: region,
      address: `测试路${i + 1}号`,
      openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }],
    });
    const counters = [];
    for (let c = 0; c < o.counters; c++) {
      counters.push(
        await createCounter(db, hall.id, {
          label: `${c + 1}号窗口`,
          number: c + 1,
          businessTypes: all,
          vip: c === o.counters - 1 && o.counters > 2,
        }),
      );
    }
    const staff = await db
      .insert(users)
      .values(
        [
          {
            username: `${code}-manager`,
            displayName: `${code}厅经理`,
            role: "hall_manager",
            hallId: hall.id,
          },
          ...counters.map((_, c) => ({
            username: `${code}-c${c + 1}`,
            displayName: `${code}台席${c + 1}`,
            role: "counter_staff",
            hallId: hall.id,
          })),
        ].map((u) => ({ ...u, passwordHash })),
      )
      .returning({ id: users.id });
    if (i % o.regionSize === 0) {
      const [, agent] = await db
        .insert(users)
        .values([
          {
            username: `${region.toLowerCase()}-area`,
            displayName: `${region}片区经理`,
            role: "area_manager",
            regionCode: region,
            passwordHash,
          },
          {
            username: `${region.toLowerCase()}-agent`,
            displayName: `${region}代理`,
            role: "rural_agent",
            regionCode: region,
            passwordHash,
          },
        ])
        .returning({ id: users.id });
      agentId = agent.id;
    }
    halls.push({
      index: i,
      id: hall.id,
      regionCode: region,
      managerId: staff[0].id,
      counters: counters.map((c, k) => ({ id: c.id, number: c.number, staffId: staff[k + 1].id })),
      agentId,
      customers: [],
    });
  }
  return halls;
}

/** The command: options from the arguments, a progress bar on the terminal, a summary at the end. */
export async function seedHistoryCommand(database: Database, args: string[], timeZone: string) {
  const { rollups, ...options } = parseSeedHistoryArgs(args);
  const bar = new cliProgress.SingleBar(
    { format: "seed-history [{bar}] {percentage}% | {value}/{total} hall-days | {eta_formatted} left" },
    cliProgress.Presets.shades_classic,
  );
  bar.start(options.halls * options.days, 0);
  const result = await seedHistory(database, {
    ...options,
    timeZone,
    onProgress: (done) => bar.update(done),
  });
  bar.stop();
  console.log(
    `${result.halls.length} halls, ${result.from} … ${result.to}: ${result.tickets.toLocaleString("en")} tickets, ` +
      `${result.rows.toLocaleString("en")} rows in ${result.seconds.toFixed(1)} s`,
  );
  if (!rollups) return;
  const started = Date.now();
  const closed = await closeHistoryDays(database, timeZone, (n) =>
    console.log(`  roll-ups: ${n} days closed`),
  );
  console.log(
    `roll-ups: ${closed} hall-days and region-days closed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
