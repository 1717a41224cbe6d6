import { z } from "zod";
import { AppError } from "./errors.js";

// Keyset paging (issue 17): a list's next page starts after the last row's sort key, so page 50 costs
// what page 1 does — OFFSET reads and throws away every row before it, which grows with the history. A
// cursor is the sort key of the page's last row, opaque to the client (base64url JSON).

export type CursorValue = string | number | null;

/** The `cursor` a list takes, and the `limit`. */
export const cursorQuery = z
  .string()
  .max(400)
  .regex(/^[A-Za-z0-9_-]+$/, "a cursor from a previous page's nextCursor")
  .optional()
  .describe("nextCursor of the previous page; absent for the first page");

const badCursor = () =>
  new AppError("invalid_input", "cursor: not a cursor from this list", { field: "cursor" });

export const encodeCursor = (key: CursorValue[]) => Buffer.from(JSON.stringify(key)).toString("base64url");

/** The sort key a cursor holds, checked against its expected shape: a tampered cursor is a 400. */
export function decodeCursor(
  cursor: string,
  shape: ("string" | "number" | "nullable-string")[],
): CursorValue[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  const fits =
    Array.isArray(key) &&
    key.length === shape.length &&
    key.every((v, i) =>
      shape[i] === "number"
        ? typeof v === "number" && Number.isFinite(v)
        : shape[i] === "nullable-string"
          ? v === null || typeof v === "string"
          : typeof v === "string",
    );
  if (!fits) throw badCursor();
  return key as CursorValue[];
}

/**
 * A page from `limit + 1` rows read after the cursor: the rows to show, and the cursor of the next page
 * when there is one (the extra row says so without counting).
 */
export function pageOf<R>(rows: R[], limit: number, keyOf: (r: R) => CursorValue[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** Counts stop here: a list says "1000+" instead of counting a hall's whole history for every page. */
export const COUNT_CAP = 1000;

/** A page with no count: the lists a screen scrolls on ("more" is enough, issue 17). */
export const cursorPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last page"),
  });

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last page"),
    total: z.number().describe(`Matching rows, counted up to ${COUNT_CAP}`),
    totalCapped: z.boolean().describe(`true when there are more than ${COUNT_CAP} (total is then the cap)`),
  });
