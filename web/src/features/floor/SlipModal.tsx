import { PrinterOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Modal, Skeleton } from "antd";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { Hall } from "../../api/types";
import { useTypeName } from "../../shell/catalog";
import { minutes, timeWithSeconds } from "../../shell/format";
import "./floor.css";
import { useLocalNames } from "../../shell/names";

/** 重打凭条: the ticket's slip again, with its place in line now, to hand over or print. */
export function SlipModal({
  hall,
  ticketId,
  onClose,
}: {
  hall: Hall;
  ticketId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { hallName } = useLocalNames();
  const typeName = useTypeName();
  const ticket = useQuery({
    queryKey: ["hall", hall.id, "slip", ticketId],
    enabled: !!ticketId,
    queryFn: async () => unwrap(await api.GET("/api/tickets/{id}", { params: { path: { id: ticketId! } } })),
  });
  const tk = ticket.data;
  return (
    <Modal
      open={!!ticketId}
      title={t("floor.slipTitle")}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="close" onClick={onClose}>
          {t("action.close")}
        </Button>,
        <Button
          key="print"
          type="primary"
          icon={<PrinterOutlined aria-hidden />}
          onClick={() => window.print()}
        >
          {t("floor.print")}
        </Button>,
      ]}
    >
      {!tk ? (
        <Skeleton active />
      ) : (
        <section className="floor-slip" aria-label={t("floor.slipTitle")}>
          <div>{hallName(hall)}</div>
          <div className="floor-slip-number" data-testid="slip-number">
            {tk.number}
          </div>
          <dl className="floor-slip-rows">
            <div>
              <dt>{t("kiosk.business")}</dt>
              <dd>{typeName(tk.businessType)}</dd>
            </div>
            <div>
              <dt>{t("kiosk.ahead")}</dt>
              <dd>{t("kiosk.aheadValue", { n: tk.ahead ?? 0 })}</dd>
            </div>
            <div>
              <dt>{t("kiosk.estimate")}</dt>
              <dd>{minutes(tk.estimatedWaitSeconds ?? 0, t)}</dd>
            </div>
            <div>
              <dt>{t("kiosk.issuedAt")}</dt>
              <dd>
                {new Date(tk.issuedAt).toLocaleDateString("zh-CN")} {timeWithSeconds(tk.issuedAt)}
              </dd>
            </div>
          </dl>
          <p className="floor-slip-notice">{t("kiosk.slipNotice")}</p>
        </section>
      )}
    </Modal>
  );
}
