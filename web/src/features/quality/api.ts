import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, postFile, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";

type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;
export type Kpi = Ok<paths["/api/quality/kpi"]["get"]>;
export type KpiSettings = Ok<paths["/api/quality/kpi-settings"]["get"]>;
export type SurveyImport = Ok<paths["/api/quality/surveys/imports"]["get"]>[number];
export type ImportAnswer = {
  dryRun: boolean;
  id: string | null;
  rows: number;
  periods: string[];
  scopes: string[];
};

/** The KPI of a scope and period (both the caller's defaults when absent); null when there are no results. */
export const useKpi = (scope: string | undefined, period: string | undefined) =>
  useQuery({
    queryKey: ["quality", "kpi", scope ?? "", period ?? ""],
    queryFn: async () => {
      try {
        return unwrap(await api.GET("/api/quality/kpi", { params: { query: { scope, period } } }));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });

export const useKpiSettings = () =>
  useQuery({
    queryKey: ["quality", "settings"],
    queryFn: async () => unwrap(await api.GET("/api/quality/kpi-settings")),
  });

export const useSurveyImports = (withdrawn: boolean, enabled: boolean) =>
  useQuery({
    queryKey: ["quality", "imports", withdrawn],
    enabled,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/quality/surveys/imports", {
          params: { query: withdrawn ? { withdrawn: "true" } : {} },
        }),
      ),
  });

/** Checks a file (dry run) or imports it; a refusal carries the rows' problems. */
export const uploadSurvey = (file: File, dryRun: boolean) =>
  postFile<ImportAnswer>(`/api/quality/surveys/import${dryRun ? "?dryRun=1" : ""}`, file);

export function useWithdraw() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE("/api/quality/surveys/imports/{id}", { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: ["quality"] }),
  });
}
