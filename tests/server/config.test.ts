import { describe, expect, test } from 'vitest';
import { parseConfig } from '../../src/server/config.js';

describe('config', () => {
  test('embedded defaults', () => {
    const r = parseConfig({});
    expect(r.ok && r.config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', SESSION_TTL_SECONDS: 1800, RATE_LIMIT_MAX: 120, TRUST_PROXY: false, STUDIO_COLLECT_MISSES: false });
  });
  test('empty strings count as unset', () => {
    const r = parseConfig({ PORT: '', REDIS_URL: ' ' });
    expect(r.ok && r.config.PORT).toBe(3000);
  });
  test.for([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['SESSION_TTL_SECONDS', '5'],
    ['REDIS_URL', 'http://localhost'],
    ['ALLOWED_ORIGINS', 'https://ok.nl,not an origin'],
    ['TELEGRAM_BOT_TOKEN', 'secret-token-value'],
    ['STUDIO_TOKEN', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['RATE_LIMIT_MAX', '-1'],
    ['TRUST_PROXY', 'sometimes'],
  ])('a bad %s is named, its value is not echoed', ([name, value]) => {
    const r = parseConfig({ [name!]: value });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.join('\n')).toContain(`${name}:`);
      if (value!.length > 6) expect(r.errors.join('\n')).not.toContain(value);
    }
  });
  test('lists and proxies', () => {
    const r = parseConfig({ ALLOWED_ORIGINS: 'https://Intranet.example.nl, http://localhost:8080', TRUST_PROXY: '10.0.0.0/8,127.0.0.1', RATE_LIMIT_MAX: '0' });
    expect(r.ok && r.config).toMatchObject({ ALLOWED_ORIGINS: ['https://intranet.example.nl', 'http://localhost:8080'], TRUST_PROXY: ['10.0.0.0/8', '127.0.0.1'], RATE_LIMIT_MAX: 0 });
    const hops = parseConfig({ TRUST_PROXY: '1' });
    expect(hops.ok && hops.config.TRUST_PROXY).toBe(1);
  });
  test('a Telegram webhook needs its secret', () => {
    const r = parseConfig({ TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', PUBLIC_URL: 'https://bot.example.nl' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^TELEGRAM_WEBHOOK_SECRET:/);
  });
});
