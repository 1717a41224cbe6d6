import { PlusOutlined } from "@ant-design/icons";
import { Button, Input, Segmented, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { CATEGORIES, type Complaint, type ListQuery, useComplaints } from "./api";
import { DueClock, stateColor } from "./DueClock";

type View = "mine" | "soon" | "breached" | "open" | "all";
const viewQuery: Record<View, Partial<ListQuery>> = {
  mine: { mine: "true", open: "true" },
  soon: { due: "soon", open: "true" },
  breached: { due: "breached" },
  open: { open: "true" },
  all: {},
};
const STATES: Complaint["state"][] = [
  "received",
  "accepted",
  "work_order",
  "waiting_customer",
  "waiting_third_party",
  "replied",
  "resolved",
  "callback_done",
  "reopened",
  "closed",
  "withdrawn",
  "refused",
];

/** The complaint desk: my complaints, due soon, breached, by state and category, search. */
export function DeskPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [view, setView] = useState<View>("mine");
  const [state, setState] = useState<Complaint["state"]>();
  const [category, setCategory] = useState<string>();
  const [q, setQ] = useState("");
  const list = useComplaints({
    ...viewQuery[view],
    ...(state ? { state } : {}),
    ...(category ? { category } : {}),
    ...(q ? { q } : {}),
  } as ListQuery);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const first = list.data?.pages[0];
  return (
    <div>
      <Space wrap style={{ marginBottom: 16, width: "100%", justifyContent: "space-between" }}>
        <Segmented<View>
          value={view}
          onChange={setView}
          options={(["mine", "soon", "breached", "open", "all"] as View[]).map((v) => ({
            value: v,
            label: t(`complaints.view.${v}`),
          }))}
        />
        <Space wrap>
          <Select
            allowClear
            placeholder={t("complaints.filterState")}
            style={{ width: 140 }}
            value={state}
            onChange={setState}
            options={STATES.map((s) => ({ value: s, label: t(`complaints.state.${s}`) }))}
          />
          <Select
            allowClear
            placeholder={t("complaints.filterCategory")}
            style={{ width: 130 }}
            value={category}
            onChange={setCategory}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))}
          />
          <Input.Search
            allowClear
            placeholder={t("complaints.search")}
            style={{ width: 240, maxWidth: "100%" }}
            onSearch={setQ}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/complaints/new")}>
            {t("complaints.newComplaint")}
          </Button>
        </Space>
      </Space>
      <Table<Complaint>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={items}
        pagination={false}
        footer={() => (
          <Space style={{ width: "100%", justifyContent: "space-between" }}>
            <span style={{ color: "#64748b" }}>
              {t(first?.totalCapped ? "complaints.shownOfMany" : "complaints.shownOf", {
                n: items.length,
                total: first?.total ?? 0,
              })}
            </span>
            {list.hasNextPage && (
              <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t("complaints.more")}
              </Button>
            )}
          </Space>
        )}
        onRow={(c) => ({ onClick: () => navigate(`/complaints/${c.id}`), style: { cursor: "pointer" } })}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t("complaints.col.customer"),
            render: (_, c) => (
              <Space>
                <a href={`/complaints/${c.id}`} onClick={(e) => e.preventDefault()}>
                  {c.customer.name}
                </a>
                <span style={{ color: "#64748b" }}>{c.customer.phone}</span>
                {c.kind === "appeal" && <Tag color="magenta">{t("complaints.kind.appeal")}</Tag>}
                {c.keyCustomer && <Tag color="gold">VIP</Tag>}
              </Space>
            ),
          },
          {
            title: t("complaints.col.category"),
            render: (_, c) => t(`complaints.category.${c.category}`, { defaultValue: c.category }),
          },
          {
            title: t("complaints.col.state"),
            render: (_, c) => <Tag color={stateColor[c.state]}>{t(`complaints.state.${c.state}`)}</Tag>,
          },
          {
            title: t("complaints.col.received"),
            render: (_, c) =>
              new Date(c.receivedAt).toLocaleString("zh-CN", {
                hour12: false,
                month: "2-digit",
                day: "2-digit",
                hour: "2-digit",
                minute: "2-digit",
              }),
          },
          {
            title: t("complaints.col.due"),
            render: (_, c) => <DueClock dueKind={c.dueKind} dueAt={c.dueAt} warnAt={c.warnAt} />,
          },
          {
            title: t("complaints.col.level"),
            render: (_, c) =>
              c.escalationLevel > 0 ? (
                <Tag color="red">{t("complaints.levelN", { n: c.escalationLevel })}</Tag>
              ) : c.breached ? (
                <Tag color="red">!</Tag>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
