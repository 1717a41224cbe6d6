import { DeleteOutlined, LoadingOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Form, Input, InputNumber, Radio, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { saveVisit } from "./pending";
import { useCustomer } from "./queries";
import type { VisitRecordBody } from "./types";

type Values = {
  kind: "in_person" | "phone";
  at: string;
  purpose?: string;
  met?: string;
  notes?: string;
  needs?: string;
  questions?: { text?: string; answer?: string }[];
  promises?: { text?: string; dueOn?: string }[];
  opportunity?: string;
  opportunityAmount?: number | null;
};

const localNow = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};
const blank = (s?: string) => !s || s.trim() === "";

/**
 * The visit form (R-VISITLOG). It never waits on the network: the record is kept on the phone with its
 * own id first, then sent; with no signal it stays until the connection returns.
 */
export function VisitForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id = "" } = useParams();
  const customer = useCustomer(id);
  const [busy, setBusy] = useState(false);
  const name = customer.data?.name ?? "";

  const submit = async (v: Values) => {
    const body: VisitRecordBody = {
      kind: v.kind,
      at: new Date(v.at).toISOString(),
      ...(blank(v.purpose) ? {} : { purpose: v.purpose }),
      ...(blank(v.met) ? {} : { met: v.met }),
      ...(blank(v.notes) ? {} : { notes: v.notes }),
      ...(blank(v.needs) ? {} : { needs: v.needs }),
      questions: (v.questions ?? [])
        .filter((q) => !blank(q.text))
        .map((q) => ({ text: q.text!.trim(), ...(blank(q.answer) ? {} : { answer: q.answer!.trim() }) })),
      promises: (v.promises ?? [])
        .filter((p) => !blank(p.text) && p.dueOn)
        .map((p) => ({ text: p.text!.trim(), dueOn: p.dueOn! })),
      opportunities: blank(v.opportunity)
        ? []
        : [
            {
              title: v.opportunity!.trim(),
              ...(v.opportunityAmount != null ? { amount: v.opportunityAmount } : {}),
            },
          ],
    };
    setBusy(true);
    try {
      const result = await saveVisit(id, name || id.slice(0, 8), body);
      if (result === "sent") void message.success(t("field.form.sent"));
      else void message.warning(t("field.form.saved"), 6);
      navigate(`/field/customers/${id}`);
      window.scrollTo(0, 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={`${t("field.form.title")} · ${name}`}>
      <Form<Values>
        layout="vertical"
        initialValues={{ kind: "in_person", at: localNow() }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="kind" label={t("field.form.kind")}>
          <Radio.Group optionType="button" buttonStyle="solid" size="large" style={{ display: "flex" }}>
            <Radio.Button value="in_person" style={{ flex: 1, textAlign: "center" }}>
              {t("field.kind.in_person")}
            </Radio.Button>
            <Radio.Button value="phone" style={{ flex: 1, textAlign: "center" }}>
              {t("field.kind.phone")}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="at" label={t("field.form.at")} rules={[{ required: true }]}>
          <Input type="datetime-local" size="large" />
        </Form.Item>
        <Form.Item name="purpose" label={t("field.form.purpose")}>
          <Input size="large" maxLength={500} />
        </Form.Item>
        <Form.Item name="met" label={t("field.form.met")}>
          <Input size="large" maxLength={200} />
        </Form.Item>
        <Form.Item name="notes" label={t("field.form.notes")}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="needs" label={t("field.form.needs")}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <Form.Item label={t("field.form.questions")}>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  extra={
                    <Button
                      type="text"
                      aria-label={t("field.form.remove")}
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                    />
                  }
                  title={`${t("field.form.question")} ${i + 1}`}
                >
                  <Form.Item name={[f.name, "text"]} noStyle>
                    <Input
                      aria-label={`${t("field.form.question")} ${i + 1}`}
                      placeholder={t("field.form.question")}
                      style={{ marginBottom: 6 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, "answer"]} noStyle>
                    <Input
                      aria-label={`${t("field.form.answer")} ${i + 1}`}
                      placeholder={t("field.form.answer")}
                    />
                  </Form.Item>
                </Card>
              ))}
              <Button block icon={<PlusOutlined />} onClick={() => add({})}>
                {t("field.form.addQuestion")}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.List name="promises">
          {(fields, { add, remove }) => (
            <Form.Item label={t("field.form.promises")}>
              {fields.map((f, i) => (
                <Space.Compact key={f.key} block style={{ marginBottom: 8 }}>
                  <Form.Item name={[f.name, "text"]} noStyle>
                    <Input
                      aria-label={`${t("field.form.promise")} ${i + 1}`}
                      placeholder={t("field.form.promise")}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, "dueOn"]} noStyle>
                    <Input
                      type="date"
                      aria-label={`${t("field.form.promiseDue")} ${i + 1}`}
                      style={{ width: 150 }}
                    />
                  </Form.Item>
                  <Button
                    aria-label={t("field.form.remove")}
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Space.Compact>
              ))}
              <Button block icon={<PlusOutlined />} onClick={() => add({})}>
                {t("field.form.addPromise")}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="opportunity" label={t("field.form.opportunity")}>
          <Input size="large" maxLength={200} />
        </Form.Item>
        <Form.Item name="opportunityAmount" label={t("field.oppForm.amount")}>
          <InputNumber
            size="large"
            min={0}
            precision={2}
            step={100}
            inputMode="decimal"
            style={{ width: "100%" }}
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          disabled={busy}
          icon={busy ? <LoadingOutlined /> : undefined}
          style={{ height: 52 }}
        >
          {t("field.form.submit")}
        </Button>
      </Form>
    </Card>
  );
}
