import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api, unwrap, unwrapAs } from "./client";
import { type HallEvent, type StreamState, useHallEvents } from "./events";
import type { Breach, QueueView } from "./types";

// Every query about a hall starts with ["hall", hallId] so one live event can refresh them all.
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

export const useQueue = (hallId: string) =>
  useQuery({
    queryKey: hallKey(hallId, "queue"),
    queryFn: async () => unwrapAs<QueueView>(await api.GET("/api/halls/{hallId}/queue", path(hallId))),
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
  });

export const useVisits = (hallId: string) =>
  useQuery({
    queryKey: hallKey(hallId, "visits"),
    queryFn: async () => unwrap(await api.GET("/api/halls/{hallId}/visits", path(hallId))),
  });

/**
 * Live hall: every event refreshes the hall's queries (coalesced), and so does every reconnect,
 * so a screen that was cut off shows the truth again without a reload.
 */
export function useLiveHall(hallId: string, onEvent?: (e: HallEvent) => void, enabled = true): StreamState {
  const qc = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const refresh = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void qc.invalidateQueries({ queryKey: ["hall", hallId] }), 250);
  };
  const state = useHallEvents(
    hallId,
    (e) => {
      onEvent?.(e);
      refresh();
    },
    enabled,
  );
  const previous = useRef<StreamState>(state);
  useEffect(() => {
    if (state === "open" && previous.current === "reconnecting") refresh();
    previous.current = state;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return state;
}
