import { App, Input, Space, Tag } from "antd";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

/**
 * R-PRIVACY: a full number is shown only with a reason, which the server keeps in the audit log. Asks
 * for it (a few common ones to tap, or typed) and resolves with it, or null when the person cancels.
 */
export function useReason(): () => Promise<string | null> {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  return useCallback(
    () =>
      new Promise<string | null>((resolve) => {
        let reason = "";
        const common = [t("reason.callback"), t("reason.verify"), t("reason.followUp")];
        const body = (current: string, set: (v: string) => void) => (
          <Space orientation="vertical" style={{ width: "100%" }}>
            <span>{t("reason.hint")}</span>
            <Space wrap>
              {common.map((c) => (
                <Tag.CheckableTag key={c} checked={current === c} onChange={() => set(c)}>
                  {c}
                </Tag.CheckableTag>
              ))}
            </Space>
            <Input
              aria-label={t("reason.title")}
              maxLength={200}
              value={current}
              onChange={(e) => set(e.target.value)}
            />
          </Space>
        );
        const instance = modal.confirm({
          title: t("reason.title"),
          icon: null,
          okText: t("reason.ok"),
          okButtonProps: { disabled: true },
          content: body("", update),
          onOk: () => resolve(reason.trim()),
          onCancel: () => resolve(null),
        });
        function update(v: string) {
          reason = v;
          instance.update({ content: body(v, update), okButtonProps: { disabled: v.trim().length < 2 } });
        }
      }),
    [modal, t],
  );
}
