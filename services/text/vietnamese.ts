// Vietnamese text helpers shared by intent recognition and retrieval.

/** NFC, lower case, collapsed whitespace. */
export function normalizeText(input: string): string {
  return input.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

/** Removes diacritics (đ → d) so "de xuat moi" matches "đề xuất mới". */
export function foldDiacritics(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Normalised and folded: the form used to compare user input with keywords. */
export function foldKey(input: string): string {
  return foldDiacritics(normalizeText(input));
}
