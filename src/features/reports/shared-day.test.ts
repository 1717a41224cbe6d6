import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";

// The day's figures are shared between the screens that ask at the same stream position of the hall:
// never older than the hall's last change.
describe("the day's figures, shared between screens", () => {
  let t: TestApp;
  let manager: string;
  let counter1: string;
  let path: string;

  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
    counter1 = await t.token("counter1");
    path = `/api/halls/${t.demo.hallId}/stats/today`;
  });
  afterAll(() => t.close());

  const stats = async () => (await t.api("GET", path, { token: manager })).json();

  it("should answer many screens at once alike, and count a service the moment it is finished", async () => {
    const counters = (await t.api("GET", `/api/halls/${t.demo.hallId}/counters`, { token: manager })).json();
    const counter = counters.find((c: { businessTypes: string[] }) => c.businessTypes.includes("payment"));
    await t.api("POST", `/api/halls/${t.demo.hallId}/counters/${counter.id}/open`, { token: counter1 });
    const before = await stats();
    const many = await Promise.all(Array.from({ length: 10 }, stats));
    for (const s of many) expect(s).toEqual(before);

    await t.api("POST", `/api/halls/${t.demo.hallId}/tickets`, {
      token: manager,
      body: { businessType: "payment" },
    });
    const { ticket } = (
      await t.api("POST", `/api/halls/${t.demo.hallId}/counters/${counter.id}/call-next`, { token: counter1 })
    ).json();
    await t.api("POST", `/api/tickets/${ticket.id}/start`, { token: counter1 });
    await t.api("POST", `/api/tickets/${ticket.id}/finish`, {
      token: counter1,
      body: { outcome: "completed" },
    });
    // Straight after, within the sharing window: the finish moved the stream, so it is read afresh.
    const after = await stats();
    expect(after.issued).toBe(before.issued + 1);
    expect(after.served).toBe(before.served + 1);
  });
});
