// Decree 73/2023/NĐ-CP Art. 8.1 (verified): voters are the head and the deputy heads, except a deputy who
// is the proposer; the plan passes with MORE than 50% of the voters in favour; on a tie the side the head
// voted with wins. A voter who has not voted counts among the voters (not in favour).

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

export function tallyVotes(ballots: readonly Ballot[]): TallyResult {
  const voters = ballots.length;
  const inFavour = ballots.filter((b) => b.choice === 'for').length;
  const against = ballots.filter((b) => b.choice === 'against').length;
  const head = ballots.find((b) => b.isHead);
  const headInFavour = head?.choice ? head.choice === 'for' : null;
  return tallyCounts({ voters, inFavour, against, headInFavour });
}

/** The same rule on counts (an in-person meeting recorded by the head). */
export function tallyCounts(c: { voters: number; inFavour: number; against: number; headInFavour: boolean | null }): TallyResult {
  const notVoting = Math.max(0, c.voters - c.inFavour - c.against);
  // A tie: the voters split exactly in half (an even number, everyone voted).
  const tie = c.voters > 0 && c.inFavour === c.against && c.inFavour * 2 === c.voters;
  const passed = tie ? c.headInFavour === true : c.inFavour * 2 > c.voters;
  return { voters: c.voters, inFavour: c.inFavour, against: c.against, notVoting, headInFavour: c.headInFavour, tie, passed, allVoted: notVoting === 0 };
}
