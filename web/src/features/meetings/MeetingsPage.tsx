import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, DatePicker, Empty, Input, List, Space, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import { may, useSession } from "../../api/session";
import { ErrorState } from "../../shell/Forbidden";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { StaffLayout } from "../../shell/StaffLayout";
import { MeetingView } from "./MeetingView";

const lines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** 召开例会: the agenda and notices; the server fills in the campaigns and yesterday's figures. */
function HoldForm({ hallId, date }: { hallId: string; date: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const intent = useIdempotencyKey();
  const [agenda, setAgenda] = useState("昨日服务情况回顾\n今日营销活动与话术\n注意事项");
  const [notices, setNotices] = useState("");
  const hold = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/api/halls/{hallId}/meetings", {
          params: { path: { hallId } },
          body: { date, agenda: lines(agenda), notices: lines(notices) },
          ...intent.send(),
        }),
      ),
    onSuccess: () => {
      intent.renew();
      message.success(t("meetings.saved"));
      qc.invalidateQueries({ queryKey: ["meetings", hallId] });
    },
  });
  return (
    <Card size="small" title={t("meetings.hold")}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <span>{t("meetings.agenda")}</span>
        <Input.TextArea
          aria-label={t("meetings.agenda")}
          rows={3}
          value={agenda}
          onChange={(e) => setAgenda(e.target.value)}
        />
        <span>{t("meetings.notices")}</span>
        <Input.TextArea
          aria-label={t("meetings.notices")}
          rows={3}
          placeholder={t("meetings.linesHint")}
          value={notices}
          onChange={(e) => setNotices(e.target.value)}
        />
        {hold.error && <ErrorState error={hold.error} />}
        <Button
          type="primary"
          block
          loading={hold.isPending}
          onClick={() => !intent.inFlight() && hold.mutate()}
        >
          {t("meetings.hold")}
        </Button>
      </Space>
    </Card>
  );
}

function History({ hallId, onPick }: { hallId: string; onPick: (date: string) => void }) {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: ["meetings", hallId, "history"],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/halls/{hallId}/meetings", {
          params: { path: { hallId }, query: { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card size="small" title={t("meetings.history")}>
      <List
        loading={list.isLoading}
        dataSource={rows}
        locale={{ emptyText: <Empty description={t("meetings.emptyHistory")} /> }}
        renderItem={(m) => (
          <List.Item onClick={() => onPick(m.date)} style={{ cursor: "pointer" }}>
            <Space wrap>
              <strong>{m.date}</strong>
              <Tag color={m.state === "open" ? "gold" : "green"}>
                {t(`meetings.${m.state === "open" ? "open" : "closed"}`)}
              </Tag>
              <span style={{ color: "#64748b" }}>
                {t("meetings.summary", { present: m.present, confirmed: m.confirmed, staff: m.staff })}
              </span>
            </Space>
          </List.Item>
        )}
      />
      {list.hasNextPage && (
        <Button block onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t("meetings.more")}
        </Button>
      )}
    </Card>
  );
}

function Meetings() {
  const { t } = useTranslation();
  const { hallId = "" } = useParams();
  const { principal } = useSession();
  const [date, setDate] = useState(dayjs().format("YYYY-MM-DD"));
  const ofDay = useQuery({
    queryKey: ["meetings", hallId, date],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/halls/{hallId}/meetings", {
          params: { path: { hallId }, query: { from: date, to: date } },
        }),
      ),
  });
  const id = ofDay.data?.items[0]?.id;
  const meeting = useQuery({
    queryKey: ["meeting", id],
    enabled: !!id,
    queryFn: async () => unwrap(await api.GET("/api/meetings/{id}", { params: { path: { id: id ?? "" } } })),
  });
  return (
    <StaffLayout title={t("meetings.title")}>
      <Space direction="vertical" style={{ width: "100%", maxWidth: 760 }}>
        <DatePicker
          aria-label={t("meetings.date")}
          allowClear={false}
          value={dayjs(date)}
          onChange={(d) => d && setDate(d.format("YYYY-MM-DD"))}
        />
        {(ofDay.isLoading || meeting.isLoading) && <Loading />}
        {ofDay.error && <ErrorState error={ofDay.error} onRetry={() => ofDay.refetch()} />}
        {ofDay.data && !id && (
          <>
            <Empty
              description={may(principal, "meeting.manage") ? t("meetings.none") : t("meetings.noneStaff")}
            />
            {may(principal, "meeting.manage") && <HoldForm hallId={hallId} date={date} />}
          </>
        )}
        {meeting.data && <MeetingView key={`${meeting.data.id}-${meeting.data.state}`} m={meeting.data} />}
        <History hallId={hallId} onPick={setDate} />
      </Space>
    </StaffLayout>
  );
}

export default function MeetingsPage() {
  return (
    <StaffGate screen="meetings">
      <Meetings />
    </StaffGate>
  );
}
