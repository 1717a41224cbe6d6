import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { actions, api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import type { paths } from "../../api/schema";

// The complaint desk's server state. Types come from the generated OpenAPI schema (npm run gen:api).
type Json<R> = R extends { content: { "application/json": infer J } } ? J : never;
type Ok<Op> = Op extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer B }
      ? Json<B>
      : never
  : never;

export type Complaint = Ok<paths["/api/complaints/{id}"]["get"]>;
export type ComplaintState = Complaint["state"];
export type WorkOrder = Ok<paths["/api/work-orders"]["get"]>[number];
export type Department = WorkOrder["department"];
export type ListQuery = NonNullable<paths["/api/complaints"]["get"]["parameters"]["query"]>;
export type CreateBody = NonNullable<
  paths["/api/complaints"]["post"]["requestBody"]
>["content"]["application/json"];
export type SlaRow = Ok<paths["/api/complaints/sla"]["get"]>[number];

export const CATEGORIES = [
  "billing",
  "network",
  "service",
  "business",
  "terminal",
  "fraud",
  "other",
] as const;
export const DEPARTMENTS: Department[] = ["billing", "network", "marketing", "customer_service", "technical"];

/** The desk's list, a page at a time by the server's cursor ("more" loads the next). */
export const useComplaints = (query: ListQuery) =>
  useInfiniteQuery({
    queryKey: ["complaints", "list", query],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET("/api/complaints", { params: { query: { ...query, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 30_000,
  });

export const useComplaint = (id: string) =>
  useQuery({
    queryKey: ["complaints", "one", id],
    queryFn: async () => unwrap(await api.GET("/api/complaints/{id}", { params: { path: { id } } })),
  });

/** Records a complaint; one key per form intent, so a double tap or a retry records it once. */
export function useCreateComplaint() {
  const qc = useQueryClient();
  const intent = useIdempotencyKey();
  const mutation = useMutation({
    mutationFn: async (body: CreateBody) =>
      unwrap(await api.POST("/api/complaints", { body, ...intent.send() })),
    onSuccess: () => {
      intent.renew();
      return qc.invalidateQueries({ queryKey: ["complaints"] });
    },
  });
  // A second tap before the button is disabled: the form asks this first.
  return { ...mutation, inFlight: intent.inFlight };
}

/** One transition: POST /api/complaints/:id/<action> with its body. */
export function useComplaintAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, body }: { action: string; body?: object }) =>
      unwrap(
        await actions.POST(`/api/complaints/{id}/${action}`, { params: { path: { id } }, body: body ?? {} }),
      ) as Complaint,
    onSuccess: (c) => {
      qc.setQueryData(["complaints", "one", id], c);
      void qc.invalidateQueries({ queryKey: ["complaints", "list"] });
      void qc.invalidateQueries({ queryKey: ["work-orders"] });
    },
  });
}

export const useWorkOrders = (department: Department | undefined) =>
  useQuery({
    queryKey: ["work-orders", department],
    queryFn: async () => unwrap(await api.GET("/api/work-orders", { params: { query: { department } } })),
    refetchInterval: 30_000,
  });

export function useWorkOrderAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({
      id,
      action,
      body,
    }: {
      id: string;
      action: "claim" | "reply" | "return";
      body?: object;
    }) => {
      return unwrap(
        await actions.POST(`/api/work-orders/{id}/${action}`, { params: { path: { id } }, body: body ?? {} }),
      );
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ["work-orders"] }),
  });
}

export const useSla = (from: string, to: string, by: "week" | "hall" | "category") =>
  useQuery({
    queryKey: ["complaints", "sla", from, to, by],
    queryFn: async () =>
      unwrap(await api.GET("/api/complaints/sla", { params: { query: { from, to, by } } })),
  });

export type OwnerCandidate = Ok<paths["/api/complaints/{id}/owners"]["get"]>[number];

/** Who the complaint may be handed over to, most likely first; q searches name and username. */
export const useOwners = (id: string, q: string) =>
  useQuery({
    queryKey: ["complaints", "owners", id, q],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/complaints/{id}/owners", {
          params: { path: { id }, query: q ? { q } : {} },
        }),
      ),
    placeholderData: (previous) => previous,
  });

export async function unmaskPhone(id: string, reason: string): Promise<string> {
  return unwrap(await api.GET("/api/complaints/{id}/phone", { params: { path: { id }, query: { reason } } }))
    .phone;
}
