import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ADMIN_PASSWORD, createPostgresDatabase, type DatabaseKind, dropPostgresDatabase } from "./server.js";

// `tingwu serve` in a child process, as it runs in production, on a fresh PGlite directory or a fresh
// PostgreSQL database, so a workload that needs the bench's own CPU for 1,000 clients does not steal
// the server's event loop.

export type ChildServer = { baseUrl: string; close: () => Promise<void> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export async function startChildServer(kind: DatabaseKind): Promise<ChildServer> {
  const port = await freePort();
  const dataDir = kind === "pglite" ? mkdtempSync(path.join(os.tmpdir(), "tingwu-bench-")) : undefined;
  const databaseUrl = kind === "postgres" ? await createPostgresDatabase() : undefined;
  const cli = new URL("../src/cli.ts", import.meta.url).pathname;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", cli, "serve"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: "127.0.0.1",
      TINGWU_ADMIN_PASSWORD: ADMIN_PASSWORD,
      TINGWU_LOG_LEVEL: "warn",
      TINGWU_DEMO: "1",
      ...(dataDir ? { TINGWU_DATA_DIR: dataDir } : {}),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`tingwu serve exited with ${child.exitCode}`);
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 240) throw new Error("tingwu serve did not start within a minute");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    async close() {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (databaseUrl) await dropPostgresDatabase(databaseUrl);
    },
  };
}
