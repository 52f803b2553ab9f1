/**
 * Structured logs that never hold what a young person typed or where they are: no message text,
 * no IP addresses, no headers, no URLs with conversation ids. Requests are logged by route
 * pattern with status, duration and (when there was one) the intent and flow step.
 */
import { pino, type Logger } from 'pino';

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      // Belt and braces: if anything ever logs a request, a body or a message, these fields go.
      redact: {
        paths: ['req', 'res', 'headers', 'body', 'text', 'ip', 'ips', 'remoteAddress', 'hostname', 'url', '*.text', '*.body', '*.ip', '*.headers', '*.url', 'chatId', '*.chatId', 'from', '*.from'],
        remove: true,
      },
      serializers: {
        // Errors keep their class and code; their message may quote input (JSON parse errors do).
        err: (err: Error & { code?: string; statusCode?: number }) => ({
          type: err.name,
          code: err.code,
          statusCode: err.statusCode,
          ...(err.statusCode && err.statusCode < 500 ? {} : { stack: scrubStack(err.stack) }),
        }),
      },
    },
    destination,
  );
}

/** Keep the frames, drop the first line (the message). */
function scrubStack(stack: string | undefined): string | undefined {
  return stack?.split('\n').slice(1).join('\n');
}
