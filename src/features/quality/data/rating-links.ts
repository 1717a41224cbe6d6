import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { ratingLinks } from "../tables.js";

// R-EVAL by SMS: a rating link by its token's hash (the token itself is never stored).
export async function findRatingLink(db: DbOrTx, tokenHash: string) {
  const [row] = await db.select().from(ratingLinks).where(eq(ratingLinks.tokenHash, tokenHash)).limit(1);
  return row ?? null;
}
