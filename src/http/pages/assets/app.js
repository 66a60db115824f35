// Halo Kesbang workspace: sends action forms to the JSON API (with the CSRF header) and keeps the list live (SSE).
// Served from /assets/app.js: the Content-Security-Policy allows no inline script.
(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

  function setPath(target, name, value) {
    const parts = name.split('.');
    let node = target;
    for (const part of parts.slice(0, -1)) node = node[part] ??= {};
    node[parts.at(-1)] = value;
  }

  function bodyOf(form) {
    const body = {};
    for (const el of form.elements) {
      if (!el.name || el.disabled) continue;
      // Checkboxes: data-type="list" collects the checked values into an array, data-type="bool" gives true/false.
      if (el.dataset.type === 'list') {
        body[el.name] ??= [];
        if (el.checked) body[el.name].push(el.value);
        continue;
      }
      // A hidden field with data-type="array" sends its value as a one-element list.
      if (el.dataset.type === 'array') {
        body[el.name] = [el.value];
        continue;
      }
      if (el.dataset.type === 'bool') {
        setPath(body, el.name, el.type === 'checkbox' ? el.checked : el.value === 'true');
        continue;
      }
      let value = el.value;
      if (el.dataset.type === 'number') value = Number(value);
      else if (el.dataset.type === 'json') value = JSON.parse(value);
      else if (value === '' && el.name !== 'text') value = null;
      setPath(body, el.name, value);
    }
    return body;
  }

  async function submit(event) {
    const form = event.target.closest('form[data-api]');
    if (!form) return;
    event.preventDefault();
    const [method, url] = form.dataset.api.split(' ');
    const error = form.querySelector('.form-error');
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => {
      b.disabled = true;
    });
    try {
      const hasBody = method !== 'DELETE';
      const res = await fetch(url, {
        method,
        credentials: 'same-origin',
        headers: { 'x-csrf-token': csrf, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
        body: hasBody ? JSON.stringify(bodyOf(form)) : undefined,
      });
      if (!res.ok) {
        const data = await res.json().catch(() => null);
        throw new Error(data?.error?.message ?? `HTTP ${res.status}`);
      }
      if (form.dataset.show) {
        // A secret shown once (a new API token): printed into the form, never reloaded away.
        const data = await res.json();
        const out = form.querySelector(`output[data-field="${form.dataset.show}"]`);
        out.textContent = data[form.dataset.show];
        out.closest('[hidden]')?.removeAttribute('hidden');
        buttons.forEach((b) => {
          b.disabled = false;
        });
        return;
      }
      if (form.dataset.redirect) window.location.assign(form.dataset.redirect);
      else window.location.reload();
    } catch (err) {
      if (error) error.textContent = `Gagal: ${err.message}`;
      buttons.forEach((b) => {
        b.disabled = false;
      });
    }
  }
  document.addEventListener('submit', submit);

  // "Cetak / simpan PDF" on the situation report: the browser's print dialog (the page has an A4 print layout).
  for (const button of document.querySelectorAll('[data-print]'))
    button.addEventListener('click', () => window.print());

  // The live list: an incident event adds (or refreshes) its row when it matches the filters on screen.
  const table = document.getElementById('incident-list');
  if (!table || !window.EventSource) return;
  const filter = JSON.parse(table.dataset.filter || '{}');
  const status = document.getElementById('live-status');
  const list = (v) => (v ? v.split(',') : null);
  function matches(incident) {
    if (filter.q || filter.since || filter.until) return false;
    const checks = [
      [list(filter.status), incident.status],
      [list(filter.priority), incident.priority],
      [list(filter.category), incident.category],
      [list(filter.channel), incident.channel],
    ];
    if (checks.some(([allowed, value]) => allowed && !allowed.includes(value))) return false;
    const kec = list(filter.kecamatan);
    return !kec || kec.includes(incident.location.kecamatanCode) || kec.includes(incident.location.kecamatan);
  }
  async function show(incident) {
    const existing = table.querySelector(`tr[data-id="${CSS.escape(incident.id)}"]`);
    if (!existing && (table.dataset.live !== 'on' || !matches(incident))) return;
    const res = await fetch(`/incidents/${encodeURIComponent(incident.id)}/row`, { credentials: 'same-origin' });
    if (!res.ok) return;
    const markup = await res.text();
    if (existing) {
      existing.outerHTML = markup;
      return;
    }
    table.tBodies[0].insertAdjacentHTML('afterbegin', markup);
    table.tBodies[0].rows[0].classList.add('fresh');
    document.querySelector('.empty')?.remove();
    if (status) status.textContent = `Laporan baru: ${incident.reference}`;
  }
  const source = new EventSource('/api/incidents/stream');
  source.addEventListener('incident', (event) => {
    show(JSON.parse(event.data)).catch(() => {});
  });
  source.addEventListener('open', () => {
    table.dataset.connected = 'yes';
  });
})();
