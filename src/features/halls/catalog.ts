import type { BusinessType } from "./contract.js";

// R-CATALOG defaults: handling limits from HM ch.8, hall-type restrictions from HM ch.6
// (a cooperative hall may not cancel accounts, refund, replace SIMs, redeem points or change customer data).
const cooperativeForbidden = ["cooperative"] as BusinessType["forbiddenHallTypes"];

export const DEFAULT_CATALOG: Omit<BusinessType, "active">[] = [
  { code: "payment", name: "交费", nameEn: "Payment", prefix: "A", handlingLimitSeconds: 180, waitLimitSeconds: 600, forbiddenHallTypes: [], divertChannels: ["self_service_terminal", "online_hall", "sms_hall"], icon: "wallet", sortOrder: 1 },
  { code: "change", name: "业务变更", nameEn: "Plan change", prefix: "B", handlingLimitSeconds: 180, waitLimitSeconds: 600, forbiddenHallTypes: [], divertChannels: ["online_hall", "sms_hall", "hotline"], icon: "swap", sortOrder: 2 },
  { code: "suspension", name: "停机", nameEn: "Suspension", prefix: "C", handlingLimitSeconds: 180, waitLimitSeconds: 600, forbiddenHallTypes: [], divertChannels: ["hotline", "online_hall"], icon: "pause", sortOrder: 3 },
  { code: "sim_replacement", name: "挂失补卡", nameEn: "SIM loss / replacement", prefix: "D", handlingLimitSeconds: 300, waitLimitSeconds: 600, forbiddenHallTypes: cooperativeForbidden, divertChannels: ["self_service_terminal", "other_hall"], icon: "idcard", sortOrder: 4 },
  { code: "new_subscription", name: "新入网", nameEn: "New subscription", prefix: "E", handlingLimitSeconds: 600, waitLimitSeconds: 600, forbiddenHallTypes: [], divertChannels: ["online_hall", "other_hall"], icon: "user-add", sortOrder: 5 },
  { code: "consultation", name: "咨询", nameEn: "Consultation", prefix: "F", handlingLimitSeconds: 300, waitLimitSeconds: 600, forbiddenHallTypes: [], divertChannels: ["hotline", "online_hall"], icon: "question", sortOrder: 6 },
  { code: "cancellation", name: "销号", nameEn: "Account cancellation", prefix: "G", handlingLimitSeconds: 600, waitLimitSeconds: 600, forbiddenHallTypes: cooperativeForbidden, divertChannels: ["other_hall", "off_peak"], icon: "close-circle", sortOrder: 7 },
  { code: "refund", name: "退费", nameEn: "Refund", prefix: "H", handlingLimitSeconds: 600, waitLimitSeconds: 600, forbiddenHallTypes: cooperativeForbidden, divertChannels: ["hotline", "other_hall"], icon: "rollback", sortOrder: 8 },
  { code: "points_redemption", name: "积分兑换", nameEn: "Points redemption", prefix: "J", handlingLimitSeconds: 300, waitLimitSeconds: 600, forbiddenHallTypes: cooperativeForbidden, divertChannels: ["online_hall", "sms_hall", "self_service_terminal"], icon: "gift", sortOrder: 9 },
  { code: "data_change", name: "客户资料变更", nameEn: "Customer data change", prefix: "K", handlingLimitSeconds: 300, waitLimitSeconds: 600, forbiddenHallTypes: cooperativeForbidden, divertChannels: ["other_hall", "online_hall"], icon: "edit", sortOrder: 10 },
];

// R-TICKET: VIP tickets carry their own prefix (V003) whatever the business type.
export const VIP_PREFIX = "V";
