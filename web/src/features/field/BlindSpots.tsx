import { App, Button, Empty, Input, Modal, Select, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { Loading } from "../../shell/Loading";
import { dateOf } from "./AgentDay";
import { forwardBlindSpotCall, useBlindSpots, useFieldAction } from "./queries";
import type { BlindSpot, BlindSpotStatus } from "./types";

const statuses: BlindSpotStatus[] = ["reported", "forwarded", "answered"];
const statusColor: Record<BlindSpotStatus, string> = {
  reported: "orange",
  forwarded: "blue",
  answered: "green",
};

/**
 * 网络盲点 (R-INTEL): reports by village; the area manager forwards each to the network department (once,
 * through the outbox) and records its answer, which the agent then tells the customer.
 */
export function BlindSpots() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [status, setStatus] = useState<BlindSpotStatus | undefined>();
  const rows = useBlindSpots(status);
  const [answering, setAnswering] = useState<BlindSpot | null>(null);
  const [answer, setAnswer] = useState("");
  const onError = (e: Error) => void message.error(e instanceof ApiError ? e.message : String(e));
  const forward = useFieldAction(forwardBlindSpotCall);
  const record = useFieldAction(async (b: { id: string; answer: string }) =>
    unwrap(
      await api.POST("/api/field/blind-spots/{id}/answer", {
        params: { path: { id: b.id } },
        body: { answer: b.answer },
      }),
    ),
  );
  const sameVillage = (a: BlindSpot, b?: BlindSpot) => !!b && a.village === b.village && a.town === b.town;

  const submitAnswer = () => {
    if (!answering || !answer.trim()) return;
    record.mutate(
      { id: answering.id, answer: answer.trim() },
      {
        onError,
        onSuccess: () => {
          setAnswering(null);
          void message.success(t("field.blind.answered"));
        },
      },
    );
  };

  return (
    <>
      <Select<BlindSpotStatus | "all">
        aria-label={t("field.blind.filter")}
        value={status ?? "all"}
        onChange={(v) => setStatus(v === "all" ? undefined : v)}
        style={{ width: 140, marginBottom: 8 }}
        options={[
          { value: "all", label: t("field.blind.all") },
          ...statuses.map((s) => ({ value: s, label: t(`field.manage.blindStatus.${s}`) })),
        ]}
      />
      {!rows.data ? (
        <Loading />
      ) : (
        <Table<BlindSpot>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={rows.data}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("field.blind.empty")} />,
          }}
          columns={[
            {
              title: t("field.manage.village"),
              width: 80,
              render: (_, r) => (
                <span>
                  {r.village}
                  {r.town && <div style={{ color: "#64748b", fontSize: 12 }}>{r.town}</div>}
                </span>
              ),
              // One cell per village: its reports stay together (the list is sorted by village).
              onCell: (r, i = 0) => {
                const all = rows.data;
                if (sameVillage(r, all[i - 1])) return { rowSpan: 0 };
                let span = 1;
                while (sameVillage(r, all[i + span])) span++;
                return { rowSpan: span };
              },
            },
            {
              title: t("field.manage.place"),
              render: (_, r) => (
                <span>
                  {r.place}
                  <div>
                    <Tag>{t(`field.manage.blindKind.${r.kind}`)}</Tag>
                  </div>
                  {r.description && <div style={{ color: "#64748b", fontSize: 12 }}>{r.description}</div>}
                </span>
              ),
            },
            {
              title: t("field.manage.status"),
              width: 124,
              render: (_, r) => (
                <span>
                  <Tag color={statusColor[r.status]}>{t(`field.manage.blindStatus.${r.status}`)}</Tag>
                  {r.forwardedAt && r.status === "forwarded" && (
                    <div style={{ color: "#64748b", fontSize: 12 }}>
                      {t("field.blind.forwardedAt", { date: dateOf(r.forwardedAt) })}
                    </div>
                  )}
                  {r.answer && <div style={{ fontSize: 12, marginTop: 2 }}>{r.answer}</div>}
                  {r.allowedActions.includes("forward") && (
                    <Button
                      size="small"
                      style={{ marginTop: 4 }}
                      aria-label={`${t("field.manage.forward")} ${r.place}`}
                      loading={forward.isPending && forward.variables === r.id}
                      onClick={() => forward.mutate(r.id, { onError })}
                    >
                      {t("field.manage.forward")}
                    </Button>
                  )}
                  {r.allowedActions.includes("answer") && (
                    <Button
                      size="small"
                      type="primary"
                      ghost
                      style={{ marginTop: 4 }}
                      aria-label={`${t("field.blind.answer")} ${r.place}`}
                      onClick={() => {
                        setAnswer("");
                        setAnswering(r);
                      }}
                    >
                      {t("field.blind.answer")}
                    </Button>
                  )}
                </span>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={!!answering}
        title={
          answering && t("field.blind.answerTitle", { place: `${answering.village} ${answering.place}` })
        }
        okText={t("action.save")}
        cancelText={t("action.cancel")}
        okButtonProps={{ disabled: !answer.trim() }}
        confirmLoading={record.isPending}
        onOk={submitAnswer}
        onCancel={() => setAnswering(null)}
      >
        {answering && (
          <div style={{ color: "#64748b", marginBottom: 8 }}>
            {t(`field.manage.blindKind.${answering.kind}`)}
            {answering.description && ` · ${answering.description}`}
          </div>
        )}
        <div style={{ marginBottom: 6 }}>{t("field.blind.answerText")}</div>
        <Input.TextArea
          aria-label={t("field.blind.answerText")}
          rows={4}
          maxLength={1000}
          showCount
          style={{ marginBottom: 16 }}
          placeholder={t("field.blind.answerHint")}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
        />
      </Modal>
    </>
  );
}
