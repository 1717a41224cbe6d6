import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, DatePicker, Empty, Input, Modal, Segmented, Select, Space, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { may, useSession } from "../../api/session";
import { ErrorState } from "../../shell/Forbidden";
import { Loading } from "../../shell/Loading";
import type { SiteTask } from "./api";

type Filter = "open" | "mine" | "done";
const when = (iso: string) => dayjs(iso).format("MM-DD HH:mm");

/** Mark done with what was done: a short note, confirmed. */
function DoneDialog({ task, onClose }: { task: SiteTask; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [note, setNote] = useState("");
  const done = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/api/site-tasks/{id}/done", {
          params: { path: { id: task.id } },
          body: note.trim() ? { note: note.trim() } : {},
        }),
      ),
    onSuccess: () => {
      message.success(t("site.task.saved"));
      qc.invalidateQueries({ queryKey: ["site-tasks", task.hallId] });
      qc.invalidateQueries({ queryKey: ["site-form", task.hallId] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t("site.task.doneConfirm")}
      okText={t("site.task.markDone")}
      onOk={() => done.mutate()}
      confirmLoading={done.isPending}
      onCancel={onClose}
    >
      <p>{task.title}</p>
      <Input.TextArea
        aria-label={t("site.task.doneNote")}
        placeholder={t("site.task.doneNote")}
        value={note}
        maxLength={500}
        onChange={(e) => setNote(e.target.value)}
      />
      {done.error && <ErrorState error={done.error} />}
    </Modal>
  );
}

/** Hand on to someone of the hall (or its area manager), or move the due time. */
function ReassignDialog({ task, onClose }: { task: SiteTask; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [ownerId, setOwnerId] = useState(task.ownerId);
  const [due, setDue] = useState<Dayjs>(dayjs(task.dueAt));
  const owners = useQuery({
    queryKey: ["site-owners", task.hallId],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/halls/{hallId}/site-tasks/owners", { params: { path: { hallId: task.hallId } } }),
      ),
  });
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH("/api/site-tasks/{id}", {
          params: { path: { id: task.id } },
          body: {
            ...(ownerId !== task.ownerId ? { ownerId } : {}),
            ...(!due.isSame(dayjs(task.dueAt), "minute") ? { dueAt: due.toISOString() } : {}),
          },
        }),
      ),
    onSuccess: () => {
      message.success(t("site.task.saved"));
      qc.invalidateQueries({ queryKey: ["site-tasks", task.hallId] });
      onClose();
    },
  });
  const changed = ownerId !== task.ownerId || !due.isSame(dayjs(task.dueAt), "minute");
  return (
    <Modal
      open
      title={t("site.task.reassign")}
      okText={t("site.task.save")}
      okButtonProps={{ disabled: !changed }}
      onOk={() => save.mutate()}
      confirmLoading={save.isPending}
      onCancel={onClose}
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <p>{task.title}</p>
        <Select
          aria-label={t("site.task.reassignTo")}
          style={{ width: "100%" }}
          loading={owners.isLoading}
          value={ownerId}
          onChange={setOwnerId}
          showSearch
          optionFilterProp="label"
          options={(owners.data ?? []).map((o) => ({
            value: o.id,
            label: `${o.name}（${t(`role.${o.role}`)}）`,
          }))}
        />
        <DatePicker
          showTime={{ format: "HH:mm" }}
          format="YYYY-MM-DD HH:mm"
          aria-label={t("site.task.moveDue")}
          allowClear={false}
          value={due}
          onChange={(v) => v && setDue(v)}
          style={{ width: "100%" }}
        />
        {save.error && <ErrorState error={save.error} />}
      </Space>
    </Modal>
  );
}

function TaskCard({
  task,
  onDone,
  onReassign,
}: {
  task: SiteTask;
  onDone: () => void;
  onReassign: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={task.title}
      actions={[
        ...(task.allowedActions.includes("done")
          ? [
              <Button key="d" type="link" onClick={onDone}>
                {t("site.task.markDone")}
              </Button>,
            ]
          : []),
        ...(task.allowedActions.includes("reassign")
          ? [
              <Button key="r" type="link" onClick={onReassign}>
                {t("site.task.reassign")}
              </Button>,
            ]
          : []),
      ]}
    >
      <Space wrap>
        <Tag color={task.state === "done" ? "green" : task.overdue ? "red" : "gold"}>
          {task.state === "done"
            ? t("site.task.done")
            : task.overdue
              ? t("site.task.overdue")
              : t("site.task.open")}
        </Tag>
        <span>
          {t("site.task.owner")}
          {t("punct.colon")}
          {task.ownerName ?? "—"}
        </span>
        <span style={{ color: task.overdue ? "#dc2626" : "#64748b" }}>
          {t("site.task.due")}
          {t("punct.colon")}
          {when(task.dueAt)}
        </span>
        {task.doneAt && <span>{t("site.task.doneAt", { time: when(task.doneAt) })}</span>}
        {task.doneNote && <span style={{ color: "#64748b" }}>{task.doneNote}</span>}
      </Space>
    </Card>
  );
}

/** 整改任务: what the checks and the silent devices asked of people, open first, by due time. */
export function TasksTab({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const [filter, setFilter] = useState<Filter>(may(principal, "site.manage") ? "open" : "mine");
  const [doing, setDoing] = useState<SiteTask | null>(null);
  const [handing, setHanding] = useState<SiteTask | null>(null);
  const list = useQuery({
    queryKey: ["site-tasks", hallId, filter],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/halls/{hallId}/site-tasks", {
          params: {
            path: { hallId },
            query: filter === "mine" ? { mine: "true", state: "open" } : { state: filter },
          },
        }),
      ),
  });
  return (
    <Space direction="vertical" style={{ width: "100%", maxWidth: 720 }}>
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        options={(["open", "mine", "done"] as const).map((f) => ({ value: f, label: t(`site.task.${f}`) }))}
      />
      {list.isLoading && <Loading />}
      {list.error && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
      {list.data?.length === 0 && <Empty description={t("site.task.empty")} />}
      {list.data?.map((task) => (
        <TaskCard
          key={task.id}
          task={task}
          onDone={() => setDoing(task)}
          onReassign={() => setHanding(task)}
        />
      ))}
      {doing && <DoneDialog task={doing} onClose={() => setDoing(null)} />}
      {handing && <ReassignDialog task={handing} onClose={() => setHanding(null)} />}
    </Space>
  );
}
