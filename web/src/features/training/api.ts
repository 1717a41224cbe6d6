import type { paths } from "../../api/schema";

type Json<R> = R extends { content: { "application/json": infer J } } ? J : never;
export type Test = Json<paths["/api/training/tests/{id}"]["get"]["responses"][200]>;
export type TestSummary = Json<paths["/api/training/tests"]["get"]["responses"][200]>[number];
export type Question = Test["questions"][number];
export type AttemptResult = Json<paths["/api/training/tests/{id}/attempts"]["post"]["responses"][201]>;
export type Analysis = Json<paths["/api/training/tests/{id}/analysis"]["get"]["responses"][200]>;
export type Plan = Json<paths["/api/training/plans"]["get"]["responses"][200]>[number];
export type ImportAnswer = Json<paths["/api/training/questions/import"]["post"]["responses"][201]>;
export const LETTERS = ["A", "B", "C", "D", "E", "F"];
export const letters = (answer: number[]) => answer.map((i) => LETTERS[i]).join("");
