import { UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Space, Table, Upload } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";

/** A refused row of an imported file, as the server reports it (details.rows of a 400). */
export type RowProblem = { row: number; column: string; reason: string };

export const rowProblemsOf = (e: unknown): RowProblem[] =>
  e instanceof ApiError ? ((e.details as { rows?: RowProblem[] } | undefined)?.rows ?? []) : [];

type Checked<A> = { file: File; answer: A } | { file: File; problems: RowProblem[]; message: string };

/**
 * A file imported in two steps, as every Tingwu import is: checked first (the server's dry run), imported
 * only when every row is right, else refused whole with the rows at fault listed. `send` posts the file;
 * the words are the feature's (what a checked file holds, what an import did).
 */
export function CheckedImport<A>(props: {
  title: string;
  hint: string;
  choose: string;
  confirm: string;
  send: (file: File, dryRun: boolean) => Promise<A>;
  checkedText: (file: File, answer: A) => string;
  doneText: (answer: A) => string;
  onImported: () => Promise<unknown>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [checked, setChecked] = useState<Checked<A> | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (file: File, dryRun: boolean) => {
    setBusy(true);
    try {
      const answer = await props.send(file, dryRun);
      if (dryRun) setChecked({ file, answer });
      else {
        void message.success(props.doneText(answer));
        setChecked(null);
        await props.onImported();
      }
    } catch (e) {
      setChecked({
        file,
        problems: rowProblemsOf(e),
        message: e instanceof ApiError ? e.message : String(e),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={props.title}>
      <p style={{ color: "#64748b", marginTop: 0 }}>{props.hint}</p>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void send(file, true);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            {props.choose}
          </Button>
        </Upload>
        {checked && "answer" in checked && (
          <Alert
            type="success"
            showIcon
            title={props.checkedText(checked.file, checked.answer)}
            action={
              <Button type="primary" loading={busy} onClick={() => void send(checked.file, false)}>
                {props.confirm}
              </Button>
            }
          />
        )}
        {checked && "problems" in checked && (
          <>
            <Alert
              type="error"
              showIcon
              title={t("fileImport.refused", { n: checked.problems.length })}
              description={checked.problems.length === 0 ? checked.message : undefined}
            />
            {checked.problems.length > 0 && (
              <Table<RowProblem>
                rowKey={(p) => `${p.row}-${p.column}-${p.reason}`}
                size="small"
                dataSource={checked.problems}
                pagination={checked.problems.length > 10 ? { pageSize: 10 } : false}
                columns={[
                  { title: t("fileImport.row"), dataIndex: "row", width: 70 },
                  { title: t("fileImport.column"), dataIndex: "column", width: 180 },
                  { title: t("fileImport.reason"), dataIndex: "reason" },
                ]}
              />
            )}
          </>
        )}
        {props.children}
      </Space>
    </Card>
  );
}
