import type { CustomerTier } from "../customers/contract.js";

// 上门装移修前核对客户资料 (RA 1.3.4.1(3)): name, address and customer type must match the order.
const norm = (s: string) => s.replace(/[\s,，。.、\-—()（）]/g, "").toLowerCase();
export function orderMismatches(
  order: { orderName: string; orderAddress: string; orderTier: CustomerTier },
  found: { name: string; address: string; tier: CustomerTier },
): string[] {
  const out: string[] = [];
  if (norm(order.orderName) !== norm(found.name)) out.push("name");
  if (norm(order.orderAddress) !== norm(found.address)) out.push("address");
  if (order.orderTier !== found.tier) out.push("tier");
  return out;
}
