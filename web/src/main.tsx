/// <reference types="vite/client" />
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./i18n";
import "./app/global.css";
import { App } from "./app/App";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The service worker (web/public/sw.js) lets the app open offline, for field agents in villages with weak
// signal. Production builds only: the dev server's modules are not hashed and must never come from a cache.
if (import.meta.env.PROD && "serviceWorker" in navigator && /^https?:$/.test(location.protocol)) {
  // Files loaded before the worker controlled this page (the lazy chunks of the screen now open).
  const keepLoaded = () =>
    navigator.serviceWorker.controller?.postMessage({
      type: "tingwu:keep-assets",
      urls: performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .filter((u) => u.startsWith(`${location.origin}/assets/`)),
    });
  window.addEventListener("load", () => {
    navigator.serviceWorker
      .register("/sw.js")
      .then(() => navigator.serviceWorker.ready)
      .then(keepLoaded)
      // No worker (plain http on a LAN address is not a secure context): the app works online as before.
      .catch(() => undefined);
  });
  navigator.serviceWorker.addEventListener("controllerchange", keepLoaded);
}
