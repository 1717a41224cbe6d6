import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { Hall } from "../../api/types";
import { useFail, useHalls } from "./shared";

type Values = {
  name: string;
  nameEn?: string | null;
  type: Hall["type"];
  regionCode: string;
  address?: string;
  open: string;
  close: string;
  latitude?: number;
  longitude?: number;
};
const clock = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const allDays = [1, 2, 3, 4, 5, 6, 7];

export function HallsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFail();
  const qc = useQueryClient();
  const halls = useHalls();
  const [editing, setEditing] = useState<Hall | "new" | null>(null);
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = {
        name: v.name,
        nameEn: v.nameEn?.trim() || null,
        type: v.type,
        regionCode: v.regionCode,
        address: v.address ?? "",
        openingHours: [{ weekdays: allDays, open: v.open, close: v.close }],
        ...(v.latitude != null ? { latitude: v.latitude } : {}),
        ...(v.longitude != null ? { longitude: v.longitude } : {}),
      };
      return editing === "new" || !editing
        ? unwrap(await api.POST("/api/halls", { body }))
        : unwrap(await api.PATCH("/api/halls/{hallId}", { params: { path: { hallId: editing.id } }, body }));
    },
    onSuccess: (h) => {
      void message.success(
        h.warnings?.length ? t("admin.warnings", { w: h.warnings.join("; ") }) : t("admin.saved"),
      );
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ["halls"] });
    },
    onError: fail,
  });
  const start = (h: Hall | "new") => {
    setEditing(h);
    form.setFieldsValue(
      h === "new"
        ? {
            name: "",
            nameEn: "",
            type: "self_run",
            regionCode: "",
            address: "",
            open: "09:00",
            close: "19:00",
          }
        : {
            ...h,
            open: h.openingHours[0]?.open ?? "09:00",
            close: h.openingHours[0]?.close ?? "19:00",
            latitude: h.latitude ?? undefined,
            longitude: h.longitude ?? undefined,
          },
    );
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => start("new")}>
          {t("admin.addHall")}
        </Button>
      </Space>
      <Table<Hall>
        rowKey="id"
        loading={halls.isLoading}
        dataSource={halls.data}
        pagination={false}
        columns={[
          {
            title: t("admin.name"),
            dataIndex: "name",
            render: (name: string, h) => (
              <>
                <div>{name}</div>
                {h.nameEn && <div style={{ color: "#64748b", fontSize: 13 }}>{h.nameEn}</div>}
              </>
            ),
          },
          {
            title: t("admin.type"),
            dataIndex: "type",
            render: (v: Hall["type"]) => <Tag>{t(`hallType.${v}`)}</Tag>,
          },
          { title: t("admin.region"), dataIndex: "regionCode" },
          { title: t("admin.address"), dataIndex: "address" },
          {
            title: t("admin.hours"),
            key: "hours",
            render: (_: unknown, h) =>
              h.openingHours.map((r) => `${r.open}–${r.close}`).join(t("punct.list")),
          },
          {
            key: "edit",
            width: 80,
            render: (_: unknown, h) => (
              <Button size="small" onClick={() => start(h)}>
                {t("action.edit")}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === "new" ? t("admin.addHall") : t("admin.editHall")}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t("action.save")}
        cancelText={t("action.cancel")}
        confirmLoading={save.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item
            name="name"
            label={t("admin.name")}
            rules={[{ required: true, message: t("admin.required") }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t("admin.nameEn")} extra={t("admin.nameEnHint")}>
            <Input placeholder="Lujiazui Hall" />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="type" label={t("admin.type")} style={{ flex: 1 }}>
              <Select
                options={(["self_run", "cooperative", "outsourced"] as const).map((v) => ({
                  value: v,
                  label: t(`hallType.${v}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="regionCode"
              label={t("admin.region")}
              style={{ flex: 1 }}
              rules={[{ required: true, message: t("admin.required") }]}
            >
              <Input />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="address" label={t("admin.address")}>
            <Input />
          </Form.Item>
          <Space>
            <Form.Item
              name="open"
              label={`${t("admin.hours")} · ${t("admin.open")}`}
              rules={[{ pattern: clock, message: "HH:MM" }]}
            >
              <Input style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="close" label={t("admin.close")} rules={[{ pattern: clock, message: "HH:MM" }]}>
              <Input style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="latitude" label={t("admin.latitude")}>
              <InputNumber style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="longitude" label={t("admin.longitude")}>
              <InputNumber style={{ width: 110 }} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
