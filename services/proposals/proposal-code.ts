// A proposal's readable code as officers type it (given by proposal-submission-service.ts).

/** "DX-2026-0001", "đx-2026-1" → "ĐX-2026-0001"; null when it is not a proposal code. */
export function normaliseProposalCode(text: string): string | null {
  const m = text.trim().match(/^(?:đx|dx|ĐX|DX|Đx|Dx|dX|đX)[-\s]?(\d{4})[-\s]?(\d{1,6})$/i);
  if (!m) return null;
  return `ĐX-${m[1]}-${m[2]!.padStart(4, '0')}`;
}
