// The Braid console's pages: each reads the console's JSON API and draws what it returns.
// Everything shown goes through textContent, never innerHTML, so stored values cannot inject markup.
'use strict';

const TERMINAL = ['SUCCEEDED', 'STOPPED_EARLY', 'FAILED', 'CANCELLED'];
const STATUSES = ['QUEUED', 'RUNNING', 'STOPPED_EARLY', 'FAILED', 'SUCCEEDED', 'CANCELLED'];
let session = { actions: false, authenticated: false, tokenAccepted: false, csrf: '' };

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function svg(tag, attributes, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

async function api(path, options) {
  const headers = { 'Accept': 'application/json' };
  if (options && options.method === 'POST') {
    headers['Content-Type'] = 'application/json';
    headers['X-Braid-Csrf'] = session.csrf;
    const token = sessionStorage.getItem('braid-console-token');
    if (token) headers['X-Braid-Token'] = token;
  }
  const response = await fetch(path, Object.assign({ headers, credentials: 'same-origin' }, options));
  let body = {};
  try { body = await response.json(); } catch (e) { body = { error: 'The console answered ' + response.status + ' without a message.' }; }
  if (!response.ok) throw new Error(body.error || ('The console answered ' + response.status));
  return body;
}

function say(text, kind) {
  const message = document.getElementById('message');
  message.textContent = text || '';
  message.className = 'message ' + (kind || 'error');
  message.hidden = !text;
}

function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

function took(ms) {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return ms + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
  return Math.floor(ms / 60000) + ' min ' + Math.round((ms % 60000) / 1000) + ' s';
}

function badge(status) {
  return el('span', { class: 'badge ' + status.toLowerCase() }, status.replace('_', ' ').toLowerCase());
}

function json(value) {
  return el('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}

async function loadSession() {
  session = await api('api/session');
  const access = document.getElementById('access');
  access.textContent = '';
  if (!session.actions) {
    access.append(el('span', { class: 'muted' }, 'read-only'));
  } else if (session.authenticated) {
    access.append(el('span', { class: 'muted' }, 'signed in: actions allowed'));
  } else if (session.tokenAccepted) {
    const input = el('input', { id: 'token', type: 'password', placeholder: 'console token', autocomplete: 'off' });
    input.value = sessionStorage.getItem('braid-console-token') || '';
    input.addEventListener('change', () => sessionStorage.setItem('braid-console-token', input.value.trim()));
    access.append(el('label', {}, 'Token ', input));
  } else {
    access.append(el('span', { class: 'muted' }, 'sign in to act'));
  }
}

// ---- Runs list --------------------------------------------------------------------------------

function runsPage() {
  const form = document.getElementById('filters');
  const params = new URLSearchParams(location.search);
  for (const name of ['pipeline', 'status', 'from', 'until']) {
    if (params.get(name)) form.elements[name].value = params.get(name);
  }
  const cursors = [];
  let before = params.get('before') || '';

  form.addEventListener('submit', event => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const name of ['pipeline', 'status', 'from', 'until']) {
      if (form.elements[name].value) query.set(name, form.elements[name].value);
    }
    history.replaceState(null, '', query.toString() ? '?' + query : './');
    before = '';
    cursors.length = 0;
    refresh();
  });
  document.getElementById('older').addEventListener('click', () => {
    cursors.push(before);
    before = document.getElementById('older').dataset.next;
    refresh();
  });
  document.getElementById('newest').addEventListener('click', () => {
    before = '';
    cursors.length = 0;
    refresh();
  });

  function query() {
    const query = new URLSearchParams();
    if (form.elements.pipeline.value) query.set('pipeline', form.elements.pipeline.value);
    if (form.elements.status.value) query.set('status', form.elements.status.value);
    if (form.elements.from.value) query.set('from', new Date(form.elements.from.value).toISOString());
    const until = form.elements.until.value ? new Date(form.elements.until.value).toISOString() : '';
    const end = [until, before].filter(Boolean).sort()[0];
    if (end) query.set('before', end);
    return query;
  }

  async function refresh() {
    try {
      const page = await api('api/runs?' + query());
      say('');
      drawCounts(page.counts, form);
      drawRows(page.runs);
      const list = document.getElementById('pipelines');
      list.replaceChildren(...page.pipelines.map(name => el('option', { value: name })));
      const older = document.getElementById('older');
      older.hidden = !page.next;
      older.dataset.next = page.next || '';
      document.getElementById('newest').hidden = !before;
    } catch (e) {
      say(e.message);
    }
  }
  refresh();
  setInterval(refresh, 2000);
}

function drawCounts(counts, form) {
  const box = document.getElementById('counts');
  box.replaceChildren(...STATUSES.map(status => {
    const button = el('button', { type: 'button', class: 'count ' + status.toLowerCase(), 'data-status': status },
      el('span', { class: 'number' }, counts[status] ?? 0), ' ', status.replace('_', ' ').toLowerCase());
    button.addEventListener('click', () => {
      form.elements.status.value = form.elements.status.value === status ? '' : status;
      form.requestSubmit();
    });
    return button;
  }));
}

function drawRows(runs) {
  const rows = document.getElementById('rows');
  if (runs.length === 0) {
    rows.replaceChildren(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No runs match.')));
    return;
  }
  rows.replaceChildren(...runs.map(run => el('tr', { 'data-run': run.id },
    el('td', {}, el('a', { href: 'run?id=' + encodeURIComponent(run.id), class: 'mono' }, run.id.slice(0, 8))),
    el('td', {}, run.pipeline),
    el('td', {}, badge(run.status)),
    el('td', {}, when(run.createdAt)),
    el('td', {}, took(run.durationMs)),
    el('td', { class: 'note' }, run.question || run.error || ''))));
}

// ---- One run ----------------------------------------------------------------------------------

function runPage() {
  const id = new URLSearchParams(location.search).get('id');
  let timer = null;
  let answering = false;

  async function refresh() {
    try {
      const run = await api('api/runs/' + encodeURIComponent(id));
      draw(run);
      if (run.terminal && timer) {
        clearInterval(timer);
        timer = null;
      }
      if (!run.terminal && !timer) timer = setInterval(refresh, 1000);
    } catch (e) {
      say(e.message);
    }
  }

  function draw(run) {
    document.title = run.pipeline + ' ' + run.id.slice(0, 8) + ' · Braid console';
    drawSummary(run);
    drawQuestion(run);
    const failure = document.getElementById('failure');
    failure.hidden = run.status !== 'FAILED' && run.status !== 'CANCELLED';
    document.getElementById('error-text').textContent = run.error || '';
    document.getElementById('trace').hidden = !run.errorTrace;
    document.getElementById('error-trace').textContent = run.errorTrace || '';
    drawGraph(run.steps);
    document.getElementById('mermaid').textContent = run.mermaid;
    drawTimeline(run);
    drawSteps(run.steps);
    document.getElementById('io').replaceChildren(...[
      el('h3', {}, 'Inputs'), json(run.inputs),
      run.status === 'SUCCEEDED' ? [el('h3', {}, 'Output'), json(run.output)] : null,
      run.status === 'STOPPED_EARLY' ? [el('h3', {}, 'State of step ' + run.stoppedAt), json(run.state)] : null,
    ].flat().filter(Boolean));
  }

  function drawSummary(run) {
    const cancel = !run.terminal && session.actions
      ? el('button', { id: 'cancel', type: 'button', class: 'danger' }, run.cancelRequested ? 'Cancelling…' : 'Cancel run')
      : null;
    if (cancel) {
      cancel.disabled = run.cancelRequested;
      cancel.addEventListener('click', async () => {
        if (!confirm('Cancel run ' + run.id + '?')) return;
        try {
          const result = await api('api/runs/' + encodeURIComponent(run.id) + '/cancel', { method: 'POST', body: '{}' });
          say(result.status === 'CANCELLED' ? 'The run was cancelled.' : 'The run\'s worker was asked to stop it.', 'info');
          refresh();
        } catch (e) {
          say(e.message);
        }
      });
    }
    const usage = run.usage;
    document.getElementById('summary').replaceChildren(
      el('h1', {}, run.pipeline, ' ', el('span', { class: 'mono muted' }, run.id), ' ', badge(run.status)),
      el('dl', { class: 'facts' },
        el('dt', {}, 'Submitted'), el('dd', {}, when(run.createdAt)),
        el('dt', {}, 'Started'), el('dd', {}, when(run.startedAt) || '—'),
        el('dt', {}, 'Finished'), el('dd', {}, when(run.finishedAt) || '—'),
        el('dt', {}, 'Claims'), el('dd', {}, run.attempts),
        el('dt', {}, 'Tokens'), el('dd', {}, usage.inputTokens + ' in, ' + usage.outputTokens + ' out, ' + usage.calls + ' calls'),
        el('dt', {}, 'Cost'), el('dd', {}, usage.cost),
        run.leaseOwner ? [el('dt', {}, 'Worker'), el('dd', {}, run.leaseOwner)] : null),
      cancel || '');
  }

  function drawQuestion(run) {
    const box = document.getElementById('question');
    box.hidden = run.status !== 'STOPPED_EARLY';
    if (box.hidden || answering) return;
    document.getElementById('question-text').textContent = run.question || '';
    const details = document.getElementById('question-details');
    const entries = Object.entries(run.details || {});
    details.hidden = entries.length === 0;
    details.replaceChildren(...entries.flatMap(([name, value]) => [el('dt', {}, name),
      el('dd', { class: typeof value === 'string' ? null : 'mono' }, typeof value === 'string' ? value : JSON.stringify(value))]));
    const form = document.getElementById('answer');
    form.hidden = !session.actions || !run.answerable;
    if (!run.answerable) {
      say('This console does not know pipeline ' + run.pipeline + ' and the run has no stored input types; answer it from a console mounted in its application.', 'info');
    }
    const fields = document.getElementById('answer-fields');
    if (fields.dataset.run === run.id + run.finishedAt) return;
    fields.dataset.run = run.id + run.finishedAt;
    fields.replaceChildren(...Object.entries(run.inputs).map(([name, value]) =>
      el('label', { class: 'field' }, el('span', {}, name, ' ', el('span', { class: 'muted mono' }, run.inputTypes[name] || '')),
        el('textarea', { name, rows: Math.min(16, JSON.stringify(value, null, 2).split('\n').length + 1), spellcheck: 'false' },
          JSON.stringify(value, null, 2)))));
  }

  document.getElementById('answer').addEventListener('submit', async event => {
    event.preventDefault();
    const inputs = {};
    for (const area of document.querySelectorAll('#answer-fields textarea')) {
      try {
        inputs[area.name] = JSON.parse(area.value);
      } catch (e) {
        say('Input ' + area.name + ' is not JSON: ' + e.message + '. Nothing was sent.');
        return;
      }
    }
    answering = true;
    try {
      await api('api/runs/' + encodeURIComponent(id) + '/answer', { method: 'POST', body: JSON.stringify({ inputs }) });
      say('Answered: the run is queued again.', 'info');
      answering = false;
      refresh();
    } catch (e) {
      answering = false;
      say(e.message);
    }
  });

  refresh();
}

function drawGraph(steps) {
  const box = document.getElementById('graph');
  if (steps.length === 0) {
    box.replaceChildren(el('p', { class: 'muted' }, 'No steps to draw yet.'));
    return;
  }
  const width = 176, height = 38, gapX = 56, gapY = 22;
  const perLevel = {};
  const place = {};
  for (const step of steps) {
    const row = perLevel[step.level] = (perLevel[step.level] ?? -1) + 1;
    place[step.name] = { x: 10 + step.level * (width + gapX), y: 10 + row * (height + gapY) };
  }
  const levels = Math.max(...steps.map(s => s.level)) + 1;
  const rows = Math.max(...Object.values(perLevel)) + 1;
  const drawingWidth = levels * (width + gapX) - gapX + 20;
  const drawingHeight = rows * (height + gapY) - gapY + 20;
  const drawing = svg('svg', { class: 'dag', width: drawingWidth, height: drawingHeight,
    viewBox: `0 0 ${drawingWidth} ${drawingHeight}`, role: 'img', 'aria-label': 'The pipeline\'s steps' });
  drawing.append(svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5',
    markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }))));
  for (const step of steps) {
    for (const dependency of step.dependsOn) {
      const from = place[dependency], to = place[step.name];
      const x1 = from.x + width, y1 = from.y + height / 2, x2 = to.x, y2 = to.y + height / 2;
      drawing.append(svg('path', { class: 'edge', 'marker-end': 'url(#arrow)',
        d: `M${x1},${y1} C${x1 + gapX / 2},${y1} ${x2 - gapX / 2},${y2} ${x2},${y2}` }));
    }
  }
  for (const step of steps) {
    const at = place[step.name];
    const label = svg('text', { x: at.x + width / 2, y: at.y + height / 2 + 5, 'text-anchor': 'middle' });
    label.textContent = step.name;
    const title = svg('title', {});
    title.textContent = step.name + ': ' + step.state;
    drawing.append(svg('g', { class: 'node ' + step.state, 'data-step': step.name },
      title, svg('rect', { x: at.x, y: at.y, width, height, rx: 6 }), label));
  }
  box.replaceChildren(drawing);
}

function tokens(usage) {
  return usage.inputTokens + ' in' + (usage.cachedInputTokens ? ' (' + usage.cachedInputTokens + ' cached)' : '')
    + ', ' + usage.outputTokens + ' out';
}

function attemptTitle(step, attempt) {
  return step.name + ' attempt ' + attempt.number + ': ' + attempt.outcome.replace('_', ' ').toLowerCase()
    + ' after ' + took(attempt.durationMs) + (attempt.worker ? ' on ' + attempt.worker : '')
    + (attempt.error ? ' — ' + attempt.error : '');
}

// Each step is a lane with one bar per stored attempt, drawn as each attempt ends, so retries and
// failed attempts show while the run is still running; a step without them is one bar.
function drawTimeline(run) {
  const box = document.getElementById('timeline');
  const done = run.steps.filter(step => step.startedAt);
  if (done.length === 0) {
    box.replaceChildren(el('p', { class: 'muted' }, 'No step has finished yet.'));
    return;
  }
  const start = Math.min(...done.map(step => Date.parse(step.startedAt)));
  const end = Math.max(...done.map(step => Date.parse(step.finishedAt)), run.finishedAt ? Date.parse(run.finishedAt) : 0);
  const span = Math.max(1, end - start);
  function bar(className, from, ms, title, data) {
    const node = el('div', Object.assign({ class: 'span ' + className, title }, data));
    node.style.left = ((Date.parse(from) - start) / span * 100) + '%';
    node.style.width = Math.max(0.5, ms / span * 100) + '%';
    return node;
  }
  box.replaceChildren(...done.map(step => {
    const bars = step.tries
      ? step.tries.map(attempt => bar('attempt ' + attempt.outcome.toLowerCase(), attempt.startedAt, attempt.durationMs,
          attemptTitle(step, attempt), { 'data-step': step.name, 'data-attempt': attempt.number, 'data-outcome': attempt.outcome }))
      : [bar(step.state, step.startedAt, step.durationMs, step.name, { 'data-step': step.name })];
    const failed = (step.tries || []).filter(attempt => attempt.outcome === 'FAILED' || attempt.outcome === 'TIMED_OUT').length;
    return el('div', { class: 'lane' },
      el('span', { class: 'lane-name' }, step.name),
      el('div', { class: 'track' }, bars),
      el('span', { class: 'lane-note' }, took(step.durationMs),
        step.attempts > 1 ? ' · ' + step.attempts + ' attempts' : '',
        failed ? ' (' + failed + ' failed)' : '',
        step.usage && step.usage.calls ? ' · ' + (step.usage.inputTokens + step.usage.outputTokens) + ' tokens · ' + step.usage.cost : ''));
  }));
}

// Which claim of the run made an attempt, and on which worker: a takeover shows as a new claim.
function claimOf(attempt) {
  return attempt.claim ? el('span', { class: 'mono' }, attempt.claim + ' · ' + attempt.worker) : '—';
}

function callsTable(attempt) {
  return el('table', { class: 'calls' },
    el('thead', {}, el('tr', {}, ['Model', 'Sent', 'Took', 'Tokens', 'Cost', 'Error'].map(label => el('th', {}, label)))),
    el('tbody', {}, attempt.calls.map((call, index) => el('tr', { 'data-call': index + 1, 'data-model': call.model },
      el('td', { class: 'mono' }, call.model), el('td', {}, when(call.startedAt)), el('td', {}, took(call.latencyMs)),
      el('td', {}, tokens(call)), el('td', {}, call.cost), el('td', { class: call.error ? 'error' : 'muted' }, call.error || '—')))));
}

function attemptsTable(step) {
  return el('table', { class: 'attempts' },
    el('thead', {}, el('tr', {}, ['#', 'Claim · worker', 'Outcome', 'Started', 'Took', 'Waited for a slot', 'Model calls', 'Tokens', 'Cost']
      .map(label => el('th', {}, label)))),
    el('tbody', {}, step.tries.flatMap(attempt => [
      el('tr', { 'data-attempt': attempt.number, 'data-claim': attempt.claim || null },
        el('td', {}, attempt.number),
        el('td', {}, claimOf(attempt)),
        el('td', {}, el('span', { class: 'badge ' + attempt.outcome.toLowerCase() }, attempt.outcome.replace('_', ' ').toLowerCase())),
        el('td', {}, when(attempt.startedAt)),
        el('td', {}, took(attempt.durationMs)),
        el('td', {}, attempt.waitedMs ? took(attempt.waitedMs) : '—'),
        el('td', {}, attempt.usage.calls),
        el('td', {}, attempt.usage.calls ? tokens(attempt.usage) : '—'),
        el('td', {}, attempt.usage.calls ? attempt.usage.cost : '—')),
      attempt.calls && attempt.calls.length ? el('tr', { class: 'attempt-calls' }, el('td', { colspan: 9 },
        callsTable(attempt))) : null,
      attempt.error ? el('tr', { class: 'attempt-error' }, el('td', { colspan: 9 },
        el('pre', { class: 'error' }, attempt.error),
        attempt.errorTrace ? el('details', { class: 'trace' }, el('summary', {}, 'Stack trace'), el('pre', {}, attempt.errorTrace)) : null)) : null,
    ].filter(Boolean))));
}

function modelsTable(usage) {
  return el('table', { class: 'models' },
    el('thead', {}, el('tr', {}, ['Model', 'Calls', 'Tokens', 'Cost', 'Time in calls'].map(label => el('th', {}, label)))),
    el('tbody', {}, usage.models.map(model => el('tr', { 'data-model': model.model },
      el('td', { class: 'mono' }, model.model), el('td', {}, model.calls), el('td', {}, tokens(model)),
      el('td', {}, model.cost), el('td', {}, took(model.latencyMs))))));
}

function drawSteps(steps) {
  const box = document.getElementById('steps');
  const drawn = box.dataset.drawn === 'yes';
  const open = new Set([...box.querySelectorAll('details.step[open]')].map(d => d.dataset.step));
  box.dataset.drawn = 'yes';
  box.replaceChildren(...steps.map(step => el('details', { class: 'step', 'data-step': step.name,
    open: (drawn ? open.has(step.name) : step.state === 'failed') ? '' : null },
    el('summary', {}, el('span', { class: 'dot ' + step.state }), step.name, ' ', el('span', { class: 'muted' }, step.state,
      step.attempts ? ' · ' + step.attempts + (step.attempts === 1 ? ' attempt' : ' attempts') : '',
      step.durationMs !== undefined ? ' · ' + took(step.durationMs) : '')),
    step.usage ? el('p', { class: 'muted' }, 'Model calls: ' + step.usage.calls + ' · tokens ' + tokens(step.usage) + ' · ' + step.usage.cost) : null,
    step.tries ? [el('h4', {}, 'Attempts'), attemptsTable(step)] : null,
    step.usage && step.usage.models.length ? [el('h4', {}, 'Model calls by model'), modelsTable(step.usage)] : null,
    Object.keys(step.inputs).length ? [el('h4', {}, 'Inputs from the steps it depends on'), json(step.inputs)] : null,
    step.output !== null ? [el('h4', {}, 'Output'), json(step.output)] : null)));
}

// ---- Schedules --------------------------------------------------------------------------------

async function schedulesPage() {
  try {
    const body = await api('api/schedules');
    const rows = document.getElementById('rows');
    if (!body.configured || body.schedules.length === 0) {
      rows.replaceChildren(el('tr', {}, el('td', { colspan: 7, class: 'muted' },
        body.configured ? 'No schedules.' : 'This console was not given the application\'s schedules.')));
      return;
    }
    rows.replaceChildren(...body.schedules.map(s => el('tr', {},
      el('td', {}, s.name), el('td', { class: 'mono' }, s.cron), el('td', {}, s.zone), el('td', {}, s.pipeline),
      el('td', {}, when(s.nextFireAt)), el('td', {}, when(s.lastFireTime)),
      el('td', {}, s.lastRunId ? el('a', { href: 'run?id=' + encodeURIComponent(s.lastRunId), class: 'mono' }, s.lastRunId.slice(0, 8)) : ''))));
  } catch (e) {
    say(e.message);
  }
}

document.addEventListener('DOMContentLoaded', async () => {
  try {
    await loadSession();
  } catch (e) {
    say(e.message);
  }
  const page = document.body.dataset.page;
  if (page === 'runs') runsPage();
  if (page === 'run') runPage();
  if (page === 'schedules') schedulesPage();
});
