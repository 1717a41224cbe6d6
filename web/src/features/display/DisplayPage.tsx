import { SoundOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router-dom";
import { ApiError, api, unwrap } from "../../api/client";
import { useDeviceToken } from "../../api/device";
import type { HallEvent } from "../../api/events";
import { hallKey, useBoard, useBusinessTypes, useHall, useLiveHall } from "../../api/queries";
import { useTypeName } from "../../shell/catalog";
import { BadDevice, ErrorState } from "../../shell/Forbidden";
import { DeviceGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { useNow } from "../../shell/useNow";
import { Announcer, callText } from "./announcer";
import { addCall, type Call, callFromEvent, callsFromRecent, MAX_CALLS } from "./calls";
import "./display.css";
import { useLocalNames } from "../../shell/names";
import { AwayNotice, CurrentCall, RecentCalls, StatusDot, WaitingBand } from "./parts";

// Calls older than this when they arrive (a long outage's replay) are shown but not spoken.
const SPEAK_WITHIN_MS = 3 * 60_000;

function Display({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const { hallName } = useLocalNames();
  const [params] = useSearchParams();
  const hall = useHall(hallId);
  const types = useBusinessTypes();
  const board = useBoard(hallId);
  // The day's last calls from the server: what the screen shows at once after a reload or power cut.
  const recent = useQuery({
    queryKey: hallKey(hallId, "calls"),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/halls/{hallId}/calls", {
          params: { path: { hallId }, query: { limit: MAX_CALLS } },
        }),
      ),
  });
  const typeName = useTypeName();
  const now = useNow(1000);
  const announcer = useRef<Announcer>(null);
  announcer.current ??= new Announcer(Math.min(3, Math.max(1, Number(params.get("repeat") ?? 1))));
  const [calls, setCalls] = useState<Call[] | null>(null);
  const [voiceOn, setVoiceOn] = useState(() => navigator.userActivation?.hasBeenActive ?? false);
  const seen = useRef(new Set<string>());
  // The newest server time seen, so "recent enough to speak" does not depend on this screen's clock.
  const latest = useRef(0);

  const learn = (call: Call, speak: boolean) => {
    if (seen.current.has(call.key)) return;
    seen.current.add(call.key);
    const at = new Date(call.at).getTime();
    latest.current = Math.max(latest.current, at);
    setCalls((cs) => addCall(cs ?? [], call));
    if (speak && latest.current - at < SPEAK_WITHIN_MS)
      announcer.current?.say(callText(call.number, call.counterNumber));
  };

  // The first read seeds the list silently. Later reads (each refresh, and after a reconnect) add
  // calls the stream did not bring — e.g. when it dropped before it had seen any event id.
  const seeded = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per read; learn reads refs
  useEffect(() => {
    if (!recent.data) return;
    const speak = seeded.current;
    seeded.current = true;
    for (const c of callsFromRecent(recent.data).reverse()) learn(c, speak);
    setCalls((cs) => cs ?? []);
  }, [recent.data]);

  const state = useLiveHall(hallId, (e: HallEvent) => {
    const call = callFromEvent(e);
    if (call) learn(call, true);
  });

  useEffect(() => {
    const on = () => setVoiceOn(true);
    window.addEventListener("pointerdown", on, { once: true });
    window.addEventListener("keydown", on, { once: true });
    return () => {
      window.removeEventListener("pointerdown", on);
      window.removeEventListener("keydown", on);
    };
  }, []);

  const waiting = useMemo(() => {
    if (!types.data || !hall.data) return [];
    const counts = new Map((board.data?.byBusinessType ?? []).map((b) => [b.businessType, b.waiting]));
    return types.data
      .filter((b) => b.active && !b.forbiddenHallTypes.includes(hall.data.type))
      .map((b) => ({ code: b.code, name: typeName(b.code), waiting: counts.get(b.code) ?? 0 }));
  }, [types.data, hall.data, board.data, typeName]);

  if (hall.error instanceof ApiError && hall.error.status === 401) return <BadDevice />;
  if (hall.error) return <ErrorState error={hall.error} onRetry={() => void hall.refetch()} />;
  if (!hall.data) return <Loading dark />;
  const list = calls ?? [];
  const notice = params.get("notice") ?? t("display.notice");
  const date = new Date(now);
  return (
    <div className="display">
      <header className="display-header">
        <div className="display-hall">{hallName(hall.data)}</div>
        <div className="display-header-right">
          <StatusDot state={state} />
          <span className="display-date">
            {date.toLocaleDateString("zh-CN", { month: "long", day: "numeric", weekday: "long" })}
          </span>
          <span className="display-time">
            {date.toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit", hour12: false })}
          </span>
        </div>
      </header>
      <main className="display-main">
        <CurrentCall call={list[0] ?? null} typeName={typeName} />
        <RecentCalls calls={list.slice(1)} />
      </main>
      <AwayNotice counters={board.data?.awayCounters ?? []} />
      <WaitingBand rows={waiting} total={board.data?.waiting ?? 0} />
      <footer className="display-ticker">
        <span className="tw-sr-only">{notice}</span>
        <div className="display-ticker-track" aria-hidden>
          <span>{notice}</span>
          <span>{notice}</span>
        </div>
      </footer>
      {!voiceOn && (
        <div className="display-voice-hint">
          <SoundOutlined aria-hidden /> {t("display.enableVoice")}
        </div>
      )}
    </div>
  );
}

export default function DisplayPage() {
  const { hallId = "" } = useParams();
  const token = useDeviceToken("display", hallId);
  return (
    <DeviceGate screen="display" token={token}>
      <Display hallId={hallId} />
    </DeviceGate>
  );
}
