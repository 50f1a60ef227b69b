// `npm run cli -- ask [--json] "<question>"`: answers a policy question from the knowledge base.
// With --json it prints exactly one JSON object:
//   {"answer": string, "confident": boolean,
//    "citations": [{"document": string, "citation": string, "score": number, "source": "official" | "curated"}]}
// with the best citation first.
import type { Command } from 'commander';
import { logger } from '../../services/platform/logger.js';
import { createPolicyAnswerer, type PolicyAnswer } from '../../services/knowledge/policy-answerer.js';
import { withCliDatabase } from './cli-database.js';

export interface AskJson {
  answer: string;
  confident: boolean;
  citations: Array<{ document: string; citation: string; score: number; source: 'official' | 'curated' }>;
}

export function toAskJson(a: PolicyAnswer): AskJson {
  return {
    answer: a.answer,
    confident: a.confident,
    citations: a.citations.map((c) => ({ document: c.document, citation: c.citation, score: c.score, source: c.source })),
  };
}

export function registerAskCommand(program: Command): void {
  program
    .command('ask')
    .argument('<question...>', 'câu hỏi về Nghị định 73/2023/NĐ-CP, Quy định 32-QĐ/TU, công văn triển khai')
    .option('--json', 'in một đối tượng JSON {answer, confident, citations}')
    .description('Hỏi đáp về chính sách, trích dẫn điều khoản')
    .action(async (words: string[], flags: { json?: boolean }) => {
      // Logs go to stdout: keep them out of the JSON a script reads.
      if (flags.json) logger.level = 'silent';
      const question = words.join(' ');
      await withCliDatabase(async (db) => {
        const answerer = createPolicyAnswerer(db.dataSource);
        const a = await answerer.answer(question);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(toAskJson(a))}\n`);
          return;
        }
        process.stdout.write(`${a.answer}\n`);
        if (a.citations.length) {
          process.stdout.write('\nCăn cứ:\n');
          for (const c of a.citations) {
            process.stdout.write(
              `  • ${c.citation} (${c.source === 'official' ? 'văn bản chính thức' : 'tóm tắt của trợ lý'}; điểm ${c.score})\n`,
            );
          }
        }
      });
    });
}
