import {
  CalendarOutlined,
  GiftOutlined,
  LoadingOutlined,
  PhoneOutlined,
  TeamOutlined,
  ToolOutlined,
} from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, List, Tag } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ApiError } from "../../api/client";
import { ErrorState } from "../../shell/Forbidden";
import { timeOf } from "../../shell/format";
import { Loading } from "../../shell/Loading";
import { greetCall, promiseDoneCall, useFieldAction, useMyDay, useMyFaults } from "./queries";
import type { GreetingDue } from "./types";

export const dateOf = (iso: string) =>
  new Date(iso).toLocaleDateString("zh-CN", { month: "numeric", day: "numeric", timeZone: "Asia/Shanghai" });

function Section({ title, count, children }: { title: ReactNode; count: number; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <Card
      size="small"
      title={
        <span>
          {title} <Tag>{count}</Tag>
        </span>
      }
      style={{ marginBottom: 12 }}
      styles={{ body: { padding: "0 12px" } }}
    >
      {children}
    </Card>
  );
}

/** The agent's day: what is due, overdue first (R-VISITPLAN), greetings (R-CARE), promises and deadlines. */
export function AgentDay() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const day = useMyDay();
  const faults = useMyFaults().data ?? [];
  const onError = (e: Error) => void message.error(e instanceof ApiError ? e.message : String(e));
  const greet = useFieldAction((g: GreetingDue) =>
    greetCall({
      customerId: g.customerId,
      contactId: g.contactId ?? undefined,
      occasion: g.occasion,
      year: Number(g.date.slice(0, 4)),
    }),
  );
  const done = useFieldAction(promiseDoneCall);
  if (day.error) return <ErrorState error={day.error} />;
  if (!day.data && day.fetchStatus === "paused") return <Empty description={t("field.offlineNoData")} />;
  if (!day.data) return <Loading />;
  const d = day.data;
  const total =
    faults.length +
    d.dueVisits.length +
    d.plans.length +
    d.greetings.length +
    d.promises.length +
    d.openQuestions.length +
    d.archiveDue.length;
  const offline = day.snapshotAt && (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={t("field.offlineSnapshot", {
        time: `${dateOf(day.snapshotAt)} ${timeOf(day.snapshotAt)}`,
      })}
    />
  );
  if (total === 0)
    return (
      <>
        {offline}
        <Empty description={t("field.nothing")} />
      </>
    );
  return (
    <>
      {offline}
      <Section
        title={
          <>
            <ToolOutlined /> {t("field.faults")}
          </>
        }
        count={faults.length}
      >
        <List
          dataSource={faults}
          renderItem={(f) => (
            <List.Item key={f.id}>
              <span>
                <b>{f.customer.name}</b> {f.keyCustomer && <Tag color="gold">{t("field.tier.key")}</Tag>}
                <div style={{ color: "#64748b", fontSize: 12 }}>{f.symptom}</div>
              </span>
              <Tag color={f.reportLate ? "red" : "blue"}>{t(`field.faultState.${f.state}`)}</Tag>
            </List.Item>
          )}
        />
      </Section>
      <Section
        title={
          <>
            <CalendarOutlined /> {t("field.plans")}
          </>
        }
        count={d.plans.length}
      >
        <List
          dataSource={d.plans}
          renderItem={(p) => (
            <List.Item key={p.id}>
              <Link to={`/field/customers/${p.customerId}`}>{p.customerName}</Link>
              <span>
                {t(`field.kind.${p.kind}`)} · {t("field.arriveBy", { time: timeOf(p.arriveBy) })}
              </span>
            </List.Item>
          )}
        />
      </Section>
      <Section
        title={
          <>
            <TeamOutlined /> {t("field.dueVisits")}
          </>
        }
        count={d.dueVisits.length}
      >
        <List
          dataSource={d.dueVisits}
          renderItem={(v) => (
            <List.Item key={`${v.customerId}-${v.kind}`}>
              <Link
                to={`/field/customers/${v.customerId}`}
                aria-label={`${v.customerName} ${t(`field.kind.${v.kind}`)}`}
              >
                <b>{v.customerName}</b>
                <div style={{ color: "#64748b", fontSize: 12 }}>
                  {t(`field.tier.${v.tier}`)}
                  {v.village ? ` · ${v.village}` : ""}
                </div>
              </Link>
              <span style={{ textAlign: "right" }}>
                {v.kind === "phone" ? <PhoneOutlined /> : <TeamOutlined />} {t(`field.kind.${v.kind}`)}
                <div>
                  {v.overdue ? (
                    <Tag color="red">{t("field.overdue")}</Tag>
                  ) : (
                    <Tag>{t("field.dueOn", { date: dateOf(v.dueAt) })}</Tag>
                  )}
                </div>
              </span>
            </List.Item>
          )}
        />
      </Section>
      <Section
        title={
          <>
            <GiftOutlined /> {t("field.greetings")}
          </>
        }
        count={d.greetings.length}
      >
        <List
          dataSource={d.greetings}
          renderItem={(g) => (
            <List.Item key={`${g.customerId}-${g.contactId}-${g.occasion}`}>
              <span>
                <b>{g.contactName ?? g.customerName}</b> · {t(`field.occasion.${g.occasion}`)}{" "}
                {dateOf(`${g.date}T12:00:00+08:00`)}
                <div style={{ color: "#64748b", fontSize: 12 }}>
                  {g.customerName} {g.phone}
                </div>
              </span>
              <Button
                size="small"
                type="primary"
                ghost
                disabled={!g.phone || greet.isPending}
                icon={greet.isPending ? <LoadingOutlined /> : undefined}
                onClick={() =>
                  greet.mutate(g, { onError, onSuccess: () => void message.success(t("field.greeted")) })
                }
              >
                {t("field.greet")}
              </Button>
            </List.Item>
          )}
        />
      </Section>
      <Section title={t("field.promises")} count={d.promises.length}>
        <List
          dataSource={d.promises}
          renderItem={(p) => (
            <List.Item key={p.id}>
              <span>
                {p.text}
                <div style={{ color: "#64748b", fontSize: 12 }}>
                  {p.customerName} · {p.dueOn}
                </div>
              </span>
              <Button size="small" onClick={() => done.mutate(p.id, { onError })}>
                {t("field.markDone")}
              </Button>
            </List.Item>
          )}
        />
      </Section>
      <Section title={t("field.openQuestions")} count={d.openQuestions.length}>
        <List
          dataSource={d.openQuestions}
          renderItem={(q) => (
            <List.Item key={q.visitRecordId}>
              <Link to={`/field/customers/${q.customerId}`}>{q.customerName}</Link>
              {q.overdue ? (
                <Tag color="red">{t("field.overdue")}</Tag>
              ) : (
                <Tag>{t("field.dueOn", { date: dateOf(q.dueAt) })}</Tag>
              )}
            </List.Item>
          )}
        />
      </Section>
      <Section title={t("field.archiveDue")} count={d.archiveDue.length}>
        <List
          dataSource={d.archiveDue}
          renderItem={(q) => (
            <List.Item key={q.visitRecordId}>
              <Link to={`/field/customers/${q.customerId}`}>{q.customerName}</Link>
              {q.overdue ? (
                <Tag color="red">{t("field.overdue")}</Tag>
              ) : (
                <Tag>{t("field.dueOn", { date: dateOf(q.dueAt) })}</Tag>
              )}
            </List.Item>
          )}
        />
      </Section>
    </>
  );
}
