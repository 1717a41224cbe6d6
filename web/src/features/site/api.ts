import type { paths } from "../../api/schema";

type Json<R> = R extends { content: { "application/json": infer J } } ? J : never;
export type SiteForm = Json<paths["/api/halls/{hallId}/site-checks/form"]["get"]["responses"][200]>;
export type SiteCheck = Json<paths["/api/site-checks/{id}"]["get"]["responses"][200]>;
export type SiteCheckBody = NonNullable<
  paths["/api/halls/{hallId}/site-checks"]["post"]["requestBody"]
>["content"]["application/json"];
export type SiteTask = SiteCheck["tasks"][number];
export type Incident = Json<paths["/api/incidents/{id}"]["get"]["responses"][200]>;
export type IncidentBody = NonNullable<
  paths["/api/halls/{hallId}/incidents"]["post"]["requestBody"]
>["content"]["application/json"];
export type DeviceState = SiteForm["devices"][number];
