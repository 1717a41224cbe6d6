import { HomeOutlined, LockOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Grid, Layout, Space, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useSession } from "../api/session";
import { brand } from "../app/theme";
import { ChangePasswordDialog } from "../features/auth/ChangePassword";
import { LanguageSwitch } from "./LanguageSwitch";

type Props = { title: ReactNode; extra?: ReactNode; children: ReactNode; compact?: boolean };

/**
 * The frame of every staff screen: brand, screen title, who is signed in, language, sign-out. On a phone
 * (narrower than 768 px, or a compact screen) the header keeps one line: the brand's mark without its
 * name, the title ellipsed, the language as 中/EN, who is signed in left to the page itself.
 */
export function StaffLayout({ title, extra, children, compact: compactScreen = false }: Props) {
  const { t } = useTranslation();
  const { principal, logout } = useSession();
  const navigate = useNavigate();
  const user = principal?.kind === "user" ? principal : null;
  const [changingPassword, setChangingPassword] = useState(false);
  const screens = Grid.useBreakpoint();
  const compact = compactScreen || screens.md === false;
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
        <Link
          to="/"
          aria-label={t("app.name")}
          style={{ display: "flex", alignItems: "center", gap: 8, flexShrink: 0 }}
        >
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
          {!compact && (
            <b style={{ color: brand.navy, fontSize: 17, whiteSpace: "nowrap" }}>{t("app.name")}</b>
          )}
        </Link>
        <Typography.Title level={compact ? 5 : 4} style={{ margin: 0, flex: 1, minWidth: 0 }} ellipsis>
          {title}
        </Typography.Title>
        {extra}
        <LanguageSwitch size="small" short={compact} />
        {user && (
          <Space size={compact ? 0 : 8}>
            {!compact && (
              <span style={{ color: "#475569", whiteSpace: "nowrap" }}>
                <UserOutlined aria-hidden /> {user.displayName} · {t(`role.${user.role}`)}
              </span>
            )}
            {compactScreen && (
              <Button
                type="text"
                aria-label={t("action.back")}
                icon={<HomeOutlined aria-hidden />}
                onClick={() => navigate("/")}
              />
            )}
            <Button
              type="text"
              icon={<LockOutlined aria-hidden />}
              aria-label={t("auth.changePassword")}
              title={t("auth.changePassword")}
              onClick={() => setChangingPassword(true)}
            >
              {compact ? null : t("auth.changePassword")}
            </Button>
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
      <Layout.Content style={{ padding: compact ? 12 : 24, minWidth: 0 }}>{children}</Layout.Content>
      {user && <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />}
    </Layout>
  );
}
