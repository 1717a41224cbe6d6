import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Input, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";

/** 典型案例: closed complaints archived with a summary and lessons, searchable, for training. */
export function CasesPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [tag, setTag] = useState<string>();
  const cases = useQuery({
    queryKey: ["typical-cases", q, tag],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/typical-cases", {
          params: { query: { ...(q ? { q } : {}), ...(tag ? { tag } : {}) } },
        }),
      ),
  });
  return (
    <Space direction="vertical" style={{ width: "100%" }} size={12}>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t("complaints.cases.search")}
          style={{ width: 280 }}
          onSearch={setQ}
        />
        {tag && (
          <Tag closable onClose={() => setTag(undefined)} color="blue">
            {tag}
          </Tag>
        )}
      </Space>
      {cases.data?.length === 0 && <Empty description={t("complaints.cases.empty")} />}
      {cases.data?.map((c) => (
        <Card
          key={c.id}
          size="small"
          title={c.title}
          extra={<Tag>{t(`complaints.category.${c.category}`, { defaultValue: c.category })}</Tag>}
        >
          <Typography.Paragraph>
            <b>
              {t("complaints.field.summary")}
              {t("punct.colon")}
            </b>
            {c.summary}
          </Typography.Paragraph>
          <Typography.Paragraph>
            <b>
              {t("complaints.field.lessons")}
              {t("punct.colon")}
            </b>
            {c.lessons}
          </Typography.Paragraph>
          <Space size={4}>
            {c.tags.map((x) => (
              <Tag key={x} color="blue" style={{ cursor: "pointer" }} onClick={() => setTag(x)}>
                {x}
              </Tag>
            ))}
          </Space>
        </Card>
      ))}
    </Space>
  );
}
