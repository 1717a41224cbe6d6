import { defineConfig } from "vitest/config";

// Database tests each make their own PGlite instance or PostgreSQL database, so files run in parallel.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
