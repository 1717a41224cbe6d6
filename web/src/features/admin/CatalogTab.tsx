import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useBusinessTypes } from "../../api/queries";
import type { BusinessType } from "../../api/types";
import { iconFor } from "../../shell/catalog";
import { useFail } from "./shared";

const channels = [
  "self_service_terminal",
  "hall_24h",
  "online_hall",
  "sms_hall",
  "hotline",
  "other_hall",
  "off_peak",
] as const;
const hallTypes = ["self_run", "cooperative", "outsourced"] as const;

export function CatalogTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFail();
  const qc = useQueryClient();
  const types = useBusinessTypes();
  const [editing, setEditing] = useState<BusinessType | "new" | null>(null);
  const [form] = Form.useForm<BusinessType>();
  const save = useMutation({
    mutationFn: async (v: BusinessType) => {
      if (editing === "new" || !editing) return unwrap(await api.POST("/api/business-types", { body: v }));
      const { code: _, ...body } = v;
      return unwrap(
        await api.PATCH("/api/business-types/{code}", { params: { path: { code: editing.code } }, body }),
      );
    },
    onSuccess: () => {
      void message.success(t("admin.saved"));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ["business-types"] });
    },
    onError: fail,
  });
  const start = (b: BusinessType | "new") => {
    setEditing(b);
    form.setFieldsValue(
      b === "new"
        ? {
            code: "",
            name: "",
            nameEn: "",
            prefix: "",
            handlingLimitSeconds: 300,
            waitLimitSeconds: 600,
            forbiddenHallTypes: [],
            divertChannels: [],
            icon: "",
            sortOrder: 0,
            active: true,
          }
        : b,
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
        {t("admin.addType")}
      </Button>
      <Table<BusinessType>
        rowKey="code"
        loading={types.isLoading}
        dataSource={types.data}
        pagination={false}
        size="small"
        columns={[
          { title: t("admin.prefix"), dataIndex: "prefix", width: 60 },
          {
            title: t("admin.nameZh"),
            dataIndex: "name",
            render: (v: string, b) => (
              <>
                {iconFor(b)} {v}
              </>
            ),
          },
          { title: t("admin.nameEn"), dataIndex: "nameEn" },
          {
            title: t("admin.handlingLimit"),
            dataIndex: "handlingLimitSeconds",
            align: "right",
            onHeaderCell: () => ({ style: { whiteSpace: "nowrap" } }),
          },
          {
            title: t("admin.waitLimit"),
            dataIndex: "waitLimitSeconds",
            align: "right",
            onHeaderCell: () => ({ style: { whiteSpace: "nowrap" } }),
          },
          {
            title: t("admin.forbidden"),
            dataIndex: "forbiddenHallTypes",
            render: (v: BusinessType["forbiddenHallTypes"]) =>
              v.map((h) => <Tag key={h}>{t(`hallType.${h}`)}</Tag>),
          },
          {
            title: t("admin.channels"),
            dataIndex: "divertChannels",
            render: (v: BusinessType["divertChannels"]) => v.map((c) => t(`channel.${c}`)).join(" › "),
          },
          {
            title: t("admin.active"),
            dataIndex: "active",
            width: 60,
            render: (v: boolean) => (v ? t("admin.yes") : t("admin.no")),
          },
          {
            key: "edit",
            width: 70,
            render: (_: unknown, b) => (
              <Button size="small" onClick={() => start(b)}>
                {t("action.edit")}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === "new" ? t("admin.addType") : t("admin.editType")}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t("action.save")}
        cancelText={t("action.cancel")}
        confirmLoading={save.isPending}
        width={640}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Space wrap>
            <Form.Item
              name="code"
              label={t("admin.code")}
              rules={[{ required: true, pattern: /^[a-z_]{1,40}$/, message: "a-z _" }]}
            >
              <Input disabled={editing !== "new"} />
            </Form.Item>
            <Form.Item
              name="prefix"
              label={t("admin.prefix")}
              rules={[{ required: true, pattern: /^[A-Z]$/, message: "A–Z" }]}
            >
              <Input maxLength={1} style={{ width: 60 }} />
            </Form.Item>
            <Form.Item
              name="name"
              label={t("admin.nameZh")}
              rules={[{ required: true, message: t("admin.required") }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="nameEn"
              label={t("admin.nameEn")}
              rules={[{ required: true, message: t("admin.required") }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="handlingLimitSeconds" label={t("admin.handlingLimit")}>
              <InputNumber min={30} />
            </Form.Item>
            <Form.Item name="waitLimitSeconds" label={t("admin.waitLimit")}>
              <InputNumber min={60} />
            </Form.Item>
            <Form.Item name="icon" label={t("admin.icon")}>
              <Input style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="sortOrder" label={t("admin.sortOrder")}>
              <InputNumber />
            </Form.Item>
          </Space>
          <Form.Item name="forbiddenHallTypes" label={t("admin.forbidden")}>
            <Select
              mode="multiple"
              options={hallTypes.map((h) => ({ value: h, label: t(`hallType.${h}`) }))}
            />
          </Form.Item>
          <Form.Item name="divertChannels" label={t("admin.channels")}>
            <Select mode="multiple" options={channels.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
          </Form.Item>
          <Form.Item name="active" label={t("admin.active")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
