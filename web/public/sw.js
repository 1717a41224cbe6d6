// Tingwu's service worker: the app opens without a connection (issue 5: rural agents in villages with weak
// signal reload or reopen the field app there). It keeps the app shell and the built files, nothing else.
//
// - Page loads (navigations): the network first, always, so a deploy is seen at once; only when the network
//   fails, the last index.html that loaded. Every route of the web app is that same index.html.
// - /assets/*: Vite names these by content hash, so a name never changes what it holds: from the cache,
//   else fetched and kept. A new build's index.html names new files, which are fetched on first use.
// - /api/* and everything else: never touched. Data and changes always go to the server; a visit typed
//   offline waits in localStorage (web/src/features/field/pending.ts), not here.
const SHELL = "tingwu-shell-v1";
const ASSETS = "tingwu-assets-v1";
const SHELL_KEY = "/index.html";
// Old builds' files are dropped oldest first beyond this (a build has about 70 files).
const MAX_ASSETS = 300;

const isAsset = (url) => url.origin === self.location.origin && url.pathname.startsWith("/assets/");

async function keepShell(response) {
  const type = response.headers.get("content-type") || "";
  if (!response.ok || response.type !== "basic" || !type.includes("text/html")) return;
  const cache = await caches.open(SHELL);
  await cache.put(SHELL_KEY, response);
}

async function trim(cache) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_ASSETS))) await cache.delete(key);
}

async function keepAssets(urls) {
  const cache = await caches.open(ASSETS);
  for (const href of urls) {
    const url = new URL(href, self.location.origin);
    if (!isAsset(url) || (await cache.match(url.href))) continue;
    try {
      const response = await fetch(url.href);
      if (response.ok) await cache.put(url.href, response);
    } catch {
      // Offline now: it is kept the next time it is fetched.
    }
  }
  await trim(cache);
}

self.addEventListener("install", (event) => {
  // The shell and the files it names, so the first page (loaded before this worker ran) works offline too.
  event.waitUntil(
    (async () => {
      try {
        const response = await fetch("/", { cache: "no-store" });
        const html = await response.clone().text();
        await keepShell(response);
        await keepAssets([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]));
      } catch {
        // Installed offline: nothing to keep yet.
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("tingwu-") && name !== SHELL && name !== ASSETS) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The page names the files it loaded before this worker controlled it (lazy chunks of the screen open).
self.addEventListener("message", (event) => {
  const data = event.data;
  if (data && data.type === "tingwu:keep-assets" && Array.isArray(data.urls)) {
    event.waitUntil(keepAssets(data.urls));
  }
});

async function navigate(event) {
  try {
    const response = await fetch(event.request);
    event.waitUntil(keepShell(response.clone()));
    return response;
  } catch (error) {
    const cached = await caches.match(SHELL_KEY, { cacheName: SHELL });
    if (cached) return cached;
    throw error;
  }
}

async function asset(event) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(event.request);
  if (hit) return hit;
  const response = await fetch(event.request);
  if (response.ok) {
    const copy = response.clone();
    event.waitUntil(cache.put(event.request, copy).then(() => trim(cache)));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") event.respondWith(navigate(event));
  else if (isAsset(url)) event.respondWith(asset(event));
});
