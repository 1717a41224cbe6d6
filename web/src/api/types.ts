import type { paths } from "./schema";

// The API's shapes, taken from the generated OpenAPI types (npm run gen:api), never written by hand —
// except where the server documents a response as untyped (see QueueView and Breach below).
type Json<R> = R extends { content: { "application/json": infer J } } ? J : never;
type Ok<Op> = Op extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer B }
      ? Json<B>
      : never
  : never;

export type Me = Ok<paths["/api/auth/me"]["get"]>;
export type Principal = Me["principal"];
export type UserPrincipal = Extract<Principal, { kind: "user" }>;
export type Hall = Ok<paths["/api/halls/{hallId}"]["get"]>;
export type HallSettings = Hall["settings"];
export type Counter = Ok<paths["/api/halls/{hallId}/counters"]["get"]>[number];
export type BusinessType = Ok<paths["/api/business-types"]["get"]>[number];
export type Ticket = Ok<paths["/api/tickets/{id}"]["get"]>;
export type Visit = Ok<paths["/api/halls/{hallId}/visits"]["get"]>[number];
export type TodayStats = Ok<paths["/api/halls/{hallId}/stats/today"]["get"]>;
export type User = Ok<paths["/api/users"]["get"]>[number];
export type Role = User["role"];
export type Device = Ok<paths["/api/halls/{hallId}/devices"]["get"]>[number];
export type DivertChannel = BusinessType["divertChannels"][number];
export type Outcome = NonNullable<Ticket["outcome"]>;
export type Rating = Ok<paths["/api/tickets/{id}/evaluation"]["post"]>["rating"];
export type PeakAction = { action: string; who: string };

// GET /api/halls/:hallId/queue is documented as `any` on the server (queue-view.ts); this mirrors it.
export type QueueView = {
  hallId: string;
  waiting: number;
  openCounters: number;
  ratio: number | null;
  peakLevel: number;
  peakActions: PeakAction[];
  byBusinessType: {
    businessType: string;
    waiting: number;
    longestWaitSeconds: number;
    estimatedWaitSeconds: number;
  }[];
  tickets: Ticket[];
  serving: Ticket[];
  counters?: Counter[];
};

// GET /api/halls/:hallId/breaches is documented as `any` too; this mirrors routes.ts.
export type Breach = {
  id: string;
  kind: "wait" | "handling" | "greeting";
  limitSeconds: number;
  at: string;
  ticketId: string | null;
  visitId: string | null;
  number: string | null;
  businessType: string | null;
};
