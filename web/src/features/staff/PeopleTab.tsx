import {
  App,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useBusinessTypes } from "../../api/queries";
import { useTypeName } from "../../shell/catalog";
import { AwayCard } from "./AwayCard";
import { type StaffMember, useStaff, useStaffAccounts, useStaffActions } from "./api";
import { SwapsCard } from "./SwapsCard";
import { TemplatesCard } from "./TemplatesCard";

// The hall's roster pool (排班 R-ROSTER): who can be put on a shift, what they can serve, their contract,
// their absences; the shift templates the optimiser may use; and the swaps awaiting a decision.
// Only a manager (staffing.manage) reaches this tab: the server checks every change again.
export function PeopleTab({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const staff = useStaff(hallId);
  const actions = useStaffActions(hallId);
  const typeName = useTypeName();
  const [editing, setEditing] = useState<StaffMember | "new" | null>(null);
  const [absentFor, setAbsentFor] = useState<StaffMember | null>(null);
  const fail = (e: Error) => message.error(e.message);
  const people = staff.data ?? [];

  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Space>
        <Button type="primary" onClick={() => setEditing("new")}>
          {t("staffing.people.add")}
        </Button>
      </Space>
      <Table<StaffMember>
        rowKey="id"
        size="small"
        loading={staff.isLoading}
        dataSource={people}
        pagination={people.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: <Empty description={t("staffing.people.empty")} /> }}
        scroll={{ x: true }}
        columns={[
          {
            title: t("staffing.people.name"),
            dataIndex: "name",
            sorter: (a, b) => a.name.localeCompare(b.name, "zh"),
          },
          {
            title: t("staffing.people.skills"),
            key: "skills",
            render: (_, p) =>
              p.skills.length === 0 ? (
                <Tag>{t("staffing.people.allSkills")}</Tag>
              ) : (
                p.skills.map((s) => <Tag key={s}>{typeName(s)}</Tag>)
              ),
          },
          {
            title: t("staffing.people.vip"),
            key: "vip",
            render: (_, p) => (p.vip ? <Tag color="gold">{t("staffing.people.vip")}</Tag> : null),
          },
          {
            title: t("staffing.people.contract"),
            dataIndex: "contractHoursPerWeek",
            sorter: (a, b) => a.contractHoursPerWeek - b.contractHoursPerWeek,
          },
          {
            title: t("staffing.people.absences"),
            key: "absences",
            render: (_, p) => (
              <Space wrap size={4}>
                {p.absences.map((a) => (
                  <Popconfirm
                    key={a.id}
                    title={t("staffing.people.withdrawConfirm")}
                    okText={t("staffing.ok")}
                    cancelText={t("staffing.cancel")}
                    onConfirm={() =>
                      actions.withdrawAbsence.mutate({ staffId: p.id, absenceId: a.id }, { onError: fail })
                    }
                  >
                    <Tag
                      color={a.kind === "sick" ? "red" : "orange"}
                      style={{ cursor: "pointer" }}
                      title={a.note ?? ""}
                    >
                      {t(`staffing.people.absenceKind.${a.kind}`)} {a.fromDate.slice(5)}
                      {a.toDate !== a.fromDate ? `–${a.toDate.slice(5)}` : ""} ×
                    </Tag>
                  </Popconfirm>
                ))}
              </Space>
            ),
          },
          {
            title: t("staffing.people.active"),
            key: "active",
            filters: [
              { text: t("staffing.people.active"), value: true },
              { text: t("staffing.people.inactive"), value: false },
            ],
            onFilter: (v, p) => p.active === v,
            render: (_, p) =>
              p.active ? (
                <Tag color="green">{t("staffing.people.active")}</Tag>
              ) : (
                <Tag>{t("staffing.people.inactive")}</Tag>
              ),
          },
          {
            title: "",
            key: "do",
            render: (_, p) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing(p)}>
                  {t("staffing.people.edit")}
                </Button>
                <Button type="link" size="small" onClick={() => setAbsentFor(p)}>
                  {t("staffing.people.addAbsence")}
                </Button>
                {p.active ? (
                  <Popconfirm
                    title={t("staffing.people.deactivateConfirm", { name: p.name })}
                    okText={t("staffing.ok")}
                    cancelText={t("staffing.cancel")}
                    onConfirm={() =>
                      actions.change.mutate({ staffId: p.id, body: { active: false } }, { onError: fail })
                    }
                  >
                    <Button type="link" size="small" danger>
                      {t("staffing.people.deactivate")}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button
                    type="link"
                    size="small"
                    onClick={() =>
                      actions.change.mutate({ staffId: p.id, body: { active: true } }, { onError: fail })
                    }
                  >
                    {t("staffing.people.reactivate")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && <PersonForm hallId={hallId} person={editing} onClose={() => setEditing(null)} />}
      {absentFor && <AbsenceForm hallId={hallId} person={absentFor} onClose={() => setAbsentFor(null)} />}
      <TemplatesCard hallId={hallId} />
      <SwapsCard hallId={hallId} />
      <AwayCard hallId={hallId} />
    </Space>
  );
}

type PersonValues = {
  name: string;
  userId?: string;
  skills: string[];
  vip: boolean;
  contractHoursPerWeek: number;
};

function PersonForm({
  hallId,
  person,
  onClose,
}: {
  hallId: string;
  person: StaffMember | "new";
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const actions = useStaffActions(hallId);
  const accounts = useStaffAccounts(hallId, true);
  const types = useBusinessTypes();
  const [form] = Form.useForm<PersonValues>();
  const fresh = person === "new";
  const saving = actions.add.isPending || actions.change.isPending;
  const save = async () => {
    const v = await form.validateFields();
    const body = { ...v, userId: v.userId ?? null };
    const done = {
      onSuccess: () => {
        message.success(t("staffing.people.saved"));
        onClose();
      },
      onError: (e: Error) => message.error(e.message),
    };
    if (fresh) actions.add.mutate(body, done);
    else actions.change.mutate({ staffId: person.id, body }, done);
  };
  return (
    <Modal
      open
      title={fresh ? t("staffing.people.add") : `${t("staffing.people.edit")} · ${person.name}`}
      okText={t("staffing.ok")}
      cancelText={t("staffing.cancel")}
      onOk={save}
      onCancel={onClose}
      okButtonProps={{ disabled: saving }}
      destroyOnHidden
    >
      <Form<PersonValues>
        form={form}
        name="person"
        layout="vertical"
        initialValues={
          fresh
            ? { skills: [], vip: false, contractHoursPerWeek: 40 }
            : {
                name: person.name,
                userId: person.userId ?? undefined,
                skills: person.skills,
                vip: person.vip,
                contractHoursPerWeek: person.contractHoursPerWeek,
              }
        }
      >
        <Form.Item name="name" label={t("staffing.people.name")} rules={[{ required: true, max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="userId" label={t("staffing.people.account")}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t("staffing.people.noAccount")}
            loading={accounts.isLoading}
            options={(accounts.data ?? []).map((a) => ({
              value: a.id,
              label: `${a.displayName}（${a.username}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="skills" label={t("staffing.people.skills")} extra={t("staffing.people.skillsHint")}>
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            options={(types.data ?? []).map((b) => ({
              value: b.code,
              label: i18n.language === "en" ? b.nameEn : b.name,
            }))}
          />
        </Form.Item>
        <Form.Item name="vip" label={t("staffing.people.vip")} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="contractHoursPerWeek"
          label={t("staffing.people.contract")}
          rules={[{ required: true, type: "number", min: 1, max: 60 }]}
        >
          <InputNumber min={1} max={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type AbsenceValues = { kind: "leave" | "sick"; range: [Dayjs, Dayjs]; note?: string };

function AbsenceForm({
  hallId,
  person,
  onClose,
}: {
  hallId: string;
  person: StaffMember;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const actions = useStaffActions(hallId);
  const [form] = Form.useForm<AbsenceValues>();
  const save = async () => {
    const v = await form.validateFields();
    actions.absent.mutate(
      {
        staffId: person.id,
        body: {
          kind: v.kind,
          fromDate: v.range[0].format("YYYY-MM-DD"),
          toDate: v.range[1].format("YYYY-MM-DD"),
          ...(v.note ? { note: v.note } : {}),
        },
      },
      { onSuccess: onClose, onError: (e: Error) => message.error(e.message) },
    );
  };
  return (
    <Modal
      open
      title={`${t("staffing.people.addAbsence")} · ${person.name}`}
      okText={t("staffing.ok")}
      cancelText={t("staffing.cancel")}
      onOk={save}
      onCancel={onClose}
      okButtonProps={{ disabled: actions.absent.isPending }}
      destroyOnHidden
    >
      <Form<AbsenceValues> form={form} name="absence" layout="vertical" initialValues={{ kind: "leave" }}>
        <Form.Item name="kind" label={t("staffing.people.kind")}>
          <Select
            options={(["leave", "sick"] as const).map((k) => ({
              value: k,
              label: t(`staffing.people.absenceKind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="range" label={t("staffing.people.range")} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="note" label={t("staffing.people.note")} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
