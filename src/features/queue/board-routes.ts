import type { FastifyInstance } from "fastify";
import { authorize } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall } from "../halls/data.js";
import { boardView } from "./board.js";
import { boardSchema } from "./contract.js";

// The public screens' read of the queue (kiosk tiles, calling display): no customer data.
export async function boardRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  app.get(
    "/api/halls/:hallId/board",
    {
      schema: {
        tags: ["queue"],
        summary:
          "What the kiosk and the calling display show: waiting per business, the calls at the counters",
        params: hallIdParams,
        response: { 200: boardSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "queue.board", hall);
      return boardView(db, hall);
    },
  );
}
