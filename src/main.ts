import { buildApp } from "./app.js";
import { openDatabase } from "./core/db.js";
import type { Env } from "./core/env.js";
import { DEMO_PASSWORD, seedDemo, seedEssentials } from "./seed.js";

/** Opens the database, migrates, seeds on first start, listens, and shuts down cleanly on a signal. */
export async function serve(env: Env) {
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.TINGWU_DATA_DIR });
  await database.migrate();
  const { generatedPassword } = await seedEssentials(database.db, env.TINGWU_ADMIN_PASSWORD);
  const app = await buildApp({ database, env, sweep: true });
  if (generatedPassword) {
    app.log.warn(
      `First start: user "admin" created with password ${generatedPassword} (shown once; set TINGWU_ADMIN_PASSWORD to choose it)`,
    );
  }
  if (env.TINGWU_DEMO === "1") {
    const demo = await seedDemo(database.db);
    if (demo) {
      const base = `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`;
      const kiosk = demo.devices.find((d) => d.kind === "kiosk")!;
      const display = demo.devices.find((d) => d.kind === "display")!;
      app.log.info(
        `Demo hall seeded. Staff accounts (manager, desk, floor, counter1…6, area, agent, inspector) use password "${DEMO_PASSWORD}". ` +
          `Kiosk: ${base}/kiosk/${demo.hallId}?device=${kiosk.token}  Display: ${base}/display/${demo.hallId}?device=${display.token}`,
      );
    }
  }
  await app.listen({ port: env.PORT, host: env.HOST });
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
