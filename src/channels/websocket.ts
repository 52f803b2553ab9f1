/**
 * The WebSocket channel at /ws (shared/api.md): start / resume / message / choice in, replies or
 * coded error frames out. A malformed frame gets an error frame, never a close. Frames of one
 * socket are handled in order; a heartbeat drops dead sockets.
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { CodedError } from '../core/errors.js';
import type { Inbound } from '../core/messages.js';
import type { ConversationService } from '../core/service.js';
import { toCodedError } from '../server/errors.js';
import { parseMessageBody } from './http.js';

export const WS_MAX_FRAME = 16 * 1024;
const HEARTBEAT_MS = 30_000;

type Frame =
  | { type: 'start'; expired?: boolean }
  | { type: 'resume'; conversationId: string }
  | { type: 'forget' }
  | { type: 'ping' }
  | { type: 'send'; inbound: Inbound };

function parseFrame(data: string): Frame {
  let msg: unknown;
  try {
    msg = JSON.parse(data);
  } catch {
    throw new CodedError('VH_INVALID_JSON', 'a frame must be a JSON object');
  }
  if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) throw new CodedError('VH_BAD_REQUEST', 'a frame must be a JSON object with a type');
  const m = msg as Record<string, unknown>;
  switch (m.type) {
    case 'start':
      return { type: 'start', expired: m.expired === true };
    case 'resume':
      if (typeof m.conversationId !== 'string') throw new CodedError('VH_BAD_REQUEST', 'resume needs a conversationId');
      return { type: 'resume', conversationId: m.conversationId };
    case 'message':
      return { type: 'send', inbound: parseMessageBody({ text: m.text }) };
    case 'choice':
      return { type: 'send', inbound: parseMessageBody({ choice: m.id }) };
    case 'forget':
    case 'ping':
      return { type: m.type };
    default:
      throw new CodedError('VH_BAD_REQUEST', 'unknown frame type: use start, resume, message or choice');
  }
}

export function websocketChannel(app: FastifyInstance, service: ConversationService, sockets: Set<WebSocket>, connectLimit: object = {}): void {
  const logMessages = (app.log as { isLevelEnabled?: (l: string) => boolean }).isLevelEnabled?.('info') ?? true;
  app.get('/ws', { websocket: true, config: connectLimit }, (socket, request) => {
    sockets.add(socket);
    let conversationId: string | undefined;
    let alive = true;
    let queue = Promise.resolve();
    const send = (frame: object) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, HEARTBEAT_MS);
    socket.on('pong', () => (alive = true));
    socket.on('close', () => {
      clearInterval(heartbeat);
      sockets.delete(socket);
    });

    const handle = async (data: string): Promise<void> => {
      if (Buffer.byteLength(data) > WS_MAX_FRAME) throw new CodedError('VH_BODY_TOO_LARGE', 'a frame may be at most 16 KB');
      const frame = parseFrame(data);
      if (frame.type === 'ping') return send({ type: 'pong' });
      if (frame.type === 'start') {
        const turn = await service.create(frame.expired ? { expired: true } : {});
        conversationId = turn.conversationId;
        return send({ type: 'replies', conversationId, replies: turn.replies });
      }
      if (frame.type === 'resume') {
        if (!(await service.exists(frame.conversationId))) throw new CodedError('VH_CONVERSATION_NOT_FOUND', 'this conversation does not exist or has expired; send start');
        conversationId = frame.conversationId;
        return send({ type: 'replies', conversationId, replies: [] });
      }
      if (!conversationId) throw new CodedError('VH_CONVERSATION_NOT_FOUND', 'send start or resume first');
      if (frame.type === 'forget') {
        await service.forget(conversationId);
        conversationId = undefined;
        return send({ type: 'forgotten' });
      }
      const turn = await service.send(conversationId, frame.inbound);
      if (logMessages) request.log.info({ channel: 'ws', intent: turn.debug.intent, flow: turn.debug.flow, step: turn.debug.step }, 'message');
      send({ type: 'replies', conversationId, replies: turn.replies });
    };

    socket.on('message', (raw, isBinary) => {
      alive = true;
      const data = isBinary ? '' : raw.toString();
      queue = queue
        .then(() => handle(data))
        .catch((err: unknown) => {
          const coded = toCodedError(err as Error);
          if (coded.status >= 500 && coded.code !== 'VH_UNAVAILABLE') request.log.error({ err }, 'ws frame failed');
          send({ type: 'error', code: coded.code, message: coded.message });
        });
    });
  });
}
