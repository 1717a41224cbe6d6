import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Checkbox, Empty, List, Radio, Result, Space, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import { useTypeName } from "../../shell/catalog";
import { ErrorState } from "../../shell/Forbidden";
import { Loading } from "../../shell/Loading";
import { type AttemptResult, LETTERS, letters, type Question, type TestSummary } from "./api";
import { PlanCard } from "./PlansTab";

type Answers = Record<string, number[]>;

function QuestionCard({
  q,
  n,
  value,
  onChange,
  result,
}: {
  q: Question;
  n: number;
  value: number[];
  onChange: (v: number[]) => void;
  result?: AttemptResult["byQuestion"][number];
}) {
  const { t } = useTranslation();
  const typeName = useTypeName();
  const options = q.choices.map((c, i) => ({ value: i, label: `${LETTERS[i]}. ${c}` }));
  return (
    <Card size="small" title={`${n}. ${q.text}`} extra={<Tag>{t(`training.test.${q.kind}`)}</Tag>}>
      <div style={{ color: "#64748b", marginBottom: 8 }}>{typeName(q.businessType)}</div>
      {q.kind === "single" ? (
        <Radio.Group
          aria-label={q.text}
          disabled={!!result}
          value={value[0]}
          onChange={(e) => onChange([e.target.value])}
          style={{ display: "flex", flexDirection: "column", gap: 8 }}
          options={options}
        />
      ) : (
        <Checkbox.Group
          aria-label={q.text}
          disabled={!!result}
          value={value}
          onChange={(v) => onChange([...v].sort())}
          style={{ display: "flex", flexDirection: "column", gap: 8 }}
          options={options}
        />
      )}
      {result && (
        <div style={{ marginTop: 8, color: result.correct ? "#16a34a" : "#dc2626" }}>
          {result.correct
            ? t("training.test.right")
            : t("training.test.wrong", { answer: letters(result.answer) })}
        </div>
      )}
    </Card>
  );
}

/** One test on a phone: every question, hand in, see what was right and any plan it opened. */
function Quiz({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const typeName = useTypeName();
  const qc = useQueryClient();
  const intent = useIdempotencyKey();
  const [answers, setAnswers] = useState<Answers>({});
  const test = useQuery({
    queryKey: ["training-test", id],
    queryFn: async () => unwrap(await api.GET("/api/training/tests/{id}", { params: { path: { id } } })),
  });
  const submit = useMutation({
    mutationFn: async (body: { answers: (number | number[])[] }) =>
      unwrap(
        await api.POST("/api/training/tests/{id}/attempts", {
          params: { path: { id } },
          body,
          ...intent.send(),
        }),
      ),
    onSuccess: () => {
      intent.renew();
      qc.invalidateQueries({ queryKey: ["training"] });
      window.scrollTo({ top: 0 });
    },
  });
  if (test.isLoading) return <Loading />;
  if (test.error) return <ErrorState error={test.error} onRetry={() => test.refetch()} />;
  const tt = test.data;
  if (!tt) return null;
  const result = submit.data;
  const open = tt.questions.filter((q) => !(answers[q.id]?.length > 0)).length;
  return (
    <Space direction="vertical" style={{ width: "100%", maxWidth: 720 }}>
      <Button onClick={onBack}>{t("training.test.back")}</Button>
      <h3 style={{ margin: 0 }}>{tt.name}</h3>
      {result && (
        <Result
          status={result.passed ? "success" : "warning"}
          title={t("training.test.score", { score: result.score })}
          subTitle={
            <Space direction="vertical">
              <span>
                {t("training.test.result", { correct: result.correct, total: result.total })} ·{" "}
                {result.passed ? t("training.test.passed") : t("training.test.failed")}
              </span>
              {result.weakBusinessTypes.length > 0 && (
                <span>
                  {t("training.test.weak", { types: result.weakBusinessTypes.map(typeName).join("、") })}
                </span>
              )}
            </Space>
          }
        />
      )}
      {result?.plan && <PlanCard plan={result.plan} />}
      {tt.questions.map((q, i) => (
        <QuestionCard
          key={q.id}
          q={q}
          n={i + 1}
          value={answers[q.id] ?? []}
          onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
          result={result?.byQuestion[i]}
        />
      ))}
      {submit.error && <ErrorState error={submit.error} />}
      {!result && (
        <>
          {open > 0 && <Alert type="info" showIcon message={t("training.test.unanswered", { n: open })} />}
          <Button
            type="primary"
            size="large"
            block
            disabled={open > 0}
            loading={submit.isPending}
            onClick={() =>
              !intent.inFlight() &&
              submit.mutate({
                answers: tt.questions.map((q) => (q.kind === "single" ? answers[q.id][0] : answers[q.id])),
              })
            }
          >
            {t("training.test.submit")}
          </Button>
        </>
      )}
    </Space>
  );
}

/** 我的测试: the tests of one's hall with one's last score; a test opens as a quiz. */
export function TakeTab() {
  const { t } = useTranslation();
  const [taking, setTaking] = useState<string | null>(null);
  const tests = useQuery({
    queryKey: ["training", "tests"],
    queryFn: async () => unwrap(await api.GET("/api/training/tests")),
  });
  const plans = useQuery({
    queryKey: ["training", "plans", "mine"],
    queryFn: async () =>
      unwrap(await api.GET("/api/training/plans", { params: { query: { mine: "true", state: "open" } } })),
  });
  if (taking) return <Quiz id={taking} onBack={() => setTaking(null)} />;
  return (
    <Space direction="vertical" style={{ width: "100%", maxWidth: 720 }}>
      {plans.data?.map((p) => (
        <PlanCard key={p.id} plan={p} />
      ))}
      {tests.isLoading && <Loading />}
      {tests.error && <ErrorState error={tests.error} onRetry={() => tests.refetch()} />}
      <List
        dataSource={tests.data ?? []}
        locale={{ emptyText: <Empty description={t("training.test.empty")} /> }}
        renderItem={(x: TestSummary) => (
          <List.Item
            actions={[
              <Button key="go" type="primary" onClick={() => setTaking(x.id)}>
                {x.myAttempts ? t("training.test.retake") : t("training.test.start")}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={x.name}
              description={
                <Space wrap size={4}>
                  <span>{t("training.test.questions", { n: x.questionCount })}</span>
                  {x.dueAt && (
                    <span>{t("training.test.due", { date: dayjs(x.dueAt).format("MM-DD HH:mm") })}</span>
                  )}
                  {x.myScore === null ? (
                    <Tag>{t("training.test.notTaken")}</Tag>
                  ) : (
                    <Tag color={x.myPassed ? "green" : "orange"}>
                      {t("training.test.myScore", { score: x.myScore })}
                    </Tag>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
