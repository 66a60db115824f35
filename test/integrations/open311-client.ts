/**
 * An Open311 GeoReport v2 client written from the specification alone (wiki.open311.org/GeoReport_v2): it knows
 * nothing of Halo Kesbang but the base URL and its api_key. Form-encoded POST, `.json` or `.xml` by the path, a token
 * resolved through tokens/{token} when the server gives no id at once, errors as [{code, description}].
 */
import { XMLParser } from 'fast-xml-parser';

export interface Open311Answer<T> {
  status: number;
  contentType: string;
  body: string;
  data: T;
}

const xmlParser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error'].includes(name),
});

export class Open311Client {
  constructor(
    readonly baseUrl: string,
    readonly apiKey: string,
    readonly format: 'json' | 'xml' = 'json',
  ) {}

  private async call<T>(path: string, init?: RequestInit): Promise<Open311Answer<T>> {
    const res = await fetch(`${this.baseUrl}/${path}`, init);
    const body = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    const data = (this.format === 'json' ? JSON.parse(body) : xmlParser.parse(body)) as T;
    return { status: res.status, contentType, body, data };
  }

  services() {
    return this.call<unknown>(`services.${this.format}`);
  }

  serviceDefinition(code: string) {
    return this.call<unknown>(`services/${encodeURIComponent(code)}.${this.format}`);
  }

  postRequest(fields: Record<string, string>) {
    return this.call<unknown>(`requests.${this.format}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: this.apiKey, ...fields }).toString(),
    });
  }

  requests(query: Record<string, string> = {}) {
    const qs = new URLSearchParams(query).toString();
    return this.call<unknown>(`requests.${this.format}${qs ? `?${qs}` : ''}`);
  }

  request(id: string) {
    return this.call<unknown>(`requests/${encodeURIComponent(id)}.${this.format}`);
  }

  token(token: string) {
    return this.call<unknown>(`tokens/${encodeURIComponent(token)}.${this.format}`);
  }

  /** Posts and returns the service_request_id, resolving a token as the spec describes. */
  async submit(fields: Record<string, string>): Promise<string> {
    const posted = await this.postRequest(fields);
    if (posted.status !== 200 && posted.status !== 201) throw new Error(`POST ${posted.status}: ${posted.body}`);
    const [first] = this.rows(posted.data, 'service_requests', 'request') as Record<string, string>[];
    if (first?.service_request_id) return first.service_request_id;
    for (let i = 0; i < 100; i++) {
      const resolved = await this.token(first?.token ?? '');
      const [row] = this.rows(resolved.data, 'service_requests', 'request') as Record<string, string>[];
      if (row?.service_request_id) return row.service_request_id;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('token never resolved');
  }

  /** The list the spec returns: a JSON array, or `<root><item/>…</root>` in XML. */
  rows(data: unknown, root: string, item: string): Record<string, unknown>[] {
    if (this.format === 'json') return data as Record<string, unknown>[];
    const container = (data as Record<string, Record<string, unknown>>)[root];
    return (container?.[item] as Record<string, unknown>[]) ?? [];
  }
}
