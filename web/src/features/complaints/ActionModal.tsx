import { App, Checkbox, Form, Input, Modal, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { actionSpec, type Field } from "./actions";
import { CATEGORIES, type Complaint, DEPARTMENTS, useComplaintAction } from "./api";
import { OwnerPicker } from "./OwnerPicker";

const channels = ["phone", "sms", "in_person", "visit"] as const;

/** The form of one transition: only the fields that action takes, then POST it. */
export function ActionModal({
  complaint,
  action,
  onClose,
}: {
  complaint: Complaint;
  action: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useComplaintAction(complaint.id);
  const [form] = Form.useForm();
  const fields: Field[] = action ? actionSpec[action].fields : [];
  const label = action ? t(`complaints.action.${action}`) : "";
  const submit = async () => {
    if (!action) return;
    const values = (await form.validateFields()) as Record<string, unknown>;
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ""));
    if ("optionalText" in body) {
      body.text = body.optionalText;
      delete body.optionalText;
    }
    try {
      await run.mutateAsync({ action, body });
      message.success(t("complaints.done", { action: label }));
      form.resetFields();
      onClose();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const required = [{ required: true }];
  const item = (f: Field) => {
    switch (f) {
      case "text":
        return (
          <Form.Item key={f} name="text" label={t("complaints.field.text")} rules={required}>
            <Input.TextArea rows={3} />
          </Form.Item>
        );
      case "optionalText":
        return (
          <Form.Item
            key={f}
            name="optionalText"
            label={t("complaints.field.text")}
            extra={t("complaints.field.replyHint")}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        );
      case "reply":
        return (
          <Form.Item key={f} name="reply" label={t("complaints.field.text")} rules={required}>
            <Input.TextArea rows={3} />
          </Form.Item>
        );
      case "reason":
        return (
          <Form.Item key={f} name="reason" label={t("complaints.field.reason")} rules={required}>
            <Input.TextArea rows={2} />
          </Form.Item>
        );
      case "note":
        return (
          <Form.Item key={f} name="note" label={t("complaints.field.note")}>
            <Input.TextArea rows={2} />
          </Form.Item>
        );
      case "brief":
        return (
          <Form.Item key={f} name="brief" label={t("complaints.field.brief")} rules={required}>
            <Input.TextArea rows={3} />
          </Form.Item>
        );
      case "to":
        return (
          <Form.Item key={f} name="to" label={t("complaints.field.to")} rules={required}>
            <Input placeholder="10086 / 工信部 12300" />
          </Form.Item>
        );
      case "channel":
        return (
          <Form.Item key={f} name="channel" label={t("complaints.field.channel")} initialValue="phone">
            <Radio.Group
              optionType="button"
              options={channels.map((c) => ({ value: c, label: t(`complaints.contactChannel.${c}`) }))}
            />
          </Form.Item>
        );
      case "satisfaction":
        return (
          <Form.Item
            key={f}
            name="satisfaction"
            label={t("complaints.field.satisfaction")}
            rules={action === "callback" ? required : []}
          >
            <Radio.Group
              optionType="button"
              options={["satisfied", "dissatisfied"].map((s) => ({
                value: s,
                label: t(`complaints.field.${s}`),
              }))}
            />
          </Form.Item>
        );
      case "department":
        return (
          <Form.Item key={f} name="department" label={t("complaints.field.department")} rules={required}>
            <Select
              options={DEPARTMENTS.map((d) => ({ value: d, label: t(`complaints.department.${d}`) }))}
            />
          </Form.Item>
        );
      case "category":
        return (
          <Form.Item key={f} name="category" label={t("complaints.field.category")} rules={required}>
            <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))} />
          </Form.Item>
        );
      case "toUserId":
        return (
          <Form.Item key={f} name="toUserId" label={t("complaints.field.toUser")} rules={required}>
            <OwnerPicker complaintId={complaint.id} />
          </Form.Item>
        );
      case "materialsComplete":
        return (
          <Form.Item key={f} name="materialsComplete" valuePropName="checked">
            <Checkbox>{t("complaints.field.materialsComplete")}</Checkbox>
          </Form.Item>
        );
    }
  };
  return (
    <Modal
      open={action !== null}
      title={label}
      okText={label}
      cancelText={t("action.cancel")}
      confirmLoading={run.isPending}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false} preserve={false}>
        {fields.map(item)}
      </Form>
    </Modal>
  );
}
