import { PoweroffOutlined, SoundOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Col, Empty, Row, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ApiError, api, unwrap } from "../../api/client";
import { useBusinessTypes, useCounters, useHall, useLiveHall, useQueue } from "../../api/queries";
import { useSession } from "../../api/session";
import { type TicketAction, useTicketAction } from "../../api/ticketActions";
import { ErrorState, NotFound } from "../../shell/Forbidden";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { StaffLayout } from "../../shell/StaffLayout";
import { CurrentTicket } from "./CurrentTicket";
import { FinishModal, TransferModal } from "./Modals";
import { type Offer, Recommend } from "./Recommend";
import { WaitingList } from "./WaitingList";

const noOffer: Offer = { recommended: [], accepted: [] };
const UNMASK_ROLES = ["hall_manager", "area_manager", "operator_admin"];

function Console({ hallId, counterId }: { hallId: string; counterId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { principal } = useSession();
  const qc = useQueryClient();
  const hall = useHall(hallId);
  const counters = useCounters(hallId);
  const queue = useQueue(hallId);
  const types = useBusinessTypes();
  const state = useLiveHall(hallId);
  const action = useTicketAction(hallId);
  const [modal, setModal] = useState<"finish" | "transfer" | null>(null);
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
    mutationFn: async (open: boolean) => {
      const params = { params: { path: { hallId, counterId } } };
      return open
        ? unwrap(await api.POST("/api/halls/{hallId}/counters/{counterId}/open", { ...params, body: {} }))
        : unwrap(await api.POST("/api/halls/{hallId}/counters/{counterId}/close", { ...params, body: {} }));
    },
    onSuccess: (_d, open) => void message.success(open ? t("counter.opened") : t("counter.closedMsg")),
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
    onSuccess: (tk) => (tk ? undefined : void message.info(t("counter.nobody"))),
    onError: fail,
    onSettled: refresh,
  });
  const act = (a: TicketAction, done?: () => void) =>
    current &&
    action.mutate(
      { id: current.id, ...a },
      {
        onSuccess: () => {
          done?.();
          if (a.action === "transfer") void message.success(t("counter.transferDone"));
        },
        onError: fail,
      },
    );

  if (hall.error || counters.error) return <ErrorState error={hall.error ?? counters.error} />;
  if (!hall.data || !counters.data || !queue.data || !types.data) return <Loading />;
  if (!counter) return <NotFound />;
  const open = counter.status === "open";
  const bt = current ? types.data.find((b) => b.code === current.businessType) : undefined;
  const mine = queue.data.tickets.filter(
    (tk) =>
      counter.businessTypes.includes(tk.businessType) &&
      (!tk.targetCounterId || tk.targetCounterId === counterId),
  );
  const busy = action.isPending || call.isPending;
  const canUnmask = principal?.kind === "user" && UNMASK_ROLES.includes(principal.role);

  return (
    <StaffLayout
      title={`${t("counter.title")} · ${counter.label} · ${hall.data.name}`}
      extra={
        <Space>
          <Tag color={state === "open" ? "green" : "orange"}>
            {state === "open" ? t("state.live") : t("state.reconnecting")}
          </Tag>
          <Tag color={open ? "blue" : "default"}>{t(`counterStatus.${counter.status}`)}</Tag>
          <Button
            icon={<PoweroffOutlined aria-hidden />}
            danger={open}
            loading={toggle.isPending}
            disabled={open && !!current}
            onClick={() => toggle.mutate(!open)}
          >
            {open ? t("counter.close") : t("counter.open")}
          </Button>
        </Space>
      }
    >
      <Row gutter={[20, 20]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={20} style={{ width: "100%" }}>
            {current ? (
              <CurrentTicket
                ticket={current}
                handlingLimit={bt?.handlingLimitSeconds ?? 300}
                canUnmask={canUnmask}
                busy={busy}
                onAction={(a) => act(a)}
                onFinish={() => setModal("finish")}
                onTransfer={() => setModal("transfer")}
              />
            ) : (
              <Card>
                <Empty description={open ? t("counter.idle") : t("counter.closedHint")}>
                  {open && <p style={{ color: "#64748b" }}>{t("counter.idleHint")}</p>}
                  <Button
                    type="primary"
                    size="large"
                    icon={<SoundOutlined aria-hidden />}
                    disabled={!open || busy}
                    loading={call.isPending}
                    onClick={() => call.mutate(undefined)}
                    style={{ minWidth: 200, height: 56, fontSize: 20 }}
                  >
                    {t("counter.callNext")}
                  </Button>
                </Empty>
              </Card>
            )}
            <Recommend businessType={current?.businessType ?? null} offer={offer} onChange={setOffer} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <WaitingList
            tickets={mine}
            canCall={open && !current && !busy}
            onCall={(tk) => call.mutate(tk.id)}
          />
        </Col>
      </Row>
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
