#!/usr/bin/env node
import { demoListing, seedDemo, seedEssentials } from "./cli/seed.js";
import { openDatabase } from "./core/db.js";
import { loadEnv } from "./core/env.js";
import { localUrl, serve } from "./main.js";

const usage = `tingwu <command>
  serve                     run the server (migrates and seeds on first start)
  migrate                   apply database migrations and exit
  seed-demo                 create the demo halls, staff and devices if the database has no hall
  simulate --url U --hall H [--token T] [--speed 60] [--hours 10]
                            drive a running server through a realistic day
  seed-history --halls N --days D --tickets-per-day T [--from YYYY-MM-DD] [--seed S]
                            fill the database with realistic history (for benchmarks and reports)`;

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
      console.log(demo ? demoListing(demo, localUrl(env)).join("\n") : "halls exist already; nothing seeded");
      return;
    }
    case "seed-history": {
      const { seedHistoryCommand } = await import("./cli/seed-history.js");
      const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.TINGWU_DATA_DIR });
      await database.migrate();
      try {
        await seedHistoryCommand(database, args, env.TINGWU_TIMEZONE);
      } finally {
        await database.close();
      }
      return;
    }
    case "simulate": {
      const { simulate } = await import("./cli/simulate.js");
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
