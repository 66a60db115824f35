/**
 * A small semaphore around password hashing. One scrypt at OWASP's parameters takes 128 MiB and a thread of libuv's
 * pool for a good fraction of a second: forty logins at once took a real login to 10 s and the process from 190 MB
 * to 724 MB. A few run at a time; the excess is refused at once (the HTTP routes answer 429), never queued.
 */

export const HASH_SLOTS = 2;

export class HashBusyError extends Error {
  constructor() {
    super('password hashing is busy');
  }
}

let inUse = 0;

/** Runs `work` in a hashing slot, or throws HashBusyError at once when every slot is taken. */
export async function inHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (inUse >= HASH_SLOTS) throw new HashBusyError();
  inUse++;
  try {
    return await work();
  } finally {
    inUse--;
  }
}
