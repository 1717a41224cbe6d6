import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Empty,
  Form,
  Input,
  List,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import { useTypeName } from "../../shell/catalog";
import { ErrorState } from "../../shell/Forbidden";
import { percent } from "../../shell/format";
import { Loading } from "../../shell/Loading";
import { useLocalNames } from "../../shell/names";
import { useHalls } from "../admin/shared";

type Values = { name: string; questionIds: string[]; hallId?: string; dueAt?: Dayjs };

function NewTest({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const typeName = useTypeName();
  const halls = useHalls();
  const { hallName } = useLocalNames();
  const intent = useIdempotencyKey();
  const bank = useQuery({
    queryKey: ["training", "bank", ""],
    queryFn: async () => unwrap(await api.GET("/api/training/questions")),
  });
  const save = useMutation({
    mutationFn: async (v: Values) =>
      unwrap(
        await api.POST("/api/training/tests", {
          body: {
            name: v.name,
            questionIds: v.questionIds,
            ...(v.hallId ? { hallId: v.hallId } : {}),
            ...(v.dueAt ? { dueAt: v.dueAt.toISOString() } : {}),
          },
          ...intent.send(),
        }),
      ),
    onSuccess: () => {
      intent.renew();
      message.success(t("training.test.created"));
      qc.invalidateQueries({ queryKey: ["training"] });
      onClose();
    },
  });
  return (
    <Drawer open width={560} title={t("training.test.create")} onClose={onClose}>
      <Form<Values> layout="vertical" onFinish={(v) => !intent.inFlight() && save.mutate(v)}>
        <Form.Item name="name" label={t("training.test.name")} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="questionIds" label={t("training.test.pickQuestions")} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            loading={bank.isLoading}
            optionFilterProp="label"
            options={(bank.data ?? []).map((q) => ({
              value: q.id,
              label: `【${typeName(q.businessType)}】${q.text}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="hallId" label={t("training.test.hall")} extra={t("training.test.scopeHint")}>
          <Select allowClear options={(halls.data ?? []).map((h) => ({ value: h.id, label: hallName(h) }))} />
        </Form.Item>
        <Form.Item name="dueAt" label={t("training.test.dueAt")}>
          <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />
        </Form.Item>
        {save.error && <ErrorState error={save.error} />}
        <Button type="primary" htmlType="submit" block loading={save.isPending}>
          {t("training.test.create")}
        </Button>
      </Form>
    </Drawer>
  );
}

function AnalysisView({ id }: { id: string }) {
  const { t } = useTranslation();
  const typeName = useTypeName();
  const a = useQuery({
    queryKey: ["training", "analysis", id],
    queryFn: async () =>
      unwrap(await api.GET("/api/training/tests/{id}/analysis", { params: { path: { id } } })),
  });
  if (a.isLoading) return <Loading />;
  if (a.error) return <ErrorState error={a.error} onRetry={() => a.refetch()} />;
  const d = a.data;
  if (!d) return null;
  if (!d.attempts) return <Empty description={t("training.test.noAttempts")} />;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <span>{t("training.test.attempts", { people: d.people, attempts: d.attempts })}</span>
      <Space size="large">
        <Statistic title={t("training.test.meanScore")} value={d.meanScore ?? "—"} />
        <Statistic title={t("training.test.passShare")} value={percent(d.passShare)} />
      </Space>
      <Card size="small" title={t("training.test.byBusinessType")}>
        {d.byBusinessType.map((b) => (
          <div
            key={b.businessType}
            style={{ display: "flex", gap: 8, alignItems: "center", marginBottom: 4 }}
          >
            <span style={{ width: 96 }}>{typeName(b.businessType)}</span>
            <div style={{ flex: 1, background: "#e2e8f0", height: 10, borderRadius: 5 }}>
              <div
                style={{
                  width: `${Math.round(b.correctShare * 100)}%`,
                  background: b.weak ? "#f97316" : "#16a34a",
                  height: 10,
                  borderRadius: 5,
                }}
              />
            </div>
            <span style={{ width: 44, textAlign: "right" }}>{percent(b.correctShare)}</span>
          </div>
        ))}
      </Card>
      <Table
        size="small"
        rowKey="userId"
        pagination={false}
        title={() => t("training.test.byPerson")}
        dataSource={d.byPerson}
        columns={[
          { title: t("training.test.person"), dataIndex: "name" },
          { title: t("training.test.scoreColumn"), dataIndex: "score" },
          {
            title: t("training.test.weakColumn"),
            render: (_, p) => p.weakBusinessTypes.map((w) => <Tag key={w}>{typeName(w)}</Tag>),
          },
        ]}
      />
      <Table
        size="small"
        rowKey="questionId"
        pagination={false}
        title={() => t("training.test.byQuestion")}
        dataSource={d.byQuestion}
        columns={[
          { title: t("training.bank.text"), dataIndex: "text" },
          { title: t("training.bank.businessType"), render: (_, q) => typeName(q.businessType) },
          { title: t("training.test.correctShare"), render: (_, q) => percent(q.correctShare) },
        ]}
      />
    </Space>
  );
}

/** 测试管理: the tests of one's scope; set a new one; each test's analysis in a drawer. */
export function TestsTab() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [analysing, setAnalysing] = useState<{ id: string; name: string } | null>(null);
  const tests = useQuery({
    queryKey: ["training", "tests"],
    queryFn: async () => unwrap(await api.GET("/api/training/tests")),
  });
  return (
    <Space direction="vertical" style={{ width: "100%", maxWidth: 900 }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
        {t("training.test.create")}
      </Button>
      {tests.error && <ErrorState error={tests.error} onRetry={() => tests.refetch()} />}
      <List
        loading={tests.isLoading}
        dataSource={tests.data ?? []}
        locale={{ emptyText: <Empty description={t("training.test.empty")} /> }}
        renderItem={(x) => (
          <List.Item
            actions={[
              <Button key="a" onClick={() => setAnalysing({ id: x.id, name: x.name })}>
                {t("training.test.analysis")}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={x.name}
              description={t("training.test.questions", { n: x.questionCount })}
            />
          </List.Item>
        )}
      />
      {creating && <NewTest onClose={() => setCreating(false)} />}
      {analysing && (
        <Drawer
          open
          width={720}
          title={`${analysing.name} · ${t("training.test.analysis")}`}
          onClose={() => setAnalysing(null)}
        >
          <AnalysisView id={analysing.id} />
        </Drawer>
      )}
    </Space>
  );
}
