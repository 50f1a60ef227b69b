// Greetings, thanks, goodbyes, apologies and acknowledgements: short whole messages, answered briefly.
// Matched on folded words with polite particles and addressees dropped, so "dạ em cảm ơn anh ạ" and
// "cam on bot nhieu nhe" both read as thanks.
import { foldedWords } from './question-signals.js';

export type SmallTalk = 'greeting' | 'thanks' | 'goodbye' | 'apology' | 'ack';

const CORES: [SmallTalk, string[]][] = [
  [
    'thanks',
    [
      'cam on',
      'cam on nhieu',
      'cam on rat nhieu',
      'cam on nhe',
      'thanks',
      'thank you',
      'thank',
      'thanks you',
      'tks',
      'thks',
      'thx',
      'camon',
      'cam ow',
      'ok cam on',
      'vang cam on',
      'cam on da giup',
      'cam on da ho tro',
      'many thanks',
    ],
  ],
  [
    'greeting',
    [
      'chao',
      'xin chao',
      'hello',
      'hi',
      'alo',
      'hey',
      'chao buoi sang',
      'chao buoi chieu',
      'chao buoi toi',
      'good morning',
      'good afternoon',
      'hi there',
      'chao ban',
      'a lo',
    ],
  ],
  [
    'goodbye',
    [
      'tam biet',
      'bye',
      'bye bye',
      'bai',
      'goodbye',
      'good bye',
      'hen gap lai',
      'chao tam biet',
      'see you',
      'thoi nhe chao',
      'thoi chao',
      'toi di day',
    ],
  ],
  [
    'apology',
    [
      'xin loi',
      'sorry',
      'sr',
      'xin loi nham',
      'go nham',
      'nham',
      'nham roi',
      'xin loi go nham',
      'xin loi toi go nham',
      'sorry nham',
      'loi',
      'xin loi nhe',
    ],
  ],
  [
    'ack',
    [
      'ok',
      'oke',
      'okie',
      'okay',
      'uh',
      'u',
      'um',
      'vang',
      'da',
      'da vang',
      'duoc',
      'duoc roi',
      'ro roi',
      'hieu',
      'hieu roi',
      'da hieu',
      'tot',
      'tot qua',
      'hay qua',
      'good',
      'great',
      'fine',
      'ok roi',
      'ok em',
      'ok anh',
    ],
  ],
];

// Words that carry no meaning in a short social message: particles, addressees, "bot".
const FILLER = new Set([
  'a',
  'nhe',
  'nha',
  'nhieu',
  'ban',
  'bot',
  'anh',
  'chi',
  'em',
  'toi',
  'minh',
  'tro',
  'ly',
  'doi',
  'moi',
  'ad',
  'admin',
  'so',
  'much',
  'very',
  'lam',
  'qua',
  'ne',
  'oi',
  'vay',
  'day',
  'voi',
  'da',
  'vang',
  'ok',
  'nhe',
  'roi',
  'nghe',
  'dong',
  'chi',
]);

const TABLE = new Map<string, SmallTalk>();
for (const [kind, phrases] of CORES) for (const p of phrases) TABLE.set(p, kind);

/** The kind of small talk a whole message is, or undefined. Long messages are never small talk. */
export function smallTalkOf(text: string): SmallTalk | undefined {
  const words = foldedWords(text);
  if (!words.length || words.length > 8) return undefined;
  const whole = words.join(' ');
  const direct = TABLE.get(whole);
  if (direct) return direct;
  const core = words.filter((w) => !FILLER.has(w)).join(' ');
  if (core && TABLE.has(core)) return TABLE.get(core);
  // "dạ vâng", "ok ạ": only fillers that are acknowledgements themselves.
  if (!core && words.some((w) => TABLE.get(w) === 'ack')) return 'ack';
  // "Cảm ơn, xin chào": the first social phrase found in a message made only of social words and fillers.
  for (const kind of ['thanks', 'apology', 'goodbye', 'greeting'] as SmallTalk[]) {
    const phrases = CORES.find(([k]) => k === kind)![1].filter((p) => p.includes(' ') || p.length > 2);
    const vocabulary = new Set(phrases.flatMap((p) => p.split(' ')));
    const hit = phrases.find((p) => ` ${core} `.includes(` ${p} `));
    if (
      hit &&
      core
        .replace(hit, '')
        .trim()
        .split(' ')
        .filter(Boolean)
        .every((w) => TABLE.has(w) || vocabulary.has(w))
    )
      return kind;
  }
  return undefined;
}
