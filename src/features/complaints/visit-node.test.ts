import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";

// R-VISIT (issue 16): recording a complaint from a visit's ticket adds the visit's Z8 (投诉处理) node,
// by whoever received it; a complaint of no ticket touches no visit.
describe("a complaint from a visit", () => {
  let t: TestApp;
  let manager: string;
  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
  });
  afterAll(() => t.close());

  const record = (ticketId?: string) =>
    t.api("POST", "/api/complaints", {
      token: manager,
      body: {
        hallId: t.demo.hallId,
        ...(ticketId ? { ticketId } : {}),
        customer: { name: "王女士", phone: "13912345678" },
        channel: "counter",
        category: "service",
        description: "等候时间过长",
        request: "改进",
      },
    });

  it("should add the Z8 node to the ticket's visit", async () => {
    const ticket = (
      await t.api("POST", `/api/halls/${t.demo.hallId}/tickets`, {
        token: manager,
        body: { businessType: "payment" },
      })
    ).json();
    const res = await record(ticket.id);
    expect(res.statusCode, res.body).toBe(201);
    expect((await record()).statusCode).toBe(201);
    const visits = (await t.api("GET", `/api/halls/${t.demo.hallId}/visits`, { token: manager })).json() as {
      nodes: { node: string; actorId: string | null; note: string | null }[];
      tickets: { id: string }[];
    }[];
    const visit = visits.find((v) => v.tickets.some((x) => x.id === ticket.id));
    const me = (await t.api("GET", "/api/auth/me", { token: manager })).json();
    expect(visit?.nodes.filter((n) => n.node === "Z8")).toEqual([
      { node: "Z8", at: expect.any(String), actorId: me.principal.id, note: "投诉受理" },
    ]);
    expect(visits.flatMap((v) => v.nodes).filter((n) => n.node === "Z8")).toHaveLength(1);
  });
});
