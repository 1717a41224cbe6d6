import { useEffect, useSyncExternalStore } from "react";
import { ApiError, api, idempotent, unwrap } from "../../api/client";
import type { VisitRecordBody } from "./types";

// Offline-tolerant visit records (issue 5): a record is written to localStorage BEFORE it is sent, with a
// client-generated id, and leaves the list only when the server has answered for that id. The server
// treats the id as an idempotency key, so a record whose answer was lost is sent again and stored once.
export type PendingVisit = {
  clientId: string;
  customerId: string;
  customerName: string;
  body: VisitRecordBody & { clientId: string };
  savedAt: string;
  error?: string;
};

const KEY = "tingwu.field.pendingVisits";
const listeners = new Set<() => void>();
let snapshot: PendingVisit[] = read();

function read(): PendingVisit[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? "[]") as PendingVisit[];
  } catch {
    return [];
  }
}

function write(list: PendingVisit[]) {
  localStorage.setItem(KEY, JSON.stringify(list));
  snapshot = list;
  for (const l of listeners) l();
}

function update(clientId: string, change: (p: PendingVisit) => PendingVisit | null) {
  // Re-read: another tab may have changed the list meanwhile.
  write(read().flatMap((p) => (p.clientId === clientId ? (change(p) ?? []) : [p])));
}

/** A random id that works on plain http too (crypto.randomUUID needs a secure context). */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `v-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

let flushing: Promise<void> | null = null;

async function sendAll() {
  for (const p of read()) {
    if (p.error) continue; // refused by the server: kept for the agent to read, not resent blindly
    try {
      unwrap(
        await api.POST("/api/field/customers/{id}/visits", {
          params: { path: { id: p.customerId } },
          body: p.body,
          // The record's own id is its intent's key: the generic guard answers a repeat too.
          middleware: [idempotent(p.clientId)],
        }),
      );
      update(p.clientId, () => null);
    } catch (err) {
      if (
        err instanceof ApiError &&
        err.status >= 400 &&
        err.status < 500 &&
        ![401, 408, 429].includes(err.status)
      ) {
        update(p.clientId, (x) => ({ ...x, error: err.message }));
        continue;
      }
      return; // offline, signed out or a server hiccup: try again later, in order
    }
  }
}

/** Sends what is waiting, one pass at a time per tab (and per browser where Web Locks exist). */
export function flushPending(): Promise<void> {
  if (!flushing) {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    const run = locks ? locks.request("tingwu-field-visits", async () => sendAll()) : sendAll();
    flushing = Promise.resolve(run)
      .then(() => undefined)
      .finally(() => {
        flushing = null;
      });
  }
  return flushing;
}

/** Keeps the record first, then tries to send it; "sent" only when the server has it. */
export async function saveVisit(customerId: string, customerName: string, body: VisitRecordBody) {
  const clientId = body.clientId ?? newClientId();
  const entry: PendingVisit = {
    clientId,
    customerId,
    customerName,
    body: { ...body, clientId },
    savedAt: new Date().toISOString(),
  };
  write([...read(), entry]);
  await flushPending();
  return read().some((p) => p.clientId === clientId) ? ("saved" as const) : ("sent" as const);
}

export function discardPending(clientId: string) {
  update(clientId, () => null);
}

let started = false;
function startSync() {
  if (started) return;
  started = true;
  window.addEventListener("online", () => void flushPending());
  window.addEventListener("storage", (e) => {
    if (e.key === KEY) write(read());
  });
  setInterval(() => {
    if (navigator.onLine && snapshot.some((p) => !p.error)) void flushPending();
  }, 20_000);
  if (navigator.onLine) void flushPending();
}

/** The records waiting on this phone; mounting it starts the background sending. */
export function usePendingVisits(): PendingVisit[] {
  useEffect(startSync, []);
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => snapshot,
  );
}
