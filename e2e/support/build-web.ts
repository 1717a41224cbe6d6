import { execFileSync } from "node:child_process";

// The server serves dist/web when it exists; the tests use the production build, as `npm start` does.
// Built in a child process so NODE_ENV=test of the test runner does not give a development bundle.
// E2E_SKIP_BUILD=1 reuses an existing build while iterating on tests only.
export default function setup() {
  if (process.env.E2E_SKIP_BUILD === "1") return;
  execFileSync("npx", ["vite", "build", "--logLevel", "warn"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
