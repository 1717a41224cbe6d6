import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { seedHistory } from "../../cli/seed-history.js";
import { queryRows } from "../../core/db.js";

// R-DIVERT: suggestions name real places — the region's halls open now that may do the business, nearest
// first, with how many wait for it and the wait there — and this hall's quietest hours ahead from its own
// last four weeks.
describe("diversion suggestions with places and hours", () => {
  let t: TestApp;
  let admin: string;
  let halls: { id: string }[];

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
    const seeded = await seedHistory(t.database, {
      halls: 3,
      days: 28,
      ticketsPerDay: 60,
      seed: 7,
      regionSize: 3,
      counters: 2,
      timeZone: "Asia/Shanghai",
    });
    halls = seeded.halls;
  }, 120_000);
  afterAll(() => t.close());

  const issue = async (hallId: string, businessType: string) =>
    (await t.api("POST", `/api/halls/${hallId}/tickets`, { token: admin, body: { businessType } })).json();

  it("should name the other halls with their line for the business, and this hall's quiet hours", async () => {
    const [here, second, third] = halls;
    const ticket = await issue(here.id, "cancellation");
    await issue(second.id, "cancellation");
    const counters = (await t.api("GET", `/api/halls/${second.id}/counters`, { token: admin })).json();
    expect(
      (
        await t.api("POST", `/api/halls/${second.id}/counters/${counters[0].id}/open`, {
          token: admin,
          body: {},
        })
      ).statusCode,
    ).toBe(200);

    const res = await t.api("GET", `/api/tickets/${ticket.id}/divert-suggestions`, { token: admin });
    expect(res.statusCode).toBe(200);
    const [otherHall, offPeak] = res.json();
    expect(otherHall.channel).toBe("other_hall");
    const byId = new Map(otherHall.halls.map((h: { id: string }) => [h.id, h]));
    expect(byId.get(second.id)).toMatchObject({ waiting: 1, distanceKm: null });
    expect((byId.get(second.id) as { estimatedWaitSeconds: number }).estimatedWaitSeconds).toBeGreaterThan(0);
    // No counter open there: how long is not known.
    expect(byId.get(third.id)).toMatchObject({ waiting: 0, estimatedWaitSeconds: null });

    expect(offPeak.channel).toBe("off_peak");
    expect(offPeak.hours).toHaveLength(2);
    // Each named hour's mean is the hall's own: its tickets in that hour on the same weekday, over the
    // four weeks before today.
    for (const h of offPeak.hours as { date: string; from: string; meanArrivals: number }[]) {
      const [row] = await queryRows<{ n: number }>(
        t.database.db,
        sql`
        SELECT count(*)::int AS n FROM tickets
         WHERE hall_id = ${here.id} AND service_date < (now() AT TIME ZONE 'Asia/Shanghai')::date
           AND service_date >= (now() AT TIME ZONE 'Asia/Shanghai')::date - 28
           AND extract(isodow FROM service_date) = extract(isodow FROM ${h.date}::date)
           AND extract(hour FROM issued_at AT TIME ZONE 'Asia/Shanghai') = ${Number(h.from.slice(0, 2))}`,
      );
      expect(h.meanArrivals).toBeCloseTo(Number(row.n) / 4, 1);
    }
  });

  it("should leave out a channel with nothing to name", async () => {
    // A hall with no history and no other hall of its region that is open now.
    const hall = (
      await t.api("POST", "/api/halls", {
        token: admin,
        body: {
          name: "孤岛厅",
          type: "self_run",
          regionCode: "ISLAND",
          openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }],
        },
      })
    ).json();
    const ticket = await issue(hall.id, "cancellation");
    const res = await t.api("GET", `/api/tickets/${ticket.id}/divert-suggestions`, { token: admin });
    expect(res.json()).toEqual([]);
  });
});
