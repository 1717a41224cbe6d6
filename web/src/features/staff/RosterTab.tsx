import { Alert, App, Button, DatePicker, Popconfirm, Select, Space, Statistic, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { may, useSession } from "../../api/session";
import { type Roster, type Template, useRoster, useRosterActions, useTemplates } from "./api";

// The week's roster (排班 R-ROSTER): staff × days, each cell a shift or a place to put one. Every change
// is confirmed, then answered by the server with the roster re-simulated; the buttons are the record's
// allowedActions (and, before there is a roster, the staffing.manage capability).
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

export function RosterTab({
  hallId,
  weekStart,
  onWeek,
}: {
  hallId: string;
  weekStart: string;
  onWeek: (d: string) => void;
}) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const { message } = App.useApp();
  const roster = useRoster(hallId, weekStart);
  const templates = useTemplates(hallId);
  const actions = useRosterActions(hallId, weekStart);
  const r = roster.data;
  const allowed = new Set(r?.allowedActions ?? []);
  const fail = (e: Error) => message.error(e.message);
  const mayGenerate = r ? allowed.has("regenerate") : may(principal, "staffing.manage");
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Space wrap>
        <span>{t("staffing.weekStart")}</span>
        <DatePicker
          aria-label={t("staffing.weekStart")}
          value={dayjs(weekStart)}
          allowClear={false}
          onChange={(d) => d && onWeek(d.format("YYYY-MM-DD"))}
        />
        {mayGenerate && (
          <Button
            type="primary"
            loading={actions.generate.isPending}
            onClick={() => actions.generate.mutate(undefined, { onError: fail })}
          >
            {r ? t("staffing.regenerate") : t("staffing.generate")}
          </Button>
        )}
        {r && allowed.has("publish") && (
          <Popconfirm
            title={t("staffing.publishConfirm")}
            okText={t("staffing.ok")}
            cancelText={t("staffing.cancel")}
            onConfirm={() => actions.publish.mutate(r.id, { onError: fail })}
          >
            <Button loading={actions.publish.isPending}>{t("staffing.publish")}</Button>
          </Popconfirm>
        )}
        {r && (
          <Tag color={r.state === "published" ? "green" : "default"}>{t(`staffing.state.${r.state}`)}</Tag>
        )}
      </Space>
      {roster.isSuccess && !r && <Alert type="info" message={t("staffing.noRoster")} />}
      {r && <Verdict roster={r} />}
      {r && <Grid roster={r} templates={templates.data ?? []} actions={actions} onError={fail} />}
    </Space>
  );
}

function Verdict({ roster: r }: { roster: Roster }) {
  const { t } = useTranslation();
  return (
    <>
      <Space wrap size="large">
        <Statistic title={t("staffing.staffHours")} value={r.staffHours} />
        <Statistic title={t("staffing.lowerBound")} value={r.lowerBoundHours} />
        <Statistic title={t("staffing.gap")} value={pct(r.gap)} />
        {r.optimal && <Tag color="blue">{t("staffing.optimal")}</Tag>}
      </Space>
      <Alert
        type={r.check.met ? "success" : "warning"}
        showIcon
        message={t("staffing.verdict")}
        description={
          <div>
            <div>
              {t("staffing.verdictText", {
                level: pct(r.check.serviceLevel),
                target: pct(r.check.targetServiceLevel),
              })}
            </div>
            {r.check.violations.length > 0 && (
              <ul style={{ margin: "8px 0 0", paddingLeft: 20 }} aria-label={t("staffing.violations")}>
                {r.check.violations.slice(0, 8).map((v) => (
                  <li key={`${v.kind}:${v.staffId}:${v.date}:${v.message}`} title={v.message}>
                    {t(`staffing.violation.${v.kind}`, {
                      name: r.staff.find((s) => s.id === v.staffId)?.name ?? "",
                      date: v.date ?? "",
                    })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        }
      />
    </>
  );
}

type Actions = ReturnType<typeof useRosterActions>;

function Grid({
  roster: r,
  templates,
  actions,
  onError,
}: {
  roster: Roster;
  templates: Template[];
  actions: Actions;
  onError: (e: Error) => void;
}) {
  const { t } = useTranslation();
  const allowed = new Set(r.allowedActions);
  const days = r.requirements.map((d) => d.date);
  const byDay = new Map(r.check.byDay.map((d) => [d.date, d]));
  const columns = [
    { title: t("staffing.staff"), dataIndex: "name", key: "name", fixed: "left" as const, width: 100 },
    ...days.map((date) => {
      const level = byDay.get(date)?.serviceLevel;
      return {
        title: (
          <div style={{ textAlign: "center" }}>
            <div>
              {t(`staffing.weekday.${dayjs(date).day() === 0 ? 7 : dayjs(date).day()}`)} {date.slice(5)}
            </div>
            {level !== null && level !== undefined && (
              <Tag
                color={level >= r.check.targetServiceLevel ? "green" : "orange"}
                style={{ marginInlineEnd: 0 }}
              >
                {pct(level)}
              </Tag>
            )}
          </div>
        ),
        key: date,
        width: 120,
        render: (_: unknown, person: { id: string; name: string }) => {
          const shift = r.shifts.find((s) => s.staffId === person.id && s.date === date);
          if (shift) {
            const label = `${shift.start}–${shift.end}`;
            return (
              <Space size={2}>
                <Tag color="blue">{label}</Tag>
                {allowed.has("unassign") && (
                  <Popconfirm
                    title={t("staffing.unassignConfirm", { name: person.name, date })}
                    okText={t("staffing.ok")}
                    cancelText={t("staffing.cancel")}
                    onConfirm={() =>
                      actions.unassign.mutate({ rosterId: r.id, shiftId: shift.id }, { onError })
                    }
                  >
                    <Button
                      size="small"
                      type="text"
                      danger
                      aria-label={`${t("staffing.unassign")} ${person.name} ${date}`}
                    >
                      ×
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            );
          }
          if (!allowed.has("assign")) return null;
          return (
            <AssignCell
              roster={r}
              person={person}
              date={date}
              templates={templates}
              actions={actions}
              onError={onError}
            />
          );
        },
      };
    }),
  ];
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={r.staff}
      columns={columns}
      pagination={false}
      scroll={{ x: true }}
      loading={actions.assign.isPending || actions.unassign.isPending}
    />
  );
}

function AssignCell({
  roster,
  person,
  date,
  templates,
  actions,
  onError,
}: {
  roster: Roster;
  person: { id: string; name: string };
  date: string;
  templates: Template[];
  actions: Actions;
  onError: (e: Error) => void;
}) {
  const { t } = useTranslation();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const template = templates.find((x) => x.id === templateId);
  return (
    <Popconfirm
      open={!!template}
      title={t("staffing.assignConfirm", { name: person.name, date, shift: template?.name ?? "" })}
      okText={t("staffing.ok")}
      cancelText={t("staffing.cancel")}
      onConfirm={() => {
        if (template)
          actions.assign.mutate(
            { rosterId: roster.id, staffId: person.id, date, templateId: template.id },
            { onError },
          );
        setTemplateId(null);
      }}
      onCancel={() => setTemplateId(null)}
    >
      <Select
        size="small"
        placeholder="+"
        aria-label={`${t("staffing.assign")} ${person.name} ${date}`}
        value={templateId}
        style={{ width: 100 }}
        options={templates.map((x) => ({ value: x.id, label: x.name }))}
        onChange={(v) => setTemplateId(v)}
      />
    </Popconfirm>
  );
}
