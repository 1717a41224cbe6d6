import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, sleep, startServer } from "./server.js";

// What whoever starts Tingwu reads: on a terminal, readable lines with every demo account and device link
// on its own line; in a pipe (systemd, docker), JSON lines — the demo listing one line each too.

const root = fileURLToPath(new URL("..", import.meta.url));
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "tingwu-start-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const ACCOUNTS = 14; // the demo's staff accounts
const LINKS = 10; // 2 kiosks, 2 displays, 6 evaluation pads
const link =
  /http:\/\/127\.0\.0\.1:\d+\/(kiosk|display|pad)\/[0-9a-f-]{36}(\/[0-9a-f-]{36})?\?device=dev_[\w-]{43}/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colour codes
const ansi = /\u001b\[[0-9;]*m/g;

describe("the start log", () => {
  it("should be JSON lines in a pipe, the demo listed one account and one link a line", async () => {
    const server = await startServer({ TINGWU_DATA_DIR: freshDir(), TINGWU_LOG_LEVEL: "info" });
    await sleep(200);
    const lines = server.output().split("\n").filter(Boolean);
    await server.stop();
    const records = lines.map((l) => JSON.parse(l) as { msg?: string });
    const msgs = records.map((r) => r.msg ?? "");
    expect(msgs.filter((m) => (m.match(link) ?? []).length === 1)).toHaveLength(LINKS);
    expect(
      msgs.filter((m) => /^ {2}\S+ .*(hall_manager|counter_staff|inspector|rural_agent)/.test(m)).length,
    ).toBeGreaterThan(3);
    expect(msgs.some((m) => /First start: user "admin" created with password \S+/.test(m))).toBe(true);
  }, 120_000);

  it("should be readable lines on a terminal, a link a line without quotes", async () => {
    const port = await freePort();
    const inherited = Object.entries(process.env).filter(
      ([k]) => !k.startsWith("TINGWU_") && k !== "DATABASE_URL",
    );
    const env = {
      ...Object.fromEntries(inherited),
      HOST: "127.0.0.1",
      PORT: String(port),
      TINGWU_DATA_DIR: freshDir(),
      TINGWU_LOG_LEVEL: "info",
    };
    // script(1) runs the server on a pseudo-terminal, as `npm start` in a terminal would.
    const child = spawn(
      "script",
      ["-qefc", `${process.execPath} --import tsx src/cli.ts serve`, "/dev/null"],
      {
        cwd: root,
        env,
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    const exited = new Promise((r) => child.once("exit", r));
    const deadline = Date.now() + 90_000;
    while (!/Server listening/.test(out) && Date.now() < deadline && child.exitCode === null)
      await sleep(200);
    child.kill("SIGTERM");
    await exited;
    const lines = out.replace(ansi, "").split(/\r?\n/).filter(Boolean);
    expect(lines.some((l) => l.startsWith("{"))).toBe(false);
    const linkLines = lines.filter((l) => (l.match(link) ?? []).length === 1);
    expect(linkLines).toHaveLength(LINKS);
    for (const l of linkLines) expect(l).toMatch(new RegExp(`\\s${link.source}\\s*$`));
    expect(
      lines.filter((l) => / {2}(manager|desk|floor|counter\d|security|area|agent|inspector|coop) /.test(l)),
    ).toHaveLength(ACCOUNTS);
    expect(out).toMatch(/Server listening at http:\/\/127\.0\.0\.1/);
  }, 120_000);
});
