// The settings form: reads each field back by its kind (data-kind), sends PUT /api/settings, shows the server's
// message next to the field it names; rows can be added and removed; templates show a live preview and SMS length.
(() => {
  const form = document.getElementById('settings-form');
  if (!form) return;
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const api = (method, url, body) =>
    fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });

  const num = (v) => (v.trim() === '' ? Number.NaN : Number(v.replace(',', '.')));
  const readers = {
    number: (f) => {
      const input = f.querySelector('input');
      const value = num(input.value) * Number(input.dataset.scale || 1);
      return input.dataset.scale && input.dataset.scale !== '1' ? Math.round(value) : value;
    },
    text: (f) => f.querySelector('textarea').value,
    template: (f) => f.querySelector('textarea').value,
    switch: (f) => f.querySelector('input').checked,
    choice: (f) => f.querySelector('select').value,
    weekdays: (f) => [...f.querySelectorAll('input:checked')].map((i) => Number(i.value)),
    categories: (f) => [...f.querySelectorAll('input:checked')].map((i) => i.value),
    hours: (f) => ({
      from: f.querySelector('[data-part="from"]').value,
      to: f.querySelector('[data-part="to"]').value,
    }),
    list: (f) => [...f.querySelectorAll('li input')].map((i) => i.value.trim()).filter(Boolean),
    holidays: (f) =>
      [...f.querySelectorAll('li')]
        .map((li) => ({
          date: li.querySelector('[data-part="date"]').value,
          name: li.querySelector('[data-part="name"]').value.trim(),
        }))
        .filter((h) => h.date || h.name),
    deadlines: (f) => {
      const out = {};
      for (const row of f.querySelectorAll('[data-priority]')) {
        const targets = {};
        for (const m of row.querySelectorAll('[data-milestone]')) {
          targets[m.dataset.milestone] = { [m.querySelector('select').value]: num(m.querySelector('input').value) };
        }
        out[row.dataset.priority] = targets;
      }
      return out;
    },
    'whatsapp-templates': (f) => {
      const out = {};
      for (const li of f.querySelectorAll('li')) {
        const sid = li.querySelector('[data-part="contentSid"]').value.trim();
        if (!sid) continue;
        const variables = {};
        for (const pair of li.querySelector('[data-part="variables"]').value.split(';')) {
          const at = pair.indexOf('=');
          if (at > 0) variables[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
        }
        out[li.querySelector('[data-part="purpose"]').value] = {
          contentSid: sid,
          ...(Object.keys(variables).length ? { variables } : {}),
        };
      }
      return out;
    },
  };

  const fields = [...form.querySelectorAll('.setting')];
  const errorOf = (f) => f.querySelector('.field-error');

  // Rows: add from the list's template, remove the row the button is in.
  form.addEventListener('click', (event) => {
    const add = event.target.closest('[data-add]');
    if (add) {
      const list = document.getElementById(add.dataset.add);
      list.insertAdjacentHTML('beforeend', list.dataset.template);
      list.lastElementChild.querySelector('input, select')?.focus();
      return;
    }
    const remove = event.target.closest('[data-remove]');
    if (remove) {
      const list = remove.closest('ul');
      remove.closest('li').remove();
      list.closest('.setting').querySelector('[data-add]')?.focus();
    }
  });

  // Templates: the text a reporter reads and how many SMS parts it costs.
  async function preview(area) {
    const box = document.getElementById(`${area.id}-preview`);
    const res = await api('POST', '/api/settings/preview', { text: area.value });
    if (!res.ok) return;
    const { text, sms } = await res.json();
    box.querySelector('.sms-preview').textContent = text;
    const extra = sms.nonGsm.length ? ` Huruf ${sms.nonGsm.join(' ')} membuat SMS lebih pendek per bagian.` : '';
    box.querySelector('.sms-length').textContent =
      `${sms.characters} karakter, ${sms.parts} SMS (${sms.encoding === 'GSM-7' ? 'huruf biasa' : 'Unicode'}).${extra}`;
  }
  for (const area of form.querySelectorAll('textarea[data-preview]')) {
    let timer = null;
    area.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => preview(area).catch(() => {}), 250);
    });
    preview(area).catch(() => {});
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    for (const f of fields) {
      errorOf(f).textContent = '';
      body[f.dataset.key] = readers[f.dataset.kind](f);
    }
    const general = form.querySelector('.form-error');
    const saved = form.querySelector('.saved');
    general.textContent = '';
    saved.textContent = '';
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const res = await api('PUT', '/api/settings', body);
      const data = await res.json().catch(() => null);
      if (!res.ok) {
        const message = data?.error?.message ?? `HTTP ${res.status}`;
        const key = message.split(/[.:]/)[0];
        const f = fields.find((x) => x.dataset.key === key);
        if (f) {
          errorOf(f).textContent = message.slice(message.indexOf(':') + 1).trim();
          f.querySelector('input, textarea, select')?.focus();
          general.textContent = `Belum disimpan: periksa "${f.querySelector('label').textContent}".`;
        } else general.textContent = `Belum disimpan: ${message}`;
        return;
      }
      saved.textContent = data.changed.length
        ? `Tersimpan (${data.changed.length} pengaturan berubah).`
        : 'Tersimpan, tidak ada yang berubah.';
    } catch (err) {
      general.textContent = `Gagal menyimpan: ${err.message}`;
    } finally {
      button.disabled = false;
    }
  });
})();
