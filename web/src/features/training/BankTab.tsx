import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Checkbox, Empty, Form, Input, List, Select, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, postFile, unwrap } from "../../api/client";
import { useBusinessTypes } from "../../api/queries";
import { may, useSession } from "../../api/session";
import { CheckedImport } from "../../shell/CheckedImport";
import { useTypeName } from "../../shell/catalog";
import { ErrorState } from "../../shell/Forbidden";
import { type ImportAnswer, LETTERS, letters } from "./api";

/** 从文件导入: checked first (a dry run), imported only when every row is right. */
function ImportCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <CheckedImport<ImportAnswer>
      title={t("training.bank.importTitle")}
      hint={t("training.bank.importHint")}
      choose={t("training.bank.choose")}
      confirm={t("training.bank.confirm")}
      send={(file, dryRun) =>
        postFile<ImportAnswer>(`/api/training/questions/import?dryRun=${dryRun ? 1 : 0}`, file)
      }
      checkedText={(file, a) =>
        t("training.bank.checked", {
          name: file.name,
          count: Object.values(a.byBusinessType).reduce((x, y) => x + y, 0),
        })
      }
      doneText={(a) => t("training.bank.imported", { count: a.created })}
      onImported={() => qc.invalidateQueries({ queryKey: ["training", "bank"] })}
    />
  );
}

type Values = {
  businessType: string;
  text: string;
  choices: string[];
  answer: number[];
  explanation?: string;
};

function AddQuestion() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const types = useBusinessTypes();
  const typeName = useTypeName();
  const [form] = Form.useForm<Values>();
  const choices = Form.useWatch("choices", form) ?? [];
  const add = useMutation({
    mutationFn: async (v: Values) =>
      unwrap(
        await api.POST("/api/training/questions", {
          body: {
            ...v,
            answer: v.answer.length === 1 ? v.answer[0] : v.answer,
            explanation: v.explanation || undefined,
          },
        }),
      ),
    onSuccess: () => {
      message.success(t("training.bank.saved"));
      form.resetFields();
      qc.invalidateQueries({ queryKey: ["training", "bank"] });
    },
  });
  return (
    <Card size="small" title={t("training.bank.add")}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ choices: ["", ""], answer: [] }}
        onFinish={(v) => add.mutate(v)}
      >
        <Form.Item name="businessType" label={t("training.bank.businessType")} rules={[{ required: true }]}>
          <Select options={(types.data ?? []).map((b) => ({ value: b.code, label: typeName(b.code) }))} />
        </Form.Item>
        <Form.Item name="text" label={t("training.bank.text")} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.List name="choices">
          {(fields, { add: more, remove }) => (
            <Form.Item label={t("training.bank.choices")}>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: "flex" }}>
                  <Form.Item
                    name={f.name}
                    rules={[{ required: true, whitespace: true }]}
                    style={{ flex: 1, minWidth: 260 }}
                  >
                    <Input
                      addonBefore={LETTERS[i]}
                      aria-label={t("training.bank.choice", { letter: LETTERS[i] })}
                      maxLength={200}
                    />
                  </Form.Item>
                  {fields.length > 2 && (
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="remove" />
                  )}
                </Space>
              ))}
              {fields.length < LETTERS.length && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => more("")}>
                  {t("training.bank.addChoice")}
                </Button>
              )}
            </Form.Item>
          )}
        </Form.List>
        <Form.Item
          name="answer"
          label={t("training.bank.answer")}
          rules={[{ required: true, type: "array", min: 1 }]}
        >
          <Checkbox.Group options={choices.map((_, i) => ({ value: i, label: LETTERS[i] }))} />
        </Form.Item>
        <Form.Item name="explanation" label={t("training.bank.explanation")}>
          <Input maxLength={1000} />
        </Form.Item>
        {add.error && <ErrorState error={add.error} />}
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t("training.bank.add")}
        </Button>
      </Form>
    </Card>
  );
}

/** 题库: the bank by business type; the region's and the operator's people add and import. */
export function BankTab() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const typeName = useTypeName();
  const types = useBusinessTypes();
  const [businessType, setBusinessType] = useState<string | undefined>();
  const [q, setQ] = useState("");
  const bank = useQuery({
    queryKey: ["training", "bank", businessType ?? "", q],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/training/questions", {
          params: { query: { ...(businessType ? { businessType } : {}), ...(q ? { q } : {}) } },
        }),
      ),
  });
  return (
    <Space direction="vertical" style={{ width: "100%", maxWidth: 900 }}>
      {may(principal, "training.bank") && (
        <>
          <ImportCard />
          <AddQuestion />
        </>
      )}
      <Space wrap>
        <Select
          allowClear
          placeholder={t("training.bank.businessType")}
          aria-label={t("training.bank.businessType")}
          style={{ minWidth: 160 }}
          value={businessType}
          onChange={setBusinessType}
          options={(types.data ?? []).map((b) => ({ value: b.code, label: typeName(b.code) }))}
        />
        <Input.Search
          allowClear
          placeholder={t("training.bank.search")}
          onSearch={setQ}
          style={{ width: 220 }}
        />
      </Space>
      {bank.error && <ErrorState error={bank.error} onRetry={() => bank.refetch()} />}
      <List
        loading={bank.isLoading}
        dataSource={bank.data ?? []}
        locale={{ emptyText: <Empty description={t("training.bank.empty")} /> }}
        renderItem={(x) => (
          <List.Item>
            <Space direction="vertical" size={2}>
              <Space wrap>
                <Tag>{typeName(x.businessType)}</Tag>
                <Tag color="blue">{t(`training.test.${x.kind}`)}</Tag>
                <strong>{x.text}</strong>
              </Space>
              <span style={{ color: "#475569" }}>
                {x.choices.map((c, i) => `${LETTERS[i]}. ${c}`).join("　")}
              </span>
              <span style={{ color: "#16a34a" }}>
                {t("training.bank.answer")}
                {t("punct.colon")}
                {letters(x.answer ?? [])}
                {x.explanation ? `（${x.explanation}）` : ""}
              </span>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}
