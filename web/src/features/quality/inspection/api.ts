import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, postFile, unwrap } from "../../../api/client";
import type { components, paths } from "../../../api/schema";

type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;
export type Checklist = Ok<paths["/api/quality/checklists"]["get"]>[number];
export type ChecklistItem = Checklist["items"][number];
export type Assignment = Ok<paths["/api/quality/inspection-assignments"]["get"]>[number];
export type InspectionSummary = Ok<paths["/api/quality/inspections"]["get"]>["items"][number];
export type Inspection = Ok<paths["/api/quality/inspections/{id}"]["get"]>;
export type Alignment = Ok<paths["/api/quality/alignment"]["get"]>;
export type InspectionBody = NonNullable<
  paths["/api/quality/inspections"]["post"]["requestBody"]
>["content"]["application/json"];
export type ChecklistBody = NonNullable<
  paths["/api/quality/checklists"]["post"]["requestBody"]
>["content"]["application/json"];
export type { components };

// R-MYSTERY: the inspection screens' reads and writes; every rule (who inspects what, the score) is the server's.

export const useChecklists = (versions: "current" | "all" = "current") =>
  useQuery({
    queryKey: ["inspection", "checklists", versions],
    queryFn: async () =>
      unwrap(await api.GET("/api/quality/checklists", { params: { query: { versions } } })),
  });

export const useAssignments = () =>
  useQuery({
    queryKey: ["inspection", "assignments"],
    queryFn: async () => unwrap(await api.GET("/api/quality/inspection-assignments")),
  });

export const useInspectors = (enabled: boolean) =>
  useQuery({
    queryKey: ["inspection", "inspectors"],
    enabled,
    queryFn: async () => unwrap(await api.GET("/api/quality/inspectors")),
  });

export const useInspection = (id: string | null) =>
  useQuery({
    queryKey: ["inspection", "one", id],
    enabled: id !== null,
    queryFn: async () =>
      unwrap(await api.GET("/api/quality/inspections/{id}", { params: { path: { id: id ?? "" } } })),
  });

export const useAlignment = (scope: string | undefined, period: string, checklistId: string | undefined) =>
  useQuery({
    queryKey: ["inspection", "alignment", scope ?? "", period, checklistId ?? ""],
    enabled: period !== "",
    queryFn: async () =>
      unwrap(await api.GET("/api/quality/alignment", { params: { query: { scope, period, checklistId } } })),
  });

/** After any write the lists are stale: assignments, inspections and checklists refetch together. */
function useInspectionMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: ["inspection"] }) });
}

export const useRecordInspection = () =>
  useInspectionMutation(async (body: InspectionBody) =>
    unwrap(await api.POST("/api/quality/inspections", { body })),
  );

export const useAssign = () =>
  useInspectionMutation(
    async (body: {
      hallId: string;
      inspectorId: string;
      checklistId: string;
      kind: "mystery" | "open";
      dueDate: string;
    }) => unwrap(await api.POST("/api/quality/inspection-assignments", { body })),
  );

export const useCancelAssignment = () =>
  useInspectionMutation(async (a: { hallId: string; id: string }) =>
    unwrap(
      await api.POST("/api/halls/{hallId}/inspection-assignments/{id}/cancel", {
        params: { path: { hallId: a.hallId, id: a.id } },
      }),
    ),
  );

export const useSaveChecklist = () =>
  useInspectionMutation(async ({ baseId, body }: { baseId: string | null; body: ChecklistBody }) =>
    baseId
      ? unwrap(
          await api.POST("/api/quality/checklists/{id}/versions", { params: { path: { id: baseId } }, body }),
        )
      : unwrap(await api.POST("/api/quality/checklists", { body })),
  );

export const uploadPhoto = (hallId: string, file: File) =>
  postFile<{ id: string; size: number; contentType: string }>(`/api/halls/${hallId}/inspection-photos`, file);

export const photoUrl = (hallId: string, id: string) => `/api/halls/${hallId}/inspection-photos/${id}`;

export type InspectionQuery = { hallId?: string; from?: string; to?: string };

/** The inspections, newest first, a page at a time by the server's cursor. */
export const useInspections = (query: InspectionQuery) =>
  useInfiniteQuery({
    queryKey: ["inspection", "list", query],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/quality/inspections", {
          params: { query: { ...query, limit: 50, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
