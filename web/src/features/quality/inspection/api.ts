import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, postFile, unwrap } from "../../../api/client";
import { useIdempotencyKey } from "../../../api/idempotency";
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

type Send = ReturnType<ReturnType<typeof useIdempotencyKey>["send"]>;

/**
 * A write of these screens: sent with one Idempotency-Key per form intent (a double tap or a retry saves
 * once, core/idempotency.ts), renewed after a success; afterwards the lists refetch together.
 */
function useInspectionMutation<A, R>(fn: (a: A, send: Send) => Promise<R>) {
  const qc = useQueryClient();
  const intent = useIdempotencyKey();
  return useMutation({
    mutationFn: (a: A) => fn(a, intent.send()),
    onSuccess: () => intent.renew(),
    onSettled: () => qc.invalidateQueries({ queryKey: ["inspection"] }),
  });
}

export const useRecordInspection = () =>
  useInspectionMutation(async (body: InspectionBody, send) =>
    unwrap(await api.POST("/api/quality/inspections", { body, ...send })),
  );

export const useAssign = () =>
  useInspectionMutation(
    async (
      body: {
        hallId: string;
        inspectorId: string;
        checklistId: string;
        kind: "mystery" | "open";
        dueDate: string;
      },
      send,
    ) => unwrap(await api.POST("/api/quality/inspection-assignments", { body, ...send })),
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
  useInspectionMutation(async ({ baseId, body }: { baseId: string | null; body: ChecklistBody }, send) =>
    baseId
      ? unwrap(
          await api.POST("/api/quality/checklists/{id}/versions", {
            params: { path: { id: baseId } },
            body,
            ...send,
          }),
        )
      : unwrap(await api.POST("/api/quality/checklists", { body, ...send })),
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
