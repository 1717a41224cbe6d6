import type { Feature } from "../../core/feature.js";
import { hallRoutes } from "./routes.js";

export const hallsFeature: Feature = { name: "halls", routes: hallRoutes };
