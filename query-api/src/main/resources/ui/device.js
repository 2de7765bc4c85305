// One device: its facts, charts over a chosen range with a live tail, logs, images, archives and,
// for an admin key, delete with a confirmation naming the device.
import { ago, badge, call, deviceFields, forgetKey, login, page, pageSignal, showError, stream, tickAgo } from './api.js';
import { append, draw, fields, load } from './charts.js';
import { chosenRange, prefill } from './range.js';

const $ = (id) => document.getElementById(id);
const messages = $('messages');
const id = new URLSearchParams(location.search).get('id') || '';
const path = '/devices/' + encodeURIComponent(id);
let charts = [];
let logsNext = null;
let imagesNext = null;
let units = new Map(); // field name to {kind, unit} of this device's type

function fact(dl, name, value) {
  const dt = document.createElement('dt');
  dt.textContent = name;
  const dd = document.createElement('dd');
  if (value instanceof Node) dd.append(value); else dd.textContent = value ?? '–';
  dl.append(dt, dd);
  return dd;
}

async function facts() {
  const d = await (await call(path)).json();
  $('title').textContent = d.device_id;
  document.title = 'Smart home: ' + d.device_id;
  const dl = $('facts');
  dl.replaceChildren();
  fact(dl, 'Status', badge(d.status)).id = 'status';
  const seen = fact(dl, 'Last seen', ago(d.last_seen));
  seen.id = 'last-seen';
  if (d.last_seen) seen.dataset.since = d.last_seen;
  fact(dl, 'Type', d.device_type);
  fact(dl, 'Location', d.location);
  fact(dl, 'Model', d.manufacturer + ' ' + d.model + ', firmware ' + d.firmware_version);
  return d;
}

async function drawRange() {
  $('charts').dataset.state = 'loading';
  try {
    const loaded = await load(id, chosenRange($('range'), $('custom-range')));
    const box = $('charts');
    box.replaceChildren();
    charts = fields(loaded.rows).map(([f, kind]) => draw(box, f, kind, loaded, units.get(f)?.unit || ''));
    $('series-info').textContent = loaded.rows.length
      ? loaded.rows.length + (loaded.interval ? ' intervals of ' + loaded.interval : ' raw readings')
      : 'No readings in this range.';
    box.dataset.state = 'drawn';
    // "usable": bin/bench dashboard reads this mark (ms since the navigation started)
    if (!performance.getEntriesByName('charts-drawn').length) performance.mark('charts-drawn');
  } catch (e) {
    $('charts').dataset.state = 'failed';
    showError(messages, e);
  }
}

function onLive(type, data) {
  if (type === 'ready') {
    $('live-state').dataset.live = 'ready';
    $('live-state').textContent = 'Live tail: on';
  } else if (type === 'reading') {
    for (const c of charts) append(c, data);
    const seen = $('last-seen');
    seen.dataset.since = data.timestamp;
    seen.textContent = ago(data.timestamp);
  } else if (type === 'state') {
    $('status').replaceChildren(badge(data.status));
  } else if (type === 'deleted') {
    messages.textContent = 'This device was deleted.';
  }
}

function logRow(l) {
  const tr = document.createElement('tr');
  for (const v of [l.timestamp, l.level, l.event_type, l.message]) tr.insertCell().textContent = v;
  return tr;
}

async function logs(url) {
  try {
    const p = await page(url);
    logsNext = p.next;
    $('logs').tBodies[0].replaceChildren(...p.body.map(logRow));
    $('logs').dataset.rows = p.body.length;
    $('logs-next').disabled = !logsNext;
  } catch (e) {
    showError(messages, e);
  }
}

function logsFirst() {
  const level = $('level').value;
  return logs(path + '/logs?limit=50' + (level ? '&level=' + encodeURIComponent(level) : ''));
}

/** Thumbnails are fetched with the key in a header and shown from blob: URLs. */
async function images(url) {
  const p = await page(url);
  imagesNext = p.next;
  $('images-more').hidden = !imagesNext;
  for (const img of p.body) {
    const blob = await (await call(img.href, { headers: { Accept: '*/*' } })).blob();
    const src = URL.createObjectURL(blob);
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.title = 'Show ' + (img.filename || img.image_id) + ' full size';
    const thumb = document.createElement('img');
    thumb.src = src;
    thumb.alt = (img.filename || img.image_id) + ', captured ' + img.captured_at;
    b.append(thumb);
    b.addEventListener('click', () => { $('full').src = src; $('full').alt = thumb.alt; $('viewer').showModal(); });
    li.append(b);
    $('images').append(li);
  }
}

async function archives() {
  const list = await (await call(path + '/log-archives')).json();
  $('archives').replaceChildren(...list.map((a) => {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = a.url;
    link.textContent = a.day + ' (' + Math.ceil(a.size_bytes / 1024) + ' KiB)';
    li.append(link);
    return li;
  }));
  if (!list.length) $('archives').textContent = 'No archived days.';
}

async function remove() {
  if (!confirm('Delete device "' + id + '" with all its readings, logs and images? This cannot be undone.')) return;
  try {
    await call(path, { method: 'DELETE' });
    location.href = '/ui/';
  } catch (e) {
    showError(messages, e);
  }
}

async function main() {
  $('forget').addEventListener('click', () => { forgetKey(); location.reload(); });
  tickAgo();
  const key = await login($('key-form'), messages);
  $('device').hidden = false;
  $('delete').hidden = key.role !== 'admin';
  $('delete').textContent = 'Delete device ' + id + '…';
  $('delete').addEventListener('click', remove);
  const [d, byType] = await Promise.all([facts(), deviceFields()]);
  units = byType.get(d.device_type) || new Map();
  // ?range=<seconds> opens on that preset (a shareable link; bin/bench dashboard uses it)
  const preset = new URLSearchParams(location.search).get('range');
  const radio = preset && document.querySelector(`input[name=range][value="${CSS.escape(preset)}"]`);
  if (radio) radio.checked = true;
  $('range').addEventListener('change', drawRange);
  prefill($('custom-range'));
  $('custom-range').addEventListener('submit', (ev) => {
    ev.preventDefault();
    $('range-custom').checked = true;
    drawRange();
  });
  $('level').addEventListener('change', logsFirst);
  $('logs-first').addEventListener('click', logsFirst);
  $('logs-next').addEventListener('click', () => logs(logsNext));
  $('images-more').addEventListener('click', () => images(imagesNext).catch((e) => showError(messages, e)));
  stream(path + '/live', onLive, (e) => {
    $('live-state').dataset.live = 'failed';
    $('live-state').textContent = 'Live tail: off';
    showError(messages, e);
  }, pageSignal());
  await Promise.all([drawRange(), logsFirst(),
    images(path + '/images').catch((e) => showError(messages, e)),
    archives().catch((e) => showError(messages, e))]);
}

main().catch((e) => showError(messages, e));
