import { Button, DatePicker, Empty, Form, Modal, message, Popconfirm, Select, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { may, useSession } from "../../../api/session";
import { ErrorState } from "../../../shell/Forbidden";
import {
  type Assignment,
  useAssign,
  useAssignments,
  useCancelAssignment,
  useChecklists,
  useInspectors,
} from "./api";
import type { FormTarget } from "./InspectionForm";

const statusColour = { planned: "blue", done: "green", cancelled: "default" } as const;

/** Assigning an inspection: a hall, an inspector, a checklist, a kind and a due date. */
function AssignForm({
  halls,
  open,
  onClose,
}: {
  halls: { id: string; name: string }[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const inspectors = useInspectors(open);
  const lists = useChecklists();
  const assign = useAssign();
  return (
    <Modal
      open={open}
      title={t("inspection.assign")}
      onCancel={onClose}
      confirmLoading={assign.isPending}
      onOk={async () => {
        const v = await form.validateFields();
        await assign.mutateAsync({ ...v, dueDate: v.dueDate.format("YYYY-MM-DD") });
        message.success(t("inspection.assigned"));
        form.resetFields();
        onClose();
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: "mystery", dueDate: dayjs().add(7, "day") }}>
        <Form.Item name="hallId" label={t("inspection.hall")} rules={[{ required: true }]}>
          <Select
            options={halls.map((h) => ({ value: h.id, label: h.name }))}
            showSearch
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="inspectorId" label={t("inspection.inspector")} rules={[{ required: true }]}>
          <Select options={(inspectors.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
        </Form.Item>
        <Form.Item name="checklistId" label={t("inspection.checklist")} rules={[{ required: true }]}>
          <Select options={(lists.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t("inspection.kindLabel")}>
          <Select
            options={(["mystery", "open"] as const).map((k) => ({
              value: k,
              label: t(`inspection.kind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="dueDate" label={t("inspection.due")} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
      </Form>
      {assign.error && <ErrorState error={assign.error} />}
    </Modal>
  );
}

// The planned inspections: an inspector's own to start, a manager's hall's or region's to follow.
export function TasksTab({
  halls,
  onStart,
}: {
  halls: { id: string; name: string }[];
  onStart: (t: FormTarget) => void;
}) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const assignments = useAssignments();
  const cancel = useCancelAssignment();
  const [assigning, setAssigning] = useState(false);
  const me = principal?.kind === "user" ? principal.id : null;
  const mayAssign = may(principal, "quality.assign");
  if (assignments.error) return <ErrorState error={assignments.error} />;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        {mayAssign && (
          <Button type="primary" onClick={() => setAssigning(true)}>
            {t("inspection.assign")}
          </Button>
        )}
        {may(principal, "quality.inspect") && (
          <Button onClick={() => onStart({ kind: "open" })}>{t("inspection.newInspection")}</Button>
        )}
      </Space>
      <Table<Assignment>
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={assignments.isLoading}
        dataSource={assignments.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{
          emptyText: <Empty description={t("inspection.noTasks")}>{t("inspection.noTasksHint")}</Empty>,
        }}
        columns={[
          {
            title: t("inspection.hall"),
            dataIndex: "hallName",
            sorter: (a, b) => a.hallName.localeCompare(b.hallName),
          },
          { title: t("inspection.checklist"), dataIndex: "checklistName" },
          {
            title: t("inspection.kindLabel"),
            dataIndex: "kind",
            render: (k: Assignment["kind"]) => t(`inspection.kind.${k}`),
          },
          { title: t("inspection.inspector"), dataIndex: "inspectorName" },
          {
            title: t("inspection.due"),
            dataIndex: "dueDate",
            sorter: (a, b) => a.dueDate.localeCompare(b.dueDate),
          },
          {
            title: t("inspection.statusLabel"),
            dataIndex: "status",
            filters: (["planned", "done", "cancelled"] as const).map((s) => ({
              value: s,
              text: t(`inspection.status.${s}`),
            })),
            onFilter: (v, a) => a.status === v,
            render: (s: Assignment["status"]) => (
              <Tag color={statusColour[s]}>{t(`inspection.status.${s}`)}</Tag>
            ),
          },
          {
            title: t("inspection.actions"),
            key: "actions",
            render: (_, a) =>
              a.status === "planned" && (
                <Space>
                  {a.inspectorId === me && (
                    <Button
                      type="primary"
                      size="small"
                      onClick={() =>
                        onStart({
                          hallId: a.hallId,
                          hallName: a.hallName,
                          checklistFamilyId: a.checklistFamilyId,
                          kind: a.kind,
                          assignmentId: a.id,
                        })
                      }
                    >
                      {t("inspection.start")}
                    </Button>
                  )}
                  {mayAssign && (
                    <Popconfirm
                      title={t("inspection.cancelConfirm")}
                      onConfirm={() => cancel.mutateAsync({ hallId: a.hallId, id: a.id })}
                    >
                      <Button size="small" danger>
                        {t("inspection.cancel")}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {mayAssign && <AssignForm halls={halls} open={assigning} onClose={() => setAssigning(false)} />}
    </Space>
  );
}
