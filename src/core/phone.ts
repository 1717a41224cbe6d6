import { z } from "zod";

// Customer phone numbers, one rule each, used by every contract that takes one.
//
// A Chinese mobile number (手机号): 11 digits, 1 then 3–9 (the MIIT number plan has no 10x, 11x or 12x
// mobile blocks), e.g. 13812341234. The queue, appointments and SMS reminders need a mobile.
export const CHINESE_MOBILE = /^1[3-9]\d{9}$/;
// A fixed line (固定电话): 0 and a 2–3 digit area code (010, 021, 0755 …), an optional hyphen, then a
// local number of 7–8 digits that does not start with 0 or 1 (those are trunk and service prefixes).
export const CHINESE_LANDLINE = /^0\d{2,3}-?[2-9]\d{6,7}$/;

export const chineseMobile = z
  .string()
  .regex(CHINESE_MOBILE, "a Chinese mobile number: 11 digits, 1 then 3–9 (e.g. 13812341234)");

/** Where a customer may also give a fixed line: complaints, faults, the field archive's customers and contacts. */
export const customerPhone = z
  .string()
  .regex(
    new RegExp(`${CHINESE_MOBILE.source}|${CHINESE_LANDLINE.source}`),
    "a Chinese mobile number (13812341234) or a fixed line with its area code (021-62345678)",
  );
