import { useState } from "react";
import { setDeviceToken } from "./client";

// A kiosk, display or pad is set up by opening its link once with ?device=<token>; the token is kept in
// this browser (per screen and hall) so the device comes back by itself after a reload or power cut.
const storageKey = (screen: string, id: string) => `tingwu.device.${screen}.${id}`;

function readToken(screen: string, id: string): string | null {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get("device");
  if (fromUrl) {
    // Out of the address bar once kept: not shown on a customer-facing screen, and a reload of a
    // revoked device gets the app (which says what is wrong) rather than the server's 401.
    params.delete("device");
    const rest = params.toString();
    window.history.replaceState(
      window.history.state,
      "",
      `${window.location.pathname}${rest ? `?${rest}` : ""}`,
    );
  }
  try {
    if (fromUrl) {
      localStorage.setItem(storageKey(screen, id), fromUrl);
      return fromUrl;
    }
    return localStorage.getItem(storageKey(screen, id));
  } catch {
    return fromUrl; // storage blocked (private mode): the link still works
  }
}

/**
 * Puts the screen's device token (if any) on the API client. Set during render, before any child's
 * effect opens a request or a stream; a device screen is the only screen of its browser tab.
 */
export function useDeviceToken(screen: "kiosk" | "display" | "pad", id: string): string | null {
  const [token] = useState(() => readToken(screen, id));
  setDeviceToken(token);
  return token;
}

/** Forgets a revoked or wrong token so the next start asks for a new link or a sign-in. */
export function forgetDeviceToken(screen: string, id: string) {
  try {
    localStorage.removeItem(storageKey(screen, id));
  } catch {
    // nothing stored
  }
}
