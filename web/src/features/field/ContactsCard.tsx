import { EditOutlined, LoadingOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Checkbox, Empty, Form, Input, List, Modal, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import { useFieldAction } from "./queries";
import type { Customer } from "./types";

type Contact = Customer["contacts"][number];
type Values = { name: string; title?: string; phone?: string; birthday?: string; decisionMaker?: boolean };

// The same numbers the API takes (a mobile, or a landline with its area code), as on the new-customer form.
const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** "MM-DD" of a day that exists in some year (02-29 is a birthday too; greetings move it to the 28th). */
export function isMonthDay(s: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [month, day] = [Number(m[1]), Number(m[2])];
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1];
}
const opt = (s?: string) => (s?.trim() ? s.trim() : undefined);

/** Contacts and decision-makers (决策人) on the customer card: added, corrected, removed when they leave. */
export function ContactsCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  const [form] = Form.useForm<Values>();
  const path = { params: { path: { id: customer.id } } };
  const onError = (e: Error) => void message.error(e instanceof ApiError ? e.message : String(e));
  // One key per contact added (renewed when the form opens again): a double tap adds it once.
  const adding = useIdempotencyKey();
  const save = useFieldAction(async ({ contact, v }: { contact: Contact | "new"; v: Values }) => {
    const fields = {
      name: v.name.trim(),
      title: opt(v.title),
      phone: opt(v.phone),
      birthday: opt(v.birthday),
      decisionMaker: v.decisionMaker ?? false,
    };
    if (contact === "new")
      return unwrap(
        await api.POST("/api/field/customers/{id}/contacts", { ...path, body: fields, ...adding.send() }),
      );
    // The phone is shown masked: an empty field keeps the number on file.
    return unwrap(
      await api.PATCH("/api/field/customers/{id}/contacts/{contactId}", {
        params: { path: { id: customer.id, contactId: contact.id } },
        body: { ...fields, title: fields.title ?? null, birthday: fields.birthday ?? null },
      }),
    );
  });
  const remove = useFieldAction(async (contact: Contact) =>
    unwrap(
      await api.DELETE("/api/field/customers/{id}/contacts/{contactId}", {
        params: { path: { id: customer.id, contactId: contact.id } },
      }),
    ),
  );

  const open = (contact: Contact | "new") => {
    form.resetFields();
    if (contact !== "new")
      form.setFieldsValue({
        name: contact.name,
        title: contact.title ?? undefined,
        birthday: contact.birthday ?? undefined,
        decisionMaker: contact.decisionMaker,
      });
    setEditing(contact);
  };
  const confirmRemove = (contact: Contact) =>
    modal.confirm({
      title: t("field.contactEdit.removeConfirm", { name: contact.name }),
      okText: t("field.contactEdit.remove"),
      okButtonProps: { danger: true },
      cancelText: t("action.cancel"),
      onOk: () =>
        remove.mutateAsync(contact).then(() => {
          setEditing(null);
          void message.success(t("field.contactEdit.removed"));
        }, onError),
    });

  return (
    <Card
      size="small"
      title={t("field.contacts")}
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => open("new")}>
          {t("field.contactEdit.add")}
        </Button>
      }
    >
      {customer.contacts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          dataSource={customer.contacts}
          renderItem={(k) => (
            <List.Item
              key={k.id}
              actions={[
                <Button
                  key="edit"
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={`${t("field.contactEdit.edit")} ${k.name}`}
                  onClick={() => open(k)}
                />,
              ]}
            >
              <span>
                <b>{k.name}</b> {k.title}{" "}
                {k.decisionMaker && <Tag color="purple">{t("field.decisionMaker")}</Tag>}
                <div style={{ color: "#64748b", fontSize: 12 }}>
                  {k.phone} {k.birthday && t("field.birthday", { date: k.birthday })}
                </div>
              </span>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing === "new" ? t("field.contactEdit.add") : t("field.contactEdit.edit")}
        okText={t("action.save")}
        cancelText={t("action.cancel")}
        okButtonProps={{
          disabled: save.isPending,
          icon: save.isPending ? <LoadingOutlined /> : undefined,
        }}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
        footer={(buttons) => (
          <div style={{ display: "flex", justifyContent: "space-between", gap: 8 }}>
            <span>
              {editing && editing !== "new" && (
                <Button danger onClick={() => confirmRemove(editing)}>
                  {t("field.contactEdit.remove")}
                </Button>
              )}
            </span>
            <span style={{ display: "flex", gap: 8 }}>{buttons}</span>
          </div>
        )}
      >
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) =>
            editing &&
            !adding.inFlight() &&
            save.mutate(
              { contact: editing, v },
              {
                onError,
                onSuccess: () => {
                  adding.renew();
                  setEditing(null);
                  void message.success(t("field.contactEdit.saved"));
                },
              },
            )
          }
        >
          <Form.Item
            name="name"
            label={t("field.contactEdit.name")}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="title" label={t("field.contactTitle")}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t("field.phone")}
            rules={[{ pattern: PHONE, message: t("field.phoneInvalid") }]}
          >
            <Input
              inputMode="tel"
              placeholder={
                editing && editing !== "new" && editing.phone
                  ? t("field.contactEdit.phoneKeep", { phone: editing.phone })
                  : undefined
              }
            />
          </Form.Item>
          <Form.Item
            name="birthday"
            label={t("field.contactBirthday")}
            rules={[
              {
                validator: (_, v?: string) =>
                  !v?.trim() || isMonthDay(v.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("field.contactEdit.birthdayInvalid"))),
              },
            ]}
          >
            <Input inputMode="numeric" placeholder={t("field.contactEdit.birthdayHint")} maxLength={5} />
          </Form.Item>
          <Form.Item name="decisionMaker" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>{t("field.decisionMaker")}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
