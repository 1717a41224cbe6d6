import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { users } from "../users/tables.js";
import { complaints } from "./tables.js";

const body = (extra: object = {}) => ({
  customer: { name: "钱先生", phone: "13900001234" },
  channel: "counter",
  category: "billing",
  description: "宽带费用扣了两次",
  request: "退还重复扣费",
  confirmedByCustomer: true,
  ...extra,
});
type Candidate = { id: string; username: string; displayName: string; group: string };

// 首问负责制: a complaint is handed over on record, only to someone who may take it, most likely first.
describe("handing a complaint over", () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await buildTestApp();
    const admin = await t.token("admin");
    // A second agent of the demo region, and a manager of another region.
    for (const u of [
      { username: "agent2", displayName: "孙代理", role: "rural_agent", regionCode: "SH-PD" },
      { username: "area-bj", displayName: "北京片区", role: "area_manager", regionCode: "BJ-HD" },
    ]) {
      const res = await t.api("POST", "/api/users", {
        token: admin,
        body: { ...u, password: "a-long-password" },
      });
      expect(res.statusCode).toBe(201);
    }
    for (const u of ["counter1", "counter2", "manager", "area", "agent", "admin", "coop"])
      tok[u] = await t.token(u);
    const token = await t.api("POST", "/api/auth/token", {
      body: { username: "agent2", password: "a-long-password" },
    });
    tok.agent2 = token.json().token;
    const rows = await t.database.db.select({ id: users.id, username: users.username }).from(users);
    ids = Object.fromEntries(rows.map((r) => [r.username, r.id]));
  });
  afterAll(() => t.close());

  const record = async (who: string, extra: object = {}) => {
    const res = await t.api("POST", "/api/complaints", { token: tok[who], body: body(extra) });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string };
  };
  const owners = async (id: string, who: string, query = "") => {
    const res = await t.api("GET", `/api/complaints/${id}/owners${query}`, { token: tok[who] });
    expect(res.statusCode).toBe(200);
    return res.json() as Candidate[];
  };

  it("should offer the hall's staff first, then the region's area manager, the administrator last", async () => {
    const c = await record("counter1");
    const list = await owners(c.id, "counter1");
    const names = list.map((u) => u.username);
    // The hall's people who record complaints (not security), without the owner himself.
    const hall = list.filter((u) => u.group === "hall").map((u) => u.username);
    expect(new Set(hall)).toEqual(
      new Set(["manager", "desk", "floor", "counter2", "counter3", "counter4", "counter5", "counter6"]),
    );
    expect(names.slice(hall.length)).toEqual(["area", "admin"]);
    expect(list.map((u) => u.group)).toEqual([...hall.map(() => "hall"), "region", "operator"]);
    // Never the owner, another hall's manager, another region's, an agent, the inspector or security.
    for (const no of ["counter1", "coop", "area-bj", "agent", "agent2", "inspector", "security"])
      expect(names).not.toContain(no);
  });

  it("should search the candidates by name or username", async () => {
    const c = await record("counter1");
    expect(
      (await owners(c.id, "counter1", `?q=${encodeURIComponent("台席2")}`)).map((u) => u.username),
    ).toEqual(["counter2"]);
    expect((await owners(c.id, "counter1", "?q=AREA")).map((u) => u.username)).toEqual(["area"]);
    expect(
      (await owners(c.id, "counter1", `?q=${encodeURIComponent("李厅")}`)).map((u) => u.username),
    ).toEqual(["manager"]);
    // A wildcard is a character like any other.
    expect(await owners(c.id, "counter1", "?q=%25")).toEqual([]);
    expect((await owners(c.id, "counter1", "?limit=2")).length).toBe(2);
    const bad = await t.api("GET", `/api/complaints/${c.id}/owners?limit=0`, { token: tok.counter1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_input");
  });

  it("should offer a village complaint to the region's agents and managers, never to hall staff", async () => {
    const c = await record("agent", { channel: "door", regionCode: "SH-PD" });
    const list = await owners(c.id, "agent");
    expect(list.map((u) => [u.username, u.group])).toEqual([
      ["agent2", "agents"],
      ["area", "region"],
      ["admin", "operator"],
    ]);
    const toHall = await t.api("POST", `/api/complaints/${c.id}/hand-over`, {
      token: tok.agent,
      body: { toUserId: ids.counter1, reason: "转营业厅" },
    });
    expect(toHall.statusCode).toBe(422);
    const ok = await t.api("POST", `/api/complaints/${c.id}/hand-over`, {
      token: tok.agent,
      body: { toUserId: ids.agent2, reason: "孙代理负责该村" },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().ownerId).toBe(ids.agent2);
  });

  it("should refuse to hand a hall's complaint to a rural agent and leave the owner as it was", async () => {
    const c = await record("counter1");
    const res = await t.api("POST", `/api/complaints/${c.id}/hand-over`, {
      token: tok.counter1,
      body: { toUserId: ids.agent, reason: "请代理上门" },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("rule_violation");
    const [row] = await t.database.db.select().from(complaints).where(eq(complaints.id, c.id));
    expect(row.ownerId).toBe(ids.counter1);
  });

  it("should name the new owner in the history of a hand-over", async () => {
    const c = await record("counter1");
    const first = await t.api("POST", `/api/complaints/${c.id}/hand-over`, {
      token: tok.counter1,
      body: { toUserId: ids.counter2, reason: "换班" },
    });
    expect(first.statusCode).toBe(200);
    // The manager moves it on: the entry names whom it came from, not only who acted.
    await t.api("POST", `/api/complaints/${c.id}/hand-over`, {
      token: tok.manager,
      body: { toUserId: ids.area, reason: "需片区协调" },
    });
    const detail = (await t.api("GET", `/api/complaints/${c.id}`, { token: tok.manager })).json();
    const handOvers = detail.history.filter((h: { action: string }) => h.action === "hand-over");
    expect(handOvers).toMatchObject([
      {
        actorName: "台席1号",
        note: "换班",
        handOver: { fromId: ids.counter1, fromName: "台席1号", toId: ids.counter2, toName: "台席2号" },
      },
      {
        actorName: "李厅经理",
        handOver: { fromName: "台席2号", toName: "王片区" },
      },
    ]);
    expect(detail.history.find((h: { action: string }) => h.action === "record").handOver).toBeNull();
    expect(detail).toMatchObject({ ownerId: ids.area, ownerName: "王片区" });
  });

  it("should not list candidates of a complaint outside the caller's scope", async () => {
    const c = await record("counter1");
    const res = await t.api("GET", `/api/complaints/${c.id}/owners`, { token: tok.coop });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("forbidden");
  });
});
