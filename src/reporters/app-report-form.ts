/**
 * What the reporter chose in the app's form outranks what the normalizer guessed from the words: the category they
 * picked, "mendesak", the time they set. Pure.
 */
import { CATEGORIES, type Category, type NormalizedMessage } from '../core/normalized-message';

export function applyReportForm(n: NormalizedMessage, params: Record<string, string> = {}): NormalizedMessage {
  const category = CATEGORIES.includes(params.category as Category) ? (params.category as Category) : null;
  const occurredAt = params.occurredAt && !Number.isNaN(Date.parse(params.occurredAt)) ? params.occurredAt : null;
  return {
    ...n,
    // Sent with the report form: a report, even when its words are few ("banjir").
    kind: n.kind === 'status_query' ? n.kind : 'report',
    category: category ?? n.category,
    categoryConfidence: category ? 1 : n.categoryConfidence,
    priority: params.urgent === '1' ? 'urgent' : n.priority,
    occurredAt: occurredAt ? new Date(occurredAt).toISOString() : n.occurredAt,
  };
}
