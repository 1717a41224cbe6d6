import { UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Empty, Popconfirm, Space, Table, Tag, Upload } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import {
  type ImportAnswer,
  type Problem,
  problemsOf,
  type SurveyImport,
  uploadSurvey,
  useSurveyImports,
  useWithdraw,
} from "./api";

type Checked = { file: File; answer: ImportAnswer } | { file: File; problems: Problem[]; message: string };

// The survey firm's file: checked first (a dry run), imported only when every row is right; the imports
// listed and withdrawn whole. The operator's administrator only (the server refuses anyone else).
export function SurveyImportCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState(false);
  const [withdrawn, setWithdrawn] = useState(false);
  const imports = useSurveyImports(withdrawn, true);
  const withdraw = useWithdraw();

  const check = async (file: File) => {
    setBusy(true);
    try {
      setChecked({ file, answer: await uploadSurvey(file, true) });
    } catch (e) {
      setChecked({ file, problems: problemsOf(e), message: e instanceof ApiError ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (file: File) => {
    setBusy(true);
    try {
      const done = await uploadSurvey(file, false);
      void message.success(t("quality.import.done", { rows: done.rows }));
      setChecked(null);
      await qc.invalidateQueries({ queryKey: ["quality"] });
    } catch (e) {
      setChecked({ file, problems: problemsOf(e), message: e instanceof ApiError ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t("quality.import.title")}>
      <p style={{ color: "#64748b", marginTop: 0 }}>{t("quality.import.hint")}</p>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void check(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            {t("quality.import.choose")}
          </Button>
        </Upload>
        {checked && "answer" in checked && (
          <Alert
            type="success"
            showIcon
            title={t("quality.import.checked", {
              name: checked.file.name,
              rows: checked.answer.rows,
              periods: checked.answer.periods.join("、"),
              scopes: checked.answer.scopes.join("、"),
            })}
            action={
              <Button type="primary" loading={busy} onClick={() => void confirm(checked.file)}>
                {t("quality.import.confirm")}
              </Button>
            }
          />
        )}
        {checked && "problems" in checked && (
          <>
            <Alert
              type="error"
              showIcon
              title={t("quality.import.refused", { n: checked.problems.length })}
              description={checked.problems.length === 0 ? checked.message : undefined}
            />
            {checked.problems.length > 0 && (
              <Table<Problem>
                rowKey={(p) => `${p.row}-${p.column}-${p.reason}`}
                size="small"
                dataSource={checked.problems}
                pagination={checked.problems.length > 10 ? { pageSize: 10 } : false}
                columns={[
                  { title: t("quality.import.row"), dataIndex: "row", width: 70 },
                  { title: t("quality.import.column"), dataIndex: "column", width: 180 },
                  { title: t("quality.import.reason"), dataIndex: "reason" },
                ]}
              />
            )}
          </>
        )}
        <Space style={{ width: "100%", justifyContent: "space-between" }}>
          <strong>{t("quality.import.list")}</strong>
          <Checkbox checked={withdrawn} onChange={(e) => setWithdrawn(e.target.checked)}>
            {t("quality.import.showWithdrawn")}
          </Checkbox>
        </Space>
        <Table<SurveyImport>
          rowKey="id"
          size="small"
          loading={imports.isLoading}
          dataSource={imports.data ?? []}
          pagination={(imports.data?.length ?? 0) > 10 ? { pageSize: 10 } : false}
          locale={{ emptyText: <Empty description={t("quality.import.none")} /> }}
          scroll={{ x: true }}
          columns={[
            { title: t("quality.import.file"), dataIndex: "fileName" },
            { title: t("quality.import.rows"), dataIndex: "rows", align: "right" },
            { title: t("quality.import.periods"), key: "p", render: (_, i) => i.periods.join("、") },
            { title: t("quality.import.by"), dataIndex: "importedBy" },
            {
              title: t("quality.import.at"),
              key: "at",
              render: (_, i) => dayjs(i.importedAt).format("YYYY-MM-DD HH:mm"),
            },
            {
              title: "",
              key: "do",
              render: (_, i) =>
                i.withdrawnAt ? (
                  <Tag>{t("quality.import.withdrawn")}</Tag>
                ) : (
                  <Popconfirm
                    title={t("quality.import.withdrawConfirm")}
                    okText={t("quality.import.withdraw")}
                    cancelText={t("action.cancel")}
                    okButtonProps={{ danger: true }}
                    onConfirm={() =>
                      withdraw.mutate(i.id, { onError: (e) => void message.error((e as Error).message) })
                    }
                  >
                    <Button size="small" danger>
                      {t("quality.import.withdraw")}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
