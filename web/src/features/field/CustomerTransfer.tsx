import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Checkbox, List, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { useFieldAction } from "./queries";

type Refused = { row: number; name: string | null; reasons: string[] };

/** R-CUST import/export: the file is checked first; nothing is half-imported (see import.ts). */
export function CustomerTransfer() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [csv, setCsv] = useState<string | null>(null);
  const [validRows, setValidRows] = useState(false);
  const [report, setReport] = useState<{ ok: number; refused: Refused[]; done?: number } | null>(null);
  const send = useFieldAction(async (dryRun: boolean) => {
    const mode = validRows ? ("valid_rows" as const) : ("all_or_nothing" as const);
    try {
      const r = unwrap(await api.POST("/api/field/customers/import", { body: { csv: csv!, mode, dryRun } }));
      return { ...r, dryRun };
    } catch (e) {
      const refused = (e as ApiError).details as { refused?: Refused[] } | undefined;
      if (e instanceof ApiError && e.status === 422 && refused?.refused)
        return { imported: 0, refused: refused.refused, dryRun, failed: true };
      throw e;
    }
  });
  const run = (dryRun: boolean) =>
    send.mutate(dryRun, {
      onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
      onSuccess: (r) => {
        const rows = csv!.split(/\r?\n/).filter((l) => l.trim()).length - 1;
        setReport({
          ok: rows - r.refused.length,
          refused: r.refused,
          ...(dryRun ? {} : { done: r.imported }),
        });
      },
    });
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Button icon={<DownloadOutlined />} href="/api/field/customers/export" block>
        {t("field.transfer.export")}
      </Button>
      <label style={{ display: "block" }}>
        <span
          className="ant-btn ant-btn-default ant-btn-block"
          style={{ display: "flex", justifyContent: "center", gap: 6 }}
        >
          <UploadOutlined /> {t("field.transfer.file")}
        </span>
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label={t("field.transfer.file")}
          style={{ position: "absolute", opacity: 0, width: 1, height: 1 }}
          onChange={async (e) => {
            const f = e.target.files?.[0];
            setReport(null);
            setCsv(f ? await f.text() : null);
          }}
        />
      </label>
      <Checkbox checked={validRows} onChange={(e) => setValidRows(e.target.checked)}>
        {t("field.transfer.validRows")}
      </Checkbox>
      <Space.Compact block>
        <Button block disabled={!csv} loading={send.isPending} onClick={() => run(true)}>
          {t("field.transfer.check")}
        </Button>
        <Button block type="primary" disabled={!csv} loading={send.isPending} onClick={() => run(false)}>
          {t("field.transfer.import")}
        </Button>
      </Space.Compact>
      {report && (
        <Alert
          type={report.refused.length ? (report.done ? "warning" : "error") : "success"}
          showIcon
          title={
            report.done !== undefined && report.done > 0
              ? t("field.transfer.imported", { n: report.done })
              : report.refused.length
                ? t("field.transfer.nothingImported", { n: report.refused.length })
                : t("field.transfer.allGood", { n: report.ok })
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
                      reasons: r.reasons.join("；"),
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
