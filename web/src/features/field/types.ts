import type { paths } from "../../api/schema";

// The field API's shapes, from the generated OpenAPI types (npm run gen:api), never written by hand.
type Json<R> = R extends { content: { "application/json": infer J } } ? J : never;
type Ok<Op> = Op extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer B }
      ? Json<B>
      : never
  : never;
type Body<Op> = Op extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

export type Customer = Ok<paths["/api/field/customers/{id}"]["get"]>;
export type MyDay = Ok<paths["/api/field/my-day"]["get"]>;
export type DueVisit = MyDay["dueVisits"][number];
export type GreetingDue = MyDay["greetings"][number];
export type PromiseItem = MyDay["promises"][number];
export type OpenItem = MyDay["openQuestions"][number];
export type VisitPlan = MyDay["plans"][number];
export type VisitRecord = Ok<paths["/api/field/customers/{id}/visits"]["get"]>[number];
export type VisitRecordBody = Body<paths["/api/field/customers/{id}/visits"]["post"]>;
export type Contract = Ok<paths["/api/field/customers/{id}/contracts"]["get"]>[number];
export type Opportunity = Ok<paths["/api/field/opportunities"]["get"]>[number];
export type Compliance = Ok<paths["/api/field/compliance"]["get"]>[number];
export type BlindSpot = Ok<paths["/api/field/blind-spots"]["get"]>[number];
export type Cadence = Ok<paths["/api/field/cadence"]["get"]>[number];
export type ServiceOrder = Ok<paths["/api/field/service-orders/{id}/check"]["post"]>;
export type Tier = Customer["tier"];
export type Stage = Opportunity["stage"];
export type BlindSpotStatus = BlindSpot["status"];
