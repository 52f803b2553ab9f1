/** A tiny request/response helper over a WebSocket: send a frame, await the next frame. */
import type { WebSocket } from 'ws';

export function wsClient(ws: WebSocket) {
  const frames: Array<Record<string, unknown>> = [];
  const waiting: Array<(f: Record<string, unknown>) => void> = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Record<string, unknown>;
    const w = waiting.shift();
    if (w) w(frame);
    else frames.push(frame);
  });
  const next = (timeoutMs = 5000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const f = frames.shift();
      if (f) return resolve(f);
      const t = setTimeout(() => reject(new Error('no frame within timeout')), timeoutMs);
      waiting.push((frame) => {
        clearTimeout(t);
        resolve(frame);
      });
    });
  return {
    next,
    sendRaw: (data: string) => ws.send(data),
    async request(frame: object) {
      ws.send(JSON.stringify(frame));
      return next();
    },
  };
}
