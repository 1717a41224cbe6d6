import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Collapse, Input, InputNumber, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";

// The working-day calendar (调休 included) that every "n working days" limit uses; the State Council's
// arrangements ship for 2025 and 2026, and the operator admin enters a new year when it is published.
type Day = { date: string; working: boolean; name: string };

/** "2027-01-01 休 元旦" / "2027-01-04 班 元旦调休上班", one day a line. */
export function parseLines(text: string): Day[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [date, kind, ...name] = l.split(/\s+/);
      return { date, working: kind === "班", name: name.join(" ") || (kind === "班" ? "调休上班" : "假日") };
    });
}

export function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const years = useQuery({
    queryKey: ["calendar", "years"],
    queryFn: async () => unwrap(await api.GET("/api/calendar/years")),
  });
  const [year, setYear] = useState<number>(new Date().getFullYear() + 1);
  const [text, setText] = useState("");
  const save = async () => {
    try {
      unwrap(
        await api.PUT("/api/calendar/years/{year}", {
          params: { path: { year } },
          body: { days: parseLines(text) },
        }),
      );
      message.success(t("complaints.calendar.saved", { year }));
      setText("");
      void qc.invalidateQueries({ queryKey: ["calendar"] });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }} size={16}>
      <Card size="small" title={t("complaints.calendar.enter")}>
        <Typography.Paragraph type="secondary">{t("complaints.calendar.hint")}</Typography.Paragraph>
        <Space align="start" wrap>
          <InputNumber
            aria-label={t("complaints.calendar.year")}
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
          />
          <Input.TextArea
            aria-label={t("complaints.calendar.days")}
            rows={6}
            style={{ width: 420 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={"2027-01-01 休 元旦\n2027-01-04 班 元旦调休上班"}
          />
          <Button type="primary" onClick={save} disabled={!text.trim()}>
            {t("action.save")}
          </Button>
        </Space>
      </Card>
      <Collapse
        items={(years.data ?? []).map((y) => ({
          key: y.year,
          label: (
            <Space>
              <b>{y.year}</b>
              <Tag color={y.source === "admin" ? "gold" : "blue"}>
                {t(`complaints.calendar.source.${y.source}`)}
              </Tag>
              <span style={{ color: "#64748b" }}>
                {t("complaints.calendar.count", { count: y.days.length })}
              </span>
            </Space>
          ),
          children: (
            <Space wrap size={[4, 8]}>
              {y.days.map((d) => (
                <Tag key={d.date} color={d.working ? "orange" : "green"}>
                  {d.date} {d.working ? "班" : "休"} {d.name}
                </Tag>
              ))}
            </Space>
          ),
        }))}
      />
    </Space>
  );
}
