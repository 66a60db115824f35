// "Catat laporan": shows what the normalizer reads while staff type, lets staff change each field, then stores the
// report through POST /api/incidents and opens it. Served from /assets/new-report.js (no inline script).
(() => {
  const form = document.getElementById('new-report');
  if (!form) return;
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const offset = form.dataset.offset || '+00:00';
  const el = (name) => form.elements.namedItem(name);
  const text = el('text');
  const phone = el('reporterPhone');
  const send = el('sendCode');
  const state = document.getElementById('read-state');
  const error = form.querySelector('.form-error');

  // Which fields staff changed themselves: those are never overwritten by a later reading.
  const touched = new Set();
  const readFields = {
    category: { input: el('category'), show: (r) => r.category },
    priority: { input: el('priority'), show: (r) => r.priority },
    'location.kelurahanCode': { input: el('location.kelurahanCode'), show: (r) => r.location.kelurahanCode },
    'location.rt': { input: el('location.rt'), show: (r) => r.location.rt },
    'location.rw': { input: el('location.rw'), show: (r) => r.location.rw },
    occurredAt: { input: el('occurredAt'), show: (r) => (r.occurredAt ? toLocalInput(r.occurredAt) : null) },
  };

  const toIso = (local) => (local ? `${local.length === 16 ? `${local}:00` : local}${offset}` : null);
  function toLocalInput(iso) {
    const sign = offset.startsWith('-') ? -1 : 1;
    const [h, m] = offset.slice(1).split(':').map(Number);
    const local = new Date(Date.parse(iso) + sign * (h * 60 + m) * 60000);
    return local.toISOString().slice(0, 16);
  }
  function labelOf(input, value) {
    if (value === null || value === undefined || value === '') return 'tidak terbaca';
    if (input.tagName === 'SELECT') return input.querySelector(`option[value="${CSS.escape(value)}"]`)?.textContent;
    if (input.type === 'datetime-local') return value.replace('T', ' ');
    return value;
  }
  function note(name, text) {
    const p = document.getElementById(`${readFields[name].input.id}-read`);
    if (p) p.textContent = text;
  }

  for (const [name, f] of Object.entries(readFields)) {
    f.input.addEventListener('change', () => {
      touched.add(name);
      f.input.closest('.read-field')?.classList.add('changed');
      note(name, `Diubah petugas${f.read !== undefined ? ` (sistem membaca: ${labelOf(f.input, f.read)})` : ''}.`);
    });
  }

  let timer = null;
  let asked = 0;
  async function preview() {
    const mine = ++asked;
    const body = { text: text.value, receivedAt: toIso(el('receivedAt').value) };
    const res = await fetch('/api/incidents/preview', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });
    if (!res.ok || mine !== asked) return;
    const { reading } = await res.json();
    for (const [name, f] of Object.entries(readFields)) {
      f.read = f.show(reading) ?? '';
      if (touched.has(name)) {
        note(name, `Diubah petugas (sistem membaca: ${labelOf(f.input, f.read)}).`);
        continue;
      }
      f.input.value = f.read;
      note(name, `Dibaca sistem: ${labelOf(f.input, f.read)}. Ubah bila keliru.`);
    }
    if (state) state.textContent = text.value.trim() ? 'Bacaan sistem diperbarui.' : 'Isi laporan masih kosong.';
  }
  text.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => preview().catch(() => {}), 300);
  });
  el('receivedAt').addEventListener('change', () => preview().catch(() => {}));

  function phoneChanged() {
    send.disabled = !phone.value.trim();
    if (send.disabled) send.checked = false;
  }
  phone.addEventListener('input', phoneChanged);
  phoneChanged();

  function bodyOf() {
    const channel = form.querySelector('input[name="channel"]:checked')?.value;
    const body = {
      submissionId: el('submissionId').value,
      channel,
      text: text.value,
      reporterPhone: phone.value.trim() || null,
      reporterName: el('reporterName').value.trim() || null,
      receivedAt: toIso(el('receivedAt').value),
      sendCode: send.checked,
    };
    // Every field shown is what staff confirmed (read by the system, or changed by them).
    body.category = el('category').value || null;
    body.priority = el('priority').value;
    body.location = {
      kelurahanCode: el('location.kelurahanCode').value || null,
      rt: el('location.rt').value.trim() || null,
      rw: el('location.rw').value.trim() || null,
    };
    body.occurredAt = toIso(el('occurredAt').value);
    return body;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    error.textContent = '';
    if (!text.value.trim()) {
      error.textContent = 'Isi laporan belum ditulis.';
      text.focus();
      return;
    }
    button.disabled = true;
    button.textContent = 'Menyimpan…';
    try {
      const res = await fetch('/api/incidents', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(bodyOf()),
      });
      const data = await res.json().catch(() => null);
      if (res.status === 202) {
        window.location.assign('/incidents?saved=queued');
        return;
      }
      if (!res.ok) throw new Error(data?.error?.message ?? `HTTP ${res.status}`);
      window.location.assign(`/incidents/${encodeURIComponent(data.id)}?saved=1`);
    } catch (err) {
      error.textContent = `Gagal menyimpan: ${err.message}`;
      button.disabled = false;
      button.textContent = 'Simpan laporan';
    }
  });
})();
