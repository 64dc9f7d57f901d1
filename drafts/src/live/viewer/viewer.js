// Accord's live viewer: the chair's text as the room sees it, and a delegation's proposals.
// Every piece of text from the session is put in the page with textContent, never as markup.
'use strict';

const token = decodeURIComponent(location.hash.slice(1));
const outboxKey = 'accord-outbox-' + token.slice(0, 16);
// The language the reader chose (a code; empty: the original), kept across visits.
const languageKey = 'accord-language';
const $ = (id) => document.getElementById(id);
let socket = null;
let role = null;
let view = null;
let shownFocus = null;
let retryDelay = 500;
let lastHeard = Date.now();
// The server speaks at least every 15 s; silence this long means the network dropped.
const SILENCE_MS = 40000;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function outbox() {
  try { return JSON.parse(localStorage.getItem(outboxKey)) || []; } catch { return []; }
}

function saveOutbox(items) {
  localStorage.setItem(outboxKey, JSON.stringify(items));
  $('outbox').textContent = items.length ? `${items.length} proposal(s) waiting to reach the chair…` : '';
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  socket = new WebSocket(`${scheme}//${location.host}/ws?token=${encodeURIComponent(token)}`);
  socket.onmessage = (event) => {
    lastHeard = Date.now();
    receive(JSON.parse(event.data));
  };
  socket.onclose = () => {
    setConnection(false);
    setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5000);
  };
}

// A connection gone silent is dropped and made again; the outbox is sent on the new one.
function checkSilence() {
  if (!socket || socket.readyState !== WebSocket.OPEN || Date.now() - lastHeard < SILENCE_MS) return;
  socket.onclose = null;
  socket.onmessage = null;
  socket.close();
  setConnection(false);
  lastHeard = Date.now();
  connect();
}

function setConnection(online) {
  $('connection').textContent = online ? 'live' : 'reconnecting…';
  $('connection').className = online ? 'online' : 'offline';
}

function receive(message) {
  if (message.type === 'hello') {
    role = message.role;
    retryDelay = 500;
    setConnection(true);
    $('who').textContent = role.role === 'delegation' ? role.delegation : role.role;
    $('propose').hidden = role.role !== 'delegation';
    outbox().forEach((item) => socket.send(JSON.stringify(item)));
    saveOutbox(outbox());
  } else if (message.type === 'view') {
    view = message;
    render();
  } else if (message.type === 'ack') {
    saveOutbox(outbox().filter((item) => item.id !== message.id));
  } else if (message.type === 'refused') {
    if (message.error.code !== 'rate_limited') {
      saveOutbox(outbox().filter((item) => item.id !== message.id));
    }
    $('outbox').textContent = message.error.message;
  }
}

function render() {
  $('title').textContent = view.symbol ? `${view.symbol} — ${view.title}` : view.title;
  $('round').textContent = view.round_label;
  renderLanguages();
  renderText();
  renderProposals();
  renderChoices();
  if (view.focus !== shownFocus && $('follow').checked) scrollToFocus();
  shownFocus = view.focus;
}

function renderText() {
  const comparing = $('compare').checked && view.comparison;
  const changes = new Map(comparing ? view.comparison.changes.map((c) => [c.id, c]) : []);
  const reading = readingIn();
  const rows = view.paragraphs.map((p) => paragraphRow(p, changes.get(p.id), reading));
  $('text').replaceChildren(...rows);
}

// The index of the chosen language version in view.languages; -1: the original.
function readingIn() {
  const code = localStorage.getItem(languageKey);
  return view.languages.findIndex((l) => l.code === code);
}

function renderLanguages() {
  const original = element('option', '', `${view.original.native} (original)`);
  original.value = '';
  const versions = view.languages.map((l) => {
    const option = element('option', '', l.native);
    option.value = l.code;
    return option;
  });
  $('language').replaceChildren(original, ...versions);
  const reading = readingIn();
  $('language').value = reading < 0 ? '' : view.languages[reading].code;
  $('language-label').hidden = !view.languages.length;
  renderOriginalNote();
}

// Reading a translation, a delegate is told that proposals amend the original the chair negotiates.
function renderOriginalNote() {
  const reading = readingIn() >= 0;
  $('original-note').hidden = !reading;
  $('original-note').textContent = reading
    ? `Proposals amend the ${view.original.native} original, the text the chair negotiates.`
    : '';
}

const TRANSLATION_STATES = { stale: 'translation out of date', missing: 'not yet translated', reviewed: 'reviewed' };

function paragraphRow(p, change, reading) {
  const row = element('div', `paragraph depth-${p.depth}${p.status === 'deleted' ? ' deleted' : ''}`);
  row.id = 'p-' + p.id;
  if (p.id === view.focus) row.classList.add('focus');
  const label = element('div', 'label', p.label);
  label.append(element('span', `status status-${p.status}`, p.status.replace('_', ' ')));
  const version = reading >= 0 ? p.versions[reading] : undefined;
  const body = element('div', 'body');
  if (version) {
    const state = TRANSLATION_STATES[version.state];
    if (state) label.append(element('span', `translation translation-${version.state}`, state));
    body.lang = view.languages[reading].code;
    body.dir = body.lang === 'ar' ? 'rtl' : 'auto';
    body.append(...translated(p, version));
    if (change) {
      const original = element('p', 'footnote', 'Changed in the original: ');
      original.lang = view.original.code;
      original.append(...spans(change.spans));
      body.append(original);
    }
  } else {
    body.append(...(change ? spans(change.spans) : bracketed(p.text, p.brackets)));
  }
  if (p.awaiting.length) body.append(element('p', 'footnote', 'Awaiting: ' + p.awaiting.join(', ')));
  p.footnotes.forEach((f) => body.append(element('p', 'footnote', (f.delegation ? f.delegation + ': ' : '') + f.text)));
  row.append(label, body);
  if (role && role.role === 'chair') row.onclick = () => socket.send(JSON.stringify({ type: 'focus', paragraph: p.id }));
  return row;
}

// A translation with its brackets; the original, marked as such, while there is none.
function translated(p, version) {
  if (version.state !== 'missing') return bracketed(version.text, version.brackets);
  const original = element('span', 'untranslated');
  original.lang = view.original.code;
  original.append(...bracketed(p.text, p.brackets));
  return [original];
}

// The text with its bracket groups marked; offsets count characters, as the core does.
function bracketed(text, groups) {
  const chars = Array.from(text);
  const nodes = [];
  let at = 0;
  for (const [start, end] of groups) {
    nodes.push(document.createTextNode(chars.slice(at, start).join('')));
    nodes.push(element('span', 'bracket', chars.slice(start, end).join('')));
    at = end;
  }
  nodes.push(document.createTextNode(chars.slice(at).join('')));
  return nodes;
}

function spans(list) {
  return list.map((s) => (s.op === 'equal' ? document.createTextNode(s.text) : element(s.op === 'insert' ? 'ins' : 'del', '', s.text)));
}

function renderProposals() {
  const items = view.proposals.slice().reverse().map((p) => {
    const item = element('li');
    item.append(element('strong', '', p.delegation), document.createTextNode(p.label ? ` on ${p.label}: ` : ': '));
    item.append(document.createTextNode(p.description), element('span', 'state', p.state));
    if (p.note) item.append(element('p', 'footnote', p.note));
    return item;
  });
  $('proposals').replaceChildren(...items);
}

function renderChoices() {
  const select = $('paragraph');
  const chosen = select.value || view.focus;
  const options = view.paragraphs.filter((p) => p.status !== 'deleted').map((p) => {
    const option = element('option', '', `${p.label} ${Array.from(p.text).slice(0, 40).join('')}`);
    option.value = p.id;
    return option;
  });
  select.replaceChildren(...options);
  if (chosen) select.value = chosen;
}

function scrollToFocus() {
  const row = view.focus && document.getElementById('p-' + view.focus);
  if (row) row.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'smooth' });
  if (view.focus && !$('wording').value) $('paragraph').value = view.focus;
}

function request() {
  const paragraph = $('paragraph').value;
  const text = $('wording').value.trim();
  switch ($('kind').value) {
    case 'amend': return { type: 'amend', paragraph, text };
    case 'insert': {
      const after = view.paragraphs.find((p) => p.id === paragraph);
      return { type: 'insert', kind: after ? after.kind : 'operative', text, after: paragraph };
    }
    case 'delete': return { type: 'delete', paragraph };
    case 'bracket': return { type: 'bracket', paragraph, range: null };
    default: return { type: 'comment', paragraph, text };
  }
}

function send(event) {
  event.preventDefault();
  const item = { type: 'propose', id: newId(), request: request(), note: $('note').value.trim() };
  saveOutbox(outbox().concat([item]));
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(item));
  $('wording').value = '';
  $('note').value = '';
}

function chooseKind() {
  const kind = $('kind').value;
  $('wording-label').hidden = kind === 'delete' || kind === 'bracket';
  const p = view && view.paragraphs.find((q) => q.id === $('paragraph').value);
  if (kind === 'amend' && p) $('wording').value = p.text;
}

$('propose').addEventListener('submit', send);
$('kind').addEventListener('change', chooseKind);
$('paragraph').addEventListener('change', chooseKind);
$('compare').addEventListener('change', () => view && renderText());
$('language').addEventListener('change', () => {
  localStorage.setItem(languageKey, $('language').value);
  if (view) {
    renderText();
    renderOriginalNote();
  }
});
$('follow').addEventListener('change', () => view && $('follow').checked && scrollToFocus());
if (token) {
  connect();
  setInterval(checkSilence, 5000);
} else {
  $('connection').textContent = 'open the join link the chair gave you';
}
