import { CalendarOutlined, ClockCircleOutlined, CrownOutlined, LoadingOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { App } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router-dom";
import { ApiError, api, unwrap } from "../../api/client";
import { useDeviceToken } from "../../api/device";
import { useIdempotencyKey } from "../../api/idempotency";
import { useBoard, useBusinessTypes, useHall, useLiveHall } from "../../api/queries";
import type { BusinessType, Ticket } from "../../api/types";
import { typeName } from "../../shell/catalog";
import { BadDevice, ErrorState } from "../../shell/Forbidden";
import { DeviceGate } from "../../shell/Gate";
import { LanguageSwitch } from "../../shell/LanguageSwitch";
import { Loading } from "../../shell/Loading";
import { useNow } from "../../shell/useNow";
import { BusinessGrid, VipButton } from "./BusinessGrid";
import { describeHours, isOpenAt } from "./hours";
import "./kiosk.css";
import { useLocalNames } from "../../shell/names";
import { AppointmentCheckIn } from "./AppointmentCheckIn";
import { ChannelOffer, eChannelsOf } from "./ChannelOffer";
import { PhonePad, validCard } from "./PhonePad";
import { mobileProblem, validMobile } from "./phone";
import { type NearestHall, NotVip, Refused } from "./Refused";
import { TicketSlip } from "./TicketSlip";

type Step =
  | { kind: "home" }
  | { kind: "phone"; bt: BusinessType }
  | { kind: "vip" }
  | { kind: "appointment" }
  | { kind: "ticket"; ticket: Ticket; bt: BusinessType }
  | { kind: "refused"; bt: BusinessType; nearest: NearestHall }
  // The phone given for VIP is not a VIP's the operator knows: card, or a regular ticket.
  | { kind: "notVip"; bt: BusinessType; phone: string | null }
  | { kind: "closed" }
  // R-PEAK level 2: the e-channels offered before a ticket for divertible business.
  | { kind: "offer"; bt: BusinessType; channels: string[] };

function Kiosk({ hallId }: { hallId: string }) {
  const { t, i18n } = useTranslation();
  const { hallName } = useLocalNames();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const autoPrint = params.get("print") !== "0";
  const hall = useHall(hallId);
  const types = useBusinessTypes();
  const board = useBoard(hallId);
  useLiveHall(hallId);
  const now = useNow(15_000);
  const [step, setStep] = useState<Step>({ kind: "home" });
  const [vipPhone, setVipPhone] = useState<string | null>(null);
  // VIP by membership card: a card reader types digits like a keyboard, or the customer keys them in.
  const [vipCard, setVipCard] = useState<string | null>(null);
  const [vipMode, setVipMode] = useState<"phone" | "card">("phone");
  const [phone, setPhone] = useState("");
  // One key per customer at the kiosk: a double tap, or a retry after an error, issues one ticket. New
  // after a ticket, and when the kiosk goes back to its start (the next customer may be someone else).
  const intent = useIdempotencyKey();
  const home = useCallback(() => {
    intent.renew();
    setStep({ kind: "home" });
    setVipPhone(null);
    setVipCard(null);
    setVipMode("phone");
    setPhone("");
  }, [intent]);

  // A half-finished step goes back to the start by itself, for the next customer; typing restarts the timer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: phone is a trigger, not a value read here
  useEffect(() => {
    if (step.kind !== "phone" && step.kind !== "vip" && step.kind !== "appointment") return;
    const id = setTimeout(home, 60_000);
    return () => clearTimeout(id);
  }, [step, phone, home]);

  // A "closed" answer from the server is checked again after a while (the clocks may differ slightly).
  useEffect(() => {
    if (step.kind !== "closed") return;
    const id = setTimeout(home, 60_000);
    return () => clearTimeout(id);
  }, [step, home]);

  const issue = useMutation({
    mutationFn: async (v: { bt: BusinessType; phone?: string; vip?: boolean; vipCard?: string }) =>
      unwrap(
        await api.POST("/api/halls/{hallId}/tickets", {
          params: { path: { hallId } },
          body: {
            businessType: v.bt.code,
            ...(v.phone ? { phone: v.phone } : {}),
            ...(v.vip ? { vip: true } : {}),
            ...(v.vipCard ? { vipCard: v.vipCard } : {}),
          },
          ...intent.send(),
        }),
      ),
    onSuccess: (ticket, v) => {
      intent.renew();
      setPhone("");
      setVipPhone(null);
      setVipCard(null);
      setVipMode("phone");
      setStep({ kind: "ticket", ticket, bt: v.bt });
    },
    onError: (e, v) => {
      if (e instanceof ApiError && e.code === "business_not_allowed_here") {
        const nearest = (e.details as { nearestHall?: NearestHall } | undefined)?.nearestHall ?? null;
        setStep({ kind: "refused", bt: v.bt, nearest });
      } else if (e instanceof ApiError && e.code === "hall_closed") setStep({ kind: "closed" });
      else if (
        e instanceof ApiError &&
        (e.details as { vip?: string } | undefined)?.vip === "not_recognised"
      ) {
        setVipPhone(null);
        setVipCard(null);
        setStep({ kind: "notVip", bt: v.bt, phone: v.phone ?? null });
      } else void message.error(t("kiosk.failed"));
    },
  });

  // A second tap can come before the buttons are disabled: it waits for the first's answer.
  const take = (v: Parameters<typeof issue.mutate>[0]) => {
    if (!intent.inFlight()) issue.mutate(v);
  };

  const waitingByType = useMemo(
    () => new Map((board.data?.byBusinessType ?? []).map((b) => [b.businessType, b.waiting])),
    [board.data],
  );
  if (hall.error instanceof ApiError && hall.error.status === 401) return <BadDevice />;
  if (hall.error) return <ErrorState error={hall.error} onRetry={() => void hall.refetch()} />;
  if (!hall.data || !types.data) return <Loading />;
  const h = hall.data;
  const active = types.data.filter((b) => b.active);
  const closed = step.kind === "closed" || !isOpenAt(h.openingHours, new Date(now));
  const label = (bt: BusinessType) => typeName(bt, i18n.language);
  const byCard = step.kind === "vip" && vipMode === "card";
  const pick = (bt: BusinessType, offered = false) => {
    const channels = eChannelsOf(bt.divertChannels, board.data?.eChannels ?? []);
    if (!offered && board.data?.diversion === "forced" && channels.length && !vipPhone && !vipCard)
      setStep({ kind: "offer", bt, channels });
    else if (vipPhone) take({ bt, phone: vipPhone, vip: true });
    else if (vipCard) take({ bt, vipCard, vip: true });
    else if (bt.forbiddenHallTypes.includes(h.type)) take({ bt });
    else setStep({ kind: "phone", bt });
  };

  return (
    <div className="kiosk" lang={i18n.language}>
      <header className="kiosk-header">
        <div>
          <div className="kiosk-hall">{hallName(h)}</div>
          <div className="kiosk-welcome">{t("kiosk.welcome")}</div>
        </div>
        <div className="kiosk-header-right">
          <span className="kiosk-clock" aria-hidden>
            <ClockCircleOutlined />{" "}
            {new Date(now).toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit", hour12: false })}
          </span>
          <LanguageSwitch size="large" />
        </div>
      </header>
      <main className="kiosk-main">
        {closed ? (
          <section className="kiosk-message" role="status">
            <ClockCircleOutlined className="kiosk-message-icon" aria-hidden />
            <h2>{t("kiosk.closedTitle")}</h2>
            <p>
              {t("kiosk.closedHint", {
                hours: describeHours(h.openingHours, i18n.language, t("kiosk.weekdays")),
              })}
            </p>
            <p className="kiosk-muted">{t("kiosk.closedSorry")}</p>
          </section>
        ) : step.kind === "home" ? (
          <>
            <div className="kiosk-title-row">
              <h1 className="kiosk-title">{t("kiosk.choose")}</h1>
              {vipPhone || vipCard ? (
                <button type="button" className="kiosk-vip kiosk-vip-on" onClick={home}>
                  <CrownOutlined aria-hidden />{" "}
                  {t("kiosk.vipBanner", {
                    phone: vipPhone
                      ? `${vipPhone.slice(0, 3)}****${vipPhone.slice(-4)}`
                      : `****${vipCard!.slice(-4)}`,
                  })}{" "}
                  · {t("kiosk.vipCancel")}
                </button>
              ) : (
                <div className="kiosk-title-actions">
                  <button
                    type="button"
                    className="kiosk-appt"
                    onClick={() => setStep({ kind: "appointment" })}
                  >
                    <CalendarOutlined aria-hidden /> {t("kiosk.appt")}
                  </button>
                  <VipButton onClick={() => setStep({ kind: "vip" })} />
                </div>
              )}
            </div>
            <BusinessGrid
              types={active}
              hall={h}
              waitingByType={waitingByType}
              onPick={(bt) => pick(bt)}
              busy={issue.isPending}
            />
          </>
        ) : step.kind === "phone" || step.kind === "vip" ? (
          <section className="kiosk-phone" aria-labelledby="kiosk-phone-title">
            <div className="kiosk-phone-text">
              <h2 id="kiosk-phone-title">
                {step.kind === "vip" ? t("kiosk.vipTitle") : t("kiosk.phoneTitle")}
              </h2>
              {step.kind === "vip" && (
                <fieldset className="kiosk-vip-mode" aria-label={t("kiosk.vipTitle")}>
                  {(["phone", "card"] as const).map((m) => (
                    <button
                      key={m}
                      type="button"
                      aria-pressed={vipMode === m}
                      className={`kiosk-btn ${vipMode === m ? "kiosk-btn-primary" : "kiosk-btn-ghost"}`}
                      onClick={() => {
                        setVipMode(m);
                        setPhone("");
                      }}
                    >
                      {m === "phone" ? t("kiosk.vipByPhone") : t("kiosk.vipByCard")}
                    </button>
                  ))}
                </fieldset>
              )}
              <p>
                {step.kind === "phone"
                  ? t("kiosk.phoneHint")
                  : vipMode === "card"
                    ? t("kiosk.vipCardHint")
                    : t("kiosk.vipHint")}
              </p>
              {step.kind === "phone" && <p className="kiosk-phone-type">{label(step.bt)}</p>}
              {byCard
                ? phone.length >= 19 &&
                  !validCard(phone) && <p className="kiosk-error">{t("kiosk.cardInvalid")}</p>
                : mobileProblem(phone) && <p className="kiosk-error">{t("kiosk.phoneInvalid")}</p>}
              <div className="kiosk-phone-actions">
                <button type="button" className="kiosk-btn kiosk-btn-ghost" onClick={home}>
                  {t("action.back")}
                </button>
                {step.kind === "phone" && (
                  <button
                    type="button"
                    className="kiosk-btn kiosk-btn-ghost"
                    disabled={issue.isPending}
                    onClick={() => take({ bt: step.bt })}
                  >
                    {issue.isPending && !issue.variables?.phone && <LoadingOutlined aria-hidden />}{" "}
                    {t("kiosk.skip")}
                  </button>
                )}
                <button
                  type="button"
                  className="kiosk-btn kiosk-btn-primary"
                  disabled={!(byCard ? validCard(phone) : validMobile(phone)) || issue.isPending}
                  onClick={() => {
                    if (step.kind === "phone") take({ bt: step.bt, phone });
                    else {
                      if (byCard) setVipCard(phone);
                      else setVipPhone(phone);
                      setPhone("");
                      setStep({ kind: "home" });
                    }
                  }}
                >
                  {issue.isPending && !!issue.variables?.phone && <LoadingOutlined aria-hidden />}{" "}
                  {step.kind === "phone" ? t("kiosk.take") : t("kiosk.next")}
                </button>
              </div>
            </div>
            {byCard ? (
              <PhonePad
                value={phone}
                onChange={setPhone}
                maxLength={19}
                label={t("kiosk.cardLabel")}
                placeholder={t("kiosk.cardPlaceholder")}
              />
            ) : (
              <PhonePad value={phone} onChange={setPhone} />
            )}
          </section>
        ) : step.kind === "appointment" ? (
          <AppointmentCheckIn
            hallId={hallId}
            onBack={home}
            onTicket={(ticket) => {
              const bt = types.data.find((b) => b.code === ticket.businessType);
              if (bt) setStep({ kind: "ticket", ticket, bt });
              else home();
            }}
          />
        ) : step.kind === "notVip" ? (
          <NotVip
            onRegular={() => issue.mutate({ bt: step.bt, ...(step.phone ? { phone: step.phone } : {}) })}
            onCard={() => {
              setVipMode("card");
              setStep({ kind: "vip" });
            }}
            onDone={home}
            pending={issue.isPending}
          />
        ) : step.kind === "offer" ? (
          <ChannelOffer
            typeLabel={label(step.bt)}
            channels={step.channels}
            onTicket={() => pick(step.bt, true)}
            onDone={home}
            pending={issue.isPending}
          />
        ) : step.kind === "ticket" ? (
          <TicketSlip
            ticket={step.ticket}
            hall={h}
            typeLabel={label(step.bt)}
            autoPrint={autoPrint}
            onDone={home}
          />
        ) : (
          <Refused typeLabel={label(step.bt)} nearest={step.nearest} onDone={home} />
        )}
      </main>
      <footer className="kiosk-footer">
        {step.kind === "home" && !closed ? t("kiosk.touchHint") : h.address}
      </footer>
    </div>
  );
}

export default function KioskPage() {
  const { hallId = "" } = useParams();
  const token = useDeviceToken("kiosk", hallId);
  return (
    <DeviceGate screen="kiosk" token={token}>
      <Kiosk hallId={hallId} />
    </DeviceGate>
  );
}
