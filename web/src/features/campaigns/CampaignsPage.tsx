import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Popconfirm,
  Row,
  Segmented,
  Space,
  Tag,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { actions, api, unwrap } from "../../api/client";
import { may, useSession } from "../../api/session";
import { ErrorState } from "../../shell/Forbidden";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { useLocalNames } from "../../shell/names";
import { StaffLayout } from "../../shell/StaffLayout";
import { useHalls } from "../admin/shared";
import type { Campaign, CampaignWarning } from "./api";
import { CampaignForm } from "./CampaignForm";
import { CampaignReport } from "./CampaignReport";

const stateColor = { draft: "gold", approved: "green", withdrawn: "default" } as const;
type StateFilter = "all" | Campaign["state"];

function WarningList({ warnings }: { warnings: CampaignWarning[] }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      message={t("campaigns.warnings")}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {warnings.map((w) => (
            <li key={w.kind === "overlap" ? `o-${w.hallId}` : `w-${w.productCode}-${w.campaignId}`}>
              {w.kind === "overlap"
                ? t("campaigns.overlap", { hall: w.hallName, date: w.date, count: w.count, limit: w.limit })
                : t("campaigns.wording", { code: w.productCode, campaign: w.campaignName, pitch: w.pitch })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

function CampaignCard({ c, onEdit, onReport }: { c: Campaign; onEdit: () => void; onReport: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const halls = useHalls();
  const { hallName } = useLocalNames();
  const { principal } = useSession();
  const act = useMutation({
    mutationFn: async (action: "approve" | "withdraw") =>
      unwrap(await actions.POST(`/api/campaigns/{id}/${action}`, { params: { path: { id: c.id } } })),
    onSuccess: (_, action) => {
      message.success(t(action === "approve" ? "campaigns.approved" : "campaigns.withdrawn"));
      qc.invalidateQueries({ queryKey: ["campaigns"] });
    },
  });
  const scope = c.hallIds
    ? c.hallIds
        .map((id) => halls.data?.find((h) => h.id === id))
        .map((h) => (h ? hallName(h) : "…"))
        .join("、")
    : c.regionCode
      ? t("campaigns.scopeRegion", { region: c.regionCode })
      : t("campaigns.scopeAll");
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span style={{ textDecoration: c.state === "withdrawn" ? "line-through" : undefined }}>
            {c.name}
          </span>
          <Tag color={stateColor[c.state]}>{t(`campaigns.states.${c.state}`)}</Tag>
        </Space>
      }
      extra={<span style={{ color: "#64748b" }}>{`${c.from} ~ ${c.to}`}</span>}
      actions={[
        ...(c.allowedActions.includes("edit")
          ? [
              <Button key="e" type="link" onClick={onEdit}>
                {t("campaigns.edit")}
              </Button>,
            ]
          : []),
        ...(c.allowedActions.includes("approve")
          ? [
              <Popconfirm
                key="a"
                title={t("campaigns.approveConfirm")}
                onConfirm={() => act.mutate("approve")}
              >
                <Button type="link" loading={act.isPending}>
                  {t("campaigns.approve")}
                </Button>
              </Popconfirm>,
            ]
          : []),
        ...(c.allowedActions.includes("withdraw")
          ? [
              <Popconfirm
                key="w"
                title={t("campaigns.withdrawConfirm")}
                onConfirm={() => act.mutate("withdraw")}
              >
                <Button type="link" danger loading={act.isPending}>
                  {t("campaigns.withdraw")}
                </Button>
              </Popconfirm>,
            ]
          : []),
        ...(may(principal, "campaign.manage") && c.products.length
          ? [
              <Button key="r" type="link" onClick={onReport}>
                {t("campaigns.report")}
              </Button>,
            ]
          : []),
      ]}
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <div>
          <strong>
            {t("campaigns.scope")}
            {t("punct.colon")}
          </strong>
          {scope}
        </div>
        <div>
          <strong>{t("campaigns.talkingPoints")}</strong>
          <ul style={{ margin: "4px 0 0", paddingLeft: 18 }}>
            {c.talkingPoints.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
        {c.products.length > 0 && (
          <div>
            <strong>
              {t("campaigns.products")}
              {t("punct.colon")}
            </strong>
            {c.products.map((p) => (
              <Tag key={p.code} title={p.pitch}>
                {p.name}
              </Tag>
            ))}
          </div>
        )}
        {act.error && <ErrorState error={act.error} />}
        <WarningList warnings={c.warnings} />
      </Space>
    </Card>
  );
}

function Calendar() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const [month, setMonth] = useState(dayjs().startOf("month"));
  const [state, setState] = useState<StateFilter>("all");
  const [editing, setEditing] = useState<Campaign | "new" | null>(null);
  const [reporting, setReporting] = useState<Campaign | null>(null);
  const from = month.format("YYYY-MM-DD");
  const to = month.endOf("month").format("YYYY-MM-DD");
  const list = useQuery({
    queryKey: ["campaigns", from, to, state],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/campaigns", {
          params: { query: { from, to, ...(state === "all" ? {} : { state }) } },
        }),
      ),
  });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <DatePicker
          picker="month"
          allowClear={false}
          value={month}
          aria-label={t("campaigns.month")}
          onChange={(m) => m && setMonth(m.startOf("month"))}
        />
        <Segmented<StateFilter>
          value={state}
          onChange={setState}
          options={(["all", "draft", "approved", "withdrawn"] as const).map((s) => ({
            value: s,
            label: s === "all" ? t("campaigns.all") : t(`campaigns.states.${s}`),
          }))}
        />
        {may(principal, "campaign.manage") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
            {t("campaigns.create")}
          </Button>
        )}
      </Space>
      {list.isLoading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
      {list.data && list.data.length === 0 && <Empty description={t("campaigns.empty")} />}
      <Row gutter={[12, 12]}>
        {list.data?.map((c) => (
          <Col key={c.id} xs={24} lg={12}>
            <CampaignCard c={c} onEdit={() => setEditing(c)} onReport={() => setReporting(c)} />
          </Col>
        ))}
      </Row>
      {editing && (
        <CampaignForm campaign={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      )}
      {reporting && <CampaignReport campaign={reporting} onClose={() => setReporting(null)} />}
    </Space>
  );
}

export default function CampaignsPage() {
  const { t } = useTranslation();
  return (
    <StaffGate screen="campaigns">
      <StaffLayout title={t("campaigns.title")}>
        <Calendar />
      </StaffLayout>
    </StaffGate>
  );
}
