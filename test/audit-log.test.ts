import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "./helpers.js";

// R-PRIVACY: every read of a customer record and every unmasking (with its reason) is on record, and the
// operator admin reviews them: filters, pages newest first, the range as CSV.
describe("the audit log", () => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  let ticketId: string;
  let complaintId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
    manager = await t.token("manager");
    ticketId = (
      await t.api("POST", `/api/halls/${t.demo.hallId}/tickets`, {
        token: manager,
        body: { businessType: "payment", phone: "13812345678" },
      })
    ).json().id;
    complaintId = (
      await t.api("POST", "/api/complaints", {
        token: manager,
        body: {
          customer: { name: "王女士", phone: "13900002222" },
          channel: "counter",
          category: "billing",
          description: "等候太久",
          request: "道歉",
          confirmedByCustomer: true,
        },
      })
    ).json().id;
    expect(complaintId).toBeDefined();
  });
  afterAll(() => t.close());

  const audit = (query: string, token = admin) => t.api("GET", `/api/audit?${query}`, { token });

  it("should record a read of a complaint and an unmasking with its reason, by name", async () => {
    expect((await t.api("GET", `/api/complaints/${complaintId}`, { token: manager })).statusCode).toBe(200);
    const reason = encodeURIComponent("客户来电核实");
    expect(
      (await t.api("GET", `/api/tickets/${ticketId}/phone?reason=${reason}`, { token: manager })).json(),
    ).toEqual({
      phone: "13812345678",
    });
    const reads = (await audit("action=read&subjectType=complaint")).json();
    expect(reads.items).toEqual([
      expect.objectContaining({
        subjectId: complaintId,
        actorName: "李厅经理",
        reason: null,
        hallId: t.demo.hallId,
      }),
    ]);
    const unmasked = (await audit("action=unmask_phone")).json();
    expect(unmasked.items).toEqual([
      expect.objectContaining({ subjectType: "ticket", subjectId: ticketId, reason: "客户来电核实" }),
    ]);
    // The log line of the unmasking names no number.
    expect(JSON.stringify(unmasked)).not.toContain("13812345678");
  });

  it("should page newest first and export the same filter as CSV", async () => {
    await t.api("GET", `/api/complaints/${complaintId}`, { token: admin });
    const first = (await audit("limit=1")).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextBefore).toBe(first.items[0].id);
    const second = (await audit(`limit=1&before=${first.nextBefore}`)).json();
    expect(second.items[0].id).toBeLessThan(first.items[0].id);
    const all = (await audit("limit=200")).json().items;
    expect(all.map((e: { id: number }) => e.id)).toEqual(
      [...all.map((e: { id: number }) => e.id)].sort((a, b) => b - a),
    );

    const csv = await t.api("GET", "/api/audit.csv?action=unmask_phone", { token: admin });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain("原因");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("客户来电核实");
  });

  it("should be the operator admin's alone, and refuse a backwards range", async () => {
    expect((await audit("", manager)).statusCode).toBe(403);
    const bad = await audit("from=2026-12-05&to=2026-12-01");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_input");
  });
});
