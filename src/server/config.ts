/**
 * The environment, parsed once with zod into typed config. A bad variable stops start-up with its
 * name and what is wrong, never its value (tokens are secrets). Empty strings count as unset, as
 * docker-compose and systemd often pass them.
 */
import { z } from 'zod';

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const origin = z
  .string()
  .trim()
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i, 'each entry must be an origin like https://intranet.example.nl (no path)')
  .transform((o) => o.toLowerCase());

/** TRUST_PROXY: "true", a number of hops, or a comma list of proxy addresses / CIDRs (as Fastify's trustProxy). */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): boolean | number | string[] => {
    if (v === 'true') return true;
    if (v === 'false') return false;
    if (/^\d+$/.test(v)) return Number(v);
    const list = v.split(',').map((s) => s.trim()).filter(Boolean);
    if (list.length === 0 || list.some((s) => !/^[0-9a-f.:/]+$/i.test(s))) {
      ctx.addIssue({ code: 'custom', message: 'use true, false, a number of proxy hops, or a comma list of proxy IP addresses' });
      return z.NEVER;
    }
    return list;
  });

const EnvSchema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must start with redis:// or rediss://')
    .optional(),
  SESSION_TTL_SECONDS: int(60, 7 * 24 * 3600).default(1800),
  MAX_SESSIONS: int(100, 10_000_000).default(200_000),
  ALLOWED_ORIGINS: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(origin).min(1, 'list at least one origin, or leave it unset to allow any site'))
    .optional(),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d{3,20}:[A-Za-z0-9_-]{20,}$/, 'does not look like a bot token from BotFather (123456:ABC…)').optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'use 16-256 characters A-Z, a-z, 0-9, _ or -').optional(),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://api.telegram.org'),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be the public http(s) URL of this service' }).optional(),
  STUDIO_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  STUDIO_COLLECT_MISSES: flag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_MAX: int(0, 1_000_000).default(120),
  TRUST_PROXY: trustProxy.default(false),
  CONTENT_DIR: z.string().min(1).optional(),
  /** "production" turns off development conveniences (the /demo page, re-reading built files). */
  NODE_ENV: z.string().min(1).default('development'),
});

export type Config = z.infer<typeof EnvSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v.trim() !== '') cleaned[key] = v;
  }
  const result = EnvSchema.safeParse(cleaned);
  if (result.success) {
    const c = result.data;
    const errors: string[] = [];
    if (c.TELEGRAM_BOT_TOKEN && c.PUBLIC_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
      errors.push('TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_BOT_TOKEN and PUBLIC_URL are set (the webhook must be checked)');
    }
    return errors.length ? { ok: false, errors } : { ok: true, config: c };
  }
  return {
    ok: false,
    errors: result.error.issues.map((i) => {
      const [name, ...rest] = i.path;
      const entry = typeof rest[0] === 'number' ? `entry ${rest[0] + 1}: ` : '';
      return `${String(name ?? 'environment')}: ${entry}${i.message}`;
    }),
  };
}

/** Test and tool default: everything embedded, nothing from the environment. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  const r = parseConfig({});
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return { ...r.config, ...overrides };
}
