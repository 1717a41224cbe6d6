import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/helpers.js";
import { queryRows } from "../core/db.js";
import { seededRng } from "../features/staff/random.js";
import { drawHallDay } from "./history-model.js";
import { closeHistoryDays } from "./history-rollups.js";
import { addDays, parseSeedHistoryArgs, type SeedHistoryResult, seedHistory } from "./seed-history.js";

const limits = { payment: 180, change: 180, consultation: 300, sim_replacement: 300 };

describe("a hall's day of history", () => {
  it("should be the same day for the same seed and serve everyone who stayed", () => {
    const o = {
      ticketsPerDay: 400,
      counters: 6,
      openHour: 9,
      hours: 10,
      handlingLimits: limits,
      divertChannels: {},
    };
    const a = drawHallDay(seededRng(7), o);
    expect(drawHallDay(seededRng(7), o)).toEqual(a);
    expect(a.length).toBeGreaterThan(300);
    expect(a.length).toBeLessThan(500);
    for (const t of a) {
      if (t.status !== "finished") continue;
      expect(t.calledAt).toBeGreaterThanOrEqual(t.issuedAt);
      expect(t.startedAt).toBeGreaterThan(t.calledAt!);
      expect(t.finishedAt).toBe(t.startedAt! + t.handlingSeconds!);
      expect(t.waitSeconds).toBeGreaterThanOrEqual(0);
    }
  });

  it("should never give one counter two customers at once", () => {
    const o = {
      ticketsPerDay: 900,
      counters: 4,
      openHour: 9,
      hours: 10,
      handlingLimits: limits,
      divertChannels: {},
    };
    const day = drawHallDay(seededRng(3), o).filter((t) => t.status === "finished");
    for (let c = 0; c < 4; c++) {
      const spans = day.filter((t) => t.counter === c).sort((x, y) => x.calledAt! - y.calledAt!);
      for (let i = 1; i < spans.length; i++)
        expect(spans[i].calledAt).toBeGreaterThanOrEqual(spans[i - 1].finishedAt!);
    }
  });

  it("should refuse options that are not whole numbers in range", () => {
    expect(() => parseSeedHistoryArgs(["--halls", "0", "--days", "1", "--tickets-per-day", "1"])).toThrow(
      /--halls/,
    );
    expect(() => parseSeedHistoryArgs(["--halls", "2", "--days", "1.5", "--tickets-per-day", "1"])).toThrow(
      /--days/,
    );
    expect(() =>
      parseSeedHistoryArgs(["--halls", "2", "--days", "1", "--tickets-per-day", "9", "--from", "May"]),
    ).toThrow(/--from/);
    const args = ["--halls", "2", "--days", "1", "--tickets-per-day", "9"];
    expect(parseSeedHistoryArgs(args).rollups).toBe(true);
    expect(parseSeedHistoryArgs([...args, "--skip-rollups"]).rollups).toBe(false);
  });
});

describe("tingwu seed-history", () => {
  let t: TestApp;
  const halls = () => sql`(SELECT id FROM halls WHERE region_code LIKE 'HIS-%')`;
  let seeded: SeedHistoryResult;
  let admin: string;

  beforeAll(async () => {
    t = await buildTestApp();
    seeded = await seedHistory(t.database, {
      halls: 3,
      days: 3,
      ticketsPerDay: 80,
      from: "2026-03-02",
      seed: 5,
      regionSize: 2,
      counters: 4,
      timeZone: "Asia/Shanghai",
      batchRows: 2_000,
    });
    admin = await t.token("admin");
  });
  afterAll(() => t.close());

  it("should write the tickets of every hall and day, readable through the API", async () => {
    expect(seeded.from).toBe("2026-03-02");
    expect(seeded.to).toBe(addDays("2026-03-02", 2));
    let total = 0;
    for (const hall of seeded.halls) {
      for (const date of ["2026-03-02", "2026-03-03", "2026-03-04"]) {
        const res = await t.api("GET", `/api/halls/${hall.id}/tickets?date=${date}&limit=1`, {
          token: admin,
        });
        expect(res.statusCode).toBe(200);
        total += res.json().total;
        const stats = await t.api("GET", `/api/halls/${hall.id}/stats/today?date=${date}`, { token: admin });
        expect(stats.statusCode).toBe(200);
      }
    }
    expect(total).toBe(seeded.tickets);
  });

  it("should give every ticket a history that follows the state machine", async () => {
    const rows = await queryRows<{ bad: number; finished: number; history: number }>(
      t.database.db,
      sql`SELECT
        count(*) FILTER (WHERE t.status = 'finished' AND (t.finished_at IS NULL OR t.counter_id IS NULL))::int AS bad,
        count(*) FILTER (WHERE t.status = 'finished')::int AS finished,
        (SELECT count(*) FROM ticket_history h JOIN tickets x ON x.id = h.ticket_id
          WHERE x.hall_id IN ${halls()})::int AS history
        FROM tickets t WHERE t.hall_id IN ${halls()}`,
    );
    expect(rows[0].bad).toBe(0);
    expect(rows[0].finished).toBeGreaterThan(seeded.tickets * 0.8);
    // issue, call, start, finish at least for every finished ticket
    expect(rows[0].history).toBeGreaterThanOrEqual(rows[0].finished * 4);
    const broken = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM ticket_history h
          WHERE NOT EXISTS (SELECT 1 FROM tickets x WHERE x.id = h.ticket_id)`,
    );
    expect(broken[0].n).toBe(0);
  });

  it("should number each prefix from 1 on each day, as the ticket machine does", async () => {
    const rows = await queryRows<{ gaps: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS gaps FROM (
            SELECT max(seq) - count(*) AS gap FROM tickets
            WHERE hall_id IN ${halls()}
            GROUP BY hall_id, service_date, prefix) g WHERE gap <> 0`,
    );
    expect(rows[0].gaps).toBe(0);
  });

  it("should let a seeded hall's manager sign in and see the hall's complaints and breaches", async () => {
    const login = await t.api("POST", "/api/auth/token", {
      body: { username: "h0001-manager", password: "tingwu-demo" },
    });
    expect(login.statusCode).toBe(200);
    const token = login.json().token;
    const breaches = await t.api("GET", `/api/halls/${seeded.halls[0].id}/breaches?date=2026-03-03`, {
      token,
    });
    expect(breaches.statusCode).toBe(200);
    const complaints = await t.api("GET", "/api/complaints", { token });
    expect(complaints.statusCode).toBe(200);
  });

  it("should close every past day into the roll-ups, as a year of nightly sweeps would have, once", async () => {
    // As on 5 March: the seeded days (2–4 March) are past, and closed by the one run.
    const now = new Date("2026-03-05T10:00:00+08:00");
    const closed = await closeHistoryDays(t.database, "Asia/Shanghai", undefined, now);
    const rows = await queryRows<{ hall_id: string; n: number; first: string; last: string }>(
      t.database.db,
      sql`SELECT hall_id, count(*)::int AS n, min(service_date)::text AS first, max(service_date)::text AS last
          FROM rollup_days WHERE hall_id IN ${halls()} GROUP BY hall_id`,
    );
    expect(rows).toHaveLength(seeded.halls.length);
    for (const r of rows) expect(r).toMatchObject({ n: 3, first: "2026-03-02", last: "2026-03-04" });
    // The halls' days and their regions' (two regions of two halls and one) — nothing else was past then.
    expect(closed).toBe(seeded.halls.length * 3 + 2 * 3);
    // Nothing is left for the sweeper: a second run closes nothing.
    expect(await closeHistoryDays(t.database, "Asia/Shanghai", undefined, now)).toBe(0);
  });
});
