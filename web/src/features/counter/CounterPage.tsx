import { CoffeeOutlined, PoweroffOutlined, SoundOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Col, Empty, Row, Space, Tag } from "antd";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ApiError, api, unwrap } from "../../api/client";
import { useBusinessTypes, useCounters, useHall, useLiveHall, useQueue } from "../../api/queries";
import { may, useSession } from "../../api/session";
import { type TicketAction, useTicketAction } from "../../api/ticketActions";
import { ErrorState, NotFound } from "../../shell/Forbidden";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { useLocalNames } from "../../shell/names";
import { StaffLayout } from "../../shell/StaffLayout";
import { AwayBanner, AwayModal } from "./Away";
import { CurrentTicket } from "./CurrentTicket";
import { HolderBanner } from "./HolderBanner";
import { FinishModal, TransferModal } from "./Modals";
import { NoShowUndo, type Undoable } from "./NoShowUndo";
import { type Offer, Recommend } from "./Recommend";
import { WaitingList } from "./WaitingList";

const noOffer: Offer = { recommended: [], accepted: [] };
// The server allows an undo for a minute (UNDO_NO_SHOW_SECONDS); the button goes a little before.
const UNDO_MS = 55_000;

function Console({ hallId, counterId }: { hallId: string; counterId: string }) {
  const { t } = useTranslation();
  const { hallName, counterLabel } = useLocalNames();
  const { message, modal: confirmModal } = App.useApp();
  const { principal } = useSession();
  const qc = useQueryClient();
  const hall = useHall(hallId);
  const counters = useCounters(hallId);
  const queue = useQueue(hallId);
  const types = useBusinessTypes();
  const state = useLiveHall(hallId);
  const action = useTicketAction(hallId);
  const [modal, setModal] = useState<"finish" | "transfer" | "away" | null>(null);
  const [undoable, setUndoable] = useState<Undoable | null>(null);
  const forgetUndo = useCallback(() => setUndoable(null), []);
  // Z6 ticks belong to one customer: a new ticket at the counter starts with none.
  const [offerOf, setOfferOf] = useState<{ ticketId: string | null; offer: Offer }>({
    ticketId: null,
    offer: noOffer,
  });
  const fail = (e: unknown) => void message.error(e instanceof ApiError ? e.message : String(e));
  const refresh = () => qc.invalidateQueries({ queryKey: ["hall", hallId] });

  const counter = counters.data?.find((c) => c.id === counterId);
  const current = queue.data?.serving.find((tk) => tk.counterId === counterId) ?? null;
  const offer = current && offerOf.ticketId === current.id ? offerOf.offer : noOffer;
  const setOffer = (o: Offer) => setOfferOf({ ticketId: current?.id ?? null, offer: o });

  const toggle = useMutation({
    mutationFn: async (to: "open" | "close" | "takeover") => {
      const params = { params: { path: { hallId, counterId } } };
      return to === "close"
        ? unwrap(await api.POST("/api/halls/{hallId}/counters/{counterId}/close", { ...params, body: {} }))
        : unwrap(
            await api.POST("/api/halls/{hallId}/counters/{counterId}/open", {
              ...params,
              body: to === "takeover" ? { takeover: true } : {},
            }),
          );
    },
    onSuccess: (_d, to) =>
      void message.success(
        to === "takeover"
          ? t("counter.takenOver")
          : to === "open"
            ? t("counter.opened")
            : t("counter.closedMsg"),
      ),
    onError: fail,
    onSettled: refresh,
  });
  // 暂离 and back: the server keeps the period and tells the display.
  const pause = useMutation({
    mutationFn: async (reason: string | null) => {
      const params = { params: { path: { hallId, counterId } } };
      return reason === null
        ? unwrap(await api.POST("/api/halls/{hallId}/counters/{counterId}/back", { ...params, body: {} }))
        : unwrap(
            await api.POST("/api/halls/{hallId}/counters/{counterId}/away", { ...params, body: { reason } }),
          );
    },
    onSuccess: (_d, reason) => {
      setModal(null);
      void message.success(reason === null ? t("counter.backDone") : t("counter.awayDone"));
    },
    onError: fail,
    onSettled: refresh,
  });
  const call = useMutation({
    mutationFn: async (ticketId?: string) => {
      const params = { params: { path: { hallId, counterId } } };
      const res = ticketId
        ? await api.POST("/api/halls/{hallId}/counters/{counterId}/call", { ...params, body: { ticketId } })
        : await api.POST("/api/halls/{hallId}/counters/{counterId}/call-next", params);
      if (res.response.status === 204) return null;
      return unwrap(res)?.ticket ?? null;
    },
    onSuccess: (tk) => {
      // Someone else is at the counter now: the no-show before them is the desk's to handle.
      if (tk) setUndoable(null);
      else void message.info(t("counter.nobody"));
    },
    onError: fail,
    onSettled: refresh,
  });
  const act = (a: TicketAction, done?: () => void) =>
    current &&
    action.mutate(
      { id: current.id, ...a },
      {
        onSuccess: (after) => {
          done?.();
          if (a.action === "transfer") void message.success(t("counter.transferDone"));
          // The server says whether (and so for how long from now) the no-show can be taken back.
          if (a.action === "no-show" && after.allowedActions?.includes("undo-no-show"))
            setUndoable({ ticket: after, until: Date.now() + UNDO_MS });
        },
        onError: fail,
      },
    );
  // 过号 is asked twice: a customer marked gone is no longer called.
  const onAction = (a: TicketAction) =>
    a.action === "no-show" && current
      ? confirmModal.confirm({
          title: t("counter.noShowConfirm", { number: current.number }),
          content: t("counter.noShowConfirmHint"),
          okText: t("counter.noShow"),
          okButtonProps: { danger: true },
          cancelText: t("action.cancel"),
          onOk: () => act(a),
        })
      : act(a);
  const undo = () =>
    undoable &&
    action.mutate(
      { id: undoable.ticket.id, action: "undo-no-show" },
      {
        onSuccess: () => {
          setUndoable(null);
          void message.success(t("counter.undone", { number: undoable.ticket.number }));
        },
        onError: (e) => {
          setUndoable(null);
          fail(e);
        },
      },
    );

  if (hall.error || counters.error) return <ErrorState error={hall.error ?? counters.error} />;
  if (!hall.data || !counters.data || !queue.data || !types.data) return <Loading />;
  if (!counter) return <NotFound />;
  const open = counter.status === "open";
  // Held by someone else: this screen watches, and offers a takeover (recorded by the server).
  const heldByOther =
    open && counter.staffId !== null && principal?.kind === "user" && counter.staffId !== principal.id;
  const bt = current ? types.data.find((b) => b.code === current.businessType) : undefined;
  const mine = queue.data.tickets.filter(
    (tk) =>
      counter.businessTypes.includes(tk.businessType) &&
      (!tk.targetCounterId || tk.targetCounterId === counterId),
  );
  const away = counter.away;
  const busy = action.isPending || call.isPending || !!away;
  const canUnmask = may(principal, "phone.unmask");

  return (
    <StaffLayout
      title={`${t("counter.title")} · ${counterLabel(counter)} · ${hallName(hall.data)}`}
      extra={
        <Space>
          <Tag color={state === "open" ? "green" : "orange"}>
            {state === "open" ? t("state.live") : t("state.reconnecting")}
          </Tag>
          <Tag color={open ? "blue" : "default"}>{t(`counterStatus.${counter.status}`)}</Tag>
          {open && !away && (
            <Button
              icon={<CoffeeOutlined aria-hidden />}
              disabled={!!current || heldByOther}
              onClick={() => setModal("away")}
            >
              {t("counter.away")}
            </Button>
          )}
          <Button
            icon={<PoweroffOutlined aria-hidden />}
            danger={open}
            loading={toggle.isPending}
            disabled={(open && !!current) || heldByOther}
            onClick={() => toggle.mutate(open ? "close" : "open")}
          >
            {open ? t("counter.close") : t("counter.open")}
          </Button>
        </Space>
      }
    >
      {heldByOther && (
        <HolderBanner
          counter={counter}
          busy={toggle.isPending}
          onTakeOver={() => toggle.mutate("takeover")}
        />
      )}
      {away && open && <AwayBanner away={away} busy={pause.isPending} onBack={() => pause.mutate(null)} />}
      <Row gutter={[20, 20]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={20} style={{ width: "100%" }}>
            {current ? (
              <CurrentTicket
                ticket={current}
                handlingLimit={bt?.handlingLimitSeconds ?? 300}
                canUnmask={canUnmask}
                busy={busy || heldByOther}
                onAction={onAction}
                onFinish={() => setModal("finish")}
                onTransfer={() => setModal("transfer")}
              />
            ) : (
              <Card>
                {undoable && (
                  <NoShowUndo
                    undoable={undoable}
                    busy={action.isPending}
                    onUndo={undo}
                    onExpire={forgetUndo}
                  />
                )}
                <Empty description={open ? t("counter.idle") : t("counter.closedHint")}>
                  {open && <p style={{ color: "#64748b" }}>{t("counter.idleHint")}</p>}
                  <Button
                    type="primary"
                    size="large"
                    icon={<SoundOutlined aria-hidden />}
                    disabled={!open || busy || heldByOther}
                    loading={call.isPending}
                    onClick={() => call.mutate(undefined)}
                    style={{ minWidth: 200, height: 56, fontSize: 20 }}
                  >
                    {t("counter.callNext")}
                  </Button>
                </Empty>
              </Card>
            )}
            <Recommend
              hallId={hallId}
              businessType={current?.businessType ?? null}
              offer={offer}
              onChange={setOffer}
            />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <WaitingList
            tickets={mine}
            canCall={open && !current && !busy && !heldByOther}
            onCall={(tk) => call.mutate(tk.id)}
          />
        </Col>
      </Row>
      <AwayModal
        open={modal === "away"}
        busy={pause.isPending}
        onCancel={() => setModal(null)}
        onOk={(reason) => pause.mutate(reason)}
      />
      <FinishModal
        open={modal === "finish"}
        busy={action.isPending}
        onCancel={() => setModal(null)}
        onOk={(outcome) =>
          act({ action: "finish", outcome, recommended: offer.recommended, accepted: offer.accepted }, () =>
            setModal(null),
          )
        }
      />
      <TransferModal
        open={modal === "transfer"}
        busy={action.isPending}
        ticket={current}
        counters={counters.data}
        types={types.data
          .filter((b) => b.active && !b.forbiddenHallTypes.includes(hall.data.type))
          .map((b) => b.code)}
        onCancel={() => setModal(null)}
        onOk={(to) => act({ action: "transfer", ...to }, () => setModal(null))}
      />
    </StaffLayout>
  );
}

export default function CounterPage() {
  const { hallId = "", counterId = "" } = useParams();
  return (
    <StaffGate screen="counter">
      <Console hallId={hallId} counterId={counterId} />
    </StaffGate>
  );
}
