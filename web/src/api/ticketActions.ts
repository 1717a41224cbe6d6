import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "./client";
import type { DivertChannel, Outcome, Ticket } from "./types";

// The ticket state machine's transitions as the API offers them (POST /api/tickets/:id/<action>).
export type TicketAction =
  | { action: "recall" | "start" | "no-show" | "undo-no-show" | "return" | "cancel" }
  | { action: "finish"; outcome: Outcome; recommended?: string[]; accepted?: string[] }
  | { action: "transfer"; businessType?: string; counterId?: string }
  | { action: "divert"; channel: DivertChannel; accepted: boolean };

export async function applyTicketAction(id: string, a: TicketAction): Promise<Ticket> {
  const params = { path: { id } };
  switch (a.action) {
    case "recall":
      return unwrap(await api.POST("/api/tickets/{id}/recall", { params }));
    case "start":
      return unwrap(await api.POST("/api/tickets/{id}/start", { params }));
    case "no-show":
      return unwrap(await api.POST("/api/tickets/{id}/no-show", { params }));
    case "undo-no-show":
      return unwrap(await api.POST("/api/tickets/{id}/undo-no-show", { params }));
    case "return":
      return unwrap(await api.POST("/api/tickets/{id}/return", { params }));
    case "cancel":
      return unwrap(await api.POST("/api/tickets/{id}/cancel", { params }));
    case "finish": {
      const { action: _, ...body } = a;
      return unwrap(await api.POST("/api/tickets/{id}/finish", { params, body }));
    }
    case "transfer": {
      const { action: _, ...body } = a;
      return unwrap(await api.POST("/api/tickets/{id}/transfer", { params, body }));
    }
    case "divert": {
      const { action: _, ...body } = a;
      return unwrap(await api.POST("/api/tickets/{id}/divert", { params, body }));
    }
  }
}

/** A ticket transition that refreshes the hall's live queries when it lands. */
export function useTicketAction(hallId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string } & TicketAction) => applyTicketAction(v.id, v),
    onSettled: () => qc.invalidateQueries({ queryKey: ["hall", hallId] }),
  });
}
