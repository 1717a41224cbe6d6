import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";

type Json<R> = R extends { content: { "application/json": infer J } } ? J : never;
type Ok<Op> = Op extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : never) : never;

export type Fault = Ok<paths["/api/faults/{id}"]["get"]>;
export type CreateFault = NonNullable<
  paths["/api/faults"]["post"]["requestBody"]
>["content"]["application/json"];

export const useFaults = (filter: "open" | "done" | "unsatisfied") =>
  useQuery({
    queryKey: ["faults", filter],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/faults", {
          params: {
            query:
              filter === "open"
                ? { open: "true" }
                : filter === "done"
                  ? { state: "closed" }
                  : { unsatisfied: "true" },
          },
        }),
      ),
    refetchInterval: 30_000,
  });

export function useCreateFault() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateFault) => unwrap(await api.POST("/api/faults", { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["faults"] }),
  });
}

type LoosePost = (
  path: string,
  init: { params: { path: { id: string } }; body?: object },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
const post = api.POST as unknown as LoosePost;

export function useFaultAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, action, body }: { id: string; action: string; body?: object }) =>
      unwrap(
        await post(`/api/faults/{id}/${action}`, { params: { path: { id } }, body: body ?? {} }),
      ) as Fault,
    onSuccess: () => qc.invalidateQueries({ queryKey: ["faults"] }),
  });
}
