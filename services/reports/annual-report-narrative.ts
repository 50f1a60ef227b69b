// The narrative parts of a unit's annual report (dissemination, training, recommendations) and its document
// number, written by the unit in the chat and stored per unit and year (annual_report).
import type { DataSource, EntityManager } from 'typeorm';
import { AnnualReport } from '../../entities/annual-report.entity.js';
import { checkYear } from './annual-report-scope.js';

export const NARRATIVE_PARTS = ['dissemination', 'training', 'recommendations'] as const;
export type NarrativePart = (typeof NARRATIVE_PARTS)[number];
export const NARRATIVE_MAX_LENGTH = 8000;

export interface Narrative {
  dissemination: string | null;
  training: string | null;
  recommendations: string | null;
  documentNumber: string | null;
  submittedAt: Date | null;
}

export async function getNarrative(source: DataSource | EntityManager, unitId: string, year: number): Promise<Narrative> {
  const row = await source.getRepository(AnnualReport).findOne({ where: { unitId, year } });
  return {
    dissemination: row?.dissemination ?? null,
    training: row?.training ?? null,
    recommendations: row?.recommendations ?? null,
    documentNumber: row?.documentNumber ?? null,
    submittedAt: row?.submittedAt ?? null,
  };
}

/** Stores one narrative part (upsert per unit and year). */
export async function setNarrative(
  source: DataSource | EntityManager,
  unitId: string,
  year: number,
  part: NarrativePart | 'documentNumber',
  text: string,
  officerId: string | null,
): Promise<void> {
  checkYear(year);
  const value = text.trim().slice(0, part === 'documentNumber' ? 32 : NARRATIVE_MAX_LENGTH) || null;
  const column = {
    dissemination: 'dissemination',
    training: 'training',
    recommendations: 'recommendations',
    documentNumber: 'document_number',
  }[part];
  await source.query(
    `INSERT INTO annual_report (unit_id, year, ${column}, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (unit_id, year) DO UPDATE SET ${column} = EXCLUDED.${column}, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [unitId, year, value, officerId],
  );
}
