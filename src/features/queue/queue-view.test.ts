import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { run, statement } from "../../core/statements.js";
import { listCounters } from "../halls/data.js";
import { readQueue } from "./data/queue-view.js";
import { activeTickets, placeFrom, presentTicket, waitingLines, waitingTickets } from "./data.js";

// The queue view is one statement; these hold it to the row-by-row reads it replaced, and its stream
// position to the hall's events, so a live screen that applies events after it misses none.
const lastEvent = statement(
  "SELECT tx_id::text || '-' || id AS p FROM hall_events WHERE hall_id = $1 ORDER BY tx_id DESC, id DESC LIMIT 1",
);

describe("the queue view read in one statement", () => {
  let t: TestApp;
  let hallId: string;
  let manager: string;
  let counter1: string;

  beforeAll(async () => {
    t = await buildTestApp();
    hallId = t.demo.hallId;
    manager = await t.token("manager");
    counter1 = await t.token("counter1");
  });
  afterAll(() => t.close());

  const issue = (body: object) => t.api("POST", `/api/halls/${hallId}/tickets`, { token: manager, body });

  it("should give what the row-by-row reads give: tickets in calling order, counters, estimates", async () => {
    for (const body of [
      { businessType: "payment" },
      { businessType: "change", phone: "13812341234" },
      { businessType: "payment", vip: true },
      { businessType: "consultation" },
    ]) {
      expect((await issue(body)).statusCode).toBe(201);
    }
    const counters = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: manager })).json();
    const payment = counters.find((c: { businessTypes: string[] }) => c.businessTypes.includes("payment"));
    await t.api("POST", `/api/halls/${hallId}/counters/${payment.id}/open`, { token: counter1 });
    await t.api("POST", `/api/halls/${hallId}/counters/${payment.id}/call-next`, { token: counter1 });

    const db = t.database.db;
    const q = await readQueue(db, hallId);
    expect(q.waiting).toEqual((await waitingTickets(db, hallId)).map((r) => presentTicket(r)));
    expect(q.serving).toEqual((await activeTickets(db, hallId)).map((r) => presentTicket(r)));
    expect(q.counters).toEqual(await listCounters(db, hallId));
    expect(q.serving).toHaveLength(1);
    // The VIP went first; the others wait in the order they came.
    expect(q.serving[0].vip).toBe(true);
    expect(q.waiting.map((w) => w.businessType)).toEqual(["payment", "change", "consultation"]);
    // Each line's waiting limit is its tickets' own (R-TIME), which the counters to open are held to.
    const rows = await waitingTickets(db, hallId);
    for (const l of q.lines)
      expect(l.waitLimitSeconds).toBe(
        Math.min(...rows.filter((r) => r.businessType === l.businessType).map((r) => r.waitLimitSeconds)),
      );
    expect(q.lines.length).toBeGreaterThan(0);

    // Each line's estimate as the public hall list reads it, in its own grouped statement.
    const view = (await t.api("GET", `/api/halls/${hallId}/queue`, { token: manager })).json();
    const lines = await waitingLines(db, [hallId]);
    expect(lines).toHaveLength(view.byBusinessType.length);
    for (const line of view.byBusinessType) {
      const l = lines.find((x) => x.businessType === line.businessType);
      expect(l?.ahead).toBe(line.waiting);
      expect(line.estimatedWaitSeconds).toBe(placeFrom(l!, l!.handlingLimitSeconds).estimatedWaitSeconds);
      expect(line.estimatedWaitSeconds).toBeGreaterThan(0);
    }
  });

  it("should stand where the hall's event stream stands", async () => {
    const db = t.database.db;
    const last = async () => {
      const [r] = await run<{ p: string }>(db, lastEvent, [hallId]);
      return r?.p ?? "0-0";
    };
    expect((await readQueue(db, hallId)).asOf).toEqual({ position: await last(), seen: [] });
    await issue({ businessType: "change" });
    const after = (await t.api("GET", `/api/halls/${hallId}/queue`, { token: manager })).json();
    expect(after.asOf.position).toBe(await last());
    expect(after.tickets.at(-1).businessType).toBe("change");
  });
});
