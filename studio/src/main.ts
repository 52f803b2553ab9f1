/**
 * The worker studio page: log in with the studio code, try a sentence, hold a sandbox
 * conversation beside its flow diagram, see tests and quality, see what the bot did not understand.
 * Plain DOM, no framework; every control is a native button, input or select (keyboard first).
 */
import { api, ApiError, setToken } from './api';
import { renderDiagram, highlight } from './diagram';
import { append, byId, clear, h, num, pct, status, t } from './dom';
import type { Debug, Diagram, FlowSummary, Misses, Parse, Reply, Report, SandboxTurn, TranscriptExport } from './types';

const state = {
  conversationId: undefined as string | undefined,
  flow: undefined as string | undefined,
  step: undefined as string | undefined,
  flows: [] as FlowSummary[],
  diagrams: new Map<string, Diagram>(),
  shownFlow: undefined as string | undefined,
};

function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return t('wrongCode');
    if (err.status === 429) return t('tooMany');
    return t('failed', { code: err.code });
  }
  return t('failed', { code: err instanceof Error ? err.message : String(err) });
}

/** Runs a task with its button disabled and its errors shown on a status line. */
async function guarded(line: HTMLElement, button: HTMLButtonElement | undefined, task: () => Promise<void>): Promise<void> {
  if (button) button.disabled = true;
  try {
    await task();
  } catch (err) {
    status(line, errorText(err), 'bad');
  } finally {
    if (button) button.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Log in

function setupLogin(): void {
  const form = byId<HTMLFormElement>('login-form');
  const input = byId<HTMLInputElement>('token');
  const line = byId('login-status');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const code = input.value.trim();
    if (!code) return;
    setToken(code);
    status(line, t('checking'));
    void guarded(line, form.querySelector('button') ?? undefined, async () => {
      try {
        const { flows } = await api<{ flows: FlowSummary[] }>('GET', '/flows');
        state.flows = flows;
      } catch (err) {
        setToken(undefined);
        throw err;
      }
      input.value = '';
      status(line, t('loggedIn'), 'good');
      byId('login').hidden = true;
      byId('studio').hidden = false;
      byId('nav').hidden = false;
      fillFlowSelect();
      await startConversation();
      byId('try-text').focus();
    });
  });
  byId('logout').addEventListener('click', () => {
    setToken(undefined);
    // Reloading forgets everything this tab knew.
    location.reload();
  });
}

// ---------------------------------------------------------------------------------------------
// 1. Probeer een zin

function setupTry(): void {
  const form = byId<HTMLFormElement>('try-form');
  const input = byId<HTMLInputElement>('try-text');
  const line = byId('try-status');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    status(line, t('busy'));
    void guarded(line, form.querySelector('button') ?? undefined, async () => {
      const p = await api<Parse>('POST', '/parse', { text });
      showParse(p);
      status(line, '');
    });
  });
}

function showParse(p: Parse): void {
  byId('try-result').hidden = false;
  const outcome = byId('try-outcome');
  outcome.className = 'outcome ' + p.outcome;
  outcome.textContent =
    p.outcome === 'matched'
      ? t(p.via === 'crisis' ? 'matchedCrisis' : 'matched', { intent: p.intent })
      : p.outcome === 'unsure'
        ? t('unsure', { guess: p.guess ?? '?' })
        : t('none');
  byId('try-intent').textContent = p.intent;
  byId('try-score').textContent = num(p.score);
  byId('try-fine').textContent = p.fine ?? t('empty');
  byId('try-normalized').textContent = p.normalized;
  const body = byId('try-candidates').querySelector('tbody')!;
  clear(body);
  for (const c of p.candidates) append(body, h('tr', {}, h('td', {}, c.intent), h('td', {}, c.fine), h('td', { class: 'num' }, num(c.score))));
  const rules = byId('try-rules');
  clear(rules);
  for (const r of p.rules) append(rules, h('li', {}, r));
  byId('try-thresholds').textContent = t('thresholds', {
    match: num(p.thresholds.match),
    unsure: num(p.thresholds.unsure),
    margin: num(p.thresholds.margin),
    crisis: num(p.thresholds.crisis),
  });
}

// ---------------------------------------------------------------------------------------------
// 2. Oefengesprek

const chatLog = () => byId('chat-log');

function metaLine(d: Debug): string {
  const parts = [d.flow, d.step];
  if (d.intent) parts.push(d.intent + (d.score !== undefined ? ' (' + num(d.score) + ')' : ''));
  if (d.match && d.match !== 'matched') parts.push(d.match);
  return parts.join(' · ');
}

function note(text: string): void {
  append(chatLog(), h('li', {}, h('div', { class: 'msg note' }, text)));
}

function renderReply(r: Reply, latest: boolean): HTMLElement {
  const box = h('div', { class: 'msg bot' }, h('p', { class: 'meta' }, metaLine(r.debug)));
  box.dataset.flow = r.debug.flow;
  box.dataset.step = r.debug.step;
  if (r.type === 'text') append(box, h('p', {}, r.text));
  else if (r.type === 'choices') {
    append(box, h('p', {}, r.text));
    const row = h('div', { class: 'choices' });
    for (const c of r.choices) {
      const b = h('button', { type: 'button', 'data-choice': c.id, class: 'choice' }, c.label);
      b.disabled = !latest;
      b.addEventListener('click', () => void choose(c.id, c.label));
      append(row, b);
    }
    append(box, row);
  } else {
    const card = h('div', { class: 'card' }, h('p', { class: 'name' }, r.label), h('p', {}, r.description));
    if (r.phone) append(card, h('p', {}, t('phone', { phone: r.phone })));
    if (r.url) append(card, h('p', {}, t('web', { url: r.url })));
    if (r.chat) append(card, h('p', {}, t('chat', { url: r.chat })));
    append(card, h('p', { class: 'meta' }, r.statusText));
    append(box, card);
  }
  return box;
}

function showTurn(turn: SandboxTurn): void {
  state.conversationId = turn.conversationId;
  // Only the newest buttons can be pressed.
  chatLog()
    .querySelectorAll<HTMLButtonElement>('button.choice')
    .forEach((b) => (b.disabled = true));
  for (const r of turn.replies) append(chatLog(), h('li', {}, renderReply(r, true)));
  const log = chatLog();
  log.scrollTop = log.scrollHeight;
  state.flow = turn.at.flow;
  state.step = turn.at.step;
  showDiagram(turn.at.flow, turn.at.step).catch((err: unknown) => status(byId('chat-status'), errorText(err), 'bad'));
  selectJump(turn.at.flow, turn.at.step);
}

async function startConversation(): Promise<void> {
  clear(chatLog());
  byId('transcript-box').hidden = true;
  const turn = await api<SandboxTurn>('POST', '/conversations');
  showTurn(turn);
}

async function send(body: { text: string } | { choice: string }): Promise<void> {
  const line = byId('chat-status');
  await guarded(line, undefined, async () => {
    if (!state.conversationId) await startConversation();
    try {
      const turn = await api<SandboxTurn>('POST', '/conversations/' + encodeURIComponent(state.conversationId!) + '/messages', body);
      status(line, '');
      showTurn(turn);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VH_CONVERSATION_NOT_FOUND') {
        // Expired: start again and say so.
        state.conversationId = undefined;
        await startConversation();
      }
      throw err;
    }
  });
}

async function choose(id: string, label: string): Promise<void> {
  append(chatLog(), h('li', {}, h('div', { class: 'msg user' }, h('p', { class: 'meta' }, t('you')), h('p', {}, t('chose', { label })))));
  await send({ choice: id });
  byId('chat-text').focus();
}

function setupSandbox(): void {
  const form = byId<HTMLFormElement>('chat-form');
  const input = byId<HTMLInputElement>('chat-text');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    append(chatLog(), h('li', {}, h('div', { class: 'msg user' }, h('p', { class: 'meta' }, t('you')), h('p', {}, text))));
    void send({ text }).then(() => input.focus());
  });

  const restart = byId<HTMLButtonElement>('restart');
  restart.addEventListener('click', () => {
    void guarded(byId('chat-status'), restart, async () => {
      clear(chatLog());
      byId('transcript-box').hidden = true;
      const turn = state.conversationId
        ? await api<SandboxTurn>('POST', '/conversations/' + encodeURIComponent(state.conversationId) + '/restart').catch(() => api<SandboxTurn>('POST', '/conversations'))
        : await api<SandboxTurn>('POST', '/conversations');
      note(t('restarted'));
      showTurn(turn);
      input.focus();
    });
  });

  const save = byId<HTMLButtonElement>('save-transcript');
  save.addEventListener('click', () => {
    void guarded(byId('chat-status'), save, async () => {
      if (!state.conversationId) return;
      const x = await api<TranscriptExport>('GET', '/conversations/' + encodeURIComponent(state.conversationId) + '/transcript');
      if (x.turns < 2) {
        status(byId('chat-status'), t('noTurns'));
        return;
      }
      byId('transcript-box').hidden = false;
      byId('transcript-file').textContent = 'tests/conversations/' + x.fileName;
      byId('transcript-jump').hidden = !x.stoppedAtJump;
      const area = byId<HTMLTextAreaElement>('transcript-yaml');
      area.value = x.yaml;
      status(byId('copy-status'), '');
      area.focus();
    });
  });

  byId('copy-transcript').addEventListener('click', () => {
    const area = byId<HTMLTextAreaElement>('transcript-yaml');
    const line = byId('copy-status');
    const copy = navigator.clipboard ? navigator.clipboard.writeText(area.value) : Promise.reject(new Error('no clipboard'));
    copy.then(
      () => status(line, t('copied'), 'good'),
      () => {
        area.select();
        status(line, t('copyFailed'));
      },
    );
  });

  const jump = byId<HTMLFormElement>('jump-form');
  const flowSelect = byId<HTMLSelectElement>('jump-flow');
  flowSelect.addEventListener('change', () => {
    fillStepSelect(flowSelect.value);
    showDiagram(flowSelect.value, flowSelect.value === state.flow ? state.step : undefined).catch((err: unknown) => status(byId('chat-status'), errorText(err), 'bad'));
  });
  jump.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const flow = flowSelect.value;
    const step = byId<HTMLSelectElement>('jump-step').value;
    void guarded(byId('chat-status'), jump.querySelector('button') ?? undefined, async () => {
      if (!state.conversationId) await startConversation();
      const turn = await api<SandboxTurn>('POST', '/conversations/' + encodeURIComponent(state.conversationId!) + '/jump', { flow, step });
      note(t('jumped', { flow, step }));
      showTurn(turn);
    });
  });

  const fit = byId<HTMLButtonElement>('diagram-fit');
  fit.addEventListener('click', () => {
    const on = byId('diagram').classList.toggle('fit');
    fit.setAttribute('aria-pressed', on ? 'true' : 'false');
    fit.textContent = on ? t('fullSize') : t('fit');
    highlight(byId('diagram'), state.shownFlow === state.flow ? state.step : undefined);
  });
}

function fillFlowSelect(): void {
  const select = byId<HTMLSelectElement>('jump-flow');
  clear(select);
  for (const f of state.flows) append(select, h('option', { value: f.id }, f.id + ' — ' + f.title));
}

function fillStepSelect(flowId: string, step?: string): void {
  const select = byId<HTMLSelectElement>('jump-step');
  clear(select);
  const flow = state.flows.find((f) => f.id === flowId);
  for (const s of flow?.steps ?? []) append(select, h('option', { value: s }, s));
  if (step) select.value = step;
}

function selectJump(flow: string, step: string): void {
  byId<HTMLSelectElement>('jump-flow').value = flow;
  fillStepSelect(flow, step);
}

async function showDiagram(flowId: string, step: string | undefined): Promise<void> {
  const container = byId('diagram');
  let d = state.diagrams.get(flowId);
  if (!d) {
    d = await api<Diagram>('GET', '/flows/' + encodeURIComponent(flowId) + '/diagram');
    state.diagrams.set(flowId, d);
  }
  if (state.shownFlow !== flowId || !container.querySelector('svg')) {
    renderDiagram(container, d, t('diagramLabel', { flow: flowId, step: step ?? '' }));
    state.shownFlow = flowId;
  }
  container.querySelector('svg')?.setAttribute('aria-label', t('diagramLabel', { flow: flowId, step: step ?? '' }));
  byId('flow-name').textContent = flowId + ' — ' + d.title;
  highlight(container, step);
}

// ---------------------------------------------------------------------------------------------
// 3. Tests en kwaliteit

function setupReport(): void {
  const button = byId<HTMLButtonElement>('load-report');
  const line = byId('report-status');
  button.addEventListener('click', () => {
    status(line, t('reportBusy'));
    void guarded(line, button, async () => {
      const r = await api<Report>('GET', '/report');
      showReport(r);
      status(line, t('done'), 'good');
    });
  });
}

function showReport(r: Report): void {
  byId('report').hidden = false;
  const summary = byId('transcripts-summary');
  const body = byId('transcripts-table').querySelector('tbody')!;
  clear(body);
  if (r.transcripts.available) {
    const tr = r.transcripts;
    summary.textContent = t('transcriptsSummary', { passed: tr.passed, total: tr.total }) + (tr.failed ? ' ' + t('transcriptsFailed', { failed: tr.failed }) : '');
    summary.className = 'outcome ' + (tr.failed ? 'none' : 'matched');
    // Failures first: that is where work is.
    const rows = [...tr.results].sort((a, b) => Number(a.ok) - Number(b.ok));
    for (const x of rows) {
      append(
        body,
        h(
          'tr',
          { class: x.ok ? 'ok' : 'fail', 'data-file': x.file },
          h('td', { class: 'mono' }, x.file),
          h('td', {}, x.title),
          h('td', { class: x.ok ? 'good' : 'bad' }, x.ok ? t('ok') : t('fail')),
          h('td', { class: 'failure' }, x.failure ?? ''),
        ),
      );
    }
  } else {
    summary.textContent = t('transcriptsMissing');
    summary.className = 'outcome';
  }

  const baselineLine = byId('baseline-note');
  const nluSummary = byId('nlu-summary');
  const perIntent = byId('nlu-table').querySelector('tbody')!;
  const confusions = byId('confusions').querySelector('tbody')!;
  clear(perIntent);
  clear(confusions);
  if (!r.nlu.available) {
    baselineLine.textContent = t('nluMissing');
    return;
  }
  const nlu = r.nlu;
  const [ours, other] = nlu.systems;
  const b = nlu.baseline;
  baselineLine.textContent =
    (b.installed && !b.error ? t('baselineOn', { ms: b.trainMs ?? 0 }) : b.error ? t('baselineError', { error: b.error }) : t('baselineOff')) +
    ' ' +
    t('rows', { inDomain: nlu.rows.inDomain, outOfDomain: nlu.rows.outOfDomain });
  for (const table of [nluSummary, byId('nlu-table')]) table.classList.toggle('no-baseline', !other);
  if (!ours) return;
  nluSummary.querySelectorAll<HTMLTableRowElement>('tr[data-metric]').forEach((row) => {
    const key = row.dataset.metric as keyof typeof ours;
    const cells = row.querySelectorAll('td');
    cells[0]!.textContent = pct(ours[key] as number);
    cells[1]!.textContent = other ? pct(other[key] as number) : '';
  });
  for (const fig of ours.perIntent) {
    const o = other?.perIntent.find((p) => p.intent === fig.intent);
    append(
      perIntent,
      h(
        'tr',
        { 'data-intent': fig.intent },
        h('td', { class: 'mono' }, fig.intent),
        h('td', { class: 'num' }, String(fig.support)),
        h('td', { class: 'num' }, num(fig.precision)),
        h('td', { class: 'num' }, num(fig.recall)),
        h('td', { class: 'num' }, num(fig.f1)),
        h('td', { class: 'num baseline' }, o ? num(o.f1) : ''),
      ),
    );
  }
  for (const c of ours.confusions) {
    append(confusions, h('tr', {}, h('td', { class: 'mono' }, c.expected), h('td', { class: 'mono' }, c.predicted), h('td', { class: 'num' }, String(c.count)), h('td', {}, c.examples[0] ?? '')));
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Wat de bot niet begreep

function setupMisses(): void {
  const button = byId<HTMLButtonElement>('load-misses');
  const line = byId('misses-status');
  button.addEventListener('click', () => {
    status(line, t('busy'));
    void guarded(line, button, async () => {
      const m = await api<Misses>('GET', '/misses');
      showMisses(m);
      status(line, t('done'), 'good');
    });
  });
}

function showMisses(m: Misses): void {
  byId('misses-result').hidden = false;
  const days = byId('misses-days').querySelector('tbody')!;
  clear(days);
  if (m.days.length === 0) append(days, h('tr', {}, h('td', { colspan: '4' }, t('noDays'))));
  for (const d of m.days) {
    append(days, h('tr', {}, h('td', {}, d.date), h('td', { class: 'num' }, String(d.matched)), h('td', { class: 'num' }, String(d.unsure)), h('td', { class: 'num' }, String(d.none))));
  }
  byId('misses-off').hidden = m.collecting;
  byId('misses-on').hidden = !m.collecting;
  const list = byId('misses-list').querySelector('tbody')!;
  clear(list);
  if (!m.collecting) return;
  const messages = m.messages ?? [];
  if (messages.length === 0) append(list, h('tr', {}, h('td', { colspan: '4' }, t('noMisses'))));
  for (const x of messages) {
    const outcome = x.outcome === 'unsure' ? t('unsureAbout', { guess: x.guess ?? '?' }) : t('outcome-none');
    append(list, h('tr', {}, h('td', {}, x.date), h('td', {}, x.text), h('td', {}, outcome), h('td', { class: 'num' }, String(x.count))));
  }
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  setupLogin();
  setupTry();
  setupSandbox();
  setupReport();
  setupMisses();
  byId('token').focus();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
