import { PlusOutlined } from "@ant-design/icons";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Card, Empty, Segmented, Select, Space, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { may, useSession } from "../../api/session";
import { ErrorState } from "../../shell/Forbidden";
import { Loading } from "../../shell/Loading";
import type { Incident } from "./api";
import { IncidentDetail } from "./IncidentDetail";
import { IncidentForm } from "./IncidentForm";

const kinds = ["disturbance", "medical", "power", "system_outage", "fire", "theft", "other"] as const;
type StateFilter = "all" | Incident["state"];

/** 突发事件: the hall's incidents newest first, filtered, a page at a time; record one from here. */
export function IncidentsTab({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const [state, setState] = useState<StateFilter>("all");
  const [kind, setKind] = useState<Incident["kind"] | undefined>();
  const [recording, setRecording] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const query = { ...(state === "all" ? {} : { state }), ...(kind ? { kind } : {}) };
  const list = useInfiniteQuery({
    queryKey: ["incidents", hallId, query],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/halls/{hallId}/incidents", {
          params: {
            path: { hallId },
            query: { ...query, limit: 20, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Space direction="vertical" style={{ width: "100%", maxWidth: 720 }}>
      <Space wrap>
        <Segmented<StateFilter>
          value={state}
          onChange={setState}
          options={(["all", "open", "closed"] as const).map((s) => ({
            value: s,
            label: s === "all" ? t("site.incident.all") : t(`site.incident.states.${s}`),
          }))}
        />
        <Select
          allowClear
          aria-label={t("site.incident.kind")}
          placeholder={t("site.incident.kind")}
          style={{ minWidth: 140 }}
          value={kind}
          onChange={setKind}
          options={kinds.map((k) => ({ value: k, label: t(`site.incident.kinds.${k}`) }))}
        />
        {may(principal, "incident.record") && (
          <Button type="primary" danger icon={<PlusOutlined />} onClick={() => setRecording(true)}>
            {t("site.incident.record")}
          </Button>
        )}
      </Space>
      {list.isLoading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
      {list.data && rows.length === 0 && <Empty description={t("site.incident.empty")} />}
      {rows.map((i) => (
        <Card key={i.id} size="small" hoverable onClick={() => setOpen(i.id)}>
          <Space direction="vertical" size={4} style={{ width: "100%" }}>
            <Space wrap>
              <Tag color={i.severity === "serious" ? "red" : "blue"}>
                {t(`site.incident.severities.${i.severity}`)}
              </Tag>
              <strong>{t(`site.incident.kinds.${i.kind}`)}</strong>
              <Tag color={i.state === "open" ? "gold" : "green"}>{t(`site.incident.states.${i.state}`)}</Tag>
              <span style={{ color: "#64748b" }}>{dayjs(i.occurredAt).format("YYYY-MM-DD HH:mm")}</span>
            </Space>
            <div>{i.summary}</div>
            {i.state === "open" && i.missing.length > 0 && (
              <span style={{ color: "#b45309" }}>
                {t("site.incident.mustNotify", {
                  parties: i.missing.map((p) => t(`site.incident.parties.${p}`)).join("、"),
                })}
              </span>
            )}
          </Space>
        </Card>
      ))}
      {list.hasNextPage && (
        <Button block onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t("site.check.more")}
        </Button>
      )}
      {recording && (
        <IncidentForm
          hallId={hallId}
          onDone={(i) => {
            setRecording(false);
            if (i) setOpen(i.id);
          }}
        />
      )}
      {open && <IncidentDetail id={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}
