/** The OpenAPI document as a readable page: operations by tag, who may call them, parameters, bodies, answers. */
import { type Html, html } from '../pages/html';
import type { OpenApiDocument } from './openapi-document';

type Op = {
  summary?: string;
  description?: string;
  tags?: string[];
  'x-roles'?: string[];
  'x-undescribed'?: boolean;
  parameters?: { name: string; in: string; required: boolean; description?: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description?: string; $ref?: string; content?: Record<string, { schema: unknown }> }>;
};

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

function operationCard(method: string, path: string, op: Op): Html {
  const roles = op['x-roles'] ?? [];
  return html`<section class="card api-op" id="${method}-${path}">
<h3><code>${method.toUpperCase()} ${path}</code></h3>
<p>${op.summary ?? ''}${op['x-undescribed'] ? html` <span class="badge overdue">belum dideskripsikan</span>` : ''}</p>
${op.description ? html`<p class="muted">${op.description}</p>` : ''}
<p><strong>Akses:</strong> ${roles.length ? roles.join(', ') : 'publik'}</p>
${
  op.parameters?.length
    ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="Tabel (geser ke samping di layar kecil)"><table><thead><tr><th scope="col">Parameter</th><th scope="col">Di</th><th scope="col">Wajib</th><th scope="col">Keterangan</th></tr></thead>
<tbody>${op.parameters.map((p) => html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.required ? 'ya' : 'tidak'}</td><td>${p.description ?? ''}</td></tr>`)}</tbody></table></div>`
    : ''
}
${op.requestBody ? html`<details><summary>Isi permintaan (JSON Schema)</summary><pre>${pretty(op.requestBody.content['application/json']?.schema)}</pre></details>` : ''}
<ul>${Object.entries(op.responses).map(
    ([status, r]) =>
      html`<li><strong>${status}</strong> ${r.description ?? (r.$ref ? r.$ref.split('/').pop() : '')}${
        r.content
          ? html`<details><summary>${Object.keys(r.content).join(', ')}</summary><pre>${pretty(Object.values(r.content)[0]?.schema)}</pre></details>`
          : ''
      }</li>`,
  )}</ul>
</section>`;
}

export function apiDocsBody(doc: OpenApiDocument): Html {
  const byTag = new Map<string, [string, string, Op][]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods) as [string, Op][]) {
      const tag = op.tags?.[0] ?? 'Belum dideskripsikan';
      byTag.set(tag, [...(byTag.get(tag) ?? []), [method, path, op]]);
    }
  }
  return html`<h1>Dokumentasi API</h1>
<p>API JSON untuk petugas dan skrip. Masuk dengan <code>POST /api/session</code> (cookie, lalu header <code>X-CSRF-Token</code> pada setiap perubahan) atau kirim <code>Authorization: Bearer hk_…</code> (token dari <code>halo token add</code>). Galat berbentuk <code>{"error": {"code", "message"}}</code>. Daftar dipaginasi dengan <code>limit</code> (1–200) dan <code>cursor</code> = <code>nextCursor</code> halaman sebelumnya.</p>
<p>Deskripsi mesin (OpenAPI 3.1): <a href="/api/openapi.json">/api/openapi.json</a>. Webhook dan Open311 untuk mitra dijelaskan di docs/integrations.md. Skema bernama: ${Object.keys(doc.components.schemas).join(', ')}.</p>
<nav aria-label="Kelompok"><ul class="api-tags">${[...byTag.keys()].map((t) => html`<li><a href="#tag-${t}">${t}</a></li>`)}</ul></nav>
${[...byTag.entries()].map(
  ([tag, ops]) =>
    html`<h2 id="tag-${tag}">${tag}</h2>${ops.map(([method, path, op]) => operationCard(method, path, op))}`,
)}
<h2>Skema</h2>
${Object.entries(doc.components.schemas).map(([name, schema]) => html`<details id="schema-${name}"><summary>${name}</summary><pre>${pretty(schema)}</pre></details>`)}`;
}
