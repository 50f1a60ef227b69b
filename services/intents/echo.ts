// Saying back what was understood: an amount in figures and in words ("350.000 đồng (ba trăm năm mươi
// nghìn đồng)"), so a misread "350.000" meant as 350 million is caught at once.
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const GROUPS = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ'];

/** Three digits in words; `full` reads leading zeros ("không trăm linh năm") inside a larger number. */
function threeDigits(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (h > 0 || full) words.push(DIGITS[h]!, 'trăm');
  if (t === 0 && u > 0 && (h > 0 || full)) words.push('linh');
  else if (t === 1) words.push('mười');
  else if (t > 1) words.push(DIGITS[t]!, 'mươi');
  if (u > 0) words.push(u === 1 && t > 1 ? 'mốt' : u === 5 && t > 0 ? 'lăm' : DIGITS[u]!);
  return words.join(' ');
}

/** 350000 → "ba trăm năm mươi nghìn"; 1200000000 → "một tỷ hai trăm triệu". */
export function numberInWords(value: bigint): string {
  if (value === 0n) return 'không';
  const groups: number[] = [];
  for (let v = value; v > 0n; v /= 1000n) groups.push(Number(v % 1000n));
  const parts: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    parts.push([threeDigits(g, i < groups.length - 1), GROUPS[i] ?? ''].filter(Boolean).join(' '));
  }
  return parts.join(' ');
}

/** Below this an amount is more likely a slip ("350.000" for 350 million) and is confirmed first. */
export const CONFIRM_AMOUNT_BELOW = 1_000_000n;
