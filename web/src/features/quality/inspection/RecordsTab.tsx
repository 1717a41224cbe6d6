import { Button, DatePicker, Descriptions, Drawer, Empty, Image, Select, Space, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../shell/Forbidden";
import { type InspectionSummary, photoUrl, useInspection, useInspections } from "./api";

const scoreColour = (s: number) => (s >= 90 ? "green" : s >= 70 ? "blue" : "red");

/** One inspection, item by item, with its times, notes and photos. */
function Detail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const one = useInspection(id);
  const d = one.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width="min(720px, 100vw)"
      title={t("inspection.detail.title")}
    >
      {one.error && <ErrorState error={one.error} />}
      {d && (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("inspection.hall")}>{d.hallName}</Descriptions.Item>
            <Descriptions.Item label={t("inspection.checklist")}>
              {d.checklistName} · {t("inspection.detail.version", { v: d.checklistVersion })}
            </Descriptions.Item>
            <Descriptions.Item label={t("inspection.kindLabel")}>
              {t(`inspection.kind.${d.kind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t("inspection.at")}>
              {new Date(d.at).toLocaleString()}
            </Descriptions.Item>
            <Descriptions.Item label={t("inspection.inspector")}>{d.inspectorName ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={t("inspection.score")}>
              <Tag color={scoreColour(d.score)}>{d.score}</Tag>
            </Descriptions.Item>
            {d.notes && <Descriptions.Item label={t("inspection.form.notes")}>{d.notes}</Descriptions.Item>}
          </Descriptions>
          <Table
            rowKey="item"
            size="small"
            pagination={false}
            dataSource={d.scores}
            columns={[
              { title: t("inspection.detail.item"), dataIndex: "label" },
              { title: t("inspection.detail.weight"), dataIndex: "weight", align: "right" },
              {
                title: t("inspection.detail.score"),
                dataIndex: "score",
                align: "right",
                render: (s: number) => <Tag color={scoreColour(s)}>{s}</Tag>,
              },
              {
                title: t("inspection.detail.evidence"),
                key: "evidence",
                render: (_, s) => (
                  <Space direction="vertical" size={2}>
                    {s.seconds !== undefined && (
                      <span>{t("inspection.detail.secondsValue", { s: s.seconds })}</span>
                    )}
                    {s.note && <span>{s.note}</span>}
                    {s.photoIds?.map((p) => (
                      <Image key={p} width={96} src={photoUrl(d.hallId, p)} alt={s.label} />
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}

// The inspections one may read, newest first: by hall and days, a page at a time.
export function RecordsTab({ halls }: { halls: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const [hallId, setHallId] = useState<string>();
  const [days, setDays] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const list = useInspections({
    hallId,
    from: days?.[0]?.format("YYYY-MM-DD"),
    to: days?.[1]?.format("YYYY-MM-DD"),
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.error) return <ErrorState error={list.error} />;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Select
          allowClear
          aria-label={t("inspection.hall")}
          placeholder={t("inspection.allHalls")}
          style={{ minWidth: 200 }}
          value={hallId}
          onChange={setHallId}
          options={halls.map((h) => ({ value: h.id, label: h.name }))}
        />
        <DatePicker.RangePicker
          value={days}
          onChange={(v) => setDays(v)}
          placeholder={[t("inspection.from"), t("inspection.to")]}
        />
      </Space>
      <Table<InspectionSummary>
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: "pointer" } })}
        locale={{ emptyText: <Empty description={t("inspection.noRecords")} /> }}
        columns={[
          {
            title: t("inspection.at"),
            dataIndex: "at",
            render: (at: string) => new Date(at).toLocaleString(),
          },
          { title: t("inspection.hall"), dataIndex: "hallName" },
          { title: t("inspection.checklist"), dataIndex: "checklistName" },
          {
            title: t("inspection.kindLabel"),
            dataIndex: "kind",
            render: (k: InspectionSummary["kind"]) => t(`inspection.kind.${k}`),
          },
          { title: t("inspection.inspector"), dataIndex: "inspectorName" },
          {
            title: t("inspection.score"),
            dataIndex: "score",
            align: "right",
            sorter: (a, b) => a.score - b.score,
            render: (s: number) => <Tag color={scoreColour(s)}>{s}</Tag>,
          },
        ]}
      />
      {list.hasNextPage && (
        <Button block loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
          {t("inspection.more")}
        </Button>
      )}
      <Detail id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
