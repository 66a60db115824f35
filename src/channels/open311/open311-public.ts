/**
 * A service request as the public sees it: status, category, kelurahan-level place and dates. Never the reporter,
 * never coordinates (they may be where the reporter lives), and the text only for categories the office opened
 * (setting `open311PublicTextCategories`), then as the summary with phone numbers and emails masked.
 */
import { maskText } from '../../auth/masking';
import { CATEGORY_LABELS, type Category } from '../../core/normalized-message';
import type { PublicRequestRow } from '../../db/repos/open311-requests';
import { AGENCY_RESPONSIBLE } from './open311-services';

const STATUS_NOTES: Record<PublicRequestRow['status'], string> = {
  new: 'Laporan diterima, menunggu verifikasi.',
  verified: 'Laporan sudah diverifikasi petugas.',
  in_progress: 'Laporan sedang ditangani.',
  resolved: 'Laporan selesai ditangani.',
  rejected: 'Laporan ditutup tanpa tindak lanjut.',
};

export interface PublicServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description?: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
}

export function publicServiceRequest(row: PublicRequestRow, textCategories: string[]): PublicServiceRequest {
  const code = (row.category ?? 'lainnya') as Category;
  const closed = row.status === 'resolved' || row.status === 'rejected';
  const place = [row.kelurahan && `Kel. ${row.kelurahan}`, row.kecamatan && `Kec. ${row.kecamatan}`]
    .filter(Boolean)
    .join(', ');
  return {
    service_request_id: row.reference,
    status: closed ? 'closed' : 'open',
    status_notes: STATUS_NOTES[row.status],
    service_name: CATEGORY_LABELS[code] ?? code,
    service_code: code,
    ...(row.category && textCategories.includes(row.category) ? { description: maskText(row.summary) } : {}),
    agency_responsible: AGENCY_RESPONSIBLE,
    service_notice: '',
    requested_datetime: row.received_at.toISOString(),
    updated_datetime: row.updated_at.toISOString(),
    expected_datetime: closed ? null : (row.resolve_due_at?.toISOString() ?? null),
    address: place ? `${place}, Kota Palopo` : 'Kota Palopo',
  };
}
