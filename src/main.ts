import { buildApp } from "./app.js";
import { demoListing, seedDemo, seedEssentials } from "./cli/seed.js";
import { openDatabase } from "./core/db.js";
import type { Env } from "./core/env.js";
import { startLogger } from "./core/log.js";

/** Where a browser on this machine reaches the server. */
export const localUrl = (env: Env) => `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`;

/** Opens the database, migrates, seeds on first start, listens, and shuts down cleanly on a signal. */
export async function serve(env: Env) {
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.TINGWU_DATA_DIR });
  await database.migrate();
  const { generatedPassword } = await seedEssentials(database.db, env.TINGWU_ADMIN_PASSWORD);
  // Reports read a streaming replica when there is one (issue 15); it is never migrated from here.
  const reportsDatabase = env.TINGWU_REPORTS_DATABASE_URL
    ? await openDatabase({ url: env.TINGWU_REPORTS_DATABASE_URL, poolSize: 5 })
    : undefined;
  const app = await buildApp({ database, env, sweep: true, reportsDatabase });
  // The credentials a first start makes, shown once to whoever starts Tingwu (not through the scrubbed log).
  const banner = startLogger(env.TINGWU_LOG_LEVEL);
  if (generatedPassword) {
    banner.warn(
      `First start: user "admin" created with password ${generatedPassword} (shown once; set TINGWU_ADMIN_PASSWORD to choose it)`,
    );
  }
  if (env.TINGWU_DEMO === "1") {
    const demo = await seedDemo(database.db);
    if (demo) for (const line of demoListing(demo, localUrl(env))) banner.info(line);
  }
  await app.listen({ port: env.PORT, host: env.HOST });
  const stop = async () => {
    await app.close();
    await reportsDatabase?.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
