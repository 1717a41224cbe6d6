import type { AddressInfo } from "node:net";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ticketHistory, tickets } from "../src/features/queue/tables.js";
import { buildTestApp, type TestApp } from "./helpers.js";
import { type HttpResult, request } from "./server.js";

// R-CALL under load: many counters calling at once through real HTTP against one PostgreSQL. PGlite has a
// single connection, so its transactions never overlap and a race there proves nothing.
const COUNTERS = 24;
const TICKETS = 300;
const ISSUERS = 20;

describe.skipIf(!process.env.DATABASE_URL)(
  "race: counters calling at once (PostgreSQL only: needs DATABASE_URL)",
  () => {
    let t: TestApp;
    let base: string;
    let admin: string;
    let hallId: string;
    let counterIds: string[];
    const responses: { route: string; status: number }[] = [];

    const call = async (method: string, path: string, body?: unknown): Promise<HttpResult> => {
      const res = await request(base, method, path, { token: admin, body });
      responses.push({ route: `${method} ${path.replace(/[0-9a-f-]{36}/g, ":id")}`, status: res.status });
      return res;
    };

    beforeAll(async () => {
      t = await buildTestApp({
        limits: { loginPerMinute: 1000, publicPerMinute: 1000, kioskPerMinute: 100_000 },
      });
      await t.app.listen({ port: 0, host: "127.0.0.1" });
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      admin = await t.token("admin");
      const hall = await call("POST", "/api/halls", {
        name: "压力测试厅",
        type: "self_run",
        regionCode: "T-RACE",
        openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }],
      });
      hallId = (hall.body as { id: string }).id;
      counterIds = [];
      for (let i = 0; i < COUNTERS; i++) {
        const c = await call("POST", `/api/halls/${hallId}/counters`, {
          label: `${i + 1}号窗口`,
          businessTypes: ["payment", "change"],
          vip: i === 0,
        });
        counterIds.push((c.body as { id: string }).id);
      }
      for (const id of counterIds)
        expect((await call("POST", `/api/halls/${hallId}/counters/${id}/open`)).status).toBe(200);
    });
    afterAll(() => t?.close());

    it("should number several hundred tickets issued at once without a gap or a repeat", async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: ISSUERS }, async () => {
          for (let i = next++; i < TICKETS; i = next++) {
            const body = {
              businessType: i % 3 === 0 ? "change" : "payment",
              ...(i % 10 === 0 ? { vip: true } : {}),
              // Phones put the near-turn SMS on the hot path too.
              ...(i % 2 === 0 ? { phone: `139${String(i).padStart(8, "0")}` } : {}),
            };
            const res = await call("POST", `/api/halls/${hallId}/tickets`, body);
            expect(res.status, JSON.stringify(res.body)).toBe(201);
          }
        }),
      );
      const rows = await t.database.db.select().from(tickets).where(eq(tickets.hallId, hallId));
      expect(rows).toHaveLength(TICKETS);
      for (const prefix of ["A", "B", "V"]) {
        const seqs = rows
          .filter((r) => r.prefix === prefix)
          .map((r) => r.seq)
          .sort((a, b) => a - b);
        expect(seqs.length).toBeGreaterThan(0);
        expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      }
    });

    it(`should give every waiting ticket to exactly one of ${COUNTERS} counters calling at once`, async () => {
      const calledBy = new Map<string, string[]>();
      const unexpected: string[] = [];
      const started = Date.now();
      // Each counter calls, starts and finishes, then calls again, until nothing waits. A counter stops at
      // the first unexpected answer (and the test fails below) rather than leave a ticket half done.
      await Promise.all(
        counterIds.map(async (counterId) => {
          for (;;) {
            const res = await call("POST", `/api/halls/${hallId}/counters/${counterId}/call-next`);
            if (res.status === 204) return;
            if (res.status !== 200)
              return unexpected.push(`call-next ${res.status} ${JSON.stringify(res.body)}`);
            const ticket = (res.body as { ticket: { id: string; counterId: string; status: string } }).ticket;
            if (ticket.counterId !== counterId || ticket.status !== "called") {
              return unexpected.push(`call-next gave ${JSON.stringify(ticket)}`);
            }
            calledBy.set(ticket.id, [...(calledBy.get(ticket.id) ?? []), counterId]);
            for (const [action, body] of [
              ["start", undefined],
              ["finish", { outcome: "completed" }],
            ] as const) {
              const r = await call("POST", `/api/tickets/${ticket.id}/${action}`, body);
              if (r.status !== 200) return unexpected.push(`${action} ${r.status} ${JSON.stringify(r.body)}`);
            }
          }
        }),
      );
      expect(unexpected).toEqual([]);
      const seconds = (Date.now() - started) / 1000;

      // No ticket called twice, none skipped: each issued ticket was called once and is finished.
      const twice = [...calledBy].filter(([, by]) => by.length > 1);
      expect(twice).toEqual([]);
      const rows = await t.database.db.select().from(tickets).where(eq(tickets.hallId, hallId));
      expect(calledBy.size).toBe(rows.length);
      expect(rows.filter((r) => r.status !== "finished").map((r) => `${r.number} ${r.status}`)).toEqual([]);
      // The record agrees: per ticket one issue, one call, one start, one finish.
      const history = await t.database.db
        .select({ ticketId: ticketHistory.ticketId, action: ticketHistory.action })
        .from(ticketHistory)
        .where(
          inArray(
            ticketHistory.ticketId,
            rows.map((r) => r.id),
          ),
        );
      const actions = new Map<string, string[]>();
      for (const h of history) actions.set(h.ticketId, [...(actions.get(h.ticketId) ?? []), h.action]);
      for (const r of rows)
        expect(actions.get(r.id)?.sort(), r.number).toEqual(["call", "finish", "issue", "start"]);
      // Work was shared: more than a handful of counters served.
      expect(new Set(rows.map((r) => r.counterId)).size).toBeGreaterThan(COUNTERS / 2);
      console.info(`race: ${rows.length} tickets through ${COUNTERS} counters in ${seconds.toFixed(1)} s`);
    }, 120_000);

    it("should never have answered with a server error", () => {
      const errors = responses.filter((r) => r.status >= 500);
      expect(errors).toEqual([]);
      expect(responses.length).toBeGreaterThan(TICKETS * 4);
    });
  },
);
