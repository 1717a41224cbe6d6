import { LoadingOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Switch,
} from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { ApiError } from "../../api/client";
import { CATEGORIES, type CreateBody, useCreateComplaint } from "./api";

type Values = {
  name: string;
  phone: string;
  channel: CreateBody["channel"];
  category: string;
  severity: NonNullable<CreateBody["severity"]>;
  keyCustomer: boolean;
  description: string;
  request: string;
  receivedAt?: { toDate(): Date };
  confirmed: boolean;
  kind: "complaint" | "appeal";
  disputeKind?: "fee" | "other";
  disputeStartedAt?: { toDate(): Date };
  priorComplaintAt?: { toDate(): Date };
  priorOutcome?: "no_answer" | "dissatisfied";
};

/** R-CMP: the one-minute form at a counter — who, what happened, what they want, read back and confirmed. */
export function ComplaintForm({ hallId }: { hallId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateComplaint();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form);
  const submit = async (v: Values) => {
    if (create.inFlight()) return;
    try {
      const c = await create.mutateAsync({
        ...(hallId ? { hallId } : {}),
        customer: { name: v.name, phone: v.phone },
        channel: v.channel,
        category: v.category,
        severity: v.severity,
        keyCustomer: v.keyCustomer,
        description: v.description,
        request: v.request,
        confirmedByCustomer: v.confirmed,
        kind: v.kind,
        ...(v.kind === "appeal" && v.disputeKind && v.disputeStartedAt
          ? {
              appeal: {
                disputeKind: v.disputeKind,
                disputeStartedAt: v.disputeStartedAt.toDate().toISOString(),
                priorOutcome: v.priorOutcome,
                ...(v.priorComplaintAt
                  ? { priorComplaintAt: v.priorComplaintAt.toDate().toISOString() }
                  : {}),
              },
            }
          : {}),
        ...(v.receivedAt ? { receivedAt: v.receivedAt.toDate().toISOString() } : {}),
      });
      message.success(
        t("complaints.form.saved", {
          due: new Date(c.firstReplyDueAt ?? c.dueAt ?? "").toLocaleString("zh-CN", { hour12: false }),
        }),
      );
      navigate(`/complaints/${c.id}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card title={t("complaints.form.title")} style={{ maxWidth: 760, margin: "0 auto" }}>
      <Alert type="info" showIcon message={t("complaints.form.hint")} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          channel: "counter",
          severity: "normal",
          keyCustomer: false,
          confirmed: false,
          category: "billing",
        }}
        requiredMark={false}
      >
        <Space.Compact block>
          <Form.Item
            name="name"
            label={t("complaints.form.name")}
            rules={[{ required: true }]}
            style={{ flex: 1, marginRight: 12 }}
          >
            <Input autoFocus maxLength={60} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t("complaints.form.phone")}
            rules={[{ required: true, pattern: /^1\d{10}$|^0\d{9,11}$/ }]}
            style={{ flex: 1 }}
          >
            <Input inputMode="tel" maxLength={12} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="kind" label={t("complaints.form.kind")}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(["complaint", "appeal"] as const).map((k) => ({
              value: k,
              label: t(`complaints.kind.${k}`),
            }))}
          />
        </Form.Item>
        {kind === "appeal" && (
          <Card size="small" style={{ marginBottom: 16, background: "#fdf4ff" }}>
            <Alert
              type="warning"
              showIcon
              message={t("complaints.form.appealHint")}
              style={{ marginBottom: 12 }}
            />
            <Space wrap size="large">
              <Form.Item
                name="disputeKind"
                label={t("complaints.form.disputeKind")}
                rules={[{ required: true }]}
              >
                <Radio.Group
                  options={(["fee", "other"] as const).map((k) => ({
                    value: k,
                    label: t(`complaints.form.dispute.${k}`),
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="disputeStartedAt"
                label={t("complaints.form.disputeStartedAt")}
                rules={[{ required: true }]}
              >
                <DatePicker />
              </Form.Item>
              <Form.Item
                name="priorComplaintAt"
                label={t("complaints.form.priorComplaintAt")}
                rules={[{ required: true }]}
              >
                <DatePicker />
              </Form.Item>
              <Form.Item
                name="priorOutcome"
                label={t("complaints.form.priorOutcome")}
                rules={[{ required: true }]}
              >
                <Radio.Group
                  options={(["no_answer", "dissatisfied"] as const).map((k) => ({
                    value: k,
                    label: t(`complaints.form.outcome.${k}`),
                  }))}
                />
              </Form.Item>
            </Space>
          </Card>
        )}
        <Form.Item name="channel" label={t("complaints.form.channel")}>
          <Radio.Group
            optionType="button"
            options={(["counter", "floor", "phone", "door", "hotline", "online"] as const).map((c) => ({
              value: c,
              label: t(`complaints.channel.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="category" label={t("complaints.form.category")}>
          <Radio.Group
            optionType="button"
            options={CATEGORIES.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t("complaints.form.description")} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="request" label={t("complaints.form.request")} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="severity" label={t("complaints.form.severity")}>
            <Select
              style={{ width: 120 }}
              options={(["normal", "serious", "major"] as const).map((s) => ({
                value: s,
                label: t(`complaints.severity.${s}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="keyCustomer" label={t("complaints.form.keyCustomer")} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="receivedAt" label={t("complaints.form.receivedAt")}>
            <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Form.Item name="confirmed" valuePropName="checked">
          <Checkbox>{t("complaints.form.confirmed")}</Checkbox>
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          disabled={create.isPending}
          icon={create.isPending ? <LoadingOutlined /> : undefined}
          block
        >
          {t("complaints.form.submit")}
        </Button>
      </Form>
    </Card>
  );
}
