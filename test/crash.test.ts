import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { localParts } from "../src/core/time.js";
import { adminUrl } from "./helpers.js";
import { createEmptyPostgresDatabase, request, type ServerProcess, sleep, startServer } from "./server.js";

// kill -9 in the middle of a busy hall, then start again on the same data: whatever the server said was
// done (a 2xx) must still be there, at least as far along as it was acknowledged. On PGlite the data is a
// directory (TINGWU_DATA_DIR) that must recover by itself; on PostgreSQL it is a fresh database.

type Ticket = { id: string; number: string; status: string; counterId: string | null; issuedAt: string };
const STEPS = ["issued", "called", "started", "finished"] as const;
// What each acknowledged step allows the ticket to be after the restart.
const AT_LEAST: Record<(typeof STEPS)[number], string[]> = {
  issued: ["waiting", "called", "serving", "finished"],
  called: ["called", "serving", "finished"],
  started: ["serving", "finished"],
  finished: ["finished"],
};

describe("crash: kill -9 under load, restart on the same data", () => {
  it("should keep every acknowledged ticket in a state consistent with what was acknowledged", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "tingwu-crash-"));
    const pgDatabase = adminUrl ? await createEmptyPostgresDatabase() : null;
    const env: Record<string, string> = {
      TINGWU_ADMIN_PASSWORD: "crash-operator-password",
      TINGWU_DEMO: "1",
      ...(pgDatabase ? { DATABASE_URL: pgDatabase.url } : { TINGWU_DATA_DIR: dataDir }),
    };
    let server: ServerProcess | undefined;
    try {
      server = await startServer(env);
      const base = server.url;
      const token = (
        (
          await request(base, "POST", "/api/auth/token", {
            body: { username: "manager", password: DEMO_PASSWORD },
          })
        ).body as { token: string }
      ).token;
      const call = (method: string, path: string, body?: unknown) =>
        request(base, method, path, { token, body, timeoutMs: 10_000 });
      const halls = (await call("GET", "/api/halls")).body as { id: string; name: string }[];
      const hallId = halls.find((h) => h.name === "陆家嘴自营厅")!.id;
      const counters = (
        (await call("GET", `/api/halls/${hallId}/counters`)).body as { id: string; businessTypes: string[] }[]
      ).filter((c) => c.businessTypes.includes("payment"));
      for (const c of counters)
        expect((await call("POST", `/api/halls/${hallId}/counters/${c.id}/open`)).status).toBe(200);

      // The load: kiosks issuing, counters calling, starting and finishing; every 2xx is written down.
      const acked = new Map<string, { number: string; step: (typeof STEPS)[number] }>();
      const serverErrors: string[] = [];
      let running = true;
      const note = (res: { status: number; body: unknown }, what: string) => {
        if (res.status >= 500) serverErrors.push(`${what} ${res.status} ${JSON.stringify(res.body)}`);
        return res.status >= 200 && res.status < 300;
      };
      const issuer = async (i: number) => {
        for (let n = 0; running; n++) {
          const body = {
            businessType: (i + n) % 3 === 0 ? "change" : "payment",
            ...(n % 4 === 0 ? { phone: "13912345678" } : {}),
          };
          const res = await call("POST", `/api/halls/${hallId}/tickets`, body);
          if (note(res, "issue")) {
            const t = res.body as Ticket;
            if (!acked.has(t.id)) acked.set(t.id, { number: t.number, step: "issued" });
          }
          await sleep(15);
        }
      };
      const counter = async (counterId: string) => {
        while (running) {
          const res = await call("POST", `/api/halls/${hallId}/counters/${counterId}/call-next`);
          if (res.status === 204 || !note(res, "call-next")) {
            await sleep(20);
            continue;
          }
          // The issue's answer may still be on its way: the number comes with the call too.
          const { id, number } = (res.body as { ticket: Ticket }).ticket;
          acked.set(id, { number, step: "called" });
          if (!note(await call("POST", `/api/tickets/${id}/start`), "start")) continue;
          acked.set(id, { number, step: "started" });
          if (!note(await call("POST", `/api/tickets/${id}/finish`, { outcome: "completed" }), "finish"))
            continue;
          acked.set(id, { number, step: "finished" });
        }
      };
      // Requests cut off by the kill reject: they were never acknowledged, so they are not written down.
      const load = Promise.allSettled([...[0, 1, 2].map(issuer), ...counters.map((c) => counter(c.id))]);
      const until = Date.now() + 20_000;
      while (
        Date.now() < until &&
        ([...acked.values()].filter((a) => a.step === "finished").length < 15 || acked.size < 60)
      ) {
        await sleep(50);
      }
      await server.kill9();
      running = false;
      // The loops were still going when the server died: they end on a refused or cut-off request, or —
      // one that was sleeping between requests — quietly when `running` turns false. None ends otherwise.
      const ends = await load;
      expect(ends.some((r) => r.status === "rejected")).toBe(true);
      for (const r of ends) {
        if (r.status !== "rejected") continue;
        const e = r.reason as Error & { cause?: { code?: string; message?: string } };
        // fetch says "fetch failed", with the socket's own error as the cause.
        expect(`${e.name} ${e.message} ${e.cause?.code ?? ""} ${e.cause?.message ?? ""}`).toMatch(
          /fetch failed|ECONNREFUSED|ECONNRESET|socket|other side closed|EPIPE|timeout|aborted/i,
        );
      }
      expect(acked.size).toBeGreaterThan(30);
      expect(serverErrors).toEqual([]);

      // Start again on the same data.
      server = await startServer(env);
      const again = server.url;
      const token2 = (
        (
          await request(again, "POST", "/api/auth/token", {
            body: { username: "manager", password: DEMO_PASSWORD },
          })
        ).body as { token: string }
      ).token;
      const get = async (path: string) => (await request(again, "GET", path, { token: token2 })).body;
      const tickets: Ticket[] = [];
      for (let cursor = ""; ; ) {
        const page = (await get(
          `/api/halls/${hallId}/tickets?limit=500${cursor && `&cursor=${cursor}`}`,
        )) as {
          items: Ticket[];
          nextCursor: string | null;
        };
        tickets.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      const byId = new Map(tickets.map((t) => [t.id, t]));
      // A restart is not a first start: nothing seeded twice.
      const adminToken = (
        (
          await request(again, "POST", "/api/auth/token", {
            body: { username: "admin", password: "crash-operator-password" },
          })
        ).body as { token: string }
      ).token;
      expect(
        ((await request(again, "GET", "/api/halls", { token: adminToken })).body as unknown[]).length,
      ).toBe(3);

      // Every acknowledged ticket is there, with its number, at least as far along as acknowledged.
      const problems: string[] = [];
      for (const [id, a] of acked) {
        const t = byId.get(id);
        if (!t) problems.push(`${a.number} (${a.step}) is missing`);
        else if (t.number !== a.number) problems.push(`${a.number} came back as ${t.number}`);
        else if (!AT_LEAST[a.step].includes(t.status))
          problems.push(`${a.number} was ${a.step}, is ${t.status}`);
      }
      expect(problems).toEqual([]);
      // Numbers unique per prefix and day; no counter holds two tickets.
      const keys = tickets.map(
        (t) => `${localParts(new Date(t.issuedAt), "Asia/Shanghai").date} ${t.number}`,
      );
      expect(new Set(keys).size).toBe(keys.length);
      const holders = tickets
        .filter((t) => t.status === "called" || t.status === "serving")
        .map((t) => t.counterId);
      expect(new Set(holders).size).toBe(holders.length);

      // And it carries on: a new ticket takes a new number, and each counter can finish what it holds.
      const fresh = await request(again, "POST", `/api/halls/${hallId}/tickets`, {
        token: token2,
        body: { businessType: "payment" },
      });
      expect(fresh.status).toBe(201);
      expect(tickets.map((t) => t.number)).not.toContain((fresh.body as Ticket).number);
      for (const t of tickets.filter((x) => x.status === "called" || x.status === "serving")) {
        if (t.status === "called")
          expect((await request(again, "POST", `/api/tickets/${t.id}/start`, { token: token2 })).status).toBe(
            200,
          );
        const done = await request(again, "POST", `/api/tickets/${t.id}/finish`, {
          token: token2,
          body: { outcome: "completed" },
        });
        expect(done.status).toBe(200);
      }
      console.info(
        `crash: ${acked.size} tickets acknowledged before kill -9 (${[...acked.values()].filter((a) => a.step === "finished").length} finished), ${tickets.length} found after restart`,
      );
    } finally {
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await pgDatabase?.drop();
    }
  }, 240_000);
});
