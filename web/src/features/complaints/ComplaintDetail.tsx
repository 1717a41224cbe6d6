import { EyeOutlined, WarningOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { may, useSession } from "../../api/session";
import { Loading } from "../../shell/Loading";
import { useReason } from "../../shell/useReason";
import { ActionModal } from "./ActionModal";
import { actionSpec, actionsFor } from "./actions";
import { type Complaint, unmaskPhone, useComplaint } from "./api";
import { DueClock, stateColor } from "./DueClock";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("zh-CN", { hour12: false }) : "—");

function TypicalCaseButton({ c, onDone }: { c: Complaint; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const save = async () => {
    const v = await form.validateFields();
    try {
      unwrap(
        await api.POST("/api/complaints/{id}/typical-case", {
          params: { path: { id: c.id } },
          body: {
            ...v,
            tags: String(v.tags ?? "")
              .split(/[,，\s]+/)
              .filter(Boolean),
          },
        }),
      );
      setOpen(false);
      onDone();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("complaints.action.typicalCase")}</Button>
      <Modal
        open={open}
        title={t("complaints.action.typicalCase")}
        onOk={save}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="title" label={t("complaints.field.title")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="summary" label={t("complaints.field.summary")} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="lessons" label={t("complaints.field.lessons")} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="tags" label={t("complaints.field.tags")}>
            <Input placeholder="计费, 退费" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The owner answers a department's "return for more information" and the order goes back to its queue. */
function SupplementButton({ orderId, onDone }: { orderId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const save = async () => {
    const v = await form.validateFields();
    try {
      unwrap(
        await api.POST("/api/work-orders/{id}/supplement", {
          params: { path: { id: orderId } },
          body: { info: v.info },
        }),
      );
      setOpen(false);
      onDone();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <>
      <Button size="small" type="primary" style={{ marginTop: 6 }} onClick={() => setOpen(true)}>
        {t("complaints.supplement")}
      </Button>
      <Modal
        open={open}
        title={t("complaints.supplement")}
        onOk={save}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="info" label={t("complaints.supplementInfo")} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** One complaint: what the customer said, its clock, the history (who and when), and the next steps. */
export function ComplaintDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const q = useComplaint(id);
  const [action, setAction] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const askReason = useReason();
  if (q.isLoading) return <Loading />;
  if (!q.data)
    return <Empty description={q.error instanceof ApiError ? q.error.message : t("state.error")} />;
  const c = q.data;
  // Buttons from what the server allows: the reader's capabilities, the record's allowedActions.
  const mayUnmask = may(principal, "phone.unmask");
  const actions = actionsFor(c);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={15}>
        <Card
          title={
            <Space wrap>
              <span>{c.customer.name}</span>
              <Tag color={stateColor[c.state]}>{t(`complaints.state.${c.state}`)}</Tag>
              {c.kind === "appeal" && <Tag color="magenta">{t("complaints.kind.appeal")}</Tag>}
              {c.keyCustomer && <Tag color="gold">{t("complaints.form.keyCustomer")}</Tag>}
              {c.escalationLevel > 0 && (
                <Tag icon={<WarningOutlined />} color="red">
                  {t("complaints.levelN", { n: c.escalationLevel })}
                </Tag>
              )}
              {c.customerEscalated && <Tag color="red">{t("complaints.customerEscalated")}</Tag>}
            </Space>
          }
          extra={<DueClock dueKind={c.dueKind} dueAt={c.dueAt} warnAt={c.warnAt} />}
        >
          <Descriptions column={{ xs: 1, sm: 2 }} size="small">
            <Descriptions.Item label={t("complaints.detail.customer")}>
              <Space>
                {phone ?? c.customer.phone}
                {mayUnmask && !phone && (
                  <Button
                    size="small"
                    type="link"
                    icon={<EyeOutlined />}
                    onClick={async () => {
                      const reason = await askReason();
                      if (reason) setPhone(await unmaskPhone(c.id, reason));
                    }}
                  >
                    {t("complaints.detail.unmask")}
                  </Button>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t("complaints.col.category")}>
              {t(`complaints.category.${c.category}`, { defaultValue: c.category })}
            </Descriptions.Item>
            <Descriptions.Item label={t("complaints.detail.owner")}>{c.ownerName}</Descriptions.Item>
            <Descriptions.Item label={t("complaints.detail.received")}>
              {when(c.receivedAt)} · {t(`complaints.channel.${c.channel}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t("complaints.detail.firstReplyDue")}>
              {when(c.firstReplyDueAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t("complaints.detail.callbackDue")}>
              {when(c.callbackDueAt)}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ marginTop: 12 }}>
            <b>
              {t("complaints.detail.description")}
              {t("punct.colon")}
            </b>
            {c.description}
          </Typography.Paragraph>
          <Typography.Paragraph>
            <b>
              {t("complaints.detail.request")}
              {t("punct.colon")}
            </b>
            {c.request}
          </Typography.Paragraph>
          <Space wrap>
            <Tag color={c.recordConfirmedAt ? "green" : "orange"}>
              {c.recordConfirmedAt ? t("complaints.detail.confirmed") : t("complaints.detail.notConfirmed")}
            </Tag>
            {c.breachCount > 0 && (
              <Tag color="red">{t("complaints.detail.breached", { n: c.breachCount })}</Tag>
            )}
            {c.typicalCase && <Tag color="blue">{t("complaints.detail.typicalCase")}</Tag>}
          </Space>
          <div style={{ marginTop: 16, display: "flex", flexWrap: "wrap", gap: 8 }}>
            {actions.map((a) => (
              <Button
                key={a}
                type={actionSpec[a].primary ? "primary" : "default"}
                danger={actionSpec[a].danger}
                onClick={() => setAction(a)}
              >
                {t(`complaints.action.${a}`)}
              </Button>
            ))}
            {c.allowedActions.includes("typical-case") && (
              <TypicalCaseButton c={c} onDone={() => void q.refetch()} />
            )}
          </div>
        </Card>
        {(c.workOrders ?? []).length > 0 && (
          <Card title={t("complaints.detail.workOrders")} style={{ marginTop: 16 }} size="small">
            {(c.workOrders ?? []).map((w) => (
              <div key={w.id} style={{ marginBottom: 8 }}>
                <Tag>{t(`complaints.department.${w.department}`)}</Tag>
                <Tag color="purple">{t(`complaints.wo.${w.state}`)}</Tag> {w.brief}
                {w.replyText && <div style={{ color: "#166534", marginTop: 4 }}>↳ {w.replyText}</div>}
                {w.returnReason && <div style={{ color: "#b45309", marginTop: 4 }}>↳ {w.returnReason}</div>}
                {w.allowedActions.includes("supplement") && (
                  <SupplementButton orderId={w.id} onDone={() => void q.refetch()} />
                )}
              </div>
            ))}
          </Card>
        )}
      </Col>
      <Col xs={24} lg={9}>
        <Card title={t("complaints.detail.history")} size="small">
          <Timeline
            items={(c.history ?? []).map((h) => ({
              color: h.action === "escalated" ? "red" : h.toState !== h.fromState ? "blue" : "gray",
              children: (
                <div>
                  <b>{t(`complaints.action.${h.action.replace(".", "_")}`, { defaultValue: h.action })}</b>
                  {h.fromState !== h.toState && (
                    <span style={{ color: "#64748b" }}> → {t(`complaints.state.${h.toState}`)}</span>
                  )}
                  <div style={{ color: "#64748b", fontSize: 12 }}>
                    {when(h.at)} · {h.actorName ?? t("complaints.detail.system")}
                  </div>
                  {h.handOver && (
                    <div>
                      {h.handOver.fromId === h.actorId
                        ? t("complaints.owner.handedTo", { to: h.handOver.toName ?? "—" })
                        : t("complaints.owner.handedFromTo", {
                            from: h.handOver.fromName ?? "—",
                            to: h.handOver.toName ?? "—",
                          })}
                    </div>
                  )}
                  {h.note && <div>{h.note}</div>}
                </div>
              ),
            }))}
          />
        </Card>
      </Col>
      <ActionModal complaint={c} action={action} onClose={() => setAction(null)} />
    </Row>
  );
}
