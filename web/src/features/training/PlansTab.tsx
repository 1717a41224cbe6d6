import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Card, DatePicker, Empty, Segmented, Space, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useTypeName } from "../../shell/catalog";
import { ErrorState } from "../../shell/Forbidden";
import { Loading } from "../../shell/Loading";
import type { Plan } from "./api";

/** A targeted plan: what the person is weak in, what to study, when the retest is. */
export function PlanCard({ plan, editable = false }: { plan: Plan; editable?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const typeName = useTypeName();
  const qc = useQueryClient();
  const move = useMutation({
    mutationFn: async (retestAt: string) =>
      unwrap(
        await api.PATCH("/api/training/plans/{id}", {
          params: { path: { id: plan.id } },
          body: { retestAt },
        }),
      ),
    onSuccess: () => {
      message.success(t("training.plan.saved"));
      qc.invalidateQueries({ queryKey: ["training"] });
    },
  });
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          {plan.name && <span>{plan.name}</span>}
          <span>{plan.testName}</span>
          <Tag color={plan.state === "open" ? "orange" : "green"}>{t(`training.plan.${plan.state}`)}</Tag>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: "100%" }} size={4}>
        <span>
          {t("training.test.weak", { types: plan.weakBusinessTypes.map(typeName).join("、") })} ·{" "}
          {t("training.plan.lastScore", { score: plan.lastScore })}
        </span>
        <span>
          {t("training.plan.retestAt")}
          {t("punct.colon")}
          {editable && plan.state === "open" ? (
            <DatePicker
              size="small"
              allowClear={false}
              aria-label={t("training.plan.retestAt")}
              value={dayjs(plan.retestAt)}
              onChange={(d) => d && move.mutate(d.format("YYYY-MM-DD"))}
            />
          ) : (
            plan.retestAt
          )}
        </span>
        <strong>{t("training.plan.material")}</strong>
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {plan.material.map((m) => (
            <li key={`${m.kind}-${m.ref}`}>{m.title}</li>
          ))}
        </ul>
        {move.error && <ErrorState error={move.error} />}
      </Space>
    </Card>
  );
}

/** 学习计划: the plans of the halls one manages, open first. */
export function PlansTab() {
  const { t } = useTranslation();
  const [state, setState] = useState<"open" | "passed">("open");
  const plans = useQuery({
    queryKey: ["training", "plans", state],
    queryFn: async () => unwrap(await api.GET("/api/training/plans", { params: { query: { state } } })),
  });
  return (
    <Space direction="vertical" style={{ width: "100%", maxWidth: 720 }}>
      <Segmented
        value={state}
        onChange={(v) => setState(v as "open" | "passed")}
        options={(["open", "passed"] as const).map((s) => ({ value: s, label: t(`training.plan.${s}`) }))}
      />
      {plans.isLoading && <Loading />}
      {plans.error && <ErrorState error={plans.error} onRetry={() => plans.refetch()} />}
      {plans.data?.length === 0 && <Empty description={t("training.plan.empty")} />}
      {plans.data?.map((p) => (
        <PlanCard key={p.id} plan={p} editable />
      ))}
    </Space>
  );
}
