import { App, Button, Card, Input, Modal, Space, Table, Tabs, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { yuan } from "../../shell/format";
import { Loading } from "../../shell/Loading";
import { BlindSpots } from "./BlindSpots";
import { CadenceSettings } from "./CadenceSettings";
import { CustomerTransfer } from "./CustomerTransfer";
import { useCompliance, useContractsEnding, useFieldAction, usePipeline, useWeekly } from "./queries";

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
      // Headers keep to one line and the table scrolls sideways on a phone, rather than breaking words.
      scroll={{ x: "max-content" }}
      dataSource={rows.data}
      columns={(
        [
          { title: t("field.manage.agent"), dataIndex: "agentName", fixed: "left" },
          { title: t("field.manage.customersCol"), dataIndex: "customers" },
          { title: t("field.manage.overdueInPerson"), dataIndex: "overdueInPerson", render: bad },
          { title: t("field.manage.overduePhone"), dataIndex: "overduePhone", render: bad },
          { title: t("field.manage.visits30"), dataIndex: "visitsLast30Days" },
          { title: t("field.manage.questionsOverdue"), dataIndex: "questionsOverdue", render: bad },
          { title: t("field.manage.archiveOverdue"), dataIndex: "archiveOverdue", render: bad },
          { title: t("field.manage.promisesOverdue"), dataIndex: "promisesOverdue", render: bad },
        ] as const
      ).map((c) => ({ ...c, onHeaderCell: () => ({ style: { whiteSpace: "nowrap" as const } }) }))}
    />
  );
}

function Pipeline() {
  const { t } = useTranslation();
  const pipeline = usePipeline();
  const weekly = useWeekly();
  if (!pipeline.data) return <Loading />;
  return (
    <>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(3, 1fr)", gap: 8, marginBottom: 12 }}>
        {pipeline.data.map((line) => (
          <Card
            key={line.stage}
            size="small"
            aria-label={t(`field.stage.${line.stage}`)}
            styles={{ body: { padding: 8, textAlign: "center" } }}
          >
            <div style={{ color: "#64748b", fontSize: 12 }}>{t(`field.stage.${line.stage}`)}</div>
            <div style={{ fontSize: 20, fontWeight: 600 }}>{line.count}</div>
            <div className="tw-tabular" style={{ fontSize: 12 }}>
              {yuan(line.amount)}
            </div>
          </Card>
        ))}
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
              align: "right",
              render: (v: number) => yuan(v),
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
