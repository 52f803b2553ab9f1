/**
 * Calls to /api/v1/studio. The studio code lives only in this module's variable: never in
 * localStorage, sessionStorage or a cookie, so closing or reloading the tab forgets it.
 */

let token: string | undefined;

export function setToken(value: string | undefined): void {
  token = value;
}

export function hasToken(): boolean {
  return token !== undefined;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: 'Bearer ' + (token ?? '') };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch('/api/v1/studio' + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (res.status === 204) return undefined as T;
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'VH_HTTP_' + res.status, err?.message ?? res.statusText);
  }
  return data as T;
}
