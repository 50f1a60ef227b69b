// Decree 73/2023/NĐ-CP Art. 8.1 (verified): voters are the head and the deputy heads, except a deputy who
// is the proposer; the plan passes with MORE than 50% in favour; on a tie the side the head voted with wins.
// Not in the facts page: whether "more than 50%" counts every eligible voter or only those who voted. That
// is the configured rule `decision.voteMajority.base` (default 'eligible', unverified): with 'eligible' a
// voter who has not voted counts among the voters (not in favour). A tie is as many for as against among
// the votes cast, whoever is absent (2–2 with one absent is a tie), and follows the head if the head voted.

export type MajorityBase = 'eligible' | 'cast';

export interface Ballot {
  isHead: boolean;
  choice: 'for' | 'against' | null;
}

export interface TallyResult {
  voters: number;
  inFavour: number;
  against: number;
  notVoting: number;
  headInFavour: boolean | null;
  tie: boolean;
  passed: boolean;
  allVoted: boolean;
}

export function tallyVotes(ballots: readonly Ballot[], base: MajorityBase = 'eligible'): TallyResult {
  const voters = ballots.length;
  const inFavour = ballots.filter((b) => b.choice === 'for').length;
  const against = ballots.filter((b) => b.choice === 'against').length;
  const head = ballots.find((b) => b.isHead);
  const headInFavour = head?.choice ? head.choice === 'for' : null;
  return tallyCounts({ voters, inFavour, against, headInFavour }, base);
}

/** The same rule on counts (an in-person meeting recorded by the head). */
export function tallyCounts(
  c: { voters: number; inFavour: number; against: number; headInFavour: boolean | null },
  base: MajorityBase = 'eligible',
): TallyResult {
  const notVoting = Math.max(0, c.voters - c.inFavour - c.against);
  const tie = c.inFavour > 0 && c.inFavour === c.against;
  const denominator = base === 'cast' ? c.inFavour + c.against : c.voters;
  const passed = tie ? c.headInFavour === true : denominator > 0 && c.inFavour * 2 > denominator;
  return {
    voters: c.voters,
    inFavour: c.inFavour,
    against: c.against,
    notVoting,
    headInFavour: c.headInFavour,
    tie,
    passed,
    allVoted: notVoting === 0,
  };
}
