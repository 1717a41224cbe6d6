import { PlusOutlined, UnlockOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useSession } from "../../api/session";
import type { Role, SignInLock, User } from "../../api/types";
import { passwordErrorText } from "../auth/ChangePassword";
import { useFail, useHalls } from "./shared";

type Values = {
  username: string;
  displayName: string;
  password?: string;
  role: Role;
  hallId?: string | null;
  regionCode?: string | null;
  email?: string | null;
  active: boolean;
};

export function UsersTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFail();
  const qc = useQueryClient();
  const halls = useHalls();
  const users = useQuery({ queryKey: ["users"], queryFn: async () => unwrap(await api.GET("/api/users")) });
  const locks = useQuery({
    queryKey: ["sign-in-locks"],
    queryFn: async () => unwrap(await api.GET("/api/sign-in-locks")),
    refetchInterval: 30_000,
  });
  const lift = useMutation({
    mutationFn: async (lockId: string) =>
      unwrap(await api.POST("/api/sign-in-locks/{lockId}/lift", { params: { path: { lockId } } })),
    onSuccess: () => {
      void message.success(t("admin.unlocked"));
      void qc.invalidateQueries({ queryKey: ["sign-in-locks"] });
    },
    onError: fail,
  });
  const lockOf = (username: string) =>
    locks.data?.find((l) => l.kind === "username" && l.subject === username);
  const addressLocks = locks.data?.filter((l) => l.kind === "address") ?? [];
  const minutes = (l: SignInLock) => Math.ceil(l.retryAfterSeconds / 60);
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch("role", form);
  // R-ROLE scopes, as the server sends them (GET /api/auth/me): a hall role needs a hall, a region role
  // a region code.
  const { roles } = useSession();
  const scopeOf = (r: Role | undefined) => roles.find((x) => x.role === r)?.scope;
  const save = useMutation({
    mutationFn: async ({ username, password, ...v }: Values) => {
      const scope = {
        hallId: scopeOf(v.role) === "hall" ? v.hallId : null,
        regionCode: scopeOf(v.role) === "region" ? v.regionCode : null,
        email: v.email?.trim() ? v.email.trim() : null,
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
    onError: (e) => void message.error(passwordErrorText(t, e)),
  });
  const start = (u: User | "new") => {
    setEditing(u);
    form.resetFields();
    // A new user's role is chosen, never assumed.
    form.setFieldsValue(u === "new" ? { active: true } : { ...u, password: "" });
  };
  const hallName = (id: string | null) => halls.data?.find((h) => h.id === id)?.name ?? "—";
  return (
    <>
      {addressLocks.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("admin.addressLocks")}
          description={
            <Space orientation="vertical" size={4}>
              {addressLocks.map((l) => (
                <Space key={l.id}>
                  <span>{t("admin.addressLocked", { address: l.subject, n: minutes(l) })}</span>
                  <Button size="small" onClick={() => lift.mutate(l.id)} loading={lift.isPending}>
                    {t("admin.unlock")}
                  </Button>
                </Space>
              ))}
            </Space>
          }
        />
      )}
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
            key: "signIn",
            title: t("admin.signIn"),
            render: (_: unknown, u) => {
              const lock = lockOf(u.username);
              if (!lock) return <span style={{ color: "#64748b" }}>{t("admin.signInOk")}</span>;
              return (
                <Space size={4} wrap>
                  <Tag color="red">{t("admin.lockedFor", { n: minutes(lock) })}</Tag>
                  <Button
                    size="small"
                    icon={<UnlockOutlined aria-hidden />}
                    onClick={() => lift.mutate(lock.id)}
                    loading={lift.isPending}
                  >
                    {t("admin.unlock")}
                  </Button>
                </Space>
              );
            },
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
            extra={editing !== "new" ? t("admin.passwordKeep") : t("auth.passwordHint")}
            rules={[{ required: editing === "new", min: 8, message: "≥ 8" }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="role"
            label={t("admin.role")}
            rules={[{ required: true, message: t("admin.required") }]}
          >
            <Select options={roles.map(({ role: r }) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          {scopeOf(role) === "hall" && (
            <Form.Item
              name="hallId"
              label={t("admin.hall")}
              rules={[{ required: true, message: t("admin.required") }]}
            >
              <Select options={(halls.data ?? []).map((h) => ({ value: h.id, label: h.name }))} />
            </Form.Item>
          )}
          {scopeOf(role) === "region" && (
            <Form.Item
              name="regionCode"
              label={t("admin.region")}
              rules={[{ required: true, message: t("admin.required") }]}
            >
              <Input />
            </Form.Item>
          )}
          <Form.Item
            name="email"
            label={t("admin.email")}
            extra={t("admin.emailHint")}
            rules={[{ type: "email", message: t("admin.emailInvalid") }]}
          >
            <Input type="email" autoComplete="off" />
          </Form.Item>
          <Form.Item name="active" label={t("admin.active")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
