import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useHall } from "../../api/queries";
import { useSession } from "../../api/session";
import type { PeakAction } from "../../api/types";
import { HallPicker, useAdminHall, useFail } from "./shared";

type Values = { thresholds: [number, number, number]; actions: Record<"1" | "2" | "3", PeakAction[]> };
const levels = ["1", "2", "3"] as const;

/** R-PEAK: the three thresholds and each level's actions (what, and which role does it). */
function PeakForm({ hallId, canEdit }: { hallId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFail();
  const qc = useQueryClient();
  const hall = useHall(hallId);
  // Whoever a level's action falls to: any role (the server's list, GET /api/auth/me).
  const { roles } = useSession();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (!hall.data) return;
    const s = hall.data.settings;
    form.setFieldsValue({
      thresholds: s.peakThresholds ?? [2.5, 3.5, 4.5],
      actions: { "1": [], "2": [], "3": [], ...s.peakActions },
    });
  }, [hall.data, form]);
  const save = useMutation({
    mutationFn: async (v: Values) => {
      // PATCH replaces settings as a whole: keep the hall's other settings as they are.
      const actions = Object.fromEntries(
        levels.map((l) => [l, (v.actions[l] ?? []).filter((a) => a?.action)]).filter(([, a]) => a.length > 0),
      );
      const settings = {
        ...hall.data!.settings,
        peakThresholds: v.thresholds,
        ...(Object.keys(actions).length ? { peakActions: actions } : {}),
      };
      return unwrap(
        await api.PATCH("/api/halls/{hallId}", { params: { path: { hallId } }, body: { settings } }),
      );
    },
    onSuccess: () => {
      void message.success(t("admin.saved"));
      void qc.invalidateQueries({ queryKey: ["hall", hallId] });
    },
    onError: fail,
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={!canEdit}>
      {!canEdit && (
        <Alert type="info" showIcon title={t("admin.peakReadOnly")} style={{ marginBottom: 12 }} />
      )}
      <Form.Item label={t("admin.thresholds")}>
        <Space>
          {[0, 1, 2].map((i) => (
            <Form.Item key={i} name={["thresholds", i]} noStyle>
              <InputNumber
                min={0.5}
                step={0.5}
                addonBefore={t("admin.level", { n: i + 1 })}
                aria-label={t("admin.level", { n: i + 1 })}
              />
            </Form.Item>
          ))}
        </Space>
      </Form.Item>
      <p style={{ color: "#64748b" }}>{t("admin.defaultActions")}</p>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(3, 1fr)", gap: 12 }}>
        {levels.map((l) => (
          <Card key={l} size="small" title={`${t("admin.level", { n: l })} · ${t("admin.actions")}`}>
            <Form.List name={["actions", l]}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" style={{ display: "flex" }}>
                      <Form.Item name={[f.name, "action"]} style={{ flex: 1, marginBottom: 8 }}>
                        <Input placeholder={t("admin.action")} aria-label={t("admin.action")} />
                      </Form.Item>
                      <Form.Item name={[f.name, "who"]} style={{ marginBottom: 8 }}>
                        <Select
                          style={{ width: 120 }}
                          aria-label={t("admin.who")}
                          options={roles.map(({ role: r }) => ({ value: r, label: t(`role.${r}`) }))}
                        />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t("admin.removeAction")}
                        onClick={() => remove(f.name)}
                      />
                    </Space>
                  ))}
                  <Button
                    type="dashed"
                    block
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() =>
                      add({ action: "", who: roles.find((r) => r.scope === "hall")?.role ?? "" })
                    }
                  >
                    {t("admin.addAction")}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
        ))}
      </div>
      <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 16 }}>
        {t("action.save")}
      </Button>
    </Form>
  );
}

export function PeakTab({ canEdit }: { canEdit: boolean }) {
  const [hallId, setHallId] = useAdminHall();
  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <HallPicker value={hallId} onChange={setHallId} />
      </div>
      {hallId && <PeakForm hallId={hallId} canEdit={canEdit} />}
    </>
  );
}
