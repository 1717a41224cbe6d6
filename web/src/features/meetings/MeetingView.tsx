import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Input,
  List,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Switch,
  Tag,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { actions, api, unwrap } from "../../api/client";
import { ErrorState } from "../../shell/Forbidden";
import { percent } from "../../shell/format";
import type { Meeting } from "./api";

const lines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

type Attendance = Record<string, { present: boolean; reason: string }>;

/** The figures the server filled in: the day before's tickets, breaches, complaints and ratings. */
function Figures({ m }: { m: Meeting }) {
  const { t } = useTranslation();
  const f = m.figures;
  const items = [
    [t("meetings.issued"), f.issued],
    [t("meetings.served"), f.served],
    [t("meetings.breaches"), f.breaches],
    [t("meetings.complaints"), f.complaints],
    [t("meetings.within"), percent(f.withinTenMinutesShare)],
    [t("meetings.satisfied"), percent(f.satisfiedShare)],
  ] as const;
  return (
    <Card size="small" title={t("meetings.figures", { date: f.date })}>
      <Row gutter={[12, 12]}>
        {items.map(([label, value]) => (
          <Col key={label} xs={8} md={4}>
            <Statistic title={label} value={value} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** One meeting: what the room hears, the confirmations, and (for managers) attendance and minutes. */
export function MeetingView({ m }: { m: Meeting }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const editable = m.allowedActions.includes("edit");
  const [agenda, setAgenda] = useState(m.agenda.join("\n"));
  const [notices, setNotices] = useState(m.notices.join("\n"));
  const [minutes, setMinutes] = useState(m.minutes);
  const everyone = [...m.confirmations, ...m.unconfirmed].map((p) => ({ userId: p.userId, name: p.name }));
  const [attendance, setAttendance] = useState<Attendance>(() =>
    Object.fromEntries(
      everyone.map((p) => {
        const a = m.attendance.find((x) => x.userId === p.userId);
        return [p.userId, { present: a?.present ?? true, reason: a?.reason ?? "" }];
      }),
    ),
  );
  const refresh = (next: Meeting) => {
    qc.setQueryData(["meeting", m.id], next);
    qc.invalidateQueries({ queryKey: ["meetings", m.hallId] });
  };
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH("/api/meetings/{id}", {
          params: { path: { id: m.id } },
          body: {
            agenda: lines(agenda),
            notices: lines(notices),
            minutes: minutes.trim(),
            attendance: Object.entries(attendance).map(([userId, a]) => ({
              userId,
              present: a.present,
              ...(a.present || !a.reason.trim() ? {} : { reason: a.reason.trim() }),
            })),
          },
        }),
      ),
    onSuccess: (next) => {
      message.success(t("meetings.saved"));
      refresh(next);
    },
  });
  const act = useMutation({
    mutationFn: async (action: "close" | "confirm") =>
      unwrap(
        await actions.POST(`/api/meetings/{id}/${action}`, { params: { path: { id: m.id } } }),
      ) as Meeting,
    onSuccess: (next, action) => {
      message.success(t(action === "close" ? "meetings.closed" : "meetings.confirmed"));
      refresh(next);
    },
  });
  const staffCount = m.confirmations.length + m.unconfirmed.length;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space>
            {t("meetings.notices")}
            <Tag color={m.state === "open" ? "gold" : "green"}>
              {t(`meetings.${m.state === "open" ? "open" : "closed"}`)}
            </Tag>
          </Space>
        }
      >
        {editable ? (
          <Input.TextArea
            aria-label={t("meetings.notices")}
            rows={3}
            value={notices}
            placeholder={t("meetings.linesHint")}
            onChange={(e) => setNotices(e.target.value)}
          />
        ) : (
          <List size="small" dataSource={m.notices} renderItem={(n) => <List.Item>{n}</List.Item>} />
        )}
        <Space direction="vertical" style={{ marginTop: 12, width: "100%" }}>
          {m.allowedActions.includes("confirm") && (
            <Button
              type="primary"
              size="large"
              block
              loading={act.isPending}
              onClick={() => act.mutate("confirm")}
            >
              {t("meetings.confirm")}
            </Button>
          )}
          {m.confirmedByMe && <Alert type="success" showIcon message={t("meetings.confirmed")} />}
          <span style={{ color: "#475569" }}>
            {t("meetings.confirmedCount", { n: m.confirmations.length, m: staffCount })}
          </span>
          {m.unconfirmed.length > 0 && (
            <span style={{ color: "#94a3b8" }}>
              {t("meetings.unconfirmed", { names: m.unconfirmed.map((u) => u.name ?? "—").join("、") })}
            </span>
          )}
        </Space>
      </Card>
      <Card size="small" title={t("meetings.agenda")}>
        {editable ? (
          <Input.TextArea
            aria-label={t("meetings.agenda")}
            rows={3}
            value={agenda}
            placeholder={t("meetings.linesHint")}
            onChange={(e) => setAgenda(e.target.value)}
          />
        ) : (
          <List
            size="small"
            dataSource={m.agenda}
            renderItem={(a, i) => <List.Item>{`${i + 1}. ${a}`}</List.Item>}
          />
        )}
      </Card>
      <Card size="small" title={t("meetings.campaigns")}>
        {m.campaigns.length === 0 && <span style={{ color: "#64748b" }}>{t("meetings.noCampaigns")}</span>}
        {m.campaigns.map((c) => (
          <div key={c.id} style={{ marginBottom: 8 }}>
            <Space wrap>
              <strong>{c.name}</strong>
              <Tag color={c.starts ? "red" : "blue"}>
                {c.starts ? t("meetings.starts") : t("meetings.runs")}
              </Tag>
              <span style={{ color: "#64748b" }}>{`${c.from} ~ ${c.to}`}</span>
            </Space>
            <ul style={{ margin: "4px 0 0", paddingLeft: 18 }}>
              {c.talkingPoints.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        ))}
      </Card>
      <Figures m={m} />
      {(editable || m.attendance.length > 0) && (
        <Card size="small" title={t("meetings.attendance")}>
          <List
            size="small"
            dataSource={
              editable
                ? everyone.map((p) => ({ ...p, ...attendance[p.userId] }))
                : m.attendance.map((x) => ({
                    userId: x.userId,
                    name: x.name,
                    present: x.present,
                    reason: x.reason ?? "",
                  }))
            }
            renderItem={(a) => {
              const p = a;
              return (
                <List.Item>
                  <Space wrap style={{ width: "100%", justifyContent: "space-between" }}>
                    <span>{p.name ?? "—"}</span>
                    {editable ? (
                      <Space wrap>
                        <Switch
                          aria-label={`${p.name} ${t("meetings.present")}`}
                          checked={a.present}
                          checkedChildren={t("meetings.present")}
                          unCheckedChildren={t("meetings.absent")}
                          onChange={(present) =>
                            setAttendance((all) => ({ ...all, [p.userId]: { present, reason: a.reason } }))
                          }
                        />
                        {!a.present && (
                          <Input
                            aria-label={`${p.name} ${t("meetings.reason")}`}
                            placeholder={t("meetings.reason")}
                            value={a.reason}
                            maxLength={200}
                            onChange={(e) =>
                              setAttendance((all) => ({
                                ...all,
                                [p.userId]: { present: a.present, reason: e.target.value },
                              }))
                            }
                          />
                        )}
                      </Space>
                    ) : (
                      <Tag color={a.present ? "green" : "default"}>
                        {a.present
                          ? t("meetings.present")
                          : `${t("meetings.absent")}${a.reason ? `${t("punct.colon")}${a.reason}` : ""}`}
                      </Tag>
                    )}
                  </Space>
                </List.Item>
              );
            }}
          />
        </Card>
      )}
      <Card size="small" title={t("meetings.minutes")}>
        {editable ? (
          <Input.TextArea
            aria-label={t("meetings.minutes")}
            rows={4}
            value={minutes}
            maxLength={5000}
            onChange={(e) => setMinutes(e.target.value)}
          />
        ) : (
          <div style={{ whiteSpace: "pre-wrap" }}>{m.minutes || "—"}</div>
        )}
      </Card>
      {(save.error || act.error) && <ErrorState error={save.error ?? act.error} />}
      {editable && (
        <Space wrap>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
            {t("meetings.save")}
          </Button>
          {m.allowedActions.includes("close") && (
            <Popconfirm
              title={t("meetings.closeConfirm")}
              onConfirm={() => save.mutateAsync().then(() => act.mutate("close"))}
            >
              <Button danger loading={act.isPending}>
                {t("meetings.close")}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
    </Space>
  );
}
