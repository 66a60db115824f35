/**
 * The words that decided a message's kind, for staff to see why a message became a report, a status query or was
 * left aside. Only words from the rules' own lists, codes and header names: never free text of the reporter (a
 * name or number must not travel into the reasons).
 */
import type { MessageKind } from '../core/normalized-message';
import { PROMO_RE, STATUS_WORDS_RE } from './kind';

export interface KindReasonInput {
  kind: MessageKind;
  /** The text the kind was read from (lowercase not needed). */
  text: string;
  referenceCodes: string[];
  /** The category keywords found (any category), strongest first. */
  categoryKeywords: string[];
  /** The kelurahan or kecamatan named, when one was. */
  place: string | null;
  /** Which header or sign made it an auto reply. */
  autoReplyReason: string | null;
  /** A structured KESBANG#…/LAPOR#… message. */
  structured: boolean;
}

/** At most this many words per field: enough to explain, short enough to read at a glance. */
export const MAX_REASON_WORDS = 4;

export function kindReasons(r: KindReasonInput): string[] {
  switch (r.kind) {
    case 'auto_reply':
      return r.autoReplyReason ? [r.autoReplyReason] : [];
    case 'status_query': {
      const asked = STATUS_WORDS_RE.exec(r.text)?.[0]?.toLowerCase();
      return [...r.referenceCodes, ...(asked ? [asked] : [])].slice(0, MAX_REASON_WORDS);
    }
    case 'report': {
      if (r.structured) return ['format KESBANG#/LAPOR#'];
      const words = r.categoryKeywords.slice(0, MAX_REASON_WORDS - (r.place ? 1 : 0));
      return r.place ? [...words, r.place] : words;
    }
    case 'noise': {
      const promo = PROMO_RE.exec(r.text.toLowerCase())?.[0];
      return promo ? [promo] : [];
    }
    default:
      return [];
  }
}
