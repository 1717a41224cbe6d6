// Z6 counter recommendation (柜台推荐): which products to offer for which business. The codes are what
// the finish call records in `recommended` / `accepted`; the talking points are in strings.ts.
export type Product = "auto_pay" | "family_plan" | "upgrade_5g" | "broadband" | "app" | "esim";

const byType: Record<string, Product[]> = {
  payment: ["auto_pay", "app", "family_plan"],
  change: ["upgrade_5g", "family_plan", "broadband"],
  suspension: ["app", "auto_pay"],
  sim_replacement: ["esim", "app"],
  new_subscription: ["family_plan", "broadband", "app"],
  consultation: ["app", "upgrade_5g"],
  data_change: ["app", "auto_pay"],
  points_redemption: ["upgrade_5g", "app"],
};

export const productsFor = (businessType: string): Product[] => byType[businessType] ?? ["app", "upgrade_5g"];
