import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app lives in web/; `npm run build:web` writes dist/web, which the server serves on its own port.
// `npm run dev:web` serves it with hot reload and passes /api (including the SSE streams) to the server.
export default defineConfig({
  root: "web",
  plugins: [react()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
});
