// The fleet page: counts by status over every device, one page of the table with filters and
// Link-header paging, and live updates from GET /devices/live.
import { ago, badge, deviceFields, forgetKey, latestText, login, page, pageSignal, showError, stream, tickAgo } from './api.js';

const PAGE_SIZE = 50;
const COUNT_PAGES = 10; // counts walk at most 10 pages of 1000 devices
// The rows shown are read again this often: their latest values follow the readings even when a
// state event was missed. Not a stream per row: a browser holds at most 6 HTTP/1.1 connections
// per origin, and every open stream (this page's, a device tab's) keeps one.
const REFRESH_MS = 5000;
const $ = (id) => document.getElementById(id);
const messages = $('messages');
const statusById = new Map();
let pages = []; // URLs of the pages shown before the current one
let current = null;
let next = null;
let fieldsByType = new Map();

function query() {
  const params = new URLSearchParams({ limit: PAGE_SIZE });
  for (const [k, v] of new FormData($('filters'))) {
    if (v) params.set(k, v);
  }
  return '/devices?' + params;
}

function renderCounts() {
  const counts = { online: 0, offline: 0, unknown: 0 };
  for (const s of statusById.values()) counts[s in counts ? s : 'unknown']++;
  $('counts').replaceChildren(...Object.entries(counts).map(([s, n]) => {
    const li = document.createElement('li');
    li.dataset.status = s;
    li.dataset.count = n;
    li.append(badge(s), ' ' + n);
    return li;
  }));
}

async function loadCounts() {
  let url = '/devices?limit=1000';
  for (let i = 0; url && i < COUNT_PAGES; i++) {
    const p = await page(url);
    for (const d of p.body) statusById.set(d.device_id, d.status);
    url = p.next;
  }
  renderCounts();
}

function cell(row, text) {
  const td = row.insertCell();
  if (text instanceof Node) td.append(text); else td.textContent = text;
  return td;
}

function row(d) {
  const tr = document.createElement('tr');
  tr.dataset.device = d.device_id;
  tr.dataset.type = d.device_type;
  const a = document.createElement('a');
  a.href = '/ui/device.html?id=' + encodeURIComponent(d.device_id);
  a.textContent = d.device_id;
  cell(tr, a);
  cell(tr, d.device_type);
  cell(tr, d.location);
  cell(tr, '').className = 'status';
  cell(tr, '').className = 'seen';
  cell(tr, '').className = 'latest';
  update(tr, d);
  return tr;
}

/** Status, last seen and latest values of a row from a device or a state event, in place. */
function update(tr, d) {
  tr.querySelector('.status').replaceChildren(badge(d.status));
  seen(tr, d.last_seen);
  tr.querySelector('.latest').textContent = latestText(d.latest, fieldsByType.get(tr.dataset.type));
}

function seen(tr, time) {
  const td = tr.querySelector('.seen');
  td.textContent = ago(time);
  if (time) td.dataset.since = time;
}

/** The shown page read again, its rows updated in place (not while the tab is hidden). */
async function refresh() {
  if (document.hidden || !current) return;
  try {
    const p = await page(current);
    for (const d of p.body) {
      const tr = document.querySelector(`#devices tr[data-device="${CSS.escape(d.device_id)}"]`);
      if (tr) update(tr, d);
      statusById.set(d.device_id, d.status);
    }
    renderCounts();
    $('devices').dataset.refreshes = Number($('devices').dataset.refreshes || 0) + 1;
  } catch (e) {
    showError(messages, e);
  }
}

async function show(url) {
  try {
    const p = await page(url);
    current = url;
    next = p.next;
    const rows = p.body.map(row);
    $('devices').tBodies[0].replaceChildren(...rows);
    $('devices').dataset.rows = p.body.length;
    // "usable": bin/bench dashboard reads this mark (ms since the navigation started)
    if (!performance.getEntriesByName('fleet-table').length) performance.mark('fleet-table');
    $('next').disabled = !next;
    $('prev').disabled = pages.length === 0;
    $('first').disabled = pages.length === 0;
  } catch (e) {
    showError(messages, e);
  }
}

function onLive(type, data) {
  if (type === 'ready') {
    $('live-state').dataset.live = 'ready';
    $('live-state').textContent = 'Live updates: on';
    return;
  }
  const tr = document.querySelector(`#devices tr[data-device="${CSS.escape(data.device_id)}"]`);
  if (type === 'state') {
    statusById.set(data.device_id, data.status);
    renderCounts();
    if (tr) update(tr, data);
  } else if (type === 'deleted') {
    statusById.delete(data.device_id);
    renderCounts();
    if (tr) tr.remove();
  }
}

async function options(select, path) {
  const p = await page(path);
  select.append(...p.body.map((v) => new Option(v, v)));
}

async function main() {
  $('forget').addEventListener('click', () => { forgetKey(); location.reload(); });
  tickAgo();
  await login($('key-form'), messages);
  $('fleet').hidden = false;
  const f = $('filters');
  await Promise.all([options(f.elements.device_type, '/device-types'),
    options(f.elements.location, '/device-locations'), loadCounts(),
    deviceFields().then((m) => { fieldsByType = m; })]);
  f.addEventListener('change', () => { pages = []; show(query()); });
  $('next').addEventListener('click', () => { pages.push(current); show(next); });
  $('prev').addEventListener('click', () => show(pages.pop()));
  $('first').addEventListener('click', () => { pages = []; show(query()); });
  await show(query());
  setInterval(refresh, REFRESH_MS);
  stream('/devices/live', onLive, (e) => {
    $('live-state').dataset.live = 'failed';
    $('live-state').textContent = 'Live updates: off';
    showError(messages, e);
  }, pageSignal());
}

main().catch((e) => showError(messages, e));
