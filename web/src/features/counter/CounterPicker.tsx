import { Button, Card, Col, Row, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { useCounters, useHall } from "../../api/queries";
import { useSession } from "../../api/session";
import { useTypeName } from "../../shell/catalog";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { useLocalNames } from "../../shell/names";
import { StaffLayout } from "../../shell/StaffLayout";
import { mayOpen } from "../../shell/screens";

function Picker({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const { hallName, counterLabel } = useLocalNames();
  const { principal } = useSession();
  const hall = useHall(hallId);
  const counters = useCounters(hallId);
  const typeName = useTypeName();
  if (!hall.data || !counters.data) return <Loading />;
  const pads = mayOpen(principal, "pad");
  return (
    <StaffLayout title={`${t("auth.pickCounter")} · ${hallName(hall.data)}`}>
      <p style={{ color: "#64748b" }}>{t("auth.pickCounterHint")}</p>
      <Row gutter={[16, 16]}>
        {counters.data
          .filter((c) => c.active)
          .map((c) => (
            <Col key={c.id} xs={24} md={12} xl={8}>
              <Card
                title={counterLabel(c)}
                extra={
                  <Tag color={c.status === "open" ? "blue" : "default"}>{t(`counterStatus.${c.status}`)}</Tag>
                }
                actions={[
                  <Link key="c" to={`/counter/${hallId}/${c.id}`}>
                    <Button type="primary">{t("auth.openConsole")}</Button>
                  </Link>,
                  ...(pads
                    ? [
                        <Link key="p" to={`/pad/${hallId}/${c.id}`}>
                          <Button>{t("auth.openPad")}</Button>
                        </Link>,
                      ]
                    : []),
                ]}
              >
                <div style={{ color: "#475569", minHeight: 44 }}>
                  {c.businessTypes.map(typeName).join("、")}
                </div>
              </Card>
            </Col>
          ))}
      </Row>
    </StaffLayout>
  );
}

export default function CounterPicker() {
  const { hallId = "" } = useParams();
  return (
    <StaffGate screen="counter">
      <Picker hallId={hallId} />
    </StaffGate>
  );
}
