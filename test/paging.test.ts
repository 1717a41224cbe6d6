import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "./helpers.js";

// Keyset paging (issue 17): following nextCursor from the first page shows every row once, in the list's
// order, whatever the page size — including rows that share their sort time — and a list counts only up
// to a cap instead of counting a hall's whole history for every page.
describe("lists paged by cursor", () => {
  let t: TestApp;
  let manager: string;
  let hallId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
    hallId = t.demo.hallId;
  });
  afterAll(() => t.close());

  type Page = { items: { id: string }[]; nextCursor: string | null; total: number; totalCapped: boolean };
  const walk = async (path: string, limit: number) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = path.includes("?") ? "&" : "?";
      const res = await t.api("GET", `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, {
        token: manager,
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as Page;
      expect(page.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    return { ids, pages };
  };

  it("should show each ticket once, newest first, page after page", async () => {
    for (let i = 0; i < 23; i++)
      expect(
        (
          await t.api("POST", `/api/halls/${hallId}/tickets`, {
            token: manager,
            body: { businessType: i % 3 ? "payment" : "consultation" },
          })
        ).statusCode,
      ).toBe(201);
    const all = (
      await t.api("GET", `/api/halls/${hallId}/tickets?limit=500`, { token: manager })
    ).json() as Page;
    expect(all).toMatchObject({ total: 23, totalCapped: false, nextCursor: null });
    const { ids, pages } = await walk(`/api/halls/${hallId}/tickets`, 5);
    expect(pages).toBe(5);
    expect(ids).toEqual(all.items.map((i) => i.id));
    // A filter pages the same way.
    const consult = await walk(`/api/halls/${hallId}/tickets?businessType=consultation`, 3);
    expect(consult.ids).toHaveLength(8);
    expect(new Set(consult.ids).size).toBe(8);
  });

  it("should refuse a cursor it did not give (400, the one error shape)", async () => {
    for (const bad of ["nonsense", "WyJ4Il0", "eyJhIjoxfQ"]) {
      const res = await t.api("GET", `/api/halls/${hallId}/tickets?cursor=${bad}`, { token: manager });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("invalid_input");
    }
  });

  it("should page complaints due first, undated last, ties by time broken by id", async () => {
    const body = (receivedAt: string) => ({
      customer: { name: "张女士", phone: "13812341234" },
      channel: "counter",
      category: "billing",
      description: "套餐外流量被多收费 30 元",
      request: "退还多收的费用",
      confirmedByCustomer: true,
      receivedAt,
    });
    // Three received at the very same moment: their order comes from the id alone.
    const times = ["2026-11-02T10:00:00+08:00", "2026-11-03T10:00:00+08:00", "2026-11-03T10:00:00+08:00"];
    for (const at of [
      ...times,
      "2026-11-03T10:00:00+08:00",
      "2026-11-05T09:30:00+08:00",
      "2026-11-01T08:00:00+08:00",
    ])
      expect((await t.api("POST", "/api/complaints", { token: manager, body: body(at) })).statusCode).toBe(
        201,
      );
    const all = (await t.api("GET", "/api/complaints?limit=200", { token: manager })).json() as Omit<
      Page,
      "items"
    > & { items: { id: string; dueAt: string | null }[] };
    expect(all.total).toBe(6);
    const due = all.items.map((c) => c.dueAt ?? "9999");
    expect(due).toEqual([...due].sort());
    for (const limit of [1, 2, 4])
      expect((await walk("/api/complaints", limit)).ids).toEqual(all.items.map((c) => c.id));
  });
});
