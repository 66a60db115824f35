/** Kysely table interfaces: one per table in sql/, columns as PostgreSQL returns them through pg. */

import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Channel } from '../core/channel';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** pg returns bigint as a string; ids travel as strings everywhere (the JSON API says so too). */
type Id = ColumnType<string, never, never>;
type Ref = ColumnType<string, string | number, string | number>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface UsersTable {
  id: Id;
  email: string;
  name: Generated<string>;
  role: 'admin' | 'operator' | 'viewer';
  password_hash: string | null;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ContactsTable {
  id: Id;
  kind: 'phone' | 'email' | 'other';
  address: string;
  name: string | null;
  /** Email contacts: a phone number they wrote, a second way to reach them (E.164). */
  phone: string | null;
  last_inbound_at: Timestamp | null;
  last_inbound_channel: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type RawMessageState = 'received' | 'processed' | 'unreadable';

export interface RawMessagesTable {
  id: Id;
  channel: Channel;
  provider: string;
  external_id: string;
  received_at: Timestamp;
  from_address: Generated<string>;
  to_address: string | null;
  subject: string | null;
  payload: Json<Record<string, unknown>>;
  raw_source: Buffer | null;
  size_bytes: number | null;
  state: Generated<RawMessageState>;
  kind: string | null;
  error: string | null;
  attempts: Generated<number>;
  contact_id: Ref | null;
  processed_at: Timestamp | null;
  /** When an email was moved out of its mailbox to IMAP_PROCESSED_FOLDER. */
  moved_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface IncidentsTable {
  id: Id;
  reference: string;
  status: Generated<'new' | 'verified' | 'in_progress' | 'resolved' | 'rejected'>;
  channel: string;
  category: string | null;
  category_confidence: Generated<number>;
  priority: Generated<'urgent' | 'high' | 'normal' | 'low'>;
  title: Generated<string>;
  summary: Generated<string>;
  kecamatan: string | null;
  kecamatan_code: string | null;
  kelurahan: string | null;
  kelurahan_code: string | null;
  rt: string | null;
  rw: string | null;
  street: string | null;
  location_text: string | null;
  latitude: number | null;
  longitude: number | null;
  occurred_at: Timestamp | null;
  received_at: Timestamp;
  keywords: Generated<string[]>;
  contact_id: Ref | null;
  first_raw_message_id: Ref | null;
  assignee_id: Ref | null;
  possible_duplicate_of: Ref | null;
  duplicate_of: Ref | null;
  machine: Json<Record<string, unknown>>;
  corrections: ColumnType<Record<string, unknown>, string | undefined, string>;
  message_count: Generated<number>;
  due_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  /** Inbound thread bodies for full text (sql/004), kept by a trigger. */
  search_text: Generated<string>;
  /** Generated tsvector (indonesian configuration); never written. */
  search_document: ColumnType<string, never, never>;
  /** sql/005: the alert acknowledged (stops the escalation), by whom (a user's or an officer's name). */
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  /** sql/005: milestones and their targets (response deadlines); due_at is the nearest unmet target. */
  verified_at: Timestamp | null;
  answered_at: Timestamp | null;
  resolved_at: Timestamp | null;
  verify_due_at: Timestamp | null;
  answer_due_at: Timestamp | null;
  resolve_due_at: Timestamp | null;
}

export interface IncidentMessagesTable {
  id: Id;
  incident_id: Ref;
  raw_message_id: Ref | null;
  direction: 'in' | 'out';
  channel: string;
  from_address: string | null;
  to_address: string | null;
  body: Generated<string>;
  html: string | null;
  email_message_id: string | null;
  at: Timestamp;
  created_at: CreatedAt;
  /** A staff reply's outbox row (sql/004): its state is the delivery state shown in the thread. */
  outbound_message_id: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  /** sql/011: how an inbound message found this incident (src/processors/thread-join.ts). */
  join_reason: ColumnType<JoinReason | null, string | null | undefined, string | null>;
  /** sql/011: why no automatic answer went to this message (the loop and cost guard). */
  unanswered_reason: UnansweredReason | null;
  /** sql/015: when an app reporter first saw this staff reply in the app. */
  app_seen_at: Timestamp | null;
}

/** How an inbound message joined a thread; `minutes` after the incident's first message. */
export interface JoinReason {
  by: 'follow_up' | 'reference' | 'email_reply' | 'location' | 'status';
  minutes?: number;
  /** The channel of the incident's first message (a follow-up may come by another one). */
  firstChannel?: string;
}

export type UnansweredReason = 'reporter_cap' | 'question_cap' | 'not_a_person' | 'too_old';

export interface AttachmentsTable {
  id: Id;
  raw_message_id: Ref;
  incident_message_id: Ref | null;
  position: number;
  filename: string | null;
  content_type: string | null;
  size: Generated<number>;
  content: Buffer | null;
  sha256: string | null;
  error: string | null;
  created_at: CreatedAt;
}

export type OutboundPurpose =
  | 'ack'
  | 'status_answer'
  | 'question_answer'
  | 'reply'
  | 'alert'
  | 'forward'
  | 'summary'
  | 'otp';

export interface OutboundMessagesTable {
  id: Id;
  dedupe_key: string | null;
  incident_id: Ref | null;
  raw_message_id: Ref | null;
  purpose: OutboundPurpose;
  channel: 'sms' | 'whatsapp' | 'email';
  transport: string | null;
  to_address: string;
  subject: string | null;
  body: string;
  state: Generated<string>;
  provider_message_id: string | null;
  error: string | null;
  created_by: Ref | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  sent_at: Timestamp | null;
  /** sql/002: the id the SMSSync phone confirms a message by (task=send / task=sent). */
  gateway_uuid: Generated<string>;
  /** sql/002: handed to the phone until then; afterwards handed out again unless confirmed. */
  gateway_leased_until: Timestamp | null;
  /** sql/008: when the last attempt to hand it to the provider began (null: never tried). */
  send_attempted_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Id;
  at: CreatedAt;
  user_id: Ref | null;
  action: string;
  incident_id: Ref | null;
  details: Json<Record<string, unknown>>;
}

export interface MailboxStateTable {
  mailbox: string;
  uid_validity: string | null;
  last_uid: ColumnType<string, string | number, string | number>;
  last_sync_at: Timestamp | null;
  last_error: string | null;
  updated_at: UpdatedAt;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_by: Ref | null;
  updated_at: UpdatedAt;
}

export interface SessionsTable {
  id_hash: string;
  user_id: Ref;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: UpdatedAt;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Id;
  user_id: Ref;
  name: Generated<string>;
  token_hash: string;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  expires_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface IncidentNotesTable {
  id: Id;
  incident_id: Ref;
  user_id: Ref | null;
  body: string;
  created_at: CreatedAt;
}

export interface IncidentHistoryTable {
  id: Id;
  incident_id: Ref;
  user_id: Ref | null;
  kind: string;
  from_value: Json<unknown> | null;
  to_value: Json<unknown> | null;
  at: CreatedAt;
}

export interface StakeholdersTable {
  id: Id;
  name: string;
  agency: Generated<string>;
  channel: 'sms' | 'whatsapp' | 'email';
  phone: string | null;
  email: string | null;
  categories: Generated<string[]>;
  kecamatan_codes: Generated<string[]>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DutyRosterTable {
  id: Id;
  position: Generated<number>;
  name: string;
  phone: string | null;
  email: string | null;
  channel: Generated<'sms' | 'whatsapp' | 'email'>;
  days: Generated<number[]>;
  /** "HH:MM:SS" as pg returns `time`. */
  from_time: string | null;
  to_time: string | null;
  created_at: CreatedAt;
  /** sql/005 */
  whatsapp: string | null;
  active: Generated<boolean>;
  updated_at: UpdatedAt;
}

/** sql/005: a dated exception to a person's weekly pattern. */
export interface DutyExceptionsTable {
  id: Id;
  roster_id: Ref;
  /** pg parses `date` into a local-midnight Date: the repo reads it with to_char as "YYYY-MM-DD" instead. */
  date: ColumnType<Date | string, string, string>;
  on_duty: boolean;
  from_time: string | null;
  to_time: string | null;
  note: Generated<string>;
  created_at: CreatedAt;
}

/** sql/005: who was alerted about an incident, at which escalation level. */
export interface IncidentAlertsTable {
  id: Id;
  incident_id: Ref;
  roster_id: Ref | null;
  level: number;
  outbound_message_id: Ref | null;
  created_at: CreatedAt;
}

/** sql/005: an incident forwarded to a stakeholder. */
export interface ForwardsTable {
  id: Id;
  incident_id: Ref;
  stakeholder_id: Ref;
  user_id: Ref | null;
  note: Generated<string>;
  include_reporter: Generated<boolean>;
  outbound_message_id: Ref | null;
  incident_message_id: Ref | null;
  created_at: CreatedAt;
}

/** sql/015: RT/RW heads, lurah offices and FKDM members registered by the office. */
export interface ReportersTable {
  id: Id;
  name: string;
  phone: string;
  role: 'ketua_rt' | 'ketua_rw' | 'lurah' | 'fkdm';
  kecamatan: string | null;
  kecamatan_code: string | null;
  kelurahan: string;
  kelurahan_code: string;
  rt: string | null;
  rw: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** sql/015: sign-in codes of the app, hashed. */
export interface AppSignInCodesTable {
  id: Id;
  phone: string;
  code_hash: string;
  salt: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  outbound_message_id: Ref | null;
  created_at: CreatedAt;
}

/** sql/015: app sessions, keyed by the hash of the token the app keeps. */
export interface AppSessionsTable {
  id_hash: string;
  reporter_id: Ref;
  created_at: CreatedAt;
  last_seen_at: UpdatedAt;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

/** sql/015: photos posted with an app report, read by the app channel's preparer. */
export interface AppPhotosTable {
  id: Id;
  reporter_id: Ref;
  client_id: string;
  position: number;
  content_type: string;
  content: Buffer;
  created_at: CreatedAt;
}
/** sql/016: admin-issued keys of Open311 client systems (stored hashed). */
export interface Open311KeysTable {
  id: Id;
  name: string;
  key_hash: string;
  created_by: Ref | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** sql/016: a partner's webhook subscription. */
export interface WebhookSubscriptionsTable {
  id: Id;
  name: Generated<string>;
  url: string;
  secret: string;
  events: string[];
  trusted: Generated<boolean>;
  active: Generated<boolean>;
  created_by: Ref | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  deleted_at: Timestamp | null;
}

/** sql/016: the integration event outbox, written by triggers in the transaction of the change. */
export interface IntegrationEventsTable {
  id: Id;
  type: string;
  incident_id: Ref;
  details: Json<Record<string, unknown>>;
  created_at: CreatedAt;
  dispatched_at: Timestamp | null;
}

export type WebhookDeliveryState = 'pending' | 'delivered' | 'dead';

/** sql/016: one delivery of one event to one subscription. */
export interface WebhookDeliveriesTable {
  id: Id;
  subscription_id: Ref;
  event_id: Ref;
  event_type: string;
  body: string;
  state: Generated<WebhookDeliveryState>;
  attempts: Generated<number>;
  last_status: number | null;
  last_error: string | null;
  created_at: CreatedAt;
  last_attempt_at: Timestamp | null;
  delivered_at: Timestamp | null;
}

/** sql/012: a staff correction of category or priority, kept with the text as a labelled example. */
export interface LabelledExamplesTable {
  id: Id;
  incident_id: Ref;
  field: 'category' | 'priority';
  channel: string;
  text: string;
  machine_value: string | null;
  corrected_value: string | null;
  corrected_by: Ref | null;
  corrected_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** sql/012: the nightly evaluation of the rules on the stored corrections. */
export interface LearningReportsTable {
  id: Id;
  created_at: CreatedAt;
  examples: number;
  report: Json<Record<string, unknown>>;
}

export interface Database {
  reporters: ReportersTable;
  app_sign_in_codes: AppSignInCodesTable;
  app_sessions: AppSessionsTable;
  app_photos: AppPhotosTable;
  open311_keys: Open311KeysTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  integration_events: IntegrationEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  incident_notes: IncidentNotesTable;
  incident_history: IncidentHistoryTable;
  stakeholders: StakeholdersTable;
  duty_roster: DutyRosterTable;
  duty_exceptions: DutyExceptionsTable;
  incident_alerts: IncidentAlertsTable;
  forwards: ForwardsTable;
  settings: SettingsTable;
  users: UsersTable;
  contacts: ContactsTable;
  raw_messages: RawMessagesTable;
  incidents: IncidentsTable;
  incident_messages: IncidentMessagesTable;
  attachments: AttachmentsTable;
  outbound_messages: OutboundMessagesTable;
  audit_log: AuditLogTable;
  mailbox_state: MailboxStateTable;
  labelled_examples: LabelledExamplesTable;
  learning_reports: LearningReportsTable;
}

export type IncidentRow = Selectable<IncidentsTable>;
export type NewIncident = Insertable<IncidentsTable>;
export type IncidentUpdate = Updateable<IncidentsTable>;
export type RawMessageRow = Selectable<RawMessagesTable>;
export type OutboundMessageRow = Selectable<OutboundMessagesTable>;
export type UserRow = Selectable<UsersTable>;
export type StakeholderRow = Selectable<StakeholdersTable>;
export type DutyRosterRow = Selectable<DutyRosterTable>;
export type ForwardRow = Selectable<ForwardsTable>;
export type ReporterRow = Selectable<ReportersTable>;
