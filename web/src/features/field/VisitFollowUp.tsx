import { App, Button, Input, List, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { dateOf } from "./AgentDay";
import { useFieldAction } from "./queries";
import type { VisitRecord } from "./types";

/** One visit on the card: its notes, and its open questions answered here (within 2 working days). */
export function VisitFollowUp({ visit }: { visit: VisitRecord }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const answer = useFieldAction(async (index: number) =>
    unwrap(
      await api.POST("/api/field/visits/{id}/answers", {
        params: { path: { id: visit.id } },
        body: { index, answer: answers[index] ?? "" },
      }),
    ),
  );
  const late = visit.answersDueAt && !visit.answeredAt && Date.parse(visit.answersDueAt) < Date.now();
  return (
    <List.Item>
      <div style={{ width: "100%" }}>
        <Tag>{t(`field.kind.${visit.kind}`)}</Tag> {dateOf(visit.at)} {visit.purpose}
        {visit.notes && <div style={{ color: "#475569", fontSize: 13 }}>{visit.notes}</div>}
        {visit.questions.map((q, i) =>
          q.answer ? (
            <div key={q.text} style={{ fontSize: 12, color: "#475569" }}>
              {q.text} — {q.answer}
            </div>
          ) : (
            <div key={q.text} style={{ marginTop: 6 }}>
              <div style={{ color: "#b45309", fontSize: 13 }}>
                ? {q.text} {late && <Tag color="red">{t("field.overdue")}</Tag>}
              </div>
              <Space.Compact block>
                <Input
                  size="small"
                  aria-label={`${t("field.answerFor")} ${q.text}`}
                  placeholder={t("field.answerFor")}
                  value={answers[i] ?? ""}
                  onChange={(e) => setAnswers({ ...answers, [i]: e.target.value })}
                />
                <Button
                  size="small"
                  type="primary"
                  disabled={!answers[i]?.trim()}
                  loading={answer.isPending}
                  onClick={() =>
                    answer.mutate(i, {
                      onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
                      onSuccess: () => void message.success(t("field.answered")),
                    })
                  }
                >
                  {t("field.answer")}
                </Button>
              </Space.Compact>
            </div>
          ),
        )}
        {visit.promises.map((p) => (
          <div key={p.id} style={{ fontSize: 12 }}>
            {t("field.form.promise")}: {p.text} · {p.dueOn}{" "}
            {p.doneAt && <Tag color="green">{t("field.done")}</Tag>}
          </div>
        ))}
      </div>
    </List.Item>
  );
}
