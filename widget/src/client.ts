/**
 * Talks to the chat service: the WebSocket at /ws first; after a dropped connection it reconnects
 * with backoff and resumes the same conversation; when a WebSocket never gets through on this page
 * (a proxy, a firewall or the page's CSP blocks it) it falls back to the HTTP API for good.
 *
 * The conversation id lives in this object only: never in cookies, storage or the URL.
 */
import type { Reply } from './types.js';

export type Status = 'online' | 'reconnecting' | 'offline';

export interface ClientEvents {
  replies(replies: Reply[]): void;
  status(status: Status): void;
  /** A coded error for the last message (VH_TEXT_TOO_LONG, VH_RATE_LIMITED, …). */
  error(code: string): void;
  /** Over HTTP the previous conversation had expired (over WS the server says so itself). */
  expired(): void;
  /** Whether the bot is working on an answer (the typing indicator). */
  busy(busy: boolean): void;
}

type Out = { type: 'message'; text: string } | { type: 'choice'; id: string };
type Frame = { type: string; conversationId?: unknown; replies?: unknown; code?: unknown };
/** What the server answers (one frame per frame, in order) and whether the user waits for it. */
type Sent = 'start' | 'resume' | 'send';

const OPEN_TIMEOUT_MS = 8000;
const REPLY_TIMEOUT_MS = 20000;
const MAX_BACKOFF_MS = 15000;

export class ChatClient {
  private id: string | undefined;
  private mode: 'ws' | 'http' = 'ws';
  private ws: WebSocket | undefined;
  /** A WebSocket has opened on this page: failures from now on are dropped connections, not a block. */
  private wsWorked = false;
  /** The socket is open and start/resume has been answered: messages can go out. */
  private ready = false;
  private sent: Sent[] = [];
  private outbox: Out[] = [];
  private waiting = 0;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private stopped = false;
  private chain: Promise<unknown> = Promise.resolve();
  private current: Status | undefined;

  constructor(
    private readonly base: string,
    private readonly on: ClientEvents,
  ) {
    addEventListener('online', () => {
      if (this.started && !this.stopped && this.mode === 'ws' && !this.ws) this.connect();
    });
  }

  /** Starts the conversation (when the panel opens for the first time). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.connect();
  }

  send(text: string): void {
    this.push({ type: 'message', text });
  }

  choose(id: string): void {
    this.push({ type: 'choice', id });
  }

  /**
   * Forgets the conversation on the server and here, at once and without waiting: a forget frame
   * on the open socket (handled after anything before it) and a DELETE that survives the page
   * being replaced (keepalive). Both are harmless when the other already did it.
   */
  forget(): void {
    this.stopped = true;
    this.clearTimers();
    const id = this.id;
    const ws = this.ws;
    this.id = undefined;
    this.ws = undefined;
    this.outbox = [];
    if (ws && ws.readyState === WebSocket.OPEN) {
      try {
        ws.send(JSON.stringify({ type: 'forget' }));
        ws.close(1000);
      } catch {
        /* the DELETE below still goes */
      }
    } else if (ws) {
      ws.close();
    }
    if (id) {
      try {
        fetch(this.base + '/api/v1/conversations/' + encodeURIComponent(id), {
          method: 'DELETE',
          keepalive: true,
          mode: 'cors',
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        }).catch(() => undefined);
      } catch {
        /* nothing more to do */
      }
    }
  }

  private push(out: Out): void {
    if (this.stopped) return;
    if (!this.started) this.started = true;
    if (this.mode === 'http') {
      if (this.id) return this.viaHttp(out);
      // No conversation yet (its start failed): try again now rather than at the next backoff.
      this.outbox.push(out);
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      return this.httpResume();
    }
    if (this.ws && this.ready) return this.wsSend(out);
    this.outbox.push(out);
    if (!this.ws) this.connect();
  }

  private setStatus(s: Status): void {
    if (s === this.current) return;
    this.current = s;
    this.on.status(s);
  }

  private setWaiting(n: number): void {
    const was = this.waiting > 0;
    this.waiting = Math.max(0, n);
    if (was !== this.waiting > 0) this.on.busy(this.waiting > 0);
  }

  private clearTimers(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.timer = this.watchdog = undefined;
  }

  private backoff(): number {
    return Math.min(MAX_BACKOFF_MS, 500 * Math.pow(2, this.failures)) * (0.5 + Math.random() / 2);
  }

  // ---- WebSocket -------------------------------------------------------------------------

  private connect(): void {
    this.clearTimers();
    if (this.stopped) return;
    if (this.mode === 'http') return this.httpResume();
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.base.replace(/^http/, 'ws') + '/ws');
    } catch {
      return this.wsFailed(1006);
    }
    this.ws = ws;
    this.ready = false;
    this.sent = [];
    const openTimer = setTimeout(() => ws.close(), OPEN_TIMEOUT_MS);
    ws.onopen = () => {
      clearTimeout(openTimer);
      this.wsWorked = true;
      this.raw(ws, this.id ? { type: 'resume', conversationId: this.id } : { type: 'start' }, this.id ? 'resume' : 'start');
    };
    ws.onmessage = (ev: MessageEvent) => this.onFrame(ws, ev.data);
    const ended = (code: number) => {
      clearTimeout(openTimer);
      if (this.ws !== ws) return;
      if (this.watchdog !== undefined) clearTimeout(this.watchdog);
      this.watchdog = undefined;
      this.ws = undefined;
      this.ready = false;
      // A message that got no answer may be lost: say so, so it can be sent again.
      if (this.sent.indexOf('send') >= 0) this.on.error('VH_NO_ANSWER');
      this.sent = [];
      this.setWaiting(0);
      this.wsFailed(code);
    };
    ws.onclose = (ev: CloseEvent) => ended(ev.code);
    // A socket the page's CSP blocks is born CLOSED and gets an error event but never a close event.
    ws.onerror = () => {
      if (ws.readyState === WebSocket.CLOSED) ended(1006);
    };
  }

  private raw(ws: WebSocket, frame: object, kind: Sent): void {
    this.sent.push(kind);
    if (kind !== 'resume') this.setWaiting(this.waiting + 1);
    ws.send(JSON.stringify(frame));
    // A reply that never comes means a dead connection: close it, and reconnect.
    if (this.watchdog === undefined) this.watchdog = setTimeout(() => ws.close(), REPLY_TIMEOUT_MS);
  }

  private wsSend(out: Out): void {
    if (!this.ws) return;
    this.raw(this.ws, out.type === 'message' ? out : { type: 'choice', id: out.id }, 'send');
  }

  private onFrame(ws: WebSocket, data: unknown): void {
    let f: Frame;
    try {
      f = JSON.parse(String(data)) as Frame;
    } catch {
      return;
    }
    if (!f || typeof f !== 'object' || (f.type !== 'replies' && f.type !== 'error')) return;
    const kind = this.sent.shift();
    if (kind !== 'resume') this.setWaiting(this.waiting - 1);
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = this.sent.length > 0 ? setTimeout(() => ws.close(), REPLY_TIMEOUT_MS) : undefined;

    if (f.type === 'error') {
      if (f.code === 'VH_CONVERSATION_NOT_FOUND') {
        // Expired (or the server forgot it): once, start again; the server says so kindly.
        if (kind === 'resume' || this.ready) {
          this.id = undefined;
          this.ready = false;
          this.raw(ws, { type: 'start', expired: true }, 'start');
        }
        return;
      }
      this.on.error(String(f.code));
      // Without a conversation this socket is no use: close it, and reconnect with backoff.
      if (kind === 'start' || kind === 'resume') ws.close();
      return;
    }
    if (typeof f.conversationId === 'string') this.id = f.conversationId;
    if (!this.ready) {
      this.ready = true;
      this.failures = 0;
      this.setStatus('online');
      const queued = this.outbox;
      this.outbox = [];
      queued.forEach((o) => this.wsSend(o));
    }
    if (Array.isArray(f.replies) && f.replies.length > 0) this.on.replies(f.replies as Reply[]);
  }

  private wsFailed(code: number): void {
    if (this.stopped) return;
    if (!this.wsWorked) {
      // A WebSocket never got through here: use HTTP from now on.
      this.mode = 'http';
      return this.httpResume();
    }
    this.failures += 1;
    this.setStatus(this.failures > 3 ? 'offline' : 'reconnecting');
    // 1012: the service restarts; come back soon, spread over a second so not everyone at once.
    const delay = code === 1012 && this.failures === 1 ? 250 + Math.random() * 750 : this.backoff();
    this.timer = setTimeout(() => this.connect(), delay);
  }

  // ---- HTTP fallback ---------------------------------------------------------------------

  private queue(task: () => Promise<unknown>): void {
    this.chain = this.chain.then(task, task);
  }

  private async request(method: string, path: string, body?: object): Promise<{ status: number; json: Frame | undefined }> {
    const init: RequestInit = { method, mode: 'cors', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' };
    if (body) {
      init.headers = { 'content-type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    const res = await fetch(this.base + path, init);
    let json: Frame | undefined;
    try {
      json = (await res.json()) as Frame;
    } catch {
      json = undefined;
    }
    return { status: res.status, json };
  }

  /** Starts a conversation over HTTP when there is none, then sends what waited in the outbox. */
  private httpResume(): void {
    this.queue(async () => {
      if (this.stopped) return;
      // A failed start keeps the outbox for the next try.
      if (!this.id && !(await this.httpStart(false))) return;
      this.setStatus('online');
      const queued = this.outbox;
      this.outbox = [];
      queued.forEach((o) => this.viaHttp(o));
    });
  }

  private async httpStart(expired: boolean): Promise<boolean> {
    this.setWaiting(this.waiting + 1);
    try {
      const r = await this.request('POST', '/api/v1/conversations');
      const id = r.json && (r.json as { conversationId?: unknown }).conversationId;
      if (r.status !== 201 || typeof id !== 'string') throw new Error('start failed');
      this.id = id;
      this.failures = 0;
      this.setStatus('online');
      if (expired) this.on.expired();
      this.on.replies(((r.json as Frame).replies as Reply[]) || []);
      return true;
    } catch {
      this.httpFailed();
      return false;
    } finally {
      this.setWaiting(this.waiting - 1);
    }
  }

  private httpFailed(): void {
    if (this.stopped) return;
    this.failures += 1;
    this.setStatus('offline');
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!this.id) this.httpResume();
      }, this.backoff());
    }
  }

  private viaHttp(out: Out): void {
    this.queue(async () => {
      if (this.stopped) return;
      if (!this.id) {
        this.outbox.push(out);
        return;
      }
      this.setWaiting(this.waiting + 1);
      try {
        const body = out.type === 'message' ? { text: out.text } : { choice: out.id };
        const r = await this.request('POST', '/api/v1/conversations/' + encodeURIComponent(this.id) + '/messages', body);
        const code = r.json && (r.json as { error?: { code?: unknown } }).error?.code;
        if (r.status === 200) {
          this.setStatus('online');
          this.on.replies(((r.json as Frame).replies as Reply[]) || []);
        } else if (code === 'VH_CONVERSATION_NOT_FOUND') {
          this.id = undefined;
          await this.httpStart(true);
        } else {
          this.on.error(typeof code === 'string' ? code : 'VH_INTERNAL');
        }
      } catch {
        this.httpFailed();
      } finally {
        this.setWaiting(this.waiting - 1);
      }
    });
  }
}
