/**
 * /admin/settings: one typed field per setting, drawn from its definition in src/settings.ts (label, help, kind of
 * input). settings-form.js reads each field back by its kind, sends `PUT /api/settings` and shows the server's
 * message next to the field it names; templates get a live preview with their SMS length.
 */
import { CATEGORIES, CATEGORY_LABELS, PRIORITIES } from '../../core/normalized-message';
import { SETTING_DEFINITIONS, SETTING_KEYS, type SettingKey, type Settings } from '../../settings';
import { SETTING_GROUPS, type SettingGroup, type SettingInput } from '../../settings-fields';
import { PRIORITY_LABELS } from '../labels';
import { type Html, html } from './html';

const WEEKDAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const MILESTONES: [string, string][] = [
  ['verify', 'Verifikasi'],
  ['answer', 'Jawaban pertama'],
  ['resolve', 'Selesai'],
];
const TARGET_UNITS: [string, string][] = [
  ['minutes', 'menit'],
  ['workingHours', 'jam kerja'],
  ['workingDays', 'hari kerja'],
];

type Target = { minutes: number } | { workingHours: number } | { workingDays: number };

function options(list: [string, string][], selected: string): Html[] {
  return list.map(([v, l]) => html`<option value="${v}"${v === selected ? html` selected` : ''}>${l}</option>`);
}

function removeButton(what: string): Html {
  return html`<button type="button" class="row-remove" data-remove>Hapus ${what}</button>`;
}

/** The control of one setting; `id` labels its first input. */
function control(id: string, input: SettingInput, value: unknown): Html {
  switch (input.kind) {
    case 'number': {
      const shown = input.scale ? Math.round(((value as number) / input.scale) * 100) / 100 : (value as number);
      return html`<span class="unit-input"><input id="${id}" type="number" inputmode="decimal" step="${input.step ?? 1}" value="${shown}" data-scale="${input.scale ?? 1}" aria-describedby="${id}-help ${id}-error"> <span>${input.unit}</span></span>`;
    }
    case 'text':
      return html`<textarea id="${id}" rows="${input.rows ?? 2}" aria-describedby="${id}-help ${id}-error">${value as string}</textarea>`;
    case 'template':
      return html`<textarea id="${id}" rows="4" data-preview aria-describedby="${id}-help ${id}-error ${id}-preview">${value as string}</textarea>
${input.placeholders.length ? html`<p class="hint">Isian: ${input.placeholders.map((p) => html`<code>{${p}}</code> `)}</p>` : ''}
<div class="sms-preview-wrap" id="${id}-preview" aria-live="polite"><p class="hint">Contoh yang dibaca pelapor:</p><p class="sms-preview"></p><p class="hint sms-length"></p></div>`;
    case 'switch':
      return html`<label class="choice"><input id="${id}" type="checkbox"${value ? html` checked` : ''} aria-describedby="${id}-help ${id}-error"> Ya</label>`;
    case 'choice':
      return html`<select id="${id}" aria-describedby="${id}-help ${id}-error">${options(input.options, String(value))}</select>`;
    case 'weekdays': {
      const days = value as number[];
      return html`<fieldset class="inline" aria-describedby="${id}-help ${id}-error"><legend class="visually-hidden">Hari kerja</legend>${WEEKDAYS.map(
        (name, i) =>
          html`<label class="choice"><input ${i === 0 ? html`id="${id}"` : ''} type="checkbox" value="${i + 1}"${days.includes(i + 1) ? html` checked` : ''}> ${name}</label>`,
      )}</fieldset>`;
    }
    case 'categories': {
      const chosen = value as string[];
      return html`<fieldset class="inline" aria-describedby="${id}-help ${id}-error"><legend class="visually-hidden">Kategori</legend>${CATEGORIES.map(
        (c, i) =>
          html`<label class="choice"><input ${i === 0 ? html`id="${id}"` : ''} type="checkbox" value="${c}"${chosen.includes(c) ? html` checked` : ''}> ${CATEGORY_LABELS[c]}</label>`,
      )}</fieldset>`;
    }
    case 'hours': {
      const h = value as { from: string; to: string };
      return html`<span class="unit-input"><input id="${id}" type="time" data-part="from" value="${h.from}" aria-label="Jam mulai" aria-describedby="${id}-help ${id}-error">
<span>sampai</span> <input id="${id}-to" type="time" data-part="to" value="${h.to === '24:00' ? '23:59' : h.to}" aria-label="Jam selesai"></span>`;
    }
    case 'list': {
      const rows = (value as string[]).length ? (value as string[]) : [];
      const row = (v: string) =>
        html`<li><input type="email" value="${v}" placeholder="${input.placeholder}" aria-label="Alamat email"> ${removeButton('alamat')}</li>`;
      return html`<ul class="rows" id="${id}" data-template="${row('').value}">${rows.map(row)}</ul>
<button type="button" data-add="${id}">Tambah alamat</button>`;
    }
    case 'holidays': {
      const row = (h: { date: string; name: string }) =>
        html`<li><input type="date" value="${h.date}" aria-label="Tanggal" data-part="date"> <input value="${h.name}" placeholder="mis. Cuti bersama Idul Fitri" aria-label="Keterangan" data-part="name"> ${removeButton('tanggal')}</li>`;
      return html`<ul class="rows" id="${id}" data-template="${row({ date: '', name: '' }).value}">${(value as { date: string; name: string }[]).map(row)}</ul>
<button type="button" data-add="${id}">Tambah tanggal</button> <a href="/holidays">Lihat semua hari libur setahun</a>`;
    }
    case 'deadlines': {
      const targets = value as Record<string, Record<string, Target>>;
      return html`<div class="deadline-table" id="${id}">${PRIORITIES.map(
        (p) =>
          html`<fieldset class="deadline-row" data-priority="${p}"><legend>${PRIORITY_LABELS[p]}</legend><div class="deadline-grid">${MILESTONES.map(
            ([m, label]) => {
              const t = targets[p]?.[m] ?? { workingDays: 1 };
              const [unit, amount] = Object.entries(t)[0] as [string, number];
              return html`<span class="unit-input" data-milestone="${m}"><label for="${id}-${p}-${m}">${label}</label>
<input id="${id}-${p}-${m}" type="number" step="0.5" min="0" value="${amount}"> <select aria-label="Satuan ${label} (${PRIORITY_LABELS[p]})">${options(TARGET_UNITS, unit)}</select></span>`;
            },
          )}</div></fieldset>`,
      )}</div>`;
    }
    case 'whatsapp-templates': {
      const entries = Object.entries(
        value as Record<string, { contentSid: string; variables?: Record<string, string> }>,
      );
      const row = (purpose: string, t: { contentSid: string; variables?: Record<string, string> }) =>
        html`<li><select aria-label="Jenis pesan" data-part="purpose">${options(input.purposes, purpose)}</select>
<input value="${t.contentSid}" placeholder="HX…" aria-label="ContentSid" data-part="contentSid">
<input value="${Object.entries(t.variables ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(
            '; ',
          )}" placeholder="1={reference}; 2={body}" aria-label="Variabel" data-part="variables"> ${removeButton('template')}</li>`;
      return html`<ul class="rows" id="${id}" data-template="${row('ack', { contentSid: '' }).value}">${entries.map(([p, t]) => row(p, t))}</ul>
<button type="button" data-add="${id}">Tambah template</button>`;
    }
  }
}

function field(key: SettingKey, value: unknown): Html {
  const d = SETTING_DEFINITIONS[key];
  const id = `s-${key}`;
  return html`<div class="field setting" data-key="${key}" data-kind="${d.input.kind}">
  <label for="${id}">${d.label}</label>
  ${control(id, d.input, value)}
  <p class="hint" id="${id}-help">${d.help}</p>
  <p class="field-error" id="${id}-error" role="alert"></p>
</div>`;
}

export function settingsBody(settings: Settings): Html {
  const groups = Object.entries(SETTING_GROUPS) as [SettingGroup, string][];
  return html`<link rel="stylesheet" href="/assets/forms.css">
<h1>Pengaturan</h1>
<p class="lead">Perubahan berlaku untuk pesan baru dalam beberapa detik. Setiap perubahan dicatat di log audit.</p>
<form id="settings-form" class="settings-form" aria-label="Pengaturan" novalidate>
${groups.map(
  ([group, title]) =>
    html`<fieldset class="settings-group"><legend>${title}</legend>${SETTING_KEYS.filter((k) => SETTING_DEFINITIONS[k].group === group).map((k) => field(k, settings[k]))}</fieldset>`,
)}
<div class="buttons"><button type="submit">Simpan pengaturan</button></div>
<p class="form-error" role="alert"></p><p class="saved" role="status" aria-live="polite"></p>
</form>
<script src="/assets/settings-form.js" defer></script>`;
}
