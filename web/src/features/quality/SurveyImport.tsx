import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Checkbox, Empty, Popconfirm, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CheckedImport } from "../../shell/CheckedImport";
import { type ImportAnswer, type SurveyImport, uploadSurvey, useSurveyImports, useWithdraw } from "./api";

// The survey firm's file: checked first (a dry run), imported only when every row is right; the imports
// listed and withdrawn whole. The operator's administrator only (the server refuses anyone else).
export function SurveyImportCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [withdrawn, setWithdrawn] = useState(false);
  const imports = useSurveyImports(withdrawn, true);
  const withdraw = useWithdraw();

  return (
    <CheckedImport<ImportAnswer>
      title={t("quality.import.title")}
      hint={t("quality.import.hint")}
      choose={t("quality.import.choose")}
      confirm={t("quality.import.confirm")}
      send={uploadSurvey}
      checkedText={(file, a) =>
        t("quality.import.checked", {
          name: file.name,
          rows: a.rows,
          periods: a.periods.join("、"),
          scopes: a.scopes.join("、"),
        })
      }
      doneText={(a) => t("quality.import.done", { rows: a.rows })}
      onImported={() => qc.invalidateQueries({ queryKey: ["quality"] })}
    >
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
    </CheckedImport>
  );
}
