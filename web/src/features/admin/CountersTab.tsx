import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useBusinessTypes, useCounters } from "../../api/queries";
import type { Counter } from "../../api/types";
import { useTypeName } from "../../shell/catalog";
import { HallPicker, useAdminHall, useFail } from "./shared";

type Values = {
  label: string;
  labelEn?: string | null;
  number?: number;
  businessTypes: string[];
  vip: boolean;
  express: boolean;
  active: boolean;
};

function CounterList({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFail();
  const qc = useQueryClient();
  const counters = useCounters(hallId);
  const types = useBusinessTypes();
  const typeName = useTypeName();
  const [editing, setEditing] = useState<Counter | "new" | null>(null);
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: async (form: Values) => {
      const v = { ...form, labelEn: form.labelEn?.trim() || null };
      return editing === "new" || !editing
        ? unwrap(await api.POST("/api/halls/{hallId}/counters", { params: { path: { hallId } }, body: v }))
        : unwrap(
            await api.PATCH("/api/halls/{hallId}/counters/{counterId}", {
              params: { path: { hallId, counterId: editing.id } },
              body: v,
            }),
          );
    },
    onSuccess: () => {
      void message.success(t("admin.saved"));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ["hall", hallId] });
    },
    onError: fail,
  });
  const start = (c: Counter | "new") => {
    setEditing(c);
    form.setFieldsValue(
      c === "new"
        ? {
            label: "",
            labelEn: "",
            businessTypes: [],
            vip: false,
            express: false,
            active: true,
            number: undefined,
          }
        : c,
    );
  };
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined aria-hidden />}
        onClick={() => start("new")}
        style={{ marginBottom: 12 }}
      >
        {t("admin.addCounter")}
      </Button>
      <Table<Counter>
        rowKey="id"
        loading={counters.isLoading}
        dataSource={counters.data}
        pagination={false}
        columns={[
          { title: t("admin.number"), dataIndex: "number", width: 70 },
          {
            title: t("admin.label"),
            dataIndex: "label",
            width: 140,
            render: (label: string, c) => (
              <>
                <div>{label}</div>
                {c.labelEn && <div style={{ color: "#64748b", fontSize: 13 }}>{c.labelEn}</div>}
              </>
            ),
          },
          {
            title: t("admin.businessTypes"),
            dataIndex: "businessTypes",
            render: (v: string[]) => v.map(typeName).join(t("punct.list")),
          },
          {
            title: t("admin.counterKind"),
            dataIndex: "vip",
            width: 110,
            render: (v: boolean, c) => (
              <>
                {v && <Tag color="gold">VIP</Tag>}
                {c.express && <Tag color="green">{t("admin.expressTag")}</Tag>}
              </>
            ),
          },
          {
            title: t("admin.status"),
            dataIndex: "status",
            width: 80,
            render: (v: Counter["status"]) => t(`counterStatus.${v}`),
          },
          {
            title: t("admin.active"),
            dataIndex: "active",
            width: 70,
            render: (v: boolean) => (v ? t("admin.yes") : t("admin.no")),
          },
          {
            key: "edit",
            width: 80,
            render: (_: unknown, c) => (
              <Button size="small" onClick={() => start(c)}>
                {t("action.edit")}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === "new" ? t("admin.addCounter") : t("admin.editCounter")}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t("action.save")}
        cancelText={t("action.cancel")}
        confirmLoading={save.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Space>
            <Form.Item name="number" label={t("admin.number")}>
              <InputNumber min={1} max={999} />
            </Form.Item>
            <Form.Item
              name="label"
              label={t("admin.label")}
              rules={[{ required: true, message: t("admin.required") }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="labelEn" label={t("admin.labelEn")}>
              <Input placeholder="Window 1" />
            </Form.Item>
          </Space>
          <Form.Item
            name="businessTypes"
            label={t("admin.businessTypes")}
            rules={[{ required: true, message: t("admin.required") }]}
          >
            <Select
              mode="multiple"
              options={(types.data ?? []).map((b) => ({ value: b.code, label: typeName(b.code) }))}
            />
          </Form.Item>
          <Space size="large">
            <Form.Item name="vip" label={t("admin.vip")} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item
              name="express"
              label={t("admin.express")}
              tooltip={t("admin.expressHint")}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            <Form.Item name="active" label={t("admin.active")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}

export function CountersTab() {
  const [hallId, setHallId] = useAdminHall();
  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <HallPicker value={hallId} onChange={setHallId} />
      </div>
      {hallId && <CounterList hallId={hallId} />}
    </>
  );
}
