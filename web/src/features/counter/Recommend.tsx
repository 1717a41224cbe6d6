import { BulbOutlined } from "@ant-design/icons";
import { Card, Checkbox, Empty } from "antd";
import { useTranslation } from "react-i18next";
import { Row, Rows } from "../../shell/Rows";
import { type Product, productsFor } from "./recommendations";

export type Offer = { recommended: Product[]; accepted: Product[] };

/** Z6: talking points for the customer's business and a tick for each product offered and taken. */
export function Recommend({
  businessType,
  offer,
  onChange,
}: {
  businessType: string | null;
  offer: Offer;
  onChange: (o: Offer) => void;
}) {
  const { t } = useTranslation();
  if (!businessType) {
    return (
      <Card title={t("counter.recommendTitle")} size="small">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("counter.recommendNone")} />
      </Card>
    );
  }
  const toggle = (list: Product[], p: Product, on: boolean) =>
    on ? [...new Set([...list, p])] : list.filter((x) => x !== p);
  return (
    <Card
      title={
        <>
          <BulbOutlined aria-hidden /> {t("counter.recommendTitle")}
        </>
      }
      size="small"
    >
      <p style={{ color: "#64748b", marginTop: 0 }}>{t("counter.recommendHint")}</p>
      <Rows label={t("counter.recommendTitle")}>
        {productsFor(businessType).map((p) => {
          const offered = offer.recommended.includes(p);
          return (
            <Row
              key={p}
              title={t(`counter.products.${p}.name`)}
              description={t(`counter.products.${p}.pitch`)}
              actions={
                <>
                  <Checkbox
                    checked={offered}
                    onChange={(e) =>
                      onChange({
                        recommended: toggle(offer.recommended, p, e.target.checked),
                        accepted: e.target.checked ? offer.accepted : offer.accepted.filter((x) => x !== p),
                      })
                    }
                  >
                    {t("counter.recommended")}
                    <span className="tw-sr-only"> {t(`counter.products.${p}.name`)}</span>
                  </Checkbox>
                  <Checkbox
                    checked={offer.accepted.includes(p)}
                    disabled={!offered}
                    onChange={(e) =>
                      onChange({ ...offer, accepted: toggle(offer.accepted, p, e.target.checked) })
                    }
                  >
                    {t("counter.accepted")}
                    <span className="tw-sr-only"> {t(`counter.products.${p}.name`)}</span>
                  </Checkbox>
                </>
              }
            />
          );
        })}
      </Rows>
    </Card>
  );
}
