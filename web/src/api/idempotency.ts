import type { Middleware } from "openapi-fetch";
import { useMemo, useRef } from "react";
import { idempotent, newIdempotencyKey } from "./client";

export type Intent = {
  /** The options that send this intent's key with a request (spread into api.POST's options). */
  send: () => { middleware: Middleware[] };
  /** A new key: call it when the intent has succeeded (or is given up), so the next one is new. */
  renew: () => void;
  /**
   * Whether a request of this intent is on its way. A second tap can come before React has disabled
   * the button (the mutation's state reaches the screen a task later); its handler asks this first.
   */
  inFlight: () => boolean;
};

/**
 * One key per intent of a screen or form — "this customer takes a ticket", "this complaint is recorded" —
 * the same for every request the intent sends (a double tap, a retry after an error or a lost answer)
 * and new once it has succeeded. The server keeps a success for 24 h and keeps no error, so an intent
 * that failed may be sent again, corrected, with its key. Should the server say the key already served
 * another request (an answer was lost, then the form was changed), the key is renewed for the next try.
 */
export function useIdempotencyKey(): Intent {
  const key = useRef<string | null>(null);
  const sending = useRef(new Set<string>());
  return useMemo(() => {
    const renew = () => {
      key.current = newIdempotencyKey();
    };
    const watch: Middleware = {
      onRequest({ id }) {
        sending.current.add(id);
      },
      async onResponse({ id, response }) {
        sending.current.delete(id);
        if (response.status !== 409) return;
        const body = (await response
          .clone()
          .json()
          .catch(() => null)) as { error?: { code?: string } } | null;
        if (body?.error?.code === "idempotency_key_reused") renew();
      },
      onError({ id }) {
        sending.current.delete(id);
      },
    };
    return {
      send: () => {
        key.current ??= newIdempotencyKey();
        return { middleware: [idempotent(key.current), watch] };
      },
      renew,
      inFlight: () => sending.current.size > 0,
    };
  }, []);
}
