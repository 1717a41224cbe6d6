import { LoadingOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Checkbox, DatePicker, Empty, Form, Input, Radio, Segmented } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Route, Routes, useNavigate } from "react-router-dom";
import { ApiError } from "../../api/client";
import { may, useSession } from "../../api/session";
import { Forbidden } from "../../shell/Forbidden";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { StaffLayout } from "../../shell/StaffLayout";
import { type CreateFault, useCreateFault, useFaults } from "./api";
import { FaultCard } from "./FaultCard";

function FaultList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { principal } = useSession();
  const [filter, setFilter] = useState<"open" | "done" | "unsatisfied">("open");
  const list = useFaults(filter);
  return (
    <>
      <div
        style={{
          display: "flex",
          flexWrap: "wrap",
          gap: 8,
          marginBottom: 12,
          justifyContent: "space-between",
        }}
      >
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as typeof filter)}
          options={[
            { value: "open", label: t("faults.open") },
            { value: "done", label: t("faults.done") },
            { value: "unsatisfied", label: t("faults.unsatisfied") },
          ]}
        />
        {may(principal, "fault.record") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/faults/new")}>
            {t("faults.newFault")}
          </Button>
        )}
      </div>
      {list.isLoading && <Loading />}
      {list.data?.length === 0 && <Empty description={t("faults.empty")} />}
      {list.data?.map((f) => (
        <FaultCard key={f.id} f={f} />
      ))}
    </>
  );
}

type Values = {
  name: string;
  phone: string;
  address?: string;
  service: CreateFault["service"];
  symptom: string;
  keyCustomer: boolean;
  major: boolean;
  agreedRepairAt?: { toDate(): Date };
};

function FaultForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateFault();
  const submit = async (v: Values) => {
    if (create.inFlight()) return;
    try {
      await create.mutateAsync({
        customer: { name: v.name, phone: v.phone, address: v.address ?? "" },
        service: v.service,
        symptom: v.symptom,
        keyCustomer: v.keyCustomer,
        major: v.major,
        ...(v.agreedRepairAt ? { agreedRepairAt: v.agreedRepairAt.toDate().toISOString() } : {}),
      });
      message.success(t("faults.saved"));
      navigate("/faults");
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Form
      layout="vertical"
      onFinish={submit}
      initialValues={{ service: "broadband", keyCustomer: false, major: false }}
      requiredMark={false}
    >
      <Form.Item name="name" label={t("faults.form.name")} rules={[{ required: true }]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t("faults.form.phone")}
        rules={[{ required: true, pattern: /^1\d{10}$|^0\d{9,11}$/ }]}
      >
        <Input inputMode="tel" />
      </Form.Item>
      <Form.Item name="address" label={t("faults.form.address")}>
        <Input />
      </Form.Item>
      <Form.Item name="service" label={t("faults.form.service")}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={(["broadband", "fixed_line", "mobile"] as const).map((s) => ({
            value: s,
            label: t(`faults.service.${s}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="symptom" label={t("faults.form.symptom")} rules={[{ required: true }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="agreedRepairAt" label={t("faults.form.agreedRepairAt")}>
        <DatePicker
          showTime={{ format: "HH:mm" }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: "100%" }}
          inputReadOnly
        />
      </Form.Item>
      <Form.Item name="keyCustomer" valuePropName="checked">
        <Checkbox>{t("faults.form.keyCustomer")}</Checkbox>
      </Form.Item>
      <Form.Item name="major" valuePropName="checked">
        <Checkbox>{t("faults.form.major")}</Checkbox>
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        disabled={create.isPending}
        icon={create.isPending ? <LoadingOutlined /> : undefined}
      >
        {t("faults.form.submit")}
      </Button>
    </Form>
  );
}

function Screens() {
  const { t } = useTranslation();
  const { principal } = useSession();
  if (!may(principal, "fault.read")) return <Forbidden />;
  return (
    <StaffLayout title={t("faults.title")} compact>
      <div style={{ maxWidth: 560, margin: "0 auto" }}>
        <Routes>
          <Route index element={<FaultList />} />
          <Route path="new" element={may(principal, "fault.record") ? <FaultForm /> : <Forbidden />} />
        </Routes>
      </div>
    </StaffLayout>
  );
}

/** The fault list for rural agents, phone-sized, with the 5-minute and 30-minute clocks visible. */
export default function FaultsApp() {
  return (
    <StaffGate screen="counter" allowAny>
      <Screens />
    </StaffGate>
  );
}
