import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api, unwrap, unwrapAs } from "./client";
import { type HallEvent, type StreamState, useHallEvents } from "./events";
import { LiveHall } from "./live-hall";
import type { Breach } from "./types";

// Every query about a hall starts with ["hall", hallId, name]: the live stream keeps the queue and the
// board up to date from its events (live-hall.ts), and a reconnect refreshes them all.
export const hallKey = (hallId: string, ...rest: unknown[]) => ["hall", hallId, ...rest];
const path = (hallId: string) => ({ params: { path: { hallId } } });

export const useHall = (hallId: string) =>
  useQuery({
    queryKey: hallKey(hallId, "info"),
    queryFn: async () => unwrap(await api.GET("/api/halls/{hallId}", path(hallId))),
  });

export const useCounters = (hallId: string) =>
  useQuery({
    queryKey: hallKey(hallId, "counters"),
    queryFn: async () => unwrap(await api.GET("/api/halls/{hallId}/counters", path(hallId))),
  });

export const useBusinessTypes = () =>
  useQuery({
    queryKey: ["business-types"],
    queryFn: async () => unwrap(await api.GET("/api/business-types")),
    staleTime: 5 * 60_000,
  });

// The queue and the board follow the stream's events; a minute's read brings the wait estimates
// (the server's rule, from recent handling times) along with them.
const LIVE_READ_MS = 60_000;
// Lists that grow with the day (visits, breaches, ticket look-ups) and the day's figures are read on a
// slow timer, never for every event of the hall.
export const SLOW_READ_MS = 30_000;

export const useQueue = (hallId: string) =>
  useQuery({
    queryKey: hallKey(hallId, "queue"),
    queryFn: async () => unwrap(await api.GET("/api/halls/{hallId}/queue", path(hallId))),
    refetchInterval: LIVE_READ_MS,
  });

// What a kiosk or calling display shows: waiting per business type and the calls (no customer data).
export const useBoard = (hallId: string) =>
  useQuery({
    queryKey: hallKey(hallId, "board"),
    queryFn: async () => unwrap(await api.GET("/api/halls/{hallId}/board", path(hallId))),
    refetchInterval: LIVE_READ_MS,
  });

export const useStats = (hallId: string) =>
  useQuery({
    queryKey: hallKey(hallId, "stats"),
    queryFn: async () => unwrap(await api.GET("/api/halls/{hallId}/stats/today", path(hallId))),
    refetchInterval: 60_000,
  });

export const useBreaches = (hallId: string) =>
  useQuery({
    queryKey: hallKey(hallId, "breaches"),
    queryFn: async () => unwrapAs<Breach[]>(await api.GET("/api/halls/{hallId}/breaches", path(hallId))),
    refetchInterval: SLOW_READ_MS,
  });

export const useJourneys = (hallId: string) =>
  useQuery({
    queryKey: hallKey(hallId, "visits"),
    queryFn: async () => unwrap(await api.GET("/api/halls/{hallId}/visits", path(hallId))),
    refetchInterval: SLOW_READ_MS,
  });

/**
 * Live hall: the queue and the board take each event as it comes (LiveHall); a screen that was cut off
 * reads everything again when it is back, so it shows the truth without a reload.
 */
export function useLiveHall(hallId: string, onEvent?: (e: HallEvent) => void, enabled = true): StreamState {
  const qc = useQueryClient();
  const live = useRef<{ hallId: string; live: LiveHall } | null>(null);
  if (live.current?.hallId !== hallId) {
    live.current?.live.close();
    // Reads asked for within a moment go as one (several events of one change, a counter's targets).
    const pending = {
      names: new Set<string>(),
      timer: undefined as ReturnType<typeof setTimeout> | undefined,
    };
    const refetch = (which: (name: string) => boolean) => {
      for (const q of qc.getQueryCache().findAll({ queryKey: ["hall", hallId] }))
        if (which(String(q.queryKey[2]))) pending.names.add(String(q.queryKey[2]));
      pending.timer ??= setTimeout(() => {
        const batch = pending.names;
        pending.names = new Set();
        pending.timer = undefined;
        void qc.invalidateQueries({
          queryKey: ["hall", hallId],
          predicate: (q) => batch.has(String(q.queryKey[2])),
        });
      }, 250);
    };
    const cache = {
      reads: () =>
        qc
          .getQueryCache()
          .findAll({ queryKey: ["hall", hallId] })
          .filter((q) => q.state.data !== undefined)
          .map((q) => ({ key: q.queryKey, data: q.state.data })),
      set: (key: readonly unknown[], data: unknown) => qc.setQueryData(key, data),
      refetch,
    };
    live.current = { hallId, live: new LiveHall(cache) };
  }
  const hall = live.current.live;
  useEffect(() => () => hall.close(), [hall]);
  // A read that comes back from the server takes the events it was made too early to hold.
  useEffect(
    () =>
      qc.getQueryCache().subscribe((ev) => {
        if (ev.type !== "updated" || ev.action.type !== "success" || ev.action.manual) return;
        if (ev.query.queryKey[0] === "hall" && ev.query.queryKey[1] === hallId)
          hall.fetched(ev.query.queryKey, ev.action.data);
      }),
    [qc, hallId, hall],
  );
  const state = useHallEvents(
    hallId,
    (e) => {
      onEvent?.(e);
      hall.event(e);
    },
    enabled,
    (position) => hall.opened(position),
  );
  const previous = useRef<StreamState>(state);
  useEffect(() => {
    if (state === "open" && previous.current === "reconnecting") hall.reconnected();
    previous.current = state;
  });
  return state;
}
