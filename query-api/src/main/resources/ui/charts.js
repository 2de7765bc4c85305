// The readings of one range as uPlot charts: one per numeric field, a step chart per boolean. The
// interval is chosen so that a series holds at most MAX_POINTS points; a short range is raw.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { page } from './api.js';

export const MAX_POINTS = 2000;
const RAW_UP_TO = 3600; // seconds: ranges up to 1 h are drawn raw, unless that is too many points
const META = new Set(['timestamp', 'device_id', 'device_type']);

/**
 * The rows of [start, end) with the interval used (null: raw), widened while the API says 422.
 * live says whether the range ends now (the live tail is appended only then).
 */
export async function load(deviceId, { start, end, live }) {
  const seconds = Math.max(1, Math.round((end.getTime() - start.getTime()) / 1000));
  const base = '/devices/' + encodeURIComponent(deviceId) + '/sensor-data?start_time='
    + start.toISOString() + '&end_time=' + end.toISOString();
  if (seconds <= RAW_UP_TO) {
    const rows = [];
    let url = base;
    while (url && rows.length <= MAX_POINTS) {
      const p = await page(url);
      rows.push(...p.body);
      url = p.next;
    }
    if (rows.length <= MAX_POINTS) {
      return { rows, start, end, live, interval: null };
    }
  }
  let step = Math.max(1, Math.ceil(seconds / MAX_POINTS));
  for (let tries = 0; ; tries++) {
    try {
      const p = await page(base + '&interval=' + step + 's');
      return { rows: p.body, start, end, live, interval: step + 's' };
    } catch (e) {
      // the API's own cap on intervals per answer (API_MAX_RAW_POINTS) may be below ours
      if (e.status !== 422 || tries >= 8) throw e;
      step *= 2;
    }
  }
}

/** Field name to 'number' or 'boolean', from the values present. */
export function fields(rows) {
  const out = new Map();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r)) {
      if (!META.has(k) && v !== null && !out.has(k)) out.set(k, typeof v);
    }
  }
  return [...out].filter(([, t]) => t === 'number' || t === 'boolean');
}

function number(v) {
  if (v === null || v === undefined) return null;
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/**
 * One chart; its figure carries data-points (values the API returned), data-live (tail) and
 * data-unit (from GET /device-fields, "" when the field has none), also shown on the y axis.
 */
export function draw(container, field, kind, loaded, unit = '') {
  const xs = [];
  const ys = [];
  for (const r of loaded.rows) {
    xs.push(Date.parse(r.timestamp) / 1000);
    ys.push(number(r[field]));
  }
  const fig = document.createElement('figure');
  fig.className = 'chart';
  fig.dataset.field = field;
  fig.dataset.points = ys.filter((y) => y !== null).length;
  fig.dataset.live = 0;
  fig.dataset.start = loaded.start.toISOString();
  fig.dataset.end = loaded.end.toISOString();
  fig.dataset.interval = loaded.interval || '';
  fig.dataset.unit = unit;
  const caption = document.createElement('figcaption');
  caption.textContent = field + (unit ? ' (' + unit + ')' : '') + (kind === 'boolean' ? ' (on = 1, off = 0)' : '') + ': '
    + fig.dataset.points + ' points' + (loaded.interval ? ', mean per ' + loaded.interval : ', raw');
  fig.append(caption);
  container.append(fig);
  const series = { label: field, stroke: '#0a58ca', width: 2, spanGaps: false };
  if (kind === 'boolean') series.paths = uPlot.paths.stepped({ align: 1 });
  const plot = new uPlot({
    width: Math.max(280, fig.clientWidth - 16), height: 220,
    scales: { x: { time: true } }, series: [{}, series], legend: { live: false },
    axes: [{}, { label: unit || (kind === 'boolean' ? 'off / on' : ''), size: 60 }],
  }, [xs, ys], fig);
  const chart = { fig, plot, xs, ys, field, live: loaded.live };
  addEventListener('resize', () => plot.setSize({ width: Math.max(280, fig.clientWidth - 16), height: 220 }));
  return chart;
}

/** A live reading appended to the chart (the newest reading's value also goes to data-last). */
export function append(chart, reading) {
  if (!chart.live || !(chart.field in reading.values)) return;
  chart.xs.push(Date.parse(reading.timestamp) / 1000);
  chart.ys.push(number(reading.values[chart.field]));
  chart.plot.setData([chart.xs, chart.ys]);
  chart.fig.dataset.live = Number(chart.fig.dataset.live) + 1;
  chart.fig.dataset.last = String(reading.values[chart.field]);
}
