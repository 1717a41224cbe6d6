import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { ApiError } from "../../api/client";
import { useSession } from "../../api/session";
import { brand } from "../../app/theme";
import { LanguageSwitch } from "../../shell/LanguageSwitch";

type Values = { username: string; password: string };

export default function LoginPage() {
  const { t } = useTranslation();
  const { principal, login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only same-site paths: a crafted ?next= must not send anyone elsewhere.
  const next =
    params.get("next")?.startsWith("/") && !params.get("next")?.startsWith("//") ? params.get("next")! : "/";
  if (principal?.kind === "user") return <Navigate to={next} replace />;

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? t("auth.failed")
          : e instanceof ApiError && e.status === 429
            ? t("auth.locked", {
                n: (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60,
              })
            : e instanceof Error
              ? e.message
              : String(e),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main
      style={{
        minHeight: "100vh",
        display: "grid",
        placeItems: "center",
        background: `linear-gradient(135deg, ${brand.navy} 0%, ${brand.primary} 100%)`,
        padding: 16,
      }}
    >
      <Card style={{ width: "100%", maxWidth: 400, boxShadow: "0 20px 50px rgba(0,0,0,.25)" }}>
        <div style={{ textAlign: "center", marginBottom: 24 }}>
          <div
            aria-hidden
            style={{
              margin: "0 auto 12px",
              width: 56,
              height: 56,
              borderRadius: 14,
              background: brand.primary,
              color: "#fff",
              fontSize: 30,
              fontWeight: 700,
              display: "grid",
              placeItems: "center",
            }}
          >
            厅
          </div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("auth.welcome")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("auth.subtitle")}</Typography.Text>
        </div>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item
            label={t("auth.username")}
            name="username"
            rules={[{ required: true, message: t("auth.required", { field: t("auth.username") }) }]}
          >
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t("auth.password")}
            name="password"
            rules={[{ required: true, message: t("auth.required", { field: t("auth.password") }) }]}
          >
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t("auth.submit")}
          </Button>
        </Form>
        <div style={{ textAlign: "center", marginTop: 20 }}>
          <LanguageSwitch size="small" />
        </div>
      </Card>
    </main>
  );
}
