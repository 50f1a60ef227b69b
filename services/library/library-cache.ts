// The library's plans between two cards. similarTo read every plan of the library and ran it through the
// Vietnamese analyzer for each review card and each decider's card: about 4 s at 2,000 plans (see
// bench/library-similar-bench.ts). One snapshot per process, and each plan's analysed terms with it, reused
// while the library's version is the same. The version is one cheap aggregate query run on every use, so a
// change made on another replica is seen at once (no in-process invalidation to miss): a plan entering the
// library (approval; nothing leaves it, APPROVED_STATUSES is closed under the transitions) changes the
// count, every transition bumps the version and updated_at, an evaluation concluded moves the evaluation
// row, a unit renamed or an officer changed (name, "active", erasure) moves theirs. Bounded: one snapshot.
import type { DataSource } from 'typeorm';
import { APPROVED_STATUSES } from '../proposals/proposal-state-machine.js';
import { libraryRecords, type LibraryRecord } from './library-entries.js';
import { ideaText, termsOf, type Terms } from './similar-plans.js';

const VERSION = `
  SELECT concat_ws('|',
    (SELECT concat_ws(':', count(*), sum(version), max(updated_at)) FROM proposal WHERE status = ANY($1) AND code IS NOT NULL),
    (SELECT concat_ws(':', count(*), max(updated_at)) FROM evaluation),
    (SELECT concat_ws(':', count(*), max(updated_at)) FROM officer),
    (SELECT concat_ws(':', count(*), max(updated_at)) FROM unit)) AS version`;

/** What the library's content depends on, as one string: equal strings, same library. */
async function libraryVersion(ds: DataSource): Promise<string> {
  const rows = (await ds.query(VERSION, [[...APPROVED_STATUSES]])) as { version: string }[];
  return rows[0]?.version ?? '';
}

export class LibraryCache {
  private snapshot?: { version: string; records: Promise<LibraryRecord[]> };
  /** Each cached record's terms, computed once; dropped with the snapshot's records. */
  private readonly terms = new WeakMap<LibraryRecord, Terms>();
  /** How many times the library was read from the database (for the tests). */
  loads = 0;

  constructor(private readonly ds: DataSource) {}

  /** Every plan of the library, newest first: the snapshot while the version holds, else read again. */
  async records(): Promise<LibraryRecord[]> {
    const version = await libraryVersion(this.ds);
    if (this.snapshot?.version !== version) {
      this.loads++;
      const records = libraryRecords(this.ds);
      this.snapshot = { version, records };
      // A failed read is not kept: the next card tries again.
      records.catch(() => {
        if (this.snapshot?.records === records) this.snapshot = undefined;
      });
    }
    return this.snapshot.records;
  }

  /** The idea terms of a record of the snapshot. */
  termsOf(record: LibraryRecord): Terms {
    let terms = this.terms.get(record);
    if (!terms) {
      terms = termsOf(ideaText(record.plan));
      this.terms.set(record, terms);
    }
    return terms;
  }
}
