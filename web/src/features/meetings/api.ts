import type { paths } from "../../api/schema";

type Json<R> = R extends { content: { "application/json": infer J } } ? J : never;
export type Meeting = Json<paths["/api/meetings/{id}"]["get"]["responses"][200]>;
export type MeetingPatch = NonNullable<
  paths["/api/meetings/{id}"]["patch"]["requestBody"]
>["content"]["application/json"];
