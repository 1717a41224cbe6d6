import { CheckCircleFilled } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ApiError, api, unwrap } from "../../api/client";
import type { Rating } from "../../api/types";
import { Loading } from "../../shell/Loading";
import "../pad/pad.css";
import { negativeReasons, positiveReasons, RatingFaces } from "../pad/RatingFaces";
import "./rate.css";

// R-EVAL by SMS: the customer opens the link from the message after the service, no login, and answers
// the pad's question once within 72 hours.
export default function RatePage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const [rating, setRating] = useState<Rating | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const link = useQuery({
    queryKey: ["rate", token],
    queryFn: async () =>
      unwrap(await api.GET("/api/public/ratings/{token}", { params: { path: { token } } })),
  });
  const submit = useMutation({
    mutationFn: async (v: { rating: Rating; reasons: string[] }) =>
      unwrap(await api.POST("/api/public/ratings/{token}", { params: { path: { token } }, body: v })),
  });
  const code = submit.error instanceof ApiError ? submit.error.code : null;
  const done = submit.isSuccess || link.data?.state === "answered" || code === "already_rated";
  const expired = link.data?.state === "expired" || code === "rating_link_expired";
  const message = (text: string, hint?: string, ok = false) => (
    <main className="pad-idle" role="status">
      {ok && <CheckCircleFilled className="pad-thanks-icon" aria-hidden />}
      <h1>{text}</h1>
      {hint && <p className="pad-muted">{hint}</p>}
    </main>
  );
  if (link.isLoading) return <Loading />;
  const d = link.data;
  return (
    <div className="pad rate">
      <header className="pad-header">
        <span>{d?.hallName ?? t("quality.rate.title")}</span>
        <span>{d?.counterLabel ?? ""}</span>
      </header>
      {link.error
        ? message(t("quality.rate.unknown"), t("quality.rate.unknownHint"))
        : done
          ? message(t("quality.rate.thanks"), t("quality.rate.thanksHint"), true)
          : expired
            ? message(t("quality.rate.expired"), t("quality.rate.expiredHint"))
            : d && (
                <main className="pad-rate">
                  <h1>{t("pad.ask")}</h1>
                  <p className="pad-muted">
                    {t("quality.rate.service", {
                      type: d.businessTypeName,
                      at: d.finishedAt ? new Date(d.finishedAt).toLocaleString() : "",
                    })}
                  </p>
                  <RatingFaces
                    value={rating}
                    onPick={(r) => {
                      setRating(r);
                      setReasons([]);
                    }}
                  />
                  {rating && (
                    <section className="pad-reasons" aria-label={t("pad.reasonsAsk")}>
                      <p>{t("pad.reasonsAsk")}</p>
                      <div className="pad-chips">
                        {(["very_satisfied", "satisfied"].includes(rating)
                          ? positiveReasons
                          : negativeReasons
                        ).map((r) => {
                          const on = reasons.includes(r);
                          return (
                            <button
                              key={r}
                              type="button"
                              aria-pressed={on}
                              className={`pad-chip ${on ? "pad-chip-on" : ""}`}
                              onClick={() =>
                                setReasons(on ? reasons.filter((x) => x !== r) : [...reasons, r])
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
                        onClick={() => submit.mutate({ rating, reasons })}
                      >
                        {t("pad.submit")}
                      </button>
                    </section>
                  )}
                </main>
              )}
    </div>
  );
}
