/**
 * A refusal the caller can act on, thrown by the staff actions, the follow-up and the channels' handlers without
 * knowing who asked: http/ turns each kind into its status (style rule 11). The message is read by staff or
 * reporters, so it is written in Bahasa Indonesia; the code is for programs.
 */
export type DomainErrorKind =
  /** The input is wrong: the caller must change it. */
  | 'invalid'
  /** The caller has not shown who it is. */
  | 'unauthenticated'
  /** The caller may not do this. */
  | 'forbidden'
  | 'not_found'
  /** The input is fine but the current state does not allow it. */
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  /** Something this depends on is away for now: try again later. */
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
