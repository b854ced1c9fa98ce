import { createRng, deriveSeed } from './prng.ts';
import { BOARDS, STAFFING_AGENCIES, employerByName } from './employers.ts';
import type { BoardInfo, BoardKey, SamplePosting } from './types.ts';

export interface Placement {
  readonly postingId: string;
  readonly boards: readonly BoardKey[];
}

export interface BoardAssignment {
  readonly boards: readonly BoardInfo[];
  /** Postings each board serves (reposts included), in a stable order. */
  readonly byBoard: Readonly<Record<BoardKey, readonly SamplePosting[]>>;
  /** Where every posting (original or repost) appears; two boards = a cross-board duplicate. */
  readonly placements: readonly Placement[];
  /** Staffing-agency copies of real jobs: new postings whose truth.repostOf names the original. */
  readonly reposts: readonly SamplePosting[];
}

const FEEDS = BOARDS.filter((b) => b.multiEmployer && b.kind !== 'usajobs').map((b) => b.key);

function homeBoard(posting: SamplePosting): BoardKey {
  return employerByName(posting.employer)?.homeBoard ?? (posting.truth.federal ? 'usajobs' : 'indeed-feed');
}

function makeRepost(posting: SamplePosting, agency: string, reqNumber: number): SamplePosting {
  const intro = `<p>${agency} is partnering with a leading healthcare organization to fill this role. Our client is hiring immediately.</p>`;
  return {
    ...posting,
    id: `${posting.id}-r`,
    employer: agency,
    requisitionId: `AG-${reqNumber}`,
    descriptionHtml: posting.descriptionHtml.replace(/^<p>[^<]*<\/p>/, intro),
    truth: { ...posting.truth, repostOf: posting.id },
  };
}

/**
 * Decides which board(s) carry each posting. Decisions are per posting id, so a posting
 * keeps its boards across mutation generations.
 */
export function boardAssignment(postings: readonly SamplePosting[], seed: number): BoardAssignment {
  const byBoard: Record<BoardKey, SamplePosting[]> = Object.fromEntries(BOARDS.map((b) => [b.key, []]));
  const placements: Placement[] = [];
  const reposts: SamplePosting[] = [];
  for (const posting of postings) {
    const rng = createRng(deriveSeed(seed, `board:${posting.id}`));
    const home = homeBoard(posting);
    const boards = [home];
    const duplicateRoll = rng.next();
    const feed = rng.pick(FEEDS.filter((k) => k !== home));
    if (duplicateRoll < 0.08 && feed) boards.push(feed);
    for (const key of boards) byBoard[key]?.push(posting);
    placements.push({ postingId: posting.id, boards });
    const repostRoll = rng.next();
    const agency = rng.pick(STAFFING_AGENCIES);
    const reqNumber = rng.int(100000, 999999);
    const agencyFeed = rng.pick(FEEDS);
    if (repostRoll < 0.04 && posting.truth.isHit && !posting.truth.federal && duplicateRoll >= 0.08) {
      const repost = makeRepost(posting, agency, reqNumber);
      reposts.push(repost);
      byBoard[agencyFeed]?.push(repost);
      placements.push({ postingId: repost.id, boards: [agencyFeed] });
    }
  }
  return { boards: BOARDS, byBoard, placements, reposts };
}
