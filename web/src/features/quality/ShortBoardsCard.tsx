import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  message,
  Select,
  Space,
  Table,
  Tag,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import type { paths } from "../../api/schema";
import { may, useSession } from "../../api/session";
import { ErrorState } from "../../shell/Forbidden";

type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;
type Board = Ok<paths["/api/quality/short-boards"]["get"]>["items"][number];
type Plan = Ok<paths["/api/quality/improvement-plans"]["get"]>[number];
type Item = { source: Board["source"]; code: string; carrier: string | null; label?: string };

const sourceColour = {
  kpi_factor: "red",
  survey_item: "orange",
  competitor: "purple",
  inspection_item: "blue",
} as const;

/** An item's name in the reader's language: factors and survey items by code, inspection items as labelled. */
function useItemName() {
  const { t } = useTranslation();
  return (b: Item) =>
    b.source === "kpi_factor"
      ? t(`quality.factor.${b.code}`)
      : b.source === "inspection_item"
        ? (b.label ?? b.code)
        : b.source === "competitor"
          ? t("quality.boards.vs", { item: t(`quality.itemName.${b.code}`), carrier: b.carrier })
          : t(`quality.itemName.${b.code}`);
}

function PlanForm({
  board,
  scope,
  period,
  onClose,
}: {
  board: Board | null;
  scope: string;
  period: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { principal } = useSession();
  const [form] = Form.useForm();
  const hallId = scope.startsWith("hall:") ? scope.slice(5) : null;
  const accounts = useQuery({
    queryKey: ["quality", "owners", hallId],
    enabled: board !== null && hallId !== null,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/halls/{hallId}/staff/accounts", { params: { path: { hallId: hallId ?? "" } } }),
      ),
  });
  const me = principal?.kind === "user" ? { id: principal.id, displayName: principal.displayName } : null;
  const owners = hallId ? (accounts.data ?? []) : me ? [me] : [];
  // One key per plan being made: a double tap on OK saves one plan.
  const intent = useIdempotencyKey();
  const save = useMutation({
    mutationFn: async (v: { ownerId: string; dueDate: dayjs.Dayjs; actions: string }) =>
      unwrap(
        await api.POST("/api/quality/improvement-plans", {
          body: {
            scope,
            period,
            source: board!.source,
            code: board!.code,
            ...(board!.carrier ? { carrier: board!.carrier } : {}),
            ownerId: v.ownerId,
            dueDate: v.dueDate.format("YYYY-MM-DD"),
            actions: v.actions
              .split("\n")
              .map((a) => a.trim())
              .filter(Boolean)
              .map((text) => ({ text, dueDate: v.dueDate.format("YYYY-MM-DD"), done: false })),
          },
          ...intent.send(),
        }),
      ),
    onSuccess: () => intent.renew(),
    onSettled: () => qc.invalidateQueries({ queryKey: ["quality"] }),
  });
  const name = useItemName();
  return (
    <Modal
      open={board !== null}
      title={board ? t("quality.boards.planFor", { item: name(board) }) : ""}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={async () => {
        await save.mutateAsync(await form.validateFields());
        message.success(t("quality.boards.planned"));
        form.resetFields();
        onClose();
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ dueDate: dayjs().add(30, "day"), ownerId: hallId ? undefined : me?.id }}
      >
        <Form.Item name="ownerId" label={t("quality.boards.owner")} rules={[{ required: true }]}>
          <Select options={owners.map((o) => ({ value: o.id, label: o.displayName }))} />
        </Form.Item>
        <Form.Item name="dueDate" label={t("quality.boards.due")} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="actions" label={t("quality.boards.actions")} rules={[{ required: true }]}>
          <Input.TextArea rows={4} placeholder={t("quality.boards.actionsHint")} />
        </Form.Item>
      </Form>
      {save.error && <ErrorState error={save.error} />}
    </Modal>
  );
}

// R-SHORTBOARD: the scope's weakest items of the period, and the plans that follow them up to the next.
export function ShortBoardsCard({ scope, period }: { scope: string; period: string | undefined }) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const qc = useQueryClient();
  const name = useItemName();
  const [planning, setPlanning] = useState<Board | null>(null);
  const boards = useQuery({
    queryKey: ["quality", "boards", scope, period ?? ""],
    queryFn: async () =>
      unwrap(await api.GET("/api/quality/short-boards", { params: { query: { scope, period } } })),
  });
  const plans = useQuery({
    queryKey: ["quality", "plans", scope],
    queryFn: async () =>
      unwrap(await api.GET("/api/quality/improvement-plans", { params: { query: { scope } } })),
  });
  const close = useMutation({
    mutationFn: async (id: string) =>
      unwrap(
        await api.PATCH("/api/quality/improvement-plans/{id}", {
          params: { path: { id } },
          body: { status: "done" },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: ["quality"] }),
  });
  const mayPlan = may(principal, "quality.plan");
  if (boards.error) return <ErrorState error={boards.error} />;
  return (
    <Card size="small" title={t("quality.boards.title", { period: boards.data?.period ?? "" })}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Table<Board>
          rowKey={(b) => `${b.source}-${b.code}-${b.carrier ?? ""}`}
          size="small"
          pagination={false}
          loading={boards.isLoading}
          dataSource={boards.data?.items ?? []}
          locale={{ emptyText: <Empty description={t("quality.boards.empty")} /> }}
          columns={[
            {
              title: t("quality.boards.source"),
              dataIndex: "source",
              render: (s: Board["source"]) => (
                <Tag color={sourceColour[s]}>{t(`quality.boards.sources.${s}`)}</Tag>
              ),
            },
            { title: t("quality.boards.item"), key: "item", render: (_, b) => name(b) },
            {
              title: t("quality.boards.value"),
              dataIndex: "value",
              align: "right",
              render: (v: number, b) => (b.source === "competitor" ? t("quality.boards.lead", { v }) : v),
            },
            {
              title: t("quality.boards.plan"),
              key: "plan",
              render: (_, b) =>
                b.planId ? (
                  <Tag color="green">{t("quality.boards.hasPlan")}</Tag>
                ) : (
                  mayPlan && (
                    <Button size="small" onClick={() => setPlanning(b)}>
                      {t("quality.boards.makePlan")}
                    </Button>
                  )
                ),
            },
          ]}
        />
        <Table<Plan>
          rowKey="id"
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          loading={plans.isLoading}
          dataSource={plans.data ?? []}
          locale={{ emptyText: <Empty description={t("quality.boards.noPlans")} /> }}
          columns={[
            { title: t("quality.boards.item"), key: "item", render: (_, p) => `${p.period} · ${name(p)}` },
            { title: t("quality.boards.owner"), dataIndex: "ownerName" },
            { title: t("quality.boards.due"), dataIndex: "dueDate" },
            {
              title: t("quality.boards.progress"),
              key: "progress",
              render: (_, p) => `${p.actions.filter((a) => a.done).length} / ${p.actions.length}`,
            },
            { title: t("quality.boards.baseline"), dataIndex: "baseline", align: "right" },
            { title: t("quality.boards.target"), dataIndex: "target", align: "right" },
            {
              title: t("quality.boards.next"),
              key: "next",
              render: (_, p) =>
                p.next.value === null ? (
                  <span style={{ color: "#94a3b8" }}>
                    {t("quality.boards.awaiting", { period: p.next.period })}
                  </span>
                ) : (
                  <Space>
                    {p.next.value}
                    <Tag color={p.recovered ? "green" : "red"}>
                      {t(p.recovered ? "quality.boards.recovered" : "quality.boards.notYet")}
                    </Tag>
                  </Space>
                ),
            },
            {
              title: t("quality.boards.status"),
              key: "status",
              render: (_, p) =>
                p.allowedActions.includes("close") ? (
                  <Button size="small" loading={close.isPending} onClick={() => close.mutate(p.id)}>
                    {t("quality.boards.close")}
                  </Button>
                ) : (
                  <Tag>{t(`quality.boards.statuses.${p.status}`)}</Tag>
                ),
            },
          ]}
        />
      </Space>
      {mayPlan && boards.data && (
        <PlanForm
          board={planning}
          scope={scope}
          period={boards.data.period}
          onClose={() => setPlanning(null)}
        />
      )}
    </Card>
  );
}
