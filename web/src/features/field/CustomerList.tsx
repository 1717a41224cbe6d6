import { PlusOutlined, SwapOutlined } from "@ant-design/icons";
import { Button, Drawer, Input, List, Tag } from "antd";
import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorState } from "../../shell/Forbidden";
import { Loading } from "../../shell/Loading";
import { CustomerTransfer } from "./CustomerTransfer";
import { useCustomers } from "./queries";

const tierColor = { gov_enterprise: "blue", key: "gold", household: "default" } as const;

/** The archive of the agent's area, searchable by name or village (R-CUST). */
export function CustomerList() {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const deferred = useDeferredValue(q);
  const customers = useCustomers(deferred);
  const [transfer, setTransfer] = useState(false);
  return (
    <>
      <div style={{ display: "flex", gap: 8, marginBottom: 8 }}>
        <Link to="/field/customers/new" style={{ flex: 1 }}>
          <Button block icon={<PlusOutlined />}>
            {t("field.newCustomer")}
          </Button>
        </Link>
        {/* Import from CSV or Excel, export either (R-CUST) */}
        <Button icon={<SwapOutlined />} onClick={() => setTransfer(true)}>
          {t("field.transfer.title")}
        </Button>
      </div>
      <Drawer
        open={transfer}
        onClose={() => setTransfer(false)}
        placement="bottom"
        size="85%"
        title={t("field.transfer.title")}
        destroyOnHidden
      >
        <CustomerTransfer />
      </Drawer>
      <Input.Search
        allowClear
        size="large"
        placeholder={t("field.search")}
        aria-label={t("field.search")}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      {customers.error && <ErrorState error={customers.error} />}
      {!customers.data && !customers.error && <Loading />}
      {customers.data && (
        <List
          bordered
          style={{ background: "#fff" }}
          dataSource={customers.data}
          renderItem={(c) => (
            <List.Item key={c.id}>
              <Link to={`/field/customers/${c.id}`} style={{ flex: 1 }}>
                <b>{c.name}</b>
                <div style={{ color: "#64748b", fontSize: 12 }}>
                  {[c.town, c.village].filter(Boolean).join(" · ") || c.areaCode}
                </div>
              </Link>
              <span style={{ textAlign: "right" }}>
                <Tag color={tierColor[c.tier]}>{t(`field.tier.${c.tier}`)}</Tag>
                {c.overdue.length > 0 && <Tag color="red">{t("field.overdue")}</Tag>}
              </span>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
