import { HomeOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Layout, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useSession } from "../api/session";
import { brand } from "../app/theme";
import { LanguageSwitch } from "./LanguageSwitch";

type Props = { title: ReactNode; extra?: ReactNode; children: ReactNode; compact?: boolean };

/** The frame of every staff screen: brand, screen title, who is signed in, language, sign-out. */
export function StaffLayout({ title, extra, children, compact = false }: Props) {
  const { t } = useTranslation();
  const { principal, logout } = useSession();
  const navigate = useNavigate();
  const user = principal?.kind === "user" ? principal : null;
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header
        style={{
          display: "flex",
          alignItems: "center",
          gap: compact ? 8 : 16,
          borderBottom: "1px solid #e5eaf2",
          padding: compact ? "0 12px" : undefined,
          position: "sticky",
          top: 0,
          zIndex: 10,
        }}
      >
        <Link to="/" aria-label={t("app.name")} style={{ display: "flex", alignItems: "center", gap: 8 }}>
          <span
            aria-hidden
            style={{
              background: brand.primary,
              color: "#fff",
              borderRadius: 8,
              width: 32,
              height: 32,
              display: "grid",
              placeItems: "center",
              fontWeight: 700,
              lineHeight: 1,
            }}
          >
            厅
          </span>
          {!compact && <b style={{ color: brand.navy, fontSize: 17 }}>{t("app.name")}</b>}
        </Link>
        <Typography.Title level={compact ? 5 : 4} style={{ margin: 0, flex: 1, minWidth: 0 }} ellipsis>
          {title}
        </Typography.Title>
        {extra}
        {!compact && <LanguageSwitch size="small" />}
        {user && (
          <Space size={compact ? 0 : 8}>
            {!compact && (
              <span style={{ color: "#475569" }}>
                <UserOutlined aria-hidden /> {user.displayName} · {t(`role.${user.role}`)}
              </span>
            )}
            {compact && (
              <Button
                type="text"
                aria-label={t("action.back")}
                icon={<HomeOutlined aria-hidden />}
                onClick={() => navigate("/")}
              />
            )}
            <Button
              type="text"
              icon={<LogoutOutlined aria-hidden />}
              aria-label={t("action.signOut")}
              onClick={async () => {
                await logout();
                navigate("/login");
              }}
            >
              {compact ? null : t("action.signOut")}
            </Button>
          </Space>
        )}
      </Layout.Header>
      <Layout.Content style={{ padding: compact ? 12 : 24 }}>{children}</Layout.Content>
    </Layout>
  );
}
