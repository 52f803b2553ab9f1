/**
 * The HTTP conversation API (shared/api.md): create, send a message or a choice, forget.
 * A thin adapter: it checks the body, maps it to an Inbound message and returns the replies.
 */
import type { FastifyInstance } from 'fastify';
import { MAX_TEXT_LENGTH } from '../core/conversation.js';
import { CodedError } from '../core/errors.js';
import type { Inbound } from '../core/messages.js';
import type { ConversationService } from '../core/service.js';
import { sanitize } from '../nlu/normalize.js';
import { jsonApiRoute } from '../server/plugins/security.js';

/** Checks a message body ({"text"} or {"choice"}) and turns it into an inbound message. */
export function parseMessageBody(body: unknown): Inbound {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new CodedError('VH_BAD_REQUEST', 'send a JSON object: {"text": "…"} or {"choice": "…"}');
  }
  const b = body as Record<string, unknown>;
  const hasText = 'text' in b;
  const hasChoice = 'choice' in b;
  if (hasText && hasChoice) throw new CodedError('VH_BAD_REQUEST', 'send either text or choice, not both');
  if (hasChoice) {
    if (typeof b.choice !== 'string' || b.choice.length === 0 || b.choice.length > 64) throw new CodedError('VH_BAD_REQUEST', 'choice must be a choice id (a short string)');
    return { type: 'choice', id: b.choice };
  }
  if (!hasText) throw new CodedError('VH_MISSING_TEXT', 'the body needs "text" (or "choice")');
  if (typeof b.text !== 'string') throw new CodedError('VH_BAD_REQUEST', 'text must be a string');
  const text = sanitize(b.text).trim();
  if (text.length === 0) throw new CodedError('VH_EMPTY_TEXT', 'text is empty');
  if ([...text].length > MAX_TEXT_LENGTH) throw new CodedError('VH_TEXT_TOO_LONG', `text is longer than ${MAX_TEXT_LENGTH} characters`);
  return { type: 'text', text };
}

/** Route options for rate limits (see server/plugins/rate-limit.ts); empty when limits are off. */
export interface ChannelLimits {
  create: object;
  messages: object;
}

export function httpChannel(app: FastifyInstance, service: ConversationService, limits: ChannelLimits = { create: {}, messages: {} }): void {
  app.post('/api/v1/conversations', { ...jsonApiRoute, config: limits.create }, async (request, reply) => {
    const turn = await service.create();
    request.vh = { flow: turn.debug.flow, step: turn.debug.step };
    return reply.status(201).send({ conversationId: turn.conversationId, replies: turn.replies });
  });

  app.post<{ Params: { id: string } }>('/api/v1/conversations/:id/messages', { ...jsonApiRoute, config: limits.messages }, async (request) => {
    const inbound = parseMessageBody(request.body);
    const turn = await service.send(request.params.id, inbound);
    request.vh = { intent: turn.debug.intent, flow: turn.debug.flow, step: turn.debug.step };
    return { replies: turn.replies };
  });

  app.delete<{ Params: { id: string } }>('/api/v1/conversations/:id', jsonApiRoute, async (_request, reply) => {
    await service.forget(_request.params.id);
    return reply.status(204).send();
  });
}
