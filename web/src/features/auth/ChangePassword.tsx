import { useMutation } from "@tanstack/react-query";
import { App, Form, Input, Modal } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";

type Values = { currentPassword: string; newPassword: string; confirm: string };

/**
 * What to tell a person whose password the server refused, in their language: the rule it named
 * (weak_password), a wrong current password, or a lock with its seconds; else the server's own words.
 */
export function passwordErrorText(t: TFunction, e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  const details = (e.details ?? {}) as { rule?: string; field?: string; retryAfterSeconds?: number };
  if (e.code === "weak_password" && details.rule) return t(`auth.passwordRule.${details.rule}`);
  if (e.code === "invalid_input" && details.field === "currentPassword") return t("auth.currentWrong");
  if (e.status === 429) return t("auth.locked", { n: details.retryAfterSeconds ?? 60 });
  return e.message;
}

/** 修改密码: the signed-in person's own password; their other sessions and devices are signed out. */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: async ({ currentPassword, newPassword }: Values) =>
      unwrap(await api.POST("/api/auth/password", { body: { currentPassword, newPassword } })),
    onSuccess: () => {
      void message.success(t("auth.passwordChanged"));
      form.resetFields();
      onClose();
    },
  });
  const close = () => {
    form.resetFields();
    change.reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t("auth.changePassword")}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t("action.save")}
      cancelText={t("action.cancel")}
      confirmLoading={change.isPending}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => change.mutate(v)} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t("auth.currentPassword")}
          rules={[{ required: true, message: t("auth.required", { field: t("auth.currentPassword") }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t("auth.newPassword")}
          extra={t("auth.passwordHint")}
          rules={[{ required: true, min: 8, message: t("auth.passwordRule.too_short") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("auth.confirmPassword")}
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: t("auth.required", { field: t("auth.confirmPassword") }) },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue("newPassword")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("auth.confirmMismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {change.error && (
          <div role="alert" style={{ color: "#cf1322" }}>
            {passwordErrorText(t, change.error)}
          </div>
        )}
      </Form>
    </Modal>
  );
}
