import {
  CompassOutlined,
  LaptopOutlined,
  LogoutOutlined,
  SmileOutlined,
  TagOutlined,
} from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { App, Button, Card, Segmented, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import type { Journey } from "../../api/types";
import { timeOf } from "../../shell/format";

type Node = "Z1" | "Z2" | "Z3" | "Z4" | "Z9";
const agoOptions = [0, 30, 60, 120] as const;

/** Z1 greeting starts a journey; Z2, Z3 and the ticket belong to it; Z9 closes it (R-VISIT). */
export function JourneyPanel({
  hallId,
  onIssue,
  journey,
  setJourney,
}: {
  hallId: string;
  onIssue: (visitId: string | null) => void;
  journey: Journey | null;
  setJourney: (v: Journey | null) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [ago, setAgo] = useState<(typeof agoOptions)[number]>(0);
  const record = useMutation({
    mutationFn: async (v: { node: Node; visitId?: string; enteredAt?: string }) =>
      unwrap(await api.POST("/api/halls/{hallId}/visit-nodes", { params: { path: { hallId } }, body: v })),
    onSuccess: (v, input) => {
      if (input.node === "Z1") {
        setJourney(v);
        if (v.greetingBreached) void message.warning(t("floor.greetLate"));
        else void message.success(t("floor.greeted"));
      } else if (input.node === "Z9") {
        setJourney(null);
        void message.success(t("floor.recorded", { node: t("node.Z9") }));
      } else {
        setJourney(v);
        void message.success(t("floor.recorded", { node: t(`node.${input.node}`) }));
      }
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const greet = () =>
    record.mutate({ node: "Z1", enteredAt: new Date(Date.now() - ago * 1000).toISOString() });
  const big = { size: "large" as const, block: true, style: { height: 56, fontSize: 17 } };

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card size="small">
        <Typography.Text type="secondary">{t("floor.greetHint")}</Typography.Text>
        <div style={{ margin: "10px 0 4px", fontSize: 13, color: "#475569" }} id="entered-ago">
          {t("floor.enteredAgo")}
        </div>
        <Segmented<(typeof agoOptions)[number]>
          block
          aria-labelledby="entered-ago"
          value={ago}
          onChange={setAgo}
          options={[
            { value: 0, label: t("floor.justNow") },
            { value: 30, label: t("floor.s30") },
            { value: 60, label: t("floor.m1") },
            { value: 120, label: t("floor.m2") },
          ]}
          style={{ marginBottom: 12 }}
        />
        <Button
          type="primary"
          icon={<SmileOutlined aria-hidden />}
          loading={record.isPending}
          onClick={greet}
          {...big}
        >
          {t("floor.greet")}
        </Button>
        <Button type="link" block onClick={() => onIssue(null)} style={{ marginTop: 4 }}>
          {t("floor.issueDirect")}
        </Button>
      </Card>
      <Card
        size="small"
        title={t("floor.visit")}
        extra={journey ? t("floor.visitSince", { time: timeOf(journey.enteredAt) }) : null}
      >
        {!journey ? (
          <Typography.Text type="secondary">{t("floor.noVisit")}</Typography.Text>
        ) : (
          <Space orientation="vertical" style={{ width: "100%" }}>
            <div style={{ color: "#475569", fontSize: 13 }}>
              {journey.nodes.map((n) => `${n.node} ${t(`node.${n.node}`)} ${timeOf(n.at)}`).join(" → ")}
              {journey.tickets.length > 0 && ` · ${journey.tickets.map((x) => x.number).join(", ")}`}
            </div>
            <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 10 }}>
              <Button
                icon={<CompassOutlined aria-hidden />}
                onClick={() => record.mutate({ node: "Z2", visitId: journey.id })}
                {...big}
              >
                {t("floor.guide")}
              </Button>
              <Button
                icon={<LaptopOutlined aria-hidden />}
                onClick={() => record.mutate({ node: "Z3", visitId: journey.id })}
                {...big}
              >
                {t("floor.selfService")}
              </Button>
              <Button
                type="primary"
                ghost
                icon={<TagOutlined aria-hidden />}
                onClick={() => onIssue(journey.id)}
                {...big}
              >
                {t("floor.issue")}
              </Button>
              <Button
                icon={<LogoutOutlined aria-hidden />}
                onClick={() => record.mutate({ node: "Z9", visitId: journey.id })}
                {...big}
              >
                {t("floor.farewell")}
              </Button>
            </div>
            <Button type="link" onClick={() => setJourney(null)}>
              {t("floor.endVisit")}
            </Button>
          </Space>
        )}
      </Card>
    </Space>
  );
}
