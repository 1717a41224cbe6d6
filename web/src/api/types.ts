import type { paths } from "./schema";

// The API's shapes, taken from the generated OpenAPI types (npm run gen:api), never written by hand.
type Json<R> = R extends { content: { "application/json": infer J } } ? J : never;
type Ok<Op> = Op extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer B }
      ? Json<B>
      : never
  : never;

export type Me = Ok<paths["/api/auth/me"]["get"]>;
export type Capability = Me["capabilities"][number];
/** Each role and whether it is given a hall, a region or the whole operator (R-ROLE). */
export type RoleScope = Me["roles"][number];
/**
 * Who is signed in, with what they may do (me.capabilities, kept with the principal by the session so a
 * remembered sign-in keeps them too). The web app offers screens, tabs and buttons from these only.
 */
export type Principal = Me["principal"] & { capabilities: Capability[] };
export type UserPrincipal = Extract<Principal, { kind: "user" }>;
export type Hall = Ok<paths["/api/halls/{hallId}"]["get"]>;
export type HallSettings = Hall["settings"];
export type Counter = Ok<paths["/api/halls/{hallId}/counters"]["get"]>[number];
export type BusinessType = Ok<paths["/api/business-types"]["get"]>[number];
export type Ticket = Ok<paths["/api/tickets/{id}"]["get"]>;
export type Board = Ok<paths["/api/halls/{hallId}/board"]["get"]>;
/** A ticket as the public screens see it (the board, a device's live events): no customer data. */
export type BoardTicket = Board["calls"][number];
export type CounterNow = Ok<paths["/api/halls/{hallId}/counters/{counterId}/now"]["get"]>;
export type Journey = Ok<paths["/api/halls/{hallId}/visits"]["get"]>[number];
export type TodayStats = Ok<paths["/api/halls/{hallId}/stats/today"]["get"]>;
export type User = Ok<paths["/api/users"]["get"]>[number];
export type Role = User["role"];
export type Device = Ok<paths["/api/halls/{hallId}/devices"]["get"]>[number];
export type SignInLock = Ok<paths["/api/sign-in-locks"]["get"]>[number];
export type DivertChannel = BusinessType["divertChannels"][number];
export type Outcome = NonNullable<Ticket["outcome"]>;
export type Rating = Ok<paths["/api/tickets/{id}/evaluation"]["post"]>["rating"];

export type QueueView = Ok<paths["/api/halls/{hallId}/queue"]["get"]>;
export type PeakAction = QueueView["peakActions"][number];
/** Where the hall's event stream stood for a read (queue, board): the screen applies later events. */
export type AsOf = QueueView["asOf"];
/** One event of the hall's live stream (GET /api/halls/:hallId/events), as the server documents it. */
export type HallEvent =
  paths["/api/halls/{hallId}/events"]["get"]["responses"][200]["content"]["text/event-stream"];
export type HallEventType = HallEvent["type"];
/** The data of a ticket.* event: the ticket as the stream's reader may see it, and where it happened. */
export type TicketEventData = Extract<HallEvent, { type: "ticket.called" }>["data"];

export type Breach = Ok<paths["/api/halls/{hallId}/breaches"]["get"]>[number];
