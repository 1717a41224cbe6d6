import { useEffect, useRef, useState } from "react";
import { getDeviceToken } from "./client";
import { hallEventTypes } from "./hall-event-types";
import type { HallEvent } from "./types";

// The hall's live stream (Server-Sent Events). The browser's EventSource resumes with Last-Event-ID by
// itself after a short drop; when it gives up (server restart, long outage, a proxy closing it) this
// reopens it with ?lastEventId=, so a screen misses no call either way (R-DISPLAY).

export type { HallEvent, HallEventType } from "./types";
export type StreamState = "connecting" | "open" | "reconnecting";

type Options = {
  onEvent: (e: HallEvent) => void;
  onState?: (s: StreamState) => void;
  /** A fresh stream says where it stands (its "ready" event): every later event will arrive. */
  onReady?: (position: string) => void;
};

/** One stream per screen; `drop()` is exposed on window.tingwu for tests of the catch-up after a drop. */
export class HallStream {
  private es: EventSource | null = null;
  private lastId: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempts = 0;
  private stopped = false;

  constructor(
    private readonly hallId: string,
    private readonly options: Options,
  ) {}

  start(fromId?: string) {
    if (fromId !== undefined) this.lastId = fromId;
    this.open();
  }

  private url(): string {
    const q = new URLSearchParams();
    const token = getDeviceToken();
    if (token) q.set("device", token);
    if (this.lastId !== null) q.set("lastEventId", this.lastId);
    const qs = q.toString();
    return `/api/halls/${this.hallId}/events${qs ? `?${qs}` : ""}`;
  }

  private open() {
    if (this.stopped) return;
    this.options.onState?.(this.attempts === 0 && this.lastId === null ? "connecting" : "reconnecting");
    const es = new EventSource(this.url());
    this.es = es;
    es.onopen = () => {
      this.attempts = 0;
      this.options.onState?.("open");
    };
    es.onerror = () => {
      if (es.readyState === EventSource.CLOSED) this.retry();
      else this.options.onState?.("reconnecting");
    };
    for (const type of hallEventTypes)
      es.addEventListener(type, (m) => this.receive(m as MessageEvent<string>));
    // Where the stream stood when a new screen opened it: a reopen resumes from there.
    es.addEventListener("ready", (m) => {
      const position = (m as MessageEvent<string>).lastEventId;
      this.lastId ??= position;
      this.options.onReady?.(position);
    });
  }

  private receive(m: MessageEvent<string>) {
    const event = JSON.parse(m.data) as HallEvent;
    // The server resumes strictly after the last id it is given, so nothing arrives twice.
    this.lastId = m.lastEventId || this.lastId;
    this.options.onEvent(event);
  }

  private retry() {
    this.es?.close();
    this.es = null;
    if (this.stopped) return;
    this.options.onState?.("reconnecting");
    const delay = Math.min(10_000, 1000 * 2 ** this.attempts++);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), delay);
  }

  /** Closes the connection as a network failure would; the stream reconnects and catches up by itself. */
  drop() {
    this.attempts = 0;
    this.retry();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.es?.close();
  }
}

declare global {
  interface Window {
    tingwu?: { announcements: string[]; streams: HallStream[] };
  }
}

export function tingwuGlobal() {
  window.tingwu ??= { announcements: [], streams: [] };
  return window.tingwu;
}

/** Subscribes a screen to its hall's events; returns the connection state for a status dot. */
export function useHallEvents(
  hallId: string | undefined,
  onEvent: (e: HallEvent) => void,
  enabled = true,
  onReady?: (position: string) => void,
): StreamState {
  const [state, setState] = useState<StreamState>("connecting");
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const ready = useRef(onReady);
  ready.current = onReady;
  useEffect(() => {
    if (!hallId || !enabled) return;
    const stream = new HallStream(hallId, {
      onEvent: (e) => handler.current(e),
      onState: setState,
      onReady: (p) => ready.current?.(p),
    });
    const g = tingwuGlobal();
    g.streams.push(stream);
    stream.start();
    return () => {
      stream.stop();
      g.streams = g.streams.filter((s) => s !== stream);
    };
  }, [hallId, enabled]);
  return state;
}
