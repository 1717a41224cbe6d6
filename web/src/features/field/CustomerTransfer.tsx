import { DownloadOutlined, LoadingOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Checkbox, List, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { useFieldAction } from "./queries";

type Refused = { row: number; name: string | null; reasons: string[] };
// What is sent: CSV as its text, an Excel workbook as base64 (the API's two ways).
type Upload = { name: string; csv: string; xlsx?: never } | { name: string; xlsx: string; csv?: never };

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function readUpload(f: File): Promise<Upload> {
  // .xls too goes as a workbook, so the server can say it wants .xlsx instead.
  if (!/\.xlsx?$/i.test(f.name) && f.type !== XLSX_TYPE) return { name: f.name, csv: await f.text() };
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(f);
  });
  return { name: f.name, xlsx: dataUrl.slice(dataUrl.indexOf(",") + 1) };
}

/** R-CUST import/export: the file is checked first; nothing is half-imported (see import.ts). */
export function CustomerTransfer() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [file, setFile] = useState<Upload | null>(null);
  const [validRows, setValidRows] = useState(false);
  const [report, setReport] = useState<{ ok: number; refused: Refused[]; done?: number } | null>(null);
  const send = useFieldAction(async (dryRun: boolean) => {
    const mode = validRows ? ("valid_rows" as const) : ("all_or_nothing" as const);
    try {
      const { name: _, ...content } = file!;
      const r = unwrap(await api.POST("/api/field/customers/import", { body: { ...content, mode, dryRun } }));
      return { ...r, dryRun };
    } catch (e) {
      const details = (e as ApiError).details as { refused?: Refused[]; rows?: number } | undefined;
      if (e instanceof ApiError && e.status === 422 && details?.refused)
        return {
          rows: details.rows ?? details.refused.length,
          imported: 0,
          refused: details.refused,
          dryRun,
        };
      throw e;
    }
  });
  const run = (dryRun: boolean) =>
    send.mutate(dryRun, {
      onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
      onSuccess: (r) => {
        setReport({
          ok: r.rows - r.refused.length,
          refused: r.refused,
          ...(dryRun ? {} : { done: r.imported }),
        });
      },
    });
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Space.Compact block>
        <Button icon={<DownloadOutlined />} href="/api/field/customers/export?format=xlsx" block>
          {t("field.transfer.exportXlsx")}
        </Button>
        <Button icon={<DownloadOutlined />} href="/api/field/customers/export?format=csv" block>
          {t("field.transfer.export")}
        </Button>
      </Space.Compact>
      <label style={{ display: "block" }}>
        <span
          className="ant-btn ant-btn-default ant-btn-block"
          style={{ display: "flex", justifyContent: "center", gap: 6 }}
        >
          <UploadOutlined /> {t("field.transfer.file")}
        </span>
        <input
          type="file"
          accept={`.csv,.xlsx,text/csv,${XLSX_TYPE}`}
          aria-label={t("field.transfer.file")}
          style={{ position: "absolute", opacity: 0, width: 1, height: 1 }}
          onChange={async (e) => {
            const f = e.target.files?.[0];
            setReport(null);
            setFile(f ? await readUpload(f) : null);
            e.target.value = ""; // the same file chosen again (after fixing it) is read again
          }}
        />
      </label>
      {file && <Typography.Text type="secondary">{file.name}</Typography.Text>}
      <Checkbox checked={validRows} onChange={(e) => setValidRows(e.target.checked)}>
        {t("field.transfer.validRows")}
      </Checkbox>
      <Space.Compact block>
        {/* Disabled while sending rather than antd's `loading`, whose own delayed state was seen to stay
            on after a quick answer, leaving both buttons spinning and unusable. */}
        <Button
          block
          disabled={!file || send.isPending}
          icon={send.isPending && send.variables ? <LoadingOutlined /> : undefined}
          onClick={() => run(true)}
        >
          {t("field.transfer.check")}
        </Button>
        <Button
          block
          type="primary"
          disabled={!file || send.isPending}
          icon={send.isPending && !send.variables ? <LoadingOutlined /> : undefined}
          onClick={() => run(false)}
        >
          {t("field.transfer.import")}
        </Button>
      </Space.Compact>
      {report && (
        <Alert
          type={report.refused.length ? (report.done ? "warning" : "error") : "success"}
          showIcon
          title={
            report.done !== undefined && report.done > 0
              ? t("field.transfer.imported", { count: report.done })
              : report.refused.length
                ? t("field.transfer.nothingImported", { count: report.refused.length })
                : t("field.transfer.allGood", { count: report.ok })
          }
          description={
            report.refused.length > 0 && (
              <List
                size="small"
                dataSource={report.refused}
                renderItem={(r) => (
                  <List.Item key={r.row}>
                    {t("field.transfer.refused", {
                      row: r.row,
                      name: r.name ?? "",
                      reasons: r.reasons.join(t("punct.semicolon")),
                    })}
                  </List.Item>
                )}
              />
            )
          }
        />
      )}
    </Space>
  );
}
