import { defineConfig } from "vitest/config";

// Browser tests: each file starts its own server on a fresh in-memory database and drives Debian's
// Chromium through playwright-core. The web app is built once, before any file runs.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/support/build-web.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
  },
});
