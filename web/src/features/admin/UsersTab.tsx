import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, Input, Modal, Select, Switch, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { Role, User } from "../../api/types";
import { useFail, useHalls } from "./shared";

const roles: Role[] = [
  "operator_admin",
  "area_manager",
  "hall_manager",
  "consult_desk",
  "floor_staff",
  "counter_staff",
  "security",
  "rural_agent",
  "inspector",
];
// R-ROLE scopes, as the server checks them: hall roles need a hall, region roles a region code.
const hallRoles: Role[] = ["hall_manager", "consult_desk", "floor_staff", "counter_staff", "security"];
const regionRoles: Role[] = ["area_manager", "rural_agent"];

type Values = {
  username: string;
  displayName: string;
  password?: string;
  role: Role;
  hallId?: string | null;
  regionCode?: string | null;
  active: boolean;
};

export function UsersTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFail();
  const qc = useQueryClient();
  const halls = useHalls();
  const users = useQuery({ queryKey: ["users"], queryFn: async () => unwrap(await api.GET("/api/users")) });
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch("role", form);
  const save = useMutation({
    mutationFn: async ({ username, password, ...v }: Values) => {
      const scope = {
        hallId: hallRoles.includes(v.role) ? v.hallId : null,
        regionCode: regionRoles.includes(v.role) ? v.regionCode : null,
      };
      if (editing === "new" || !editing)
        return unwrap(
          await api.POST("/api/users", { body: { ...v, ...scope, username, password: password ?? "" } }),
        );
      return unwrap(
        await api.PATCH("/api/users/{userId}", {
          params: { path: { userId: editing.id } },
          body: { ...v, ...scope, ...(password ? { password } : {}) },
        }),
      );
    },
    onSuccess: () => {
      void message.success(t("admin.saved"));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ["users"] });
    },
    onError: fail,
  });
  const start = (u: User | "new") => {
    setEditing(u);
    form.resetFields();
    form.setFieldsValue(u === "new" ? { role: "counter_staff", active: true } : { ...u, password: "" });
  };
  const hallName = (id: string | null) => halls.data?.find((h) => h.id === id)?.name ?? "—";
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined aria-hidden />}
        onClick={() => start("new")}
        style={{ marginBottom: 12 }}
      >
        {t("admin.addUser")}
      </Button>
      <Table<User>
        rowKey="id"
        size="small"
        loading={users.isLoading}
        dataSource={users.data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t("admin.username"), dataIndex: "username" },
          { title: t("admin.displayName"), dataIndex: "displayName" },
          {
            title: t("admin.role"),
            dataIndex: "role",
            render: (r: Role) => <Tag color="blue">{t(`role.${r}`)}</Tag>,
          },
          { title: t("admin.hall"), dataIndex: "hallId", render: hallName },
          { title: t("admin.region"), dataIndex: "regionCode", render: (r: string | null) => r ?? "—" },
          {
            title: t("admin.active"),
            dataIndex: "active",
            render: (v: boolean) => (v ? t("admin.yes") : <Tag>{t("admin.no")}</Tag>),
          },
          {
            key: "edit",
            width: 80,
            render: (_: unknown, u) => (
              <Button size="small" onClick={() => start(u)}>
                {t("action.edit")}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing === "new" ? t("admin.addUser") : t("admin.editUser")}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t("action.save")}
        cancelText={t("action.cancel")}
        confirmLoading={save.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item
            name="username"
            label={t("admin.username")}
            rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{3,40}$/, message: "3–40 a-z 0-9 _ . -" }]}
          >
            <Input disabled={editing !== "new"} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t("admin.displayName")}
            rules={[{ required: true, message: t("admin.required") }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("admin.password")}
            extra={editing !== "new" ? t("admin.passwordKeep") : undefined}
            rules={[{ required: editing === "new", min: 8, message: "≥ 8" }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="role" label={t("admin.role")}>
            <Select options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          {role && hallRoles.includes(role) && (
            <Form.Item
              name="hallId"
              label={t("admin.hall")}
              rules={[{ required: true, message: t("admin.required") }]}
            >
              <Select options={(halls.data ?? []).map((h) => ({ value: h.id, label: h.name }))} />
            </Form.Item>
          )}
          {role && regionRoles.includes(role) && (
            <Form.Item
              name="regionCode"
              label={t("admin.region")}
              rules={[{ required: true, message: t("admin.required") }]}
            >
              <Input />
            </Form.Item>
          )}
          <Form.Item name="active" label={t("admin.active")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
