import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api, unwrap } from "../../api/client";
import { useSnapshot } from "./offline";
import type { BlindSpotStatus, Stage } from "./types";

// Every field query starts with ["field"], so one change refreshes the agent's screens.
const id = (customerId: string) => ({ params: { path: { id: customerId } } });

/** The agent's day; with no signal, the last one seen on this phone (offline.ts). */
export function useMyDay() {
  const snapshot = useSnapshot();
  const day = useQuery({
    queryKey: ["field", "day"],
    queryFn: async () => unwrap(await api.GET("/api/field/my-day")),
    placeholderData: () => snapshot.day()?.data,
  });
  useKeep(day, snapshot.keepDay);
  return { ...day, snapshotAt: day.isPlaceholderData ? snapshot.day()?.at : undefined };
}

/** The agent's open fault reports (故障, the faults feature), shown on the day when that API answers. */
export const useMyFaults = () =>
  useQuery({
    queryKey: ["field", "faults"],
    queryFn: async () =>
      unwrap(await api.GET("/api/faults", { params: { query: { mine: "true", open: "true" } } })),
    retry: false,
  });

export const useCustomers = (q: string) =>
  useQuery({
    queryKey: ["field", "customers", q],
    queryFn: async () =>
      unwrap(await api.GET("/api/field/customers", { params: { query: { q: q || undefined, limit: 200 } } })),
  });

export function useCustomer(customerId: string) {
  const snapshot = useSnapshot();
  const customer = useQuery({
    queryKey: ["field", "customer", customerId],
    queryFn: async () => unwrap(await api.GET("/api/field/customers/{id}", id(customerId))),
    placeholderData: () => snapshot.card(customerId),
  });
  useKeep(customer, snapshot.keepCard);
  return customer;
}

/** Keeps what the server answered (never the placeholder) for the next time there is no signal. */
function useKeep<T>(
  q: { data?: T; isPlaceholderData: boolean; dataUpdatedAt: number },
  keep: (d: T) => unknown,
) {
  const fresh = q.data !== undefined && !q.isPlaceholderData;
  // biome-ignore lint/correctness/useExhaustiveDependencies: kept once per answer from the server
  useEffect(() => {
    if (fresh) keep(q.data as T);
  }, [fresh, q.dataUpdatedAt]);
}

export const useVisitRecords = (customerId: string) =>
  useQuery({
    queryKey: ["field", "customer", customerId, "visits"],
    queryFn: async () => unwrap(await api.GET("/api/field/customers/{id}/visits", id(customerId))),
  });

export const useContracts = (customerId: string) =>
  useQuery({
    queryKey: ["field", "customer", customerId, "contracts"],
    queryFn: async () => unwrap(await api.GET("/api/field/customers/{id}/contracts", id(customerId))),
  });

export const useOpportunities = (customerId?: string) =>
  useQuery({
    queryKey: ["field", "opportunities", customerId ?? "all"],
    queryFn: async () =>
      unwrap(await api.GET("/api/field/opportunities", { params: { query: { customerId } } })),
  });

export const useCompliance = () =>
  useQuery({
    queryKey: ["field", "compliance"],
    queryFn: async () => unwrap(await api.GET("/api/field/compliance")),
  });

export const useWeekly = () =>
  useQuery({
    queryKey: ["field", "weekly"],
    queryFn: async () =>
      unwrap(await api.GET("/api/field/reports/opportunities-weekly", { params: { query: {} } })),
  });

export const useContractsEnding = () =>
  useQuery({
    queryKey: ["field", "contracts-ending"],
    queryFn: async () => unwrap(await api.GET("/api/field/contracts/ending", { params: { query: {} } })),
  });

export const useBlindSpots = (status?: BlindSpotStatus) =>
  useQuery({
    queryKey: ["field", "blind-spots", status ?? "all"],
    queryFn: async () => unwrap(await api.GET("/api/field/blind-spots", { params: { query: { status } } })),
  });

export const useCadence = () =>
  useQuery({
    queryKey: ["field", "cadence"],
    queryFn: async () => unwrap(await api.GET("/api/field/cadence")),
  });

/** A field change, then every field query refreshed. */
export function useFieldAction<A, R>(run: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => qc.invalidateQueries({ queryKey: ["field"] }),
  });
}

export const greetCall = async (b: {
  customerId: string;
  contactId?: string;
  occasion: "new_year" | "spring_festival" | "mid_autumn" | "birthday";
  year: number;
}) => unwrap(await api.POST("/api/field/greetings", { body: { ...b, channel: "sms" } }));

export const promiseDoneCall = async (promiseId: string) =>
  unwrap(await api.POST("/api/field/promises/{id}/done", id(promiseId)));

export const moveStageCall = async (b: { id: string; stage: Stage }) =>
  unwrap(await api.POST("/api/field/opportunities/{id}/stage", { ...id(b.id), body: { stage: b.stage } }));

export const forwardBlindSpotCall = async (blindSpotId: string) =>
  unwrap(await api.POST("/api/field/blind-spots/{id}/forward", id(blindSpotId)));

/** A customer's booked visits from today on (a year ahead at most, as the API books them). */
export const useCustomerPlans = (customerId: string) =>
  useQuery({
    queryKey: ["field", "customer", customerId, "plans"],
    queryFn: async () => {
      const from = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
      const to = new Date(Date.now() + 367 * 86_400_000).toLocaleDateString("sv-SE", {
        timeZone: "Asia/Shanghai",
      });
      return unwrap(await api.GET("/api/field/visit-plans", { params: { query: { customerId, from, to } } }));
    },
  });

/** Per stage, the count and the amount (yuan) of the scope's opportunities, summed by the server. */
export const usePipeline = () =>
  useQuery({
    queryKey: ["field", "pipeline"],
    queryFn: async () => unwrap(await api.GET("/api/field/reports/pipeline")),
  });
