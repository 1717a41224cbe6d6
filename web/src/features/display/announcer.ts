import { tingwuGlobal } from "../../api/events";

// R-DISPLAY: calls are spoken one after another, never cutting each other off. Each text waits for the
// previous utterance to end (or for a safety timeout if the speech engine never says it ended).
const GAP_MS = 700;

export class Announcer {
  private readonly queue: string[] = [];
  private speaking = false;
  private voice: SpeechSynthesisVoice | null = null;

  constructor(private readonly repeat = 1) {
    if (typeof speechSynthesis !== "undefined") {
      const pick = () => {
        this.voice = speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith("zh")) ?? null;
      };
      pick();
      speechSynthesis.addEventListener?.("voiceschanged", pick);
    }
  }

  /** Queues a text; window.tingwu.announcements records every one (tests have no loudspeaker). */
  say(text: string) {
    tingwuGlobal().announcements.push(text);
    for (let i = 0; i < this.repeat; i++) this.queue.push(text);
    if (!this.speaking) this.next();
  }

  get pending(): number {
    return this.queue.length + (this.speaking ? 1 : 0);
  }

  private next() {
    const text = this.queue.shift();
    if (text === undefined) {
      this.speaking = false;
      return;
    }
    this.speaking = true;
    if (typeof speechSynthesis === "undefined") {
      setTimeout(() => this.next(), GAP_MS);
      return;
    }
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(safety);
      setTimeout(() => this.next(), GAP_MS);
    };
    const u = new SpeechSynthesisUtterance(text);
    u.lang = "zh-CN";
    if (this.voice) u.voice = this.voice;
    u.rate = 0.9;
    u.onend = finish;
    u.onerror = finish;
    // About 4 characters a second in Chinese at this rate, plus headroom.
    const safety = setTimeout(finish, 3000 + text.length * 400);
    speechSynthesis.speak(u);
  }

  stop() {
    this.queue.length = 0;
  }
}

export const callText = (number: string, counter: number) => `请${number}号到${counter}号窗口办理`;
