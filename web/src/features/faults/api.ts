import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { actions, api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
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

/** Records a fault; one key per form intent, so a double tap or a retry records it once. */
export function useCreateFault() {
  const qc = useQueryClient();
  const intent = useIdempotencyKey();
  const mutation = useMutation({
    mutationFn: async (body: CreateFault) =>
      unwrap(await api.POST("/api/faults", { body, ...intent.send() })),
    onSuccess: () => {
      intent.renew();
      return qc.invalidateQueries({ queryKey: ["faults"] });
    },
  });
  // A second tap before the button is disabled: the form asks this first.
  return { ...mutation, inFlight: intent.inFlight };
}

export function useFaultAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, action, body }: { id: string; action: string; body?: object }) =>
      unwrap(
        await actions.POST(`/api/faults/{id}/${action}`, { params: { path: { id } }, body: body ?? {} }),
      ) as Fault,
    onSuccess: () => qc.invalidateQueries({ queryKey: ["faults"] }),
  });
}
