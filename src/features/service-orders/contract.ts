import { z } from "zod";
import { customerTiers, serviceOrderKinds, serviceOrderStatuses } from "../customers/contract.js";

export const serviceOrderBody = z.object({
  kind: z.enum(serviceOrderKinds),
  orderName: z.string().trim().min(1).max(100),
  orderAddress: z.string().trim().min(1).max(200),
  orderTier: z.enum(customerTiers),
});
// 施工前客户资料核对: what the agent finds on site, compared with the order.
export const serviceOrderCheckBody = z.object({
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().min(1).max(200),
  tier: z.enum(customerTiers),
});
export const fourNotices = ["10000", "10001", "114", "online"] as const; // 四项告知
export const serviceOrderSignBody = z.object({
  form: z.enum(["work_sheet", "quality_form"]), // 施工单 / 质量监督表
  // A PNG or JPEG drawn on the phone, as a data URL; at most ~300 KB.
  signature: z
    .string()
    .max(400_000)
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, "a PNG or JPEG data URL"),
  noticesTold: z.array(z.enum(fourNotices)),
});
export const serviceOrderSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  kind: z.enum(serviceOrderKinds),
  orderName: z.string(),
  orderAddress: z.string(),
  orderTier: z.enum(customerTiers),
  status: z.enum(serviceOrderStatuses),
  mismatches: z.array(z.string()),
  noticesTold: z.array(z.string()),
  signatureForm: z.enum(["work_sheet", "quality_form"]).nullable(),
  signed: z.boolean(),
  signedAt: z.string().nullable(),
  createdAt: z.string(),
});
