/**
 * The reading against our own labelled sets (test/normalize/labelled/, the shared eval's format):
 * - tuning.jsonl: the messages the rules are tuned on (`misses.ts` lists their misses). It holds all three earlier
 *   held-out sets, whose misses have been looked at while tuning: ids `ho…` since the morning of 2026-11-29, the
 *   210 `hn…` messages since the evening of that day, and the 260 `hf…` messages (written by another person from
 *   the taxonomy) since later that evening;
 * - heldout.jsonl: 260 messages (ids `hx…`) written late on 2026-11-29 from the taxonomy by a third person who never
 *   saw the rules; only its aggregate scores are read, never its misses.
 * The targets of the office: category ≥ 95 %, urgency ≥ 95 %, kind ≥ 98 %, kelurahan ≥ 98 %. Where the held-out
 * set does not reach a target, the test asserts what the rules truly reach, so that a regression still fails; the
 * test names carry the scores.
 */
import { type Field, percent, readSet, scoreSet } from './labelled/score-set';

const TARGETS: Partial<Record<Field, number>> = { category: 0.95, urgent: 0.95, kind: 0.98, kelurahan: 0.98 };
/**
 * Held-out scores for the targets not reached (rounded down), measured on the `hx…` set on 2026-11-29: kind 237/260,
 * category 186/200, urgency 174/200 with the rules before the third round; kind 240/260, category 187/200, urgency
 * 176/200 after it (these floors).
 */
const HELD_OUT_REACHED: Partial<Record<Field, number>> = { kind: 0.923, category: 0.935, urgent: 0.88 };

const tuning = scoreSet(readSet('tuning.jsonl'));
const heldOut = scoreSet(readSet('heldout.jsonl'));

describe('tuning set', () => {
  test.each(
    Object.entries(TARGETS).map(
      ([field, target]) =>
        [`${field}: ${percent(tuning[field as Field])}, target ${target * 100} %`, field, target] as const,
    ),
  )('%s', (_name, field, target) => {
    expect(tuning[field as Field].share).toBeGreaterThanOrEqual(target);
  });
});

describe('held-out set', () => {
  test.each(
    Object.entries(TARGETS).map(([field, target]) => {
      const s = heldOut[field as Field];
      const floor = HELD_OUT_REACHED[field as Field] ?? target;
      return [
        `${field}: ${percent(s)}, target ${target * 100} %${floor < target ? `, reached ${floor * 100} %` : ''}`,
        s.share,
        floor,
      ] as const;
    }),
  )('%s', (_name, share, floor) => {
    expect(share).toBeGreaterThanOrEqual(floor);
  });
});
