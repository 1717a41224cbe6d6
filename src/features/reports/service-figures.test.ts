import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { seedHistory } from "../../cli/seed-history.js";
import { queryRows } from "../../core/db.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { getHall } from "../halls/data.js";
import { peakDayFigures } from "../queue/data/peak-day.js";
import { peakChanges } from "../queue/tables.js";
import { computeHallDay, computeHallsDay } from "./mutations/rollups.js";

type Part = {
  scope: string;
  own: boolean;
  peakWarnings: { level1: number; level2: number; level3: number; minutesAtLevel3: number };
  diversion: {
    suggested: number;
    taken: number;
    byChannel: { channel: string; suggested: number; taken: number }[];
  };
  complaints: { received: number; firstReplied: number; resolved: number; appeals: number; overdue: number };
  faults: { reported: number; reportedInTime: number; closed: number };
  visits: { done: number; due: number; overdue: number };
};
type Report = Part & { children: Part[] };

// Issue 15: the figures of a report beyond the queue — peak warnings, diversions by channel, complaints,
// faults and field visits — each dated by its own event, the region's own records as a part of their own.
describe("report figures beyond the queue", () => {
  let t: TestApp;
  let admin: string;
  let regions: string[];
  let hallIds: string[];
  const range = "range:2026-03-02..2026-03-05";
  beforeAll(async () => {
    t = await buildTestApp();
    const seeded = await seedHistory(t.database, {
      halls: 4,
      days: 4,
      ticketsPerDay: 150,
      from: "2026-03-02",
      seed: 5,
      regionSize: 2,
      counters: 3,
      timeZone: "Asia/Shanghai",
    });
    regions = [...new Set(seeded.halls.map((h) => h.regionCode))];
    hallIds = seeded.halls.map((h) => h.id);
    admin = await t.token("admin");
  });
  afterAll(() => t.close());

  const report = async (scope: string, period: string): Promise<Report> => {
    const res = await t.api(
      "GET",
      `/api/reports/summary?scope=${encodeURIComponent(scope)}&period=${period}`,
      {
        token: admin,
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const from = zonedInstant("2026-03-02", 0, "Asia/Shanghai").toISOString();
  const to = zonedInstant("2026-03-06", 0, "Asia/Shanghai").toISOString();
  const count = async (q: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(t.database.db, q))[0].n;

  it("should count the complaints, faults, visits and diversions of a region as the raw records do", async () => {
    for (const code of regions) {
      const r = await report(`region:${code}`, range);
      const inRegion = sql`region_code = ${code}`;
      expect(r.complaints.received).toBe(
        await count(sql`SELECT count(*)::int AS n FROM complaints WHERE ${inRegion} AND kind = 'complaint'
          AND received_at >= ${from} AND received_at < ${to}`),
      );
      expect(r.complaints.resolved).toBe(
        await count(sql`SELECT count(*)::int AS n FROM complaints WHERE ${inRegion}
          AND resolved_at >= ${from} AND resolved_at < ${to}`),
      );
      expect(r.faults.reported).toBe(
        await count(sql`SELECT count(*)::int AS n FROM faults WHERE ${inRegion}
          AND reported_at >= ${from} AND reported_at < ${to}`),
      );
      expect(r.faults.closed).toBe(
        await count(sql`SELECT count(*)::int AS n FROM faults WHERE ${inRegion}
          AND closed_at >= ${from} AND closed_at < ${to}`),
      );
      expect(r.visits.done).toBe(
        await count(sql`SELECT count(*)::int AS n FROM field_visit_records WHERE ${inRegion}
          AND at >= ${from} AND at < ${to}`),
      );
      const diverted =
        await count(sql`SELECT count(*)::int AS n FROM diversions d JOIN halls h ON h.id = d.hall_id
          WHERE h.region_code = ${code} AND d.at >= ${from} AND d.at < ${to}`);
      expect(r.diversion.suggested).toBe(diverted);
      expect(r.diversion.byChannel.reduce((s, c) => s + c.suggested, 0)).toBe(diverted);
      expect(r.diversion.byChannel.reduce((s, c) => s + c.taken, 0)).toBe(r.diversion.taken);
      // By business type (summed in the database) the diversions add up to the same, channel by channel.
      const types = (r as Report & { byBusinessType: Part[] }).byBusinessType;
      expect(types.reduce((s, b) => s + b.diversion.suggested, 0)).toBe(diverted);
      const channels = new Map<string, number>();
      for (const b of types)
        for (const c of b.diversion.byChannel)
          channels.set(c.channel, (channels.get(c.channel) ?? 0) + c.taken);
      for (const c of r.diversion.byChannel) expect(channels.get(c.channel) ?? 0).toBe(c.taken);
      // The halls (and the region's own part, when there is one) add up to the region.
      for (const key of ["received", "resolved", "firstReplied"] as const)
        expect(r.children.reduce((s, c) => s + c.complaints[key], 0)).toBe(r.complaints[key]);
      expect(r.children.reduce((s, c) => s + c.faults.reported, 0)).toBe(r.faults.reported);
      expect(r.children.reduce((s, c) => s + c.visits.done, 0)).toBe(r.visits.done);
      expect(r.children.reduce((s, c) => s + c.diversion.taken, 0)).toBe(r.diversion.taken);
    }
    const seeded = await Promise.all(regions.map((c) => report(`region:${c}`, range)));
    // The seed has something of each, so the equalities above are not all zeros.
    expect(seeded.reduce((s, r) => s + r.complaints.received, 0)).toBeGreaterThan(0);
    expect(seeded.reduce((s, r) => s + r.faults.reported, 0)).toBeGreaterThan(0);
    expect(seeded.reduce((s, r) => s + r.visits.done, 0)).toBeGreaterThan(0);
    expect(seeded.reduce((s, r) => s + r.diversion.suggested, 0)).toBeGreaterThan(0);
    // Field visits belong to the region: a hall's report has none, the region's own part has them all.
    const withVisits = seeded.find((r) => r.visits.done > 0) as Report;
    const own = withVisits.children.find((c) => c.own) as Part;
    expect(own.visits.done).toBe(withVisits.visits.done);
    expect(withVisits.children.filter((c) => !c.own).every((c) => c.visits.done === 0)).toBe(true);
    const operator = await report("operator", range);
    expect(operator.children.reduce((s, c) => s + c.complaints.received, 0)).toBe(
      operator.complaints.received,
    );
    expect(operator.visits.done).toBe(seeded.reduce((s, r) => s + r.visits.done, 0));
  });

  it("should count a complaint recorded at no hall for the region, live today, and not for any hall", async () => {
    const today = localParts(new Date(), "Asia/Shanghai").date;
    const before = await report("region:SH-PD", `day:${today}`);
    const res = await t.api("POST", "/api/complaints", {
      token: await t.token("agent"),
      body: {
        customer: { name: "张先生", phone: "13800001111" },
        channel: "phone",
        category: "network",
        description: "村里信号差",
        request: "尽快处理",
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = await report("region:SH-PD", `day:${today}`);
    expect(after.complaints.received).toBe(before.complaints.received + 1);
    const own = after.children.find((c) => c.own) as Part;
    expect(own.scope).toBe("region:SH-PD");
    expect(own.complaints.received).toBe((before.children.find((c) => c.own)?.complaints.received ?? 0) + 1);
    expect(after.children.reduce((s, c) => s + c.complaints.received, 0)).toBe(after.complaints.received);
    const hall = await report(`hall:${t.demo.hallId}`, `day:${today}`);
    expect(hall.complaints.received).toBe(
      before.children.find((c) => c.scope === `hall:${t.demo.hallId}`)?.complaints.received,
    );
  });

  it("should count each rise to a peak level once and the minutes spent at level 3", async () => {
    const hallId = hallIds[0];
    const at = (hhmm: string, date = "2026-03-03") => {
      const [h, m] = hhmm.split(":").map(Number);
      return zonedInstant(date, h * 60 + m, "Asia/Shanghai");
    };
    // Level 3 since the evening before, down to 2 at 08:30, up to 3 at 09:00, down to 1 at 09:30 (no new
    // warning), 3 again at 10:00 until 10:45; a rise to 1 at 11:00.
    const changes: [string, number, number, string?][] = [
      ["22:00", 3, 0, "2026-03-02"],
      ["08:30", 2, 3],
      ["09:00", 3, 2],
      ["09:30", 1, 3],
      ["10:00", 3, 1],
      ["10:45", 0, 3],
      ["11:00", 1, 0],
    ];
    await t.database.db.insert(peakChanges).values(
      changes.map(([hhmm, level, previousLevel, date]) => ({
        hallId,
        level,
        previousLevel,
        waiting: 10,
        openCounters: 1,
        at: at(hhmm, date),
      })),
    );
    const day = { from: at("00:00"), to: zonedInstant("2026-03-04", 0, "Asia/Shanghai") };
    // 00:00–08:30 (510) + 09:00–09:30 (30) + 10:00–10:45 (45)
    expect((await peakDayFigures(t.database.db, [hallId], day)).get(hallId)).toEqual({
      level1: 1,
      level2: 0,
      level3: 2,
      minutesAtLevel3: 585,
    });
    // The day was closed by the reports above: recomputed, it takes the changes in.
    const redo = await t.api("POST", "/api/reports/rollups/recompute", {
      token: admin,
      body: { hallId, date: "2026-03-03" },
    });
    expect(redo.statusCode, redo.body).toBe(200);
    const r = await report(`hall:${hallId}`, "day:2026-03-03");
    expect(r.peakWarnings).toEqual({ level1: 1, level2: 0, level3: 2, minutesAtLevel3: 585 });
  });

  it("should compute several halls' day in one go as each hall's alone", async () => {
    const halls = await Promise.all(hallIds.map((id) => getHall(t.database.db, id)));
    const together = await computeHallsDay(t.database.db, halls, "2026-03-04", "Asia/Shanghai");
    for (const hall of halls) {
      const alone = await computeHallDay(t.database.db, hall, "2026-03-04", "Asia/Shanghai");
      expect(alone.length).toBeGreaterThan(1);
      expect(together.get(hall.id)).toEqual(alone);
    }
  });

  it("should record a peak change as the queue announces it", async () => {
    const admin = await t.token("admin");
    const hall = (
      await t.api("POST", "/api/halls", {
        token: admin,
        body: {
          name: "峰值测试厅",
          type: "self_run",
          regionCode: "T-PEAK",
          openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }],
        },
      })
    ).json();
    // No counter open: one waiting customer is level 3 at once.
    const ticket = await t.api("POST", `/api/halls/${hall.id}/tickets`, {
      token: admin,
      body: { businessType: "payment" },
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const today = localParts(new Date(), "Asia/Shanghai").date;
    const r = await report(`hall:${hall.id}`, `day:${today}`);
    expect(r.peakWarnings.level3).toBe(1);
  });
});
