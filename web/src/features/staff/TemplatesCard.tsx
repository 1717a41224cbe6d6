import { App, Button, Card, Empty, Form, Input, InputNumber, Space, Table, TimePicker } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { type Template, useStaffActions, useTemplates } from "./api";

// The shift shapes (班次模板) the optimiser builds a week from: a start and a length each.
const endOf = (start: string, hours: number) => {
  const [h, m] = start.split(":").map(Number);
  const end = h * 60 + m + Math.round(hours * 60);
  return `${String(Math.floor(end / 60)).padStart(2, "0")}:${String(end % 60).padStart(2, "0")}`;
};

export function TemplatesCard({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const templates = useTemplates(hallId);
  const actions = useStaffActions(hallId);
  const [form] = Form.useForm<{ name: string; start: Dayjs; lengthHours: number }>();
  const add = async () => {
    const v = await form.validateFields();
    actions.addTemplate.mutate(
      { name: v.name, start: v.start.format("HH:mm"), lengthHours: v.lengthHours },
      { onSuccess: () => form.resetFields(), onError: (e: Error) => message.error(e.message) },
    );
  };
  return (
    <Card size="small" title={t("staffing.templates.title")}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Form form={form} name="template" layout="inline" initialValues={{ lengthHours: 8 }} onFinish={add}>
          <Form.Item name="name" rules={[{ required: true, max: 40 }]}>
            <Input placeholder={t("staffing.templates.name")} aria-label={t("staffing.templates.name")} />
          </Form.Item>
          <Form.Item name="start" rules={[{ required: true }]}>
            <TimePicker
              format="HH:mm"
              minuteStep={30}
              placeholder={t("staffing.templates.start")}
              aria-label={t("staffing.templates.start")}
            />
          </Form.Item>
          <Form.Item name="lengthHours" rules={[{ required: true, type: "number", min: 1, max: 12 }]}>
            <InputNumber
              min={1}
              max={12}
              step={0.5}
              addonAfter="h"
              aria-label={t("staffing.templates.length")}
            />
          </Form.Item>
          <Button htmlType="submit" disabled={actions.addTemplate.isPending}>
            {t("staffing.templates.add")}
          </Button>
        </Form>
        <Table<Template>
          rowKey="id"
          size="small"
          pagination={false}
          loading={templates.isLoading}
          dataSource={templates.data ?? []}
          locale={{ emptyText: <Empty description={t("staffing.templates.empty")} /> }}
          columns={[
            { title: t("staffing.templates.name"), dataIndex: "name" },
            {
              title: t("staffing.templates.start"),
              dataIndex: "start",
              sorter: (a, b) => a.start.localeCompare(b.start),
            },
            { title: t("staffing.templates.length"), dataIndex: "lengthHours" },
            {
              title: t("staffing.templates.end"),
              key: "end",
              render: (_, r) => endOf(r.start, r.lengthHours),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
