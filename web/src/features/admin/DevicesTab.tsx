import { CopyOutlined, KeyOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useCounters } from "../../api/queries";
import type { Device } from "../../api/types";
import { timeOf } from "../../shell/format";
import { useLocalNames } from "../../shell/names";
import { HallPicker, useAdminHall, useFail } from "./shared";

type Kind = Device["kind"];
type Values = { kind: Kind; label: string; counterId?: string };

/** The link a device is set up with: its screen, with the token (shown once, never stored here). */
const deviceLink = (d: { kind: Kind; hallId: string; counterId: string | null }, token: string) =>
  `${window.location.origin}/${d.kind}/${d.hallId}${d.kind === "pad" ? `/${d.counterId}` : ""}?device=${encodeURIComponent(token)}`;

function DeviceList({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFail();
  const qc = useQueryClient();
  const counters = useCounters(hallId);
  const devices = useQuery({
    queryKey: ["hall", hallId, "devices"],
    queryFn: async () =>
      unwrap(await api.GET("/api/halls/{hallId}/devices", { params: { path: { hallId } } })),
  });
  const [issuing, setIssuing] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form);
  const refresh = () => qc.invalidateQueries({ queryKey: ["hall", hallId, "devices"] });
  const issue = useMutation({
    mutationFn: async (v: Values) =>
      unwrap(await api.POST("/api/halls/{hallId}/devices", { params: { path: { hallId } }, body: v })),
    onSuccess: (d) => {
      setIssuing(false);
      setLink(deviceLink(d, d.token));
      void refresh();
    },
    onError: fail,
  });
  const revoke = useMutation({
    mutationFn: async (id: string) =>
      unwrap(
        await api.POST("/api/halls/{hallId}/devices/{deviceId}/revoke", {
          params: { path: { hallId, deviceId: id } },
        }),
      ),
    onSuccess: () => void refresh(),
    onError: fail,
  });
  const names = useLocalNames();
  const counterLabel = (id: string | null) => {
    const c = counters.data?.find((x) => x.id === id);
    return c ? names.counterLabel(c) : "—";
  };
  return (
    <>
      <Button
        type="primary"
        icon={<KeyOutlined aria-hidden />}
        style={{ marginBottom: 12 }}
        onClick={() => {
          form.resetFields();
          form.setFieldsValue({ kind: "kiosk", label: "" });
          setIssuing(true);
        }}
      >
        {t("admin.issue")}
      </Button>
      <Table<Device>
        rowKey="id"
        size="small"
        loading={devices.isLoading}
        dataSource={devices.data}
        pagination={false}
        columns={[
          { title: t("admin.label"), dataIndex: "label" },
          { title: t("admin.kind"), dataIndex: "kind", render: (k: Kind) => t(`admin.kinds.${k}`) },
          { title: t("admin.counter"), dataIndex: "counterId", render: counterLabel },
          {
            title: t("admin.created"),
            dataIndex: "createdAt",
            render: (v: string) => `${new Date(v).toLocaleDateString("zh-CN")} ${timeOf(v)}`,
          },
          {
            title: t("admin.status"),
            dataIndex: "revokedAt",
            render: (v: string | null) =>
              v ? <Tag>{t("admin.revoked")}</Tag> : <Tag color="green">{t("admin.valid")}</Tag>,
          },
          {
            key: "revoke",
            width: 90,
            render: (_: unknown, d) =>
              !d.revokedAt && (
                <Popconfirm
                  title={t("admin.revokeConfirm")}
                  onConfirm={() => revoke.mutate(d.id)}
                  okText={t("action.confirm")}
                  cancelText={t("action.cancel")}
                >
                  <Button size="small" danger>
                    {t("admin.revoke")}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={issuing}
        title={t("admin.issue")}
        onCancel={() => setIssuing(false)}
        onOk={() => form.submit()}
        okText={t("action.confirm")}
        cancelText={t("action.cancel")}
        confirmLoading={issue.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => issue.mutate(v)}>
          <Form.Item name="kind" label={t("admin.kind")}>
            <Select
              options={(["kiosk", "display", "pad"] as const).map((k) => ({
                value: k,
                label: t(`admin.kinds.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="label"
            label={t("admin.label")}
            rules={[{ required: true, message: t("admin.required") }]}
          >
            <Input />
          </Form.Item>
          {kind === "pad" && (
            <Form.Item
              name="counterId"
              label={t("admin.counter")}
              rules={[{ required: true, message: t("admin.required") }]}
            >
              <Select
                options={(counters.data ?? []).map((c) => ({ value: c.id, label: names.counterLabel(c) }))}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={!!link}
        title={t("admin.tokenTitle")}
        onCancel={() => setLink(null)}
        footer={
          <Button type="primary" onClick={() => setLink(null)}>
            {t("action.confirm")}
          </Button>
        }
      >
        <p>{t("admin.tokenOnce")}</p>
        <Typography.Paragraph
          code
          copyable={false}
          style={{ wordBreak: "break-all" }}
          data-testid="device-link"
        >
          {link}
        </Typography.Paragraph>
        <Button
          icon={<CopyOutlined aria-hidden />}
          onClick={() =>
            void navigator.clipboard?.writeText(link ?? "").then(() => message.success(t("admin.copied")))
          }
        >
          {t("admin.copy")}
        </Button>
      </Modal>
    </>
  );
}

export function DevicesTab() {
  const [hallId, setHallId] = useAdminHall();
  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <HallPicker value={hallId} onChange={setHallId} />
      </div>
      {hallId && <DeviceList hallId={hallId} />}
    </>
  );
}
