import { CloudUploadOutlined } from "@ant-design/icons";
import { Alert, Button, List, Space } from "antd";
import { useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { discardPending, flushPending, usePendingVisits } from "./pending";

const subscribeOnline = (l: () => void) => {
  window.addEventListener("online", l);
  window.addEventListener("offline", l);
  return () => {
    window.removeEventListener("online", l);
    window.removeEventListener("offline", l);
  };
};

/** Visit records kept on this phone until the server has them. */
export function PendingBanner() {
  const { t } = useTranslation();
  const pending = usePendingVisits();
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  if (pending.length === 0 && online) return null;
  return (
    <Alert
      role="status"
      type={pending.some((p) => p.error) ? "error" : "warning"}
      showIcon
      icon={<CloudUploadOutlined />}
      style={{ marginBottom: 12 }}
      title={
        <Space wrap>
          {!online && <b>{t("field.pending.offline")}</b>}
          {pending.length > 0 && <span>{t("field.pending.title", { n: pending.length })}</span>}
        </Space>
      }
      description={
        pending.length > 0 && (
          <>
            <div style={{ fontSize: 13 }}>{t("field.pending.hint")}</div>
            <List
              size="small"
              dataSource={pending}
              renderItem={(p) => (
                <List.Item
                  key={p.clientId}
                  actions={
                    p.error
                      ? [
                          <Button key="d" size="small" danger onClick={() => discardPending(p.clientId)}>
                            {t("field.pending.discard")}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <span>
                    {p.customerName} · {t(`field.kind.${p.body.kind}`)}
                    {p.error && (
                      <div style={{ color: "#b91c1c" }}>
                        {t("field.pending.failed", { message: p.error })}
                      </div>
                    )}
                  </span>
                </List.Item>
              )}
            />
            {online && (
              <Button size="small" onClick={() => void flushPending()}>
                {t("field.pending.sendNow")}
              </Button>
            )}
          </>
        )
      }
    />
  );
}
