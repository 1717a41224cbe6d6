import { CheckCircleFilled } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ApiError, api, unwrap } from "../../api/client";
import { useDeviceToken } from "../../api/device";
import type { HallEvent } from "../../api/events";
import { hallKey, useHall, useLiveHall } from "../../api/queries";
import type { BoardTicket, Rating } from "../../api/types";
import { useTypeName } from "../../shell/catalog";
import { BadDevice, ErrorState } from "../../shell/Forbidden";
import { DeviceGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import "./pad.css";
import { useLocalNames } from "../../shell/names";
import { negativeReasons, positiveReasons, RatingFaces } from "./RatingFaces";

// What the question needs of the ticket; `until`: when to stop asking (a question restored after a reload).
type Asked = Pick<BoardTicket, "id" | "number" | "businessType">;
type Step =
  | { kind: "idle" }
  | { kind: "rate"; ticket: Asked; rating: Rating | null; reasons: string[]; until?: number }
  | { kind: "thanks"; text: string };

// The pad asks for a while, then gives up; thanks stay briefly (R-EVAL: returns to idle by itself).
const ASK_MS = 90_000;
const THANKS_MS = 6_000;

function Pad({ hallId, counterId }: { hallId: string; counterId: string }) {
  const { t } = useTranslation();
  const { hallName } = useLocalNames();
  const hall = useHall(hallId);
  const typeName = useTypeName();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const idle = useCallback(() => setStep({ kind: "idle" }), []);
  // The pad's own counter only: its label and who serves there (the server shows a pad no other).
  const counter = useQuery({
    queryKey: hallKey(hallId, "counter-now", counterId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/halls/{hallId}/counters/{counterId}/now", {
          params: { path: { hallId, counterId } },
        }),
      ),
    refetchInterval: 60_000,
  });

  // After a reload: the counter's finished service still to be rated, asked again until its time is up.
  const pending = useQuery({
    queryKey: ["pad-prompt", hallId, counterId],
    queryFn: async () => {
      const res = await api.GET("/api/halls/{hallId}/counters/{counterId}/rating-prompt", {
        params: { path: { hallId, counterId } },
      });
      return res.response.status === 204 ? null : (unwrap(res) ?? null);
    },
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  useEffect(() => {
    const p = pending.data;
    if (!p) return;
    setStep((s) =>
      s.kind === "idle"
        ? {
            kind: "rate",
            ticket: p.ticket,
            rating: null,
            reasons: [],
            until: Date.now() + p.secondsLeft * 1000,
          }
        : s,
    );
  }, [pending.data]);

  useLiveHall(hallId, (e: HallEvent) => {
    const d = e.data as { ticket?: BoardTicket };
    if (e.type === "ticket.finished" && d.ticket?.counterId === counterId) {
      setStep({ kind: "rate", ticket: d.ticket, rating: null, reasons: [] });
    }
  });

  useEffect(() => {
    if (step.kind === "idle") return;
    const ms =
      step.kind === "thanks"
        ? THANKS_MS
        : step.until !== undefined
          ? Math.max(0, step.until - Date.now())
          : ASK_MS;
    const id = setTimeout(idle, ms);
    return () => clearTimeout(id);
  }, [step, idle]);

  const submit = useMutation({
    mutationFn: async (v: { ticketId: string; rating: Rating; reasons: string[] }) =>
      unwrap(
        await api.POST("/api/tickets/{id}/evaluation", {
          params: { path: { id: v.ticketId } },
          body: { rating: v.rating, reasons: v.reasons },
        }),
      ),
    onSuccess: () => setStep({ kind: "thanks", text: t("pad.thanks") }),
    onError: (e) =>
      setStep(
        e instanceof ApiError && e.status === 409
          ? { kind: "thanks", text: t("pad.already") }
          : { kind: "thanks", text: t("pad.failed") },
      ),
  });

  if (hall.error instanceof ApiError && hall.error.status === 401) return <BadDevice />;
  if (hall.error) return <ErrorState error={hall.error} onRetry={() => void hall.refetch()} />;
  if (counter.error) return <ErrorState error={counter.error} onRetry={() => void counter.refetch()} />;
  if (!hall.data || !counter.data) return <Loading />;
  const { label, staffName } = counter.data;

  return (
    <div className="pad">
      <header className="pad-header">
        <span>{hallName(hall.data)}</span>
        <span>{label}</span>
      </header>
      {step.kind === "idle" && (
        <main className="pad-idle">
          <h1>{t("pad.idleWelcome")}</h1>
          <p className="pad-idle-counter">{t("pad.idleCounter", { label })}</p>
          {staffName && <p>{t("pad.idleStaff", { name: staffName })}</p>}
          <p className="pad-muted">{t("pad.idleHint")}</p>
        </main>
      )}
      {step.kind === "rate" && (
        <main className="pad-rate">
          <h1>{t("pad.ask")}</h1>
          <p className="pad-muted">
            {t("pad.askTicket", { number: step.ticket.number, type: typeName(step.ticket.businessType) })}
          </p>
          <RatingFaces value={step.rating} onPick={(rating) => setStep({ ...step, rating, reasons: [] })} />
          {step.rating && (
            <section className="pad-reasons" aria-label={t("pad.reasonsAsk")}>
              <p>{t("pad.reasonsAsk")}</p>
              <div className="pad-chips">
                {(["very_satisfied", "satisfied"].includes(step.rating)
                  ? positiveReasons
                  : negativeReasons
                ).map((r) => {
                  const on = step.reasons.includes(r);
                  return (
                    <button
                      key={r}
                      type="button"
                      aria-pressed={on}
                      className={`pad-chip ${on ? "pad-chip-on" : ""}`}
                      onClick={() =>
                        setStep({
                          ...step,
                          reasons: on ? step.reasons.filter((x) => x !== r) : [...step.reasons, r],
                        })
                      }
                    >
                      {t(`pad.reason.${r}`)}
                    </button>
                  );
                })}
              </div>
              <button
                type="button"
                className="pad-submit"
                disabled={submit.isPending}
                onClick={() =>
                  submit.mutate({ ticketId: step.ticket.id, rating: step.rating!, reasons: step.reasons })
                }
              >
                {t("pad.submit")}
              </button>
            </section>
          )}
        </main>
      )}
      {step.kind === "thanks" && (
        <main className="pad-idle" role="status">
          <CheckCircleFilled className="pad-thanks-icon" aria-hidden />
          <h1>{step.text}</h1>
          <p className="pad-muted">{t("pad.thanksHint")}</p>
        </main>
      )}
    </div>
  );
}

export default function PadPage() {
  const { hallId = "", counterId = "" } = useParams();
  const token = useDeviceToken("pad", `${hallId}.${counterId}`);
  return (
    <DeviceGate screen="pad" token={token}>
      <Pad hallId={hallId} counterId={counterId} />
    </DeviceGate>
  );
}
