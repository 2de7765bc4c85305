// The API as the dashboard calls it: the key from sessionStorage in an Authorization header (never
// in a URL), errors as ApiError with the API's own message, Link-header paging, and SSE read from
// fetch() (EventSource cannot send headers).
const KEY = 'smarthome.api-key';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function hasKey() {
  return !!sessionStorage.getItem(KEY);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

function headers(extra) {
  return { Authorization: 'Bearer ' + sessionStorage.getItem(KEY), ...extra };
}

export async function call(path, options = {}) {
  const r = await fetch(path, { ...options, headers: headers(options.headers || { Accept: 'application/json' }) });
  if (!r.ok) {
    let message = r.statusText;
    try {
      message = (await r.json()).message || message;
    } catch (e) { /* not the API's JSON error: keep the status text */ }
    throw new ApiError(r.status, message);
  }
  return r;
}

/** A JSON answer with the URL of its next page (null on the last). */
export async function page(path) {
  const r = await call(path);
  return { body: await r.json(), next: nextLink(r.headers.get('Link')) };
}

export function nextLink(link) {
  const m = link && /<([^>]*)>\s*;\s*rel="next"/.exec(link);
  return m ? m[1] : null;
}

/**
 * Asks for the key once per browser session (the form in the page), checks it with GET /key and
 * resolves with the key's {name, role, devices}. A refused key is shown and asked for again.
 */
export async function login(form, messages) {
  for (;;) {
    if (hasKey()) {
      try {
        const key = await (await call('/key')).json();
        form.hidden = true;
        messages.replaceChildren();
        return key;
      } catch (e) {
        if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 403)) {
          throw e;
        }
        forgetKey();
        showError(messages, e);
      }
    }
    form.hidden = false;
    const input = form.querySelector('input');
    input.focus();
    await new Promise((resolve) => form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      sessionStorage.setItem(KEY, input.value.trim());
      input.value = '';
      resolve();
    }, { once: true }));
  }
}

/** 401 and 403 in words a person can act on; anything else with its status and message. */
export function showError(messages, e) {
  const p = document.createElement('p');
  p.className = 'error';
  if (e.status === 401) {
    p.textContent = 'The API refused the key (401): ' + e.message + '. Enter a valid key.';
  } else if (e.status === 403) {
    p.textContent = 'This key is not allowed to do that (403): ' + e.message;
  } else if (e.status) {
    p.textContent = 'Error ' + e.status + ': ' + e.message;
  } else {
    p.textContent = 'Error: ' + e.message;
  }
  messages.replaceChildren(p);
}

/**
 * A signal aborted when the page is left. A stream the page does not close itself keeps its
 * connection, and a browser holds only six per origin: the next pages' calls then wait for a free
 * one (a minute, measured with bin/bench dashboard). A page restored from the back-forward cache
 * has lost its streams, so it loads afresh.
 */
export function pageSignal() {
  const c = new AbortController();
  addEventListener('pagehide', () => c.abort());
  addEventListener('pageshow', (e) => { if (e.persisted) location.reload(); });
  return c.signal;
}

/**
 * Reads a Server-Sent Events stream with the key in a header, calling onEvent(type, data) for each
 * event (data parsed as JSON). Reconnects after a drop with Last-Event-ID, so nothing in the API's
 * replay window is missed; stops for good on an HTTP error (onError) or when signal aborts.
 */
export async function stream(path, onEvent, onError, signal) {
  let lastId = null;
  while (!signal.aborted) {
    try {
      const extra = { Accept: 'text/event-stream' };
      if (lastId) {
        extra['Last-Event-ID'] = lastId;
      }
      const r = await call(path, { headers: extra, signal });
      const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let event = { type: 'message', data: [] };
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).replace(/\r$/, '');
          buffer = buffer.slice(nl + 1);
          if (line === '') {
            if (event.data.length) {
              onEvent(event.type, JSON.parse(event.data.join('\n')));
            }
            event = { type: 'message', data: [] };
          } else if (!line.startsWith(':')) {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') event.type = val;
            else if (field === 'data') event.data.push(val);
            else if (field === 'id') lastId = val;
          }
        }
      }
    } catch (e) {
      if (signal.aborted) {
        return;
      }
      if (e instanceof ApiError) {
        onError(e);
        if (e.status !== 429 && e.status !== 503) {
          return;
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago"; "never" without a time. */
export function ago(iso, now = Date.now()) {
  if (!iso) {
    return 'never';
  }
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 120) return s + ' s ago';
  if (s < 7200) return Math.round(s / 60) + ' min ago';
  if (s < 172800) return Math.round(s / 3600) + ' h ago';
  return Math.round(s / 86400) + ' d ago';
}

/** A status badge: the word is always there, the colour only repeats it. */
export function badge(status) {
  const s = document.createElement('span');
  s.className = 'badge ' + (['online', 'offline'].includes(status) ? status : 'unknown');
  s.textContent = { online: '● online', offline: '○ offline' }[status] || '? unknown';
  return s;
}

/**
 * Every device type's fields from GET /device-fields: a Map from type to a Map from field name to
 * {kind, unit}. Asked once per page: the table is the event contract, the same for every device.
 */
export async function deviceFields() {
  const out = new Map();
  for (const t of await (await call('/device-fields')).json()) {
    out.set(t.device_type, new Map(t.fields.map((f) => [f.name, f])));
  }
  return out;
}

/** "temperature 21.5 °C, power_on true"; fields is the device type's Map from deviceFields(). */
export function latestText(latest, fields) {
  return Object.entries(latest || {}).map(([k, v]) => k + ' ' + withUnit(v.value, fields?.get(k)?.unit)).join(', ');
}

export function withUnit(value, unit) {
  const text = formatValue(value);
  if (!unit || typeof value !== 'number') return text;
  return unit === '%' ? text + unit : text + ' ' + unit;
}

export function formatValue(v) {
  return typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v);
}

/** Every 1 s, rewrite the elements that show a time as "… ago". */
export function tickAgo() {
  setInterval(() => {
    for (const el of document.querySelectorAll('[data-since]')) {
      el.textContent = ago(el.dataset.since);
    }
  }, 1000);
}
