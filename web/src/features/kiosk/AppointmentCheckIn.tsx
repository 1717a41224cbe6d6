import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import type { Ticket } from "../../api/types";
import { timeOf } from "../../shell/format";
import { PhonePad } from "./PhonePad";
import { mobileProblem, validMobile } from "./phone";

/**
 * 我有预约: the customer types the phone the appointment was booked with and is checked in; the server
 * answers the ticket (the slip) or why not — nothing is listed on this public screen.
 */
export function AppointmentCheckIn({
  hallId,
  onTicket,
  onBack,
}: {
  hallId: string;
  onTicket: (t: Ticket) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const checkIn = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/api/halls/{hallId}/appointments/check-in", {
          params: { path: { hallId } },
          body: { phone },
        }),
      ),
    onSuccess: onTicket,
    onError: (e) => {
      if (e instanceof ApiError && e.status === 404) setProblem(t("kiosk.apptNone"));
      else if (e instanceof ApiError && e.code === "rule_violation") {
        const slot = e.details as { slotStart?: string; slotEnd?: string } | undefined;
        setProblem(
          slot?.slotStart && slot.slotEnd
            ? t("kiosk.apptNotNow", { from: timeOf(slot.slotStart), to: timeOf(slot.slotEnd) })
            : e.message,
        );
      } else setProblem(t("kiosk.failed"));
    },
  });
  const type = (v: string) => {
    setPhone(v);
    setProblem(null);
  };
  return (
    <section className="kiosk-phone" aria-labelledby="kiosk-appt-title">
      <div className="kiosk-phone-text">
        <h2 id="kiosk-appt-title">{t("kiosk.apptTitle")}</h2>
        <p>{t("kiosk.apptHint")}</p>
        {mobileProblem(phone) && <p className="kiosk-error">{t("kiosk.phoneInvalid")}</p>}
        {problem && (
          <p className="kiosk-error" role="alert">
            {problem}
          </p>
        )}
        <div className="kiosk-phone-actions">
          <button type="button" className="kiosk-btn kiosk-btn-ghost" onClick={onBack}>
            {t("action.back")}
          </button>
          <button
            type="button"
            className="kiosk-btn kiosk-btn-primary"
            disabled={!validMobile(phone) || checkIn.isPending}
            onClick={() => checkIn.mutate()}
          >
            {t("kiosk.apptCheckIn")}
          </button>
        </div>
      </div>
      <PhonePad value={phone} onChange={type} />
    </section>
  );
}
