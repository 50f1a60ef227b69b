// How officials shorten words on Zalo and in chat: "xl" xin lỗi, "tks" cảm ơn, "dc" được, "ko"/"k" không,
// "vs" với, "ntn" như thế nào, "bn" bao nhiêu, "j" gì, "r" rồi. The understanding step reads the folded
// words with these written out, so "xl nhầm" is an apology and "thủ tục ntn a" a question; stored
// answers are never rewritten. Left out on purpose: "đk" (điều kiện or được), "kg" (kilogram), "hỏng".

/** Folded abbreviation → the folded words it stands for. */
const EXPANSIONS = new Map<string, string[]>(
  Object.entries({
    xl: 'xin loi',
    xloi: 'xin loi',
    tks: 'cam on',
    thks: 'cam on',
    thx: 'cam on',
    camon: 'cam on',
    dc: 'duoc',
    ko: 'khong',
    k: 'khong',
    kh: 'khong',
    khg: 'khong',
    hok: 'khong',
    hem: 'khong',
    vs: 'voi',
    ntn: 'nhu the nao',
    j: 'gi',
    r: 'roi',
    z: 'vay',
    ng: 'nguoi',
    lm: 'lam',
    cx: 'cung',
    trc: 'truoc',
    bit: 'biet',
    bik: 'biet',
    e: 'em',
    ak: 'a',
    ah: 'a',
    nhiu: 'nhieu',
    oki: 'ok',
    okela: 'ok',
    okla: 'ok',
    oce: 'ok',
    okk: 'ok',
    nd73: 'nd 73',
    qd32: 'qd 32',
  }).map(([k, v]) => [k, v.split(' ')]),
);

/** "bn" is "bao nhiêu" in a question and "bạn" after a greeting or a thanks ("cảm ơn bn"). */
const BAN_AFTER = new Set(['on', 'chao', 'loi', 'cua', 'voi', 'cho']);

/**
 * The words with chat abbreviations written out. `fold` gives the folded form of a word of `words`
 * (identity for folded words), so that a list of accented words expands in step with the folded one.
 */
export function expandChatWords(words: string[], fold: (w: string) => string = (w) => w): string[] {
  const out: string[] = [];
  words.forEach((word, i) => {
    const key = fold(word);
    // "c.ơn", "c ơn": cảm ơn.
    if (key === 'c' && fold(words[i + 1] ?? '') === 'on') return void out.push('cam');
    if (key === 'bn') return void out.push(...(BAN_AFTER.has(fold(words[i - 1] ?? '')) ? ['ban'] : ['bao', 'nhieu']));
    const expansion = EXPANSIONS.get(key);
    if (expansion) out.push(...expansion);
    else out.push(word);
  });
  return out;
}
