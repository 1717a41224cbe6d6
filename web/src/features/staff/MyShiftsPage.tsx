import { App, Button, Card, Empty, List, Modal, Select, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { StaffLayout } from "../../shell/StaffLayout";
import { type MyShifts as Mine, useMyShifts, useRequestSwap } from "./api";

// A person's own shifts on the phone (排班 R-ROSTER): the published rosters only, from today on, with a
// request to a colleague to take one (换班), decided by the manager.
type Shift = Mine["shifts"][number];
const stateColor = { requested: "blue", approved: "green", rejected: "default" } as const;

function MyShifts() {
  const { t } = useTranslation();
  const mine = useMyShifts();
  const [swapping, setSwapping] = useState<Shift | null>(null);
  if (mine.isLoading) return <Loading />;
  const shifts = mine.data?.shifts ?? [];
  const swaps = mine.data?.swaps ?? [];
  const pending = new Set(swaps.filter((s) => s.state === "requested").map((s) => s.shiftId));
  return (
    <div style={{ maxWidth: 480, margin: "0 auto" }}>
      {shifts.length === 0 ? (
        <Empty description={t("staffing.mine.empty")} />
      ) : (
        <List
          dataSource={shifts}
          renderItem={(s) => {
            const d = dayjs(s.date);
            const wd = d.day() === 0 ? 7 : d.day();
            return (
              <Card size="small" style={{ marginBottom: 8 }}>
                <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
                  <div>
                    <div style={{ fontWeight: 600 }}>
                      {s.date} {t(`staffing.weekday.${wd}`)}
                    </div>
                    <div style={{ fontSize: 20 }}>
                      {s.start}–{s.end}
                    </div>
                  </div>
                  <div style={{ display: "flex", flexDirection: "column", alignItems: "flex-end", gap: 6 }}>
                    <Tag color="blue">{t("staffing.mine.hours", { n: s.lengthMinutes / 60 })}</Tag>
                    {pending.has(s.id) ? (
                      <Tag color="processing">{t("staffing.swaps.state.requested")}</Tag>
                    ) : (
                      <Button size="small" onClick={() => setSwapping(s)}>
                        {t("staffing.mine.swap")}
                      </Button>
                    )}
                  </div>
                </div>
              </Card>
            );
          }}
        />
      )}
      {swaps.length > 0 && (
        <Card size="small" title={t("staffing.mine.swaps")} style={{ marginTop: 16 }}>
          <List
            size="small"
            dataSource={swaps}
            renderItem={(w) => (
              <List.Item
                extra={<Tag color={stateColor[w.state]}>{t(`staffing.swaps.state.${w.state}`)}</Tag>}
              >
                {w.date} {w.start}–{w.end} → {w.toName}
              </List.Item>
            )}
          />
        </Card>
      )}
      {swapping && mine.data && (
        <SwapModal shift={swapping} colleagues={mine.data.colleagues} onClose={() => setSwapping(null)} />
      )}
    </div>
  );
}

function SwapModal({
  shift,
  colleagues,
  onClose,
}: {
  shift: Shift;
  colleagues: Mine["colleagues"];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const request = useRequestSwap();
  const [to, setTo] = useState<string>();
  return (
    <Modal
      open
      title={t("staffing.mine.swapTitle", { date: shift.date, start: shift.start, end: shift.end })}
      okText={t("staffing.ok")}
      cancelText={t("staffing.cancel")}
      okButtonProps={{ disabled: !to || request.isPending }}
      onCancel={onClose}
      onOk={() =>
        to &&
        request.mutate(
          { shiftId: shift.id, toStaffId: to },
          {
            onSuccess: () => {
              message.success(t("staffing.mine.swapSent"));
              onClose();
            },
            onError: (e: Error) => message.error(e.message),
          },
        )
      }
    >
      <Select
        style={{ width: "100%" }}
        aria-label={t("staffing.mine.colleague")}
        placeholder={t("staffing.mine.colleague")}
        showSearch
        optionFilterProp="label"
        value={to}
        onChange={setTo}
        options={colleagues
          .filter((c) => c.hallId === shift.hallId)
          .map((c) => ({ value: c.id, label: c.name }))}
      />
    </Modal>
  );
}

export default function MyShiftsPage() {
  const { t } = useTranslation();
  return (
    <StaffGate screen="myShifts">
      <StaffLayout title={t("staffing.mine.title")} compact>
        <MyShifts />
      </StaffLayout>
    </StaffGate>
  );
}
