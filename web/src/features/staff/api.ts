import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";

// 排班 (R-ROSTER) server state. Types come from the generated OpenAPI schema (npm run gen:api).
type Json<R> = R extends { content: { "application/json": infer J } } ? J : never;
type Ok<Op> = Op extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer B }
      ? Json<B>
      : never
  : never;

export type Forecast = Ok<paths["/api/halls/{hallId}/staffing/forecast"]["get"]>;
export type Accuracy = Ok<paths["/api/halls/{hallId}/staffing/accuracy"]["get"]>;
export type Roster = Ok<paths["/api/rosters/{rosterId}"]["get"]>;
export type Template = Ok<paths["/api/halls/{hallId}/shift-templates"]["get"]>[number];
export type Plan = Ok<paths["/api/staffing/plan"]["post"]>;
export type MyShifts = Ok<paths["/api/staffing/my-shifts"]["get"]>;

export const useForecast = (hallId: string, date: string) =>
  useQuery({
    queryKey: ["staffing", "forecast", hallId, date],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/halls/{hallId}/staffing/forecast", {
          params: { path: { hallId }, query: { date } },
        }),
      ),
  });

export const useAccuracy = (hallId: string, date: string) =>
  useQuery({
    queryKey: ["staffing", "accuracy", hallId, date],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/halls/{hallId}/staffing/accuracy", {
          params: { path: { hallId }, query: { date } },
        }),
      ),
  });

export function useOverride(hallId: string, date: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (o: { start: string; businessType: string; arrivals: number | null }) =>
      unwrap(
        await api.PUT("/api/halls/{hallId}/staffing/forecast", {
          params: { path: { hallId } },
          body: { date, overrides: [o] },
        }),
      ),
    onSuccess: (data) => qc.setQueryData(["staffing", "forecast", hallId, date], data),
  });
}

export const usePlan = (forecast: Forecast | undefined) =>
  useQuery({
    queryKey: ["staffing", "plan", forecast?.date, forecast?.intervals.map((i) => i.total).join()],
    enabled: !!forecast?.opensAt && forecast.intervals.length > 0,
    queryFn: async () =>
      unwrap(
        await api.POST("/api/staffing/plan", {
          body: {
            opensAt: forecast?.opensAt ?? "09:00",
            intervalMinutes: 30,
            arrivalsPerHour: (forecast?.intervals ?? []).map((i) => Math.min(2000, i.total * 2)),
            meanServiceSeconds: forecast?.meanServiceSeconds ?? 300,
            targetWaitSeconds: 600,
            targetServiceLevel: 0.9,
            replications: 10,
          },
        }),
      ),
  });

export const useTemplates = (hallId: string) =>
  useQuery({
    queryKey: ["staffing", "templates", hallId],
    queryFn: async () =>
      unwrap(await api.GET("/api/halls/{hallId}/shift-templates", { params: { path: { hallId } } })),
  });

export const useRoster = (hallId: string, weekStart: string) =>
  useQuery({
    queryKey: ["staffing", "roster", hallId, weekStart],
    retry: false,
    queryFn: async () => {
      const res = await api.GET("/api/halls/{hallId}/rosters", {
        params: { path: { hallId }, query: { weekStart } },
      });
      if (res.response.status === 404) return null;
      return unwrap(res);
    },
  });

/** Generate, assign, unassign, publish: each answers with the roster as it now is (re-simulated). */
export function useRosterActions(hallId: string, weekStart: string) {
  const qc = useQueryClient();
  const put = (r: Roster) => qc.setQueryData(["staffing", "roster", hallId, weekStart], r);
  return {
    generate: useMutation({
      mutationFn: async () =>
        unwrap(
          await api.POST("/api/halls/{hallId}/rosters", {
            params: { path: { hallId } },
            body: { weekStart },
          }),
        ),
      onSuccess: put,
    }),
    assign: useMutation({
      mutationFn: async (v: { rosterId: string; staffId: string; date: string; templateId: string }) =>
        unwrap(
          await api.POST("/api/rosters/{rosterId}/shifts", {
            params: { path: { rosterId: v.rosterId } },
            body: { staffId: v.staffId, date: v.date, templateId: v.templateId },
          }),
        ),
      onSuccess: put,
    }),
    unassign: useMutation({
      mutationFn: async (v: { rosterId: string; shiftId: string }) =>
        unwrap(await api.DELETE("/api/rosters/{rosterId}/shifts/{shiftId}", { params: { path: v } })),
      onSuccess: put,
    }),
    publish: useMutation({
      mutationFn: async (rosterId: string) =>
        unwrap(await api.POST("/api/rosters/{rosterId}/publish", { params: { path: { rosterId } } })),
      onSuccess: put,
    }),
  };
}

export const useMyShifts = () =>
  useQuery({
    queryKey: ["staffing", "mine"],
    queryFn: async () => unwrap(await api.GET("/api/staffing/my-shifts")),
  });

export type StaffMember = Ok<paths["/api/halls/{hallId}/staff"]["get"]>[number];
export type StaffAccount = Ok<paths["/api/halls/{hallId}/staff/accounts"]["get"]>[number];
export type Swap = Ok<paths["/api/halls/{hallId}/staffing/swaps"]["get"]>[number];
export type AwayReport = Ok<paths["/api/halls/{hallId}/counter-away"]["get"]>;

/** 暂离: a day's periods away from the counters and their sum per person. */
export const useAwayReport = (hallId: string, date: string) =>
  useQuery({
    queryKey: ["staffing", "away", hallId, date],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/halls/{hallId}/counter-away", { params: { path: { hallId }, query: { date } } }),
      ),
  });
type StaffInput = NonNullable<
  paths["/api/halls/{hallId}/staff"]["post"]["requestBody"]
>["content"]["application/json"];
type StaffChange = NonNullable<
  paths["/api/staff/{staffId}"]["patch"]["requestBody"]
>["content"]["application/json"];
type AbsenceInput = NonNullable<
  paths["/api/staff/{staffId}/absences"]["post"]["requestBody"]
>["content"]["application/json"];

export const useStaff = (hallId: string) =>
  useQuery({
    queryKey: ["staffing", "staff", hallId],
    queryFn: async () => unwrap(await api.GET("/api/halls/{hallId}/staff", { params: { path: { hallId } } })),
  });

export const useStaffAccounts = (hallId: string, enabled: boolean) =>
  useQuery({
    queryKey: ["staffing", "accounts", hallId],
    enabled,
    queryFn: async () =>
      unwrap(await api.GET("/api/halls/{hallId}/staff/accounts", { params: { path: { hallId } } })),
  });

export const useSwaps = (hallId: string, state: Swap["state"] | undefined) =>
  useQuery({
    queryKey: ["staffing", "swaps", hallId, state ?? "all"],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/halls/{hallId}/staffing/swaps", {
          params: { path: { hallId }, query: state ? { state } : {} },
        }),
      ),
  });

/** The hall's people, their absences, its shift templates and swap decisions; each answer refreshes its list. */
export function useStaffActions(hallId: string) {
  const qc = useQueryClient();
  const staffChanged = () => qc.invalidateQueries({ queryKey: ["staffing", "staff", hallId] });
  return {
    add: useMutation({
      mutationFn: async (body: StaffInput) =>
        unwrap(await api.POST("/api/halls/{hallId}/staff", { params: { path: { hallId } }, body })),
      onSuccess: staffChanged,
    }),
    change: useMutation({
      mutationFn: async (v: { staffId: string; body: StaffChange }) =>
        unwrap(
          await api.PATCH("/api/staff/{staffId}", { params: { path: { staffId: v.staffId } }, body: v.body }),
        ),
      onSuccess: staffChanged,
    }),
    absent: useMutation({
      mutationFn: async (v: { staffId: string; body: AbsenceInput }) =>
        unwrap(
          await api.POST("/api/staff/{staffId}/absences", {
            params: { path: { staffId: v.staffId } },
            body: v.body,
          }),
        ),
      onSuccess: staffChanged,
    }),
    withdrawAbsence: useMutation({
      mutationFn: async (v: { staffId: string; absenceId: string }) =>
        unwrap(await api.DELETE("/api/staff/{staffId}/absences/{absenceId}", { params: { path: v } })),
      onSuccess: staffChanged,
    }),
    addTemplate: useMutation({
      mutationFn: async (body: { name: string; start: string; lengthHours: number }) =>
        unwrap(await api.POST("/api/halls/{hallId}/shift-templates", { params: { path: { hallId } }, body })),
      onSuccess: () => qc.invalidateQueries({ queryKey: ["staffing", "templates", hallId] }),
    }),
    decide: useMutation({
      mutationFn: async (v: { swapId: string; decision: "approved" | "rejected" }) =>
        unwrap(
          await api.POST("/api/staffing/swaps/{swapId}/decision", {
            params: { path: { swapId: v.swapId } },
            body: { decision: v.decision },
          }),
        ),
      onSuccess: () => qc.invalidateQueries({ queryKey: ["staffing"] }),
    }),
  };
}

export function useRequestSwap() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { shiftId: string; toStaffId: string }) =>
      unwrap(await api.POST("/api/staffing/swaps", { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["staffing", "mine"] }),
  });
}
