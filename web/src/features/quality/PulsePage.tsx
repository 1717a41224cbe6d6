import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Input, Radio, Result, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import { ErrorState } from "../../shell/Forbidden";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { StaffLayout } from "../../shell/StaffLayout";

// 员工满意度 (R-STAFFSAT): this quarter's pulse on a phone, anonymous, once.
function Pulse() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mine = useQuery({
    queryKey: ["quality", "pulse", "mine"],
    queryFn: async () => unwrap(await api.GET("/api/quality/pulse/mine")),
  });
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [comment, setComment] = useState("");
  // A double tap sends one answer (the server would refuse the second with a 409 anyway).
  const intent = useIdempotencyKey();
  const send = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/api/quality/pulse", {
          body: { answers: answers as never, ...(comment.trim() ? { comment: comment.trim() } : {}) },
          ...intent.send(),
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: ["quality", "pulse"] }),
  });
  if (mine.isLoading) return <Loading />;
  if (mine.error) return <ErrorState error={mine.error} />;
  const d = mine.data!;
  if (d.answered || send.isSuccess)
    return (
      <Result
        status="success"
        title={t("quality.pulse.thanks")}
        subTitle={t("quality.pulse.thanksHint", { quarter: d.quarter })}
      />
    );
  const complete = d.questions.every((q) => answers[q.code]);
  return (
    <Space direction="vertical" style={{ width: "100%", maxWidth: 640 }}>
      <Alert type="info" showIcon message={t("quality.pulse.anonymous", { quarter: d.quarter })} />
      {d.questions.map((q, i) => (
        <Card key={q.code} size="small" title={`${i + 1}. ${q.label}`}>
          <Radio.Group
            aria-label={q.label}
            value={answers[q.code]}
            onChange={(e) => setAnswers({ ...answers, [q.code]: e.target.value })}
            optionType="button"
            buttonStyle="solid"
            options={[1, 2, 3, 4, 5].map((v) => ({ value: v, label: t(`quality.pulse.scale.${v}`) }))}
          />
        </Card>
      ))}
      <Input.TextArea
        aria-label={t("quality.pulse.comment")}
        placeholder={t("quality.pulse.comment")}
        maxLength={500}
        rows={3}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      {send.error && <ErrorState error={send.error} />}
      <Button
        type="primary"
        size="large"
        block
        disabled={!complete}
        loading={send.isPending}
        onClick={() => send.mutate()}
      >
        {t("quality.pulse.submit")}
      </Button>
    </Space>
  );
}

export default function PulsePage() {
  const { t } = useTranslation();
  return (
    <StaffGate screen="pulse">
      <StaffLayout title={t("quality.pulse.title")}>
        <Pulse />
      </StaffLayout>
    </StaffGate>
  );
}
