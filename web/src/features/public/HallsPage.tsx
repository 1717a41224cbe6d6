import { SafetyCertificateFilled } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Card, Empty, List, Space, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { ErrorState } from "../../shell/Forbidden";
import { LanguageSwitch } from "../../shell/LanguageSwitch";

// The public hall list (no login, a phone): open halls of a region with the waiting now, and the
// certificate (挂牌, R-CERT) of those that hold it.
export default function HallsPage() {
  const { t } = useTranslation();
  const { regionCode = "" } = useParams();
  const halls = useQuery({
    queryKey: ["public", "halls", regionCode],
    queryFn: async () => unwrap(await api.GET("/api/public/halls", { params: { query: { regionCode } } })),
    refetchInterval: 30_000,
  });
  return (
    <div style={{ maxWidth: 720, margin: "0 auto", padding: 16 }}>
      <Space style={{ width: "100%", justifyContent: "space-between" }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("public.title")}
        </Typography.Title>
        <LanguageSwitch />
      </Space>
      {halls.error && <ErrorState error={halls.error} />}
      <List
        loading={halls.isLoading}
        dataSource={halls.data ?? []}
        locale={{ emptyText: <Empty description={t("public.empty")} /> }}
        renderItem={(h) => (
          <Card size="small" style={{ marginTop: 12 }}>
            <Space direction="vertical" size={4} style={{ width: "100%" }}>
              <Space wrap>
                <strong style={{ fontSize: 17 }}>{h.name}</strong>
                {h.certified && (
                  <Tooltip title={t("public.certifiedHint")}>
                    <Tag color="gold" icon={<SafetyCertificateFilled />}>
                      {t("public.certified")}
                    </Tag>
                  </Tooltip>
                )}
                <Tag color={h.open ? "green" : "default"}>{t(h.open ? "public.open" : "public.closed")}</Tag>
              </Space>
              <span style={{ color: "#64748b" }}>{h.address}</span>
              {h.open && (
                <span>
                  {t("public.waiting", { n: h.waiting })} ·{" "}
                  {t("public.estimate", { m: Math.ceil(h.estimatedWaitSeconds / 60) })}
                </span>
              )}
            </Space>
          </Card>
        )}
      />
    </div>
  );
}
