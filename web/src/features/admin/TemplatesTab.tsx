import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Input, List, Modal, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";
import { ErrorState } from "../../shell/Forbidden";
import { Loading } from "../../shell/Loading";
import { useFail } from "./shared";

type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;
type Template = Ok<paths["/api/message-templates"]["get"]>[number];

/** R-NOTIFY 短信模板: the customers' messages in the operator's words, each with the values it may use. */
export function TemplatesTab() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const fail = useFail();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Template | null>(null);
  const [body, setBody] = useState("");
  const list = useQuery({
    queryKey: ["message-templates"],
    queryFn: async () => unwrap(await api.GET("/api/message-templates")),
  });
  const save = useMutation({
    mutationFn: async (v: { template: Template; body: string | null }) =>
      unwrap(
        await api.PUT("/api/message-templates/{template}", {
          params: { path: { template: v.template.code } },
          body: { body: v.body },
        }),
      ),
    onSuccess: () => {
      void message.success(t("admin.saved"));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ["message-templates"] });
    },
    onError: fail,
  });
  if (list.error) return <ErrorState error={list.error} />;
  if (!list.data) return <Loading />;
  return (
    <>
      <List
        dataSource={list.data}
        renderItem={(tpl) => (
          <List.Item
            actions={[
              <Button
                key="edit"
                size="small"
                onClick={() => {
                  setEditing(tpl);
                  setBody(tpl.body);
                }}
              >
                {t("admin.templates.edit")}
              </Button>,
              tpl.edited && (
                <Button
                  key="reset"
                  size="small"
                  onClick={() =>
                    modal.confirm({
                      title: t("admin.templates.resetConfirm", { name: tpl.label }),
                      onOk: () => save.mutateAsync({ template: tpl, body: null }),
                    })
                  }
                >
                  {t("admin.templates.reset")}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space>
                  {tpl.label}
                  {tpl.edited && <Tag color="blue">{t("admin.templates.edited")}</Tag>}
                </Space>
              }
              description={tpl.body}
            />
          </List.Item>
        )}
      />
      <Modal
        open={!!editing}
        title={editing?.label}
        okText={t("admin.templates.save")}
        okButtonProps={{ disabled: !body.trim(), loading: save.isPending }}
        onOk={() => editing && save.mutate({ template: editing, body: body.trim() })}
        onCancel={() => setEditing(null)}
      >
        <Input.TextArea
          aria-label={editing?.label}
          rows={4}
          maxLength={300}
          showCount
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t("admin.templates.vars")}{" "}
          {editing?.vars.map((v) => (
            <Tag key={v} style={{ cursor: "pointer" }} onClick={() => setBody((b) => `${b}{{${v}}}`)}>
              {`{{${v}}}`}
            </Tag>
          ))}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {t("admin.templates.default")} {editing?.defaultBody}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
