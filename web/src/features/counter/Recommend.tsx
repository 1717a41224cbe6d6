import { BulbOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Card, Checkbox, Collapse, Empty, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { hallKey } from "../../api/queries";
import { ErrorState } from "../../shell/Forbidden";
import { Row, Rows } from "../../shell/Rows";

export type Offer = { recommended: string[]; accepted: string[] };

/**
 * Z6: the campaigns in force at the hall today (R-CAMPAIGN, approved by the area), those for the customer's
 * business first: their talking points, a plain-language FAQ, and a tick for each product offered and taken.
 */
export function Recommend({
  hallId,
  businessType,
  offer,
  onChange,
}: {
  hallId: string;
  businessType: string | null;
  offer: Offer;
  onChange: (o: Offer) => void;
}) {
  const { t } = useTranslation();
  const points = useQuery({
    queryKey: hallKey(hallId, "talking-points"),
    queryFn: async () =>
      unwrap(await api.GET("/api/halls/{hallId}/talking-points", { params: { path: { hallId } } })),
    staleTime: 10 * 60_000,
  });
  const title = (
    <>
      <BulbOutlined aria-hidden /> {t("counter.recommendTitle")}
    </>
  );
  if (!businessType)
    return (
      <Card title={title} size="small">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("counter.recommendNone")} />
      </Card>
    );
  if (points.error) return <ErrorState error={points.error} />;
  const campaigns = (points.data?.campaigns ?? [])
    .filter((c) => c.businessTypes.length === 0 || c.businessTypes.includes(businessType))
    .sort(
      (a, b) =>
        Number(b.businessTypes.includes(businessType)) - Number(a.businessTypes.includes(businessType)),
    );
  if (!points.isLoading && campaigns.length === 0)
    return (
      <Card title={title} size="small">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("counter.noCampaigns")} />
      </Card>
    );
  const toggle = (list: string[], p: string, on: boolean) =>
    on ? [...new Set([...list, p])] : list.filter((x) => x !== p);
  return (
    <Card title={title} size="small" loading={points.isLoading}>
      <p style={{ color: "#64748b", marginTop: 0 }}>{t("counter.recommendHint")}</p>
      {campaigns.map((c) => (
        <section key={c.id} aria-label={c.name} style={{ marginBottom: 12 }}>
          <div style={{ fontWeight: 600, marginBottom: 4 }}>
            {c.name} <Tag>{t("counter.campaignUntil", { to: c.to })}</Tag>
          </div>
          <ul style={{ margin: "0 0 8px", paddingLeft: 20 }}>
            {c.talkingPoints.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          {c.products.length > 0 && (
            <Rows label={c.name}>
              {c.products.map((p) => {
                const offered = offer.recommended.includes(p.code);
                return (
                  <Row
                    key={p.code}
                    title={p.name}
                    description={p.pitch}
                    actions={
                      <>
                        <Checkbox
                          checked={offered}
                          onChange={(e) =>
                            onChange({
                              recommended: toggle(offer.recommended, p.code, e.target.checked),
                              accepted: e.target.checked
                                ? offer.accepted
                                : offer.accepted.filter((x) => x !== p.code),
                            })
                          }
                        >
                          {t("counter.recommended")}
                          <span className="tw-sr-only"> {p.name}</span>
                        </Checkbox>
                        <Checkbox
                          checked={offer.accepted.includes(p.code)}
                          disabled={!offered}
                          onChange={(e) =>
                            onChange({ ...offer, accepted: toggle(offer.accepted, p.code, e.target.checked) })
                          }
                        >
                          {t("counter.accepted")}
                          <span className="tw-sr-only"> {p.name}</span>
                        </Checkbox>
                      </>
                    }
                  />
                );
              })}
            </Rows>
          )}
          {c.faq.length > 0 && (
            <Collapse
              size="small"
              items={[
                {
                  key: "faq",
                  label: t("counter.faq", { n: c.faq.length }),
                  children: (
                    <dl style={{ margin: 0 }}>
                      {c.faq.map((f) => (
                        <div key={f.q} style={{ marginBottom: 6 }}>
                          <dt style={{ fontWeight: 600 }}>{f.q}</dt>
                          <dd style={{ margin: 0 }}>{f.a}</dd>
                        </div>
                      ))}
                    </dl>
                  ),
                },
              ]}
            />
          )}
        </section>
      ))}
    </Card>
  );
}
