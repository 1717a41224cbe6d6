import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useLayoutEffect, useState } from "react";
import { ApiError, setCsrfToken } from "../../api/client";
import { useSession } from "../../api/session";
import type { Principal } from "../../api/types";
import type { Customer, MyDay } from "./types";

// Opening the field app with no signal (issue 5). The service worker (web/public/sw.js) brings the app
// itself; this brings who is signed in and the last day and customer cards seen, so the agent can open a
// customer and record a visit (kept by pending.ts until it is sent). All of it is for the signed-in field
// user only: it is dropped when the server says no one is signed in, and ignored for another user.
const SESSION = "tingwu.field.session";
const SNAPSHOT = "tingwu.field.snapshot";
const MAX_AGE = 7 * 86_400_000; // older than a week: sign in again
const MAX_CARDS = 50;

type Me = { principal: Principal; csrfToken: string | null };
type Remembered = Me & { savedAt: number };
type Snapshot = { userId: string; day?: { at: string; data: MyDay }; cards: Record<string, Customer> };

function readJson<T>(key: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(key) ?? "null") as T | null;
  } catch {
    return null;
  }
}

function forget() {
  localStorage.removeItem(SESSION);
  localStorage.removeItem(SNAPSHOT);
}

const userIdOf = (p: Principal | null | undefined) => (p?.kind === "user" ? p.id : null);

/**
 * Remembers the signed-in field user while online; without a connection (or when the sign-in check itself
 * fails on the network) it puts them back, so the app opens instead of sending them to a sign-in page they
 * cannot use. Back online, the real sign-in is asked for again. True while it is still deciding.
 */
export function useOfflineSession(): boolean {
  const qc = useQueryClient();
  const { principal, loading } = useSession();
  // Watches the same query as the session, without fetching it again.
  const me = useQuery<Me | null>({ queryKey: ["me"], queryFn: skipToken });
  const stored = readJson<Remembered>(SESSION);
  const usable = !!stored && Date.now() - stored.savedAt < MAX_AGE;
  const networkDown = !navigator.onLine || (!!me.error && !(me.error instanceof ApiError));
  const restore = !principal && !loading && usable && networkDown;
  const [restored, setRestored] = useState(false);

  useLayoutEffect(() => {
    if (!restore || !stored) return;
    setCsrfToken(stored.csrfToken);
    qc.setQueryData<Me>(["me"], { principal: stored.principal, csrfToken: stored.csrfToken });
    setRestored(true);
  }, [restore, stored, qc]);

  useEffect(() => {
    if (me.data && me.dataUpdatedAt && !restored) {
      localStorage.setItem(SESSION, JSON.stringify({ ...me.data, savedAt: Date.now() }));
    } else if (me.data === null) forget(); // the server says: signed out
  }, [me.data, me.dataUpdatedAt, restored]);

  useEffect(() => {
    if (!restored) return;
    // The connection is back: ask the server who is signed in, over the remembered answer.
    const recheck = () => {
      setRestored(false);
      void qc.invalidateQueries({ queryKey: ["me"] });
    };
    window.addEventListener("online", recheck);
    return () => window.removeEventListener("online", recheck);
  }, [restored, qc]);

  return restore && !restored;
}

function snapshotFor(userId: string | null): Snapshot | null {
  const s = readJson<Snapshot>(SNAPSHOT);
  return s && userId && s.userId === userId ? s : null;
}

function saveSnapshot(userId: string, change: (s: Snapshot) => Snapshot) {
  const s = snapshotFor(userId) ?? { userId, cards: {} };
  try {
    localStorage.setItem(SNAPSHOT, JSON.stringify(change(s)));
  } catch {
    // Storage full: the pending visits matter more than this copy.
  }
}

/** The last day and cards seen by this user, and a function to keep a fresh one. */
export function useSnapshot() {
  const { principal } = useSession();
  const userId = userIdOf(principal);
  return {
    // Read when asked (placeholders are asked for only while there is no answer), not on every render.
    day: () => snapshotFor(userId)?.day,
    card: (id: string) => snapshotFor(userId)?.cards[id],
    keepDay: (data: MyDay) =>
      userId && saveSnapshot(userId, (s) => ({ ...s, day: { at: new Date().toISOString(), data } })),
    keepCard: (c: Customer) =>
      userId &&
      saveSnapshot(userId, (s) => {
        const others = Object.entries(s.cards).filter(([id]) => id !== c.id);
        return { ...s, cards: Object.fromEntries([...others.slice(-(MAX_CARDS - 1)), [c.id, c]]) };
      }),
  };
}
