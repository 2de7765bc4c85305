// The device page's range: a preset (the last 1 h, 24 h, 7 d, 30 d up to now) or a custom
// from/to typed into datetime-local inputs (the browser's local time).

/** A Date as a datetime-local input's value, in local time, to the minute. */
export function localInput(date) {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

/** Prefills the custom inputs with the last 24 h, so editing one end is enough. */
export function prefill(form) {
  const now = new Date();
  form.elements.from.value = localInput(new Date(now.getTime() - 86400000));
  form.elements.to.value = localInput(now);
}

/**
 * {start, end, live}: live when the range ends now, so the live tail belongs on its charts.
 * A custom range whose start is not before its end is a RangeError, said on the page.
 */
export function chosenRange(fieldset, form) {
  const v = fieldset.querySelector('input[name=range]:checked').value;
  if (v !== 'custom') {
    const end = new Date();
    return { start: new Date(end.getTime() - Number(v) * 1000), end, live: true };
  }
  const start = new Date(form.elements.from.value);
  const end = new Date(form.elements.to.value);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start >= end) {
    throw new RangeError('the custom range needs a "From" before its "To"');
  }
  return { start, end, live: end.getTime() >= Date.now() };
}
