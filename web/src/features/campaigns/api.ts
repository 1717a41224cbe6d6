import type { paths } from "../../api/schema";

type Json<R> = R extends { content: { "application/json": infer J } } ? J : never;
export type Campaign = Json<paths["/api/campaigns/{id}"]["get"]["responses"][200]>;
export type CampaignWarning = Campaign["warnings"][number];
export type CampaignReport = Json<paths["/api/campaigns/{id}/report"]["get"]["responses"][200]>;
export type CampaignBody = NonNullable<
  paths["/api/campaigns"]["post"]["requestBody"]
>["content"]["application/json"];
