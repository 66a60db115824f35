/**
 * The normalizer: one raw message in, one NormalizedMessage out (docs/api.md, "Normalized message").
 * Pure: no IO, no clock, no environment. The caller loads the gazetteer once (`gazetteer-loader.ts`) and passes
 * it with the office time zone in the context.
 */
import type { Category, NormalizedMessage, NormalizedReporter, NormalizeInput } from '../core/normalized-message';
import { toE164 } from '../shared/phone-number';
import { categorize, categoryFromField, rootedWords } from './category';
import { questionTopic } from './conversation-signals';
import { parseEmailSender } from './email-sender';
import type { Gazetteer } from './gazetteer';
import { classifyKind, detectAutoReply } from './kind';
import { kindReasons, MAX_REASON_WORDS } from './kind-reasons';
import { extractLocation } from './location';
import { findPhoneInText } from './phone';
import { decidePriority } from './priority';
import { findReferenceCodes } from './reference-codes';
import { parseStructured } from './structured';
import { makeSummary } from './summary';
import { cleanText } from './text-cleanup';
import { extractOccurredAt } from './time';
import { makeTitle } from './title';

/** What the normalizer needs besides the message. */
export interface NormalizeContext {
  /** Built once per region (`loadGazetteer(REGION_CODE)`), reused for every message. */
  gazetteer: Gazetteer;
  /** IANA zone for relative times ("Asia/Makassar"). */
  timezone: string;
}

export type { Gazetteer } from './gazetteer';
export { buildGazetteer, findPlaces } from './gazetteer';
export { findReferenceCodes, newReferenceCode } from './reference-codes';

function readReporter(input: NormalizeInput, body: string): NormalizedReporter {
  if (input.channel === 'email') {
    const sender = parseEmailSender(input.from);
    return {
      phone: findPhoneInText(body),
      email: sender.email,
      name: sender.name ?? input.profileName?.trim() ?? null,
    };
  }
  const phone = toE164(input.from);
  return { phone, email: null, name: input.profileName?.trim() || null };
}

/** Drops "> quoted" reply lines when the sender wrote something of their own. */
function withoutQuotes(text: string): string {
  if (!text.includes('\n>')) return text;
  const own = text
    .split('\n')
    .filter((l) => !l.startsWith('>'))
    .join('\n')
    .trim();
  return own.split(/\s+/).length >= 5 ? own : text;
}

/**
 * How much of a message the normalizer reads. A report says what matters in its first lines; a 2 MB body (a
 * forwarded newsletter, a page of links) would hold the worker for seconds and tell nothing more. The whole body
 * is still stored and shown to staff.
 */
export const MAX_NORMALIZED_CHARS = 20_000;

/** Normalizes one message. Never throws on odd text; a missing body is read as empty. */
export function normalize(input: NormalizeInput, ctx: NormalizeContext): NormalizedMessage {
  const raw = cleanText(typeof input.text === 'string' ? input.text.slice(0, MAX_NORMALIZED_CHARS) : '');
  const subject = input.subject ? cleanText(input.subject.slice(0, MAX_NORMALIZED_CHARS)) : null;
  const structured = parseStructured(raw);
  const body = structured ? structured.body : withoutQuotes(raw);

  // A structured field that names a category exactly decides it; otherwise the field is read as free text.
  const fieldCategory: Category | null = structured ? categoryFromField(structured.category) : null;
  const analysisText = [
    subject ?? '',
    structured && !fieldCategory ? structured.category : '',
    structured ? structured.place : '',
    body,
  ]
    .filter(Boolean)
    .join('\n');
  const words = rootedWords(analysisText);
  const cat = categorize(analysisText, words);

  const reporter = readReporter(input, body);
  const referenceCodes = findReferenceCodes(subject ? `${subject}\n${raw}` : raw);
  const location = extractLocation(body, ctx.gazetteer, {
    placeField: structured?.place ?? null,
    subject,
    geo: input.geo ?? null,
  });

  const verdict =
    input.channel === 'email'
      ? detectAutoReply({ from: input.from, subject, text: raw, headers: input.headers })
      : { autoReply: false, doNotAutoReply: false, reason: null };
  const categoryScore = Math.max(0, ...Object.values(cat.scores));
  const kind = verdict.autoReply
    ? 'auto_reply'
    : structured
      ? 'report'
      : classifyKind(subject && input.channel === 'email' ? `${subject}\n${body}` : body, {
          referenceCodes,
          categoryScore: fieldCategory ? 10 : categoryScore,
          strongCategory: fieldCategory !== null || cat.strong.has(cat.category),
          placeNamed: location.kelurahan !== null || location.kecamatan !== null,
          alphanumericSender: input.channel !== 'email' && /[a-z]/i.test(input.from.replace(/^whatsapp:/i, '')),
        });

  const isReport = kind === 'report';
  const category: Category | null = isReport ? (fieldCategory ?? cat.category) : null;
  const categoryConfidence = !isReport ? 0 : fieldCategory ? 1 : cat.confidence;
  const keywords = isReport
    ? fieldCategory && fieldCategory !== cat.category
      ? [structured?.category.trim() ?? '']
      : cat.keywords
    : [];
  const lower = analysisText.toLowerCase();
  const decision = decidePriority(lower, { kind, category });
  const priority = decision.priority;
  const occurredAt = isReport ? extractOccurredAt(body, input.receivedAt, ctx.timezone) : null;
  const summary = makeSummary(body, input.channel === 'email' ? subject : null);
  const title = makeTitle({ kind, category, keywords, location, referenceCodes, subject, summary });

  const out: NormalizedMessage = {
    kind,
    category,
    categoryConfidence,
    priority,
    title,
    summary,
    location,
    occurredAt,
    reporter,
    referenceCodes,
    keywords: keywords.filter(Boolean),
    reasons: {
      kind: kindReasons({
        kind,
        text: subject ? `${subject}\n${body}` : body,
        referenceCodes,
        categoryKeywords: cat.allKeywords,
        place: location.kelurahan ?? location.kecamatan,
        autoReplyReason: verdict.reason,
        structured: structured !== null,
      }),
      category: keywords.filter(Boolean).slice(0, MAX_REASON_WORDS),
      priority: decision.words,
    },
  };
  if (kind === 'question') out.questionTopic = questionTopic(lower) ?? 'how_to_report';
  if (input.channel === 'email') out.doNotAutoReply = verdict.autoReply || verdict.doNotAutoReply;
  return out;
}
