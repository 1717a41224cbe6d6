import { EditOutlined, PhoneOutlined, ToolOutlined } from "@ant-design/icons";
import { App, Button, Card, Descriptions, Empty, List, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ApiError, api, unwrap } from "../../api/client";
import { ErrorState } from "../../shell/Forbidden";
import { Loading } from "../../shell/Loading";
import { dateOf } from "./AgentDay";
import { ContactsCard } from "./ContactsCard";
import { ContractsCard } from "./ContractsCard";
import { OpportunitiesCard } from "./OpportunitiesCard";
import { useCustomer, useFieldAction, useVisitRecords } from "./queries";
import { VisitFollowUp } from "./VisitFollowUp";
import { VisitPlansCard } from "./VisitPlansCard";

/** The customer card: who they are, who to talk to, what they use, when the next visits are due. */
export function CustomerCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id = "" } = useParams();
  const customer = useCustomer(id);
  const visits = useVisitRecords(id);
  const onError = (e: Error) => void message.error(e instanceof ApiError ? e.message : String(e));
  // 更新客户档案: confirms the archive is up to date, closing the 3-working-day deadline of past visits.
  const archived = useFieldAction(async () =>
    unwrap(
      await api.PATCH("/api/field/customers/{id}", {
        params: { path: { id } },
        body: { archiveConfirmed: true },
      }),
    ),
  );
  if (customer.error) return <ErrorState error={customer.error} />;
  if (!customer.data) return <Loading />;
  const c = customer.data;
  // Unmasking is on record (audit log); the number goes straight to the dialler.
  const call = async () => {
    try {
      // The button's own purpose is the reason on record: calling the customer.
      const full = unwrap(
        await api.GET("/api/field/customers/{id}/phone", {
          params: { path: { id }, query: { reason: "拨打客户电话 call the customer" } },
        }),
      );
      const n = full.contacts.find((k) => k.phone)?.phone ?? full.phone;
      if (n) window.location.href = `tel:${n}`;
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <span>
            {c.name} <Tag>{t(`field.tier.${c.tier}`)}</Tag>
          </span>
        }
      >
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t("field.manage.village")}>
            {[c.town, c.village].filter(Boolean).join(" · ") || "—"}
          </Descriptions.Item>
          {c.address && (
            <Descriptions.Item label={t("field.orderForm.field.address")}>{c.address}</Descriptions.Item>
          )}
          {c.idNumber && <Descriptions.Item label={t("field.idNumber")}>{c.idNumber}</Descriptions.Item>}
          <Descriptions.Item label={t("field.nextInPerson")}>
            {c.nextInPersonVisitDueAt ? dateOf(c.nextInPersonVisitDueAt) : "—"}
            {c.overdue.includes("in_person") && (
              <Tag color="red" style={{ marginLeft: 6 }}>
                {t("field.overdue")}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t("field.nextPhone")}>
            {c.nextPhoneVisitDueAt ? dateOf(c.nextPhoneVisitDueAt) : "—"}
            {c.overdue.includes("phone") && (
              <Tag color="red" style={{ marginLeft: 6 }}>
                {t("field.overdue")}
              </Tag>
            )}
          </Descriptions.Item>
          {c.products.length > 0 && (
            <Descriptions.Item label={t("field.products")}>
              <span>
                {c.products.map((p) => (
                  <Tag key={`${p.name}-${p.operator}`} color={p.ours ? "blue" : "default"}>
                    {p.ours ? t("field.ours") : (p.operator ?? t("field.theirs"))} · {p.name}
                  </Tag>
                ))}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Button
          type="primary"
          size="large"
          block
          icon={<EditOutlined />}
          style={{ marginTop: 8, height: 48 }}
          onClick={() => navigate(`/field/customers/${id}/visit`)}
        >
          {t("field.record")}
        </Button>
        <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8, marginTop: 8 }}>
          <Button size="large" icon={<PhoneOutlined />} onClick={() => void call()}>
            {t("field.call")}
          </Button>
          <Button
            size="large"
            icon={<ToolOutlined />}
            onClick={() => navigate(`/field/customers/${id}/order`)}
          >
            {t("field.order")}
          </Button>
        </div>
      </Card>
      <ContactsCard customer={c} />
      <VisitPlansCard customerId={id} />
      <Card
        size="small"
        title={t("field.recentVisits")}
        extra={
          <Button
            size="small"
            onClick={() =>
              archived.mutate(undefined, {
                onError,
                onSuccess: () => void message.success(t("field.archiveSaved")),
              })
            }
          >
            {t("field.archiveUpdated")}
          </Button>
        }
      >
        {visits.data?.length ? (
          <List
            size="small"
            dataSource={visits.data}
            renderItem={(v) => <VisitFollowUp key={v.id} visit={v} />}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("field.noVisits")} />
        )}
      </Card>
      <ContractsCard customerId={id} />
      <OpportunitiesCard customerId={id} />
      <Link to="/field/customers">← {t("field.tabCustomers")}</Link>
    </Space>
  );
}
