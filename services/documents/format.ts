// Number and money formatting the Vietnamese way: '.' groups thousands, ',' marks decimals.

/** 1234567 → '1.234.567'; 1.5 → '1,5'. Up to `maxFractionDigits` decimals, no trailing zeros. */
export function formatNumberVN(n: number | bigint, maxFractionDigits = 2): string {
  if (typeof n === 'bigint') return groupThousands(n < 0n ? -n : n, n < 0n);
  if (!Number.isFinite(n)) throw new RangeError('Số không hợp lệ');
  const negative = n < 0;
  const fixed = Math.abs(n).toFixed(maxFractionDigits);
  const [intPart, frac = ''] = fixed.split('.');
  const trimmed = frac.replace(/0+$/, '');
  const grouped = groupThousands(BigInt(intPart), negative && (intPart !== '0' || trimmed !== ''));
  return trimmed ? `${grouped},${trimmed}` : grouped;
}

function groupThousands(abs: bigint, negative: boolean): string {
  const digits = abs.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return negative ? `-${digits}` : digits;
}

/** 150000000 → '150.000.000 đồng'. Rounded to the đồng (VND has no subunit in use). */
export function formatVND(amount: number | bigint): string {
  if (typeof amount === 'bigint') return `${formatNumberVN(amount)} đồng`;
  if (!Number.isFinite(amount)) throw new RangeError('Số tiền không hợp lệ');
  return `${formatNumberVN(Math.round(amount), 0)} đồng`;
}

/** x of y as a percentage with up to one decimal: 3 of 7 → '42,9%'. Empty string when y is 0. */
export function formatPercentVN(x: number, y: number): string {
  if (y <= 0) return '';
  return `${formatNumberVN((x * 100) / y, 1)}%`;
}
