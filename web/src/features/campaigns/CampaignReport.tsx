import { useQuery } from "@tanstack/react-query";
import { Empty, Modal, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { ErrorState } from "../../shell/Forbidden";
import { percent } from "../../shell/format";
import type { Campaign } from "./api";

/** What the counters offered of the campaign's products and what customers took, per product and person. */
export function CampaignReport({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: ["campaigns", campaign.id, "report"],
    queryFn: async () =>
      unwrap(await api.GET("/api/campaigns/{id}/report", { params: { path: { id: campaign.id } } })),
  });
  const r = report.data;
  const rate = (row: { offered: number; accepted: number }) =>
    row.offered ? percent(row.accepted / row.offered) : "—";
  const tally = [
    { title: t("campaigns.offered"), dataIndex: "offered", align: "right" as const },
    { title: t("campaigns.accepted"), dataIndex: "accepted", align: "right" as const },
    {
      title: t("campaigns.acceptRate"),
      key: "rate",
      align: "right" as const,
      render: (_: unknown, row: { offered: number; accepted: number }) => rate(row),
    },
  ];
  return (
    <Modal
      open
      title={`${t("campaigns.report")} · ${campaign.name}`}
      onCancel={onClose}
      footer={null}
      width={720}
    >
      {report.error && <ErrorState error={report.error} />}
      {report.isLoading && <Table loading columns={[]} />}
      {r && r.offered === 0 && <Empty description={t("campaigns.noOffers")} />}
      {r && r.offered > 0 && (
        <>
          <Typography.Paragraph strong>{t("campaigns.total", r)}</Typography.Paragraph>
          <Typography.Title level={5}>{t("campaigns.byProduct")}</Typography.Title>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={r.byProduct}
            columns={[{ title: t("campaigns.productName"), dataIndex: "name" }, ...tally]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t("campaigns.byStaff")}
          </Typography.Title>
          <Table
            size="small"
            rowKey="staffId"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={r.byStaff}
            columns={[{ title: t("campaigns.person"), dataIndex: "name", render: (n) => n ?? "—" }, ...tally]}
          />
        </>
      )}
    </Modal>
  );
}
