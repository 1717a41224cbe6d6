import { App, Button, Card, Empty, Popconfirm, Segmented, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Swap, useStaffActions, useSwaps } from "./api";

// 换班: requests from the hall's staff. The buttons are each request's allowedActions, as the server says.
const stateColor = { requested: "blue", approved: "green", rejected: "default" } as const;

export function SwapsCard({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<"requested" | "all">("requested");
  const swaps = useSwaps(hallId, filter === "all" ? undefined : "requested");
  const actions = useStaffActions(hallId);
  const fail = (e: Error) => message.error(e.message);
  return (
    <Card
      size="small"
      title={t("staffing.swaps.title")}
      extra={
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as "requested" | "all")}
          options={[
            { value: "requested", label: t("staffing.swaps.filter.requested") },
            { value: "all", label: t("staffing.swaps.filter.all") },
          ]}
        />
      }
    >
      <Table<Swap>
        rowKey="id"
        size="small"
        loading={swaps.isLoading}
        dataSource={swaps.data ?? []}
        pagination={(swaps.data?.length ?? 0) > 10 ? { pageSize: 10 } : false}
        locale={{ emptyText: <Empty description={t("staffing.swaps.empty")} /> }}
        scroll={{ x: true }}
        columns={[
          {
            title: t("staffing.swaps.shift"),
            key: "shift",
            render: (_, s) => `${s.date} ${s.start}–${s.end}`,
          },
          { title: t("staffing.swaps.from"), dataIndex: "fromName" },
          { title: t("staffing.swaps.to"), dataIndex: "toName" },
          {
            title: t("staffing.swaps.stateTitle"),
            key: "state",
            render: (_, s) => <Tag color={stateColor[s.state]}>{t(`staffing.swaps.state.${s.state}`)}</Tag>,
          },
          {
            title: "",
            key: "do",
            render: (_, s) => (
              <Space size={0}>
                {s.allowedActions.includes("approve") && (
                  <Popconfirm
                    title={t("staffing.swaps.approveConfirm", { name: s.toName })}
                    okText={t("staffing.ok")}
                    cancelText={t("staffing.cancel")}
                    onConfirm={() =>
                      actions.decide.mutate({ swapId: s.id, decision: "approved" }, { onError: fail })
                    }
                  >
                    <Button type="link" size="small">
                      {t("staffing.swaps.approve")}
                    </Button>
                  </Popconfirm>
                )}
                {s.allowedActions.includes("reject") && (
                  <Button
                    type="link"
                    size="small"
                    danger
                    onClick={() =>
                      actions.decide.mutate({ swapId: s.id, decision: "rejected" }, { onError: fail })
                    }
                  >
                    {t("staffing.swaps.reject")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
