#!/usr/bin/env node
import { openDatabase } from "./core/db.js";
import { loadEnv } from "./core/env.js";
import { serve } from "./main.js";
import { seedDemo, seedEssentials } from "./seed.js";

const usage = `tingwu <command>
  serve                     run the server (migrates and seeds on first start)
  migrate                   apply database migrations and exit
  seed-demo                 create the demo halls, staff and devices if the database has no hall
  simulate --url U --hall H [--token T] [--speed 60] [--hours 10]
                            drive a running server through a realistic day`;

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const env = loadEnv();
  switch (command ?? "serve") {
    case "serve":
      return serve(env);
    case "migrate": {
      const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.TINGWU_DATA_DIR });
      await database.migrate();
      await database.close();
      console.log("migrations applied");
      return;
    }
    case "seed-demo": {
      const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.TINGWU_DATA_DIR });
      await database.migrate();
      await seedEssentials(database.db, env.TINGWU_ADMIN_PASSWORD);
      const demo = await seedDemo(database.db);
      await database.close();
      console.log(demo ? JSON.stringify(demo, null, 2) : "halls exist already; nothing seeded");
      return;
    }
    case "simulate": {
      const { simulate } = await import("./simulate.js");
      return simulate(args);
    }
    default:
      console.error(usage);
      process.exit(2);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
