import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useSession } from "../api/session";
import { Forbidden } from "./Forbidden";
import { Loading } from "./Loading";
import { mayOpen, type Screen } from "./screens";

/** A staff screen: signed in, with a role that works with it; otherwise the sign-in or a 403 page. */
export function StaffGate({
  screen,
  allowAny = false,
  children,
}: {
  screen: Screen;
  allowAny?: boolean;
  children: ReactNode;
}) {
  const { principal, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (principal?.kind !== "user") {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (!allowAny && !mayOpen(principal, screen)) return <Forbidden />;
  return <>{children}</>;
}

/**
 * A device screen: its token (from ?device= or kept from before) is enough; without one a signed-in
 * staff member whose role may use the screen can open it too.
 */
export function DeviceGate({
  screen,
  token,
  children,
}: {
  screen: Screen;
  token: string | null;
  children: ReactNode;
}) {
  if (token) return <>{children}</>;
  return <StaffGate screen={screen}>{children}</StaffGate>;
}
