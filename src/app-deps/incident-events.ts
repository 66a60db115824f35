/**
 * "An incident was created or changed", heard by the API role of any process (the live list's event stream) when a
 * normalize worker in another process did it. Carries only the id, never content. runtime/ makes it over Redis.
 */
export interface IncidentEvents {
  /** One id, or a batch's ids in one pipeline (one round trip). */
  publish(incidentIds: string | readonly string[]): void;
  subscribe(listener: (incidentId: string) => void): () => void;
  close(): Promise<void>;
}
