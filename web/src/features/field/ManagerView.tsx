import { App, Button, Card, Input, Modal, Space, Table, Tabs, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { Loading } from "../../shell/Loading";
import { BlindSpots } from "./BlindSpots";
import { CadenceSettings } from "./CadenceSettings";
import { CustomerTransfer } from "./CustomerTransfer";
import { useCompliance, useContractsEnding, useFieldAction, useOpportunities, useWeekly } from "./queries";
import type { Stage } from "./types";

const stages: Stage[] = ["new", "qualified", "proposal", "negotiation", "won", "lost"];
const bad = (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : <span style={{ color: "#94a3b8" }}>0</span>);

function Compliance() {
  const { t } = useTranslation();
  const rows = useCompliance();
  if (!rows.data) return <Loading />;
  return (
    <Table
      size="small"
      rowKey={(r) => r.agentId ?? "none"}
      pagination={false}
      scroll={{ x: 560 }}
      dataSource={rows.data}
      columns={[
        { title: t("field.manage.agent"), dataIndex: "agentName", fixed: "left", width: 84 },
        { title: t("field.manage.customersCol"), dataIndex: "customers", width: 64 },
        { title: t("field.manage.overdueInPerson"), dataIndex: "overdueInPerson", render: bad, width: 72 },
        { title: t("field.manage.overduePhone"), dataIndex: "overduePhone", render: bad, width: 72 },
        { title: t("field.manage.visits30"), dataIndex: "visitsLast30Days", width: 72 },
        { title: t("field.manage.questionsOverdue"), dataIndex: "questionsOverdue", render: bad, width: 72 },
        { title: t("field.manage.archiveOverdue"), dataIndex: "archiveOverdue", render: bad, width: 72 },
        { title: t("field.manage.promisesOverdue"), dataIndex: "promisesOverdue", render: bad, width: 72 },
      ]}
    />
  );
}

function Pipeline() {
  const { t } = useTranslation();
  const opps = useOpportunities();
  const weekly = useWeekly();
  if (!opps.data) return <Loading />;
  return (
    <>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(3, 1fr)", gap: 8, marginBottom: 12 }}>
        {stages.map((s) => {
          const inStage = opps.data.filter((o) => o.stage === s);
          return (
            <Card key={s} size="small" styles={{ body: { padding: 8, textAlign: "center" } }}>
              <div style={{ color: "#64748b", fontSize: 12 }}>{t(`field.stage.${s}`)}</div>
              <div style={{ fontSize: 20, fontWeight: 600 }}>{inStage.length}</div>
              <div style={{ fontSize: 12 }}>
                ¥{inStage.reduce((a, o) => a + (o.estimatedValue ?? 0), 0).toLocaleString()}
              </div>
            </Card>
          );
        })}
      </div>
      {weekly.data && (
        <Table
          size="small"
          title={() => `${t("field.manage.weekly")} ${weekly.data.weekStart} ~ ${weekly.data.weekEnd}`}
          rowKey={(r) => r.agentId ?? "none"}
          pagination={false}
          dataSource={weekly.data.agents}
          columns={[
            { title: t("field.manage.agent"), dataIndex: "agentName" },
            { title: t("field.stage.new"), dataIndex: "created" },
            { title: t("field.stage.won"), dataIndex: "won" },
            { title: t("field.stage.lost"), dataIndex: "lost" },
            {
              title: t("field.manage.value"),
              dataIndex: "openValue",
              render: (v: number) => `¥${v.toLocaleString()}`,
            },
          ]}
        />
      )}
    </>
  );
}

function ContractsEnding() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rows = useContractsEnding();
  const [renewing, setRenewing] = useState<{ id: string; endsOn: string } | null>(null);
  const renew = useFieldAction(async (r: { id: string; endsOn: string }) =>
    unwrap(
      await api.POST("/api/field/contracts/{id}/renew", {
        params: { path: { id: r.id } },
        body: { endsOn: r.endsOn },
      }),
    ),
  );
  if (!rows.data) return <Loading />;
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows.data}
        columns={[
          { title: t("field.manage.customer"), dataIndex: "customerName" },
          { title: t("field.contracts"), dataIndex: "title" },
          { title: t("field.manage.endsOn"), dataIndex: "endsOn", width: 96 },
          {
            title: "",
            width: 64,
            render: (_, r) => (
              <Button size="small" onClick={() => setRenewing({ id: r.id, endsOn: nextYear(r.endsOn) })}>
                {t("field.renew")}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!renewing}
        title={t("field.renew")}
        okText={t("field.renew")}
        confirmLoading={renew.isPending}
        onCancel={() => setRenewing(null)}
        onOk={() =>
          renewing &&
          renew.mutate(renewing, {
            onSuccess: () => {
              setRenewing(null);
              void message.success(t("field.renewed"));
            },
            onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
          })
        }
      >
        <div style={{ marginBottom: 6 }}>{t("field.renewTo")}</div>
        <Input
          type="date"
          aria-label={t("field.renewTo")}
          value={renewing?.endsOn ?? ""}
          onChange={(e) => renewing && setRenewing({ ...renewing, endsOn: e.target.value })}
        />
      </Modal>
    </>
  );
}

const nextYear = (date: string) => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;

/**
 * The area manager's view: cadence compliance, the opportunity pipeline, contracts ending, blind spots, and
 * the visit cadence itself (set by the operator admin, who opens this view too).
 */
export function ManagerView() {
  const { t } = useTranslation();
  return (
    <Tabs
      size="small"
      items={[
        {
          key: "compliance",
          label: t("field.manage.compliance"),
          // The cadence that decides what is overdue, under the figures it produces.
          children: (
            <Space orientation="vertical" size={12} style={{ width: "100%" }}>
              <Compliance />
              <CadenceSettings />
            </Space>
          ),
        },
        { key: "pipeline", label: t("field.manage.pipeline"), children: <Pipeline /> },
        { key: "contracts", label: t("field.manage.contracts"), children: <ContractsEnding /> },
        { key: "blind", label: t("field.manage.blindSpots"), children: <BlindSpots /> },
        { key: "transfer", label: t("field.transfer.title"), children: <CustomerTransfer /> },
      ]}
    />
  );
}
