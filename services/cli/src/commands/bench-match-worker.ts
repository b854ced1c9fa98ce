// A worker thread of the reverse-matching bench: builds its own profile index over the same
// deterministic profiles, then matches its share of the new listings when told to start.
import { parentPort, workerData } from 'node:worker_threads';
import { buildProfileIndex, matchListingForAlerts, type ListingWithId } from '@himatch/matcher';
import { benchProfiles } from './bench-match-data.ts';

interface Input { profiles: number; seed: number; listings: ListingWithId[]; nowMs: number }

const input = workerData as Input;
const now = new Date(input.nowMs);
const t0 = performance.now();
const index = buildProfileIndex(benchProfiles(input.profiles, input.seed), { now });
parentPort!.postMessage({ type: 'ready', indexMs: performance.now() - t0 });
parentPort!.once('message', () => {
  let verdicts = 0;
  let alerts = 0;
  const t1 = performance.now();
  for (const listing of input.listings) {
    for (const v of matchListingForAlerts(listing, index, { now })) {
      verdicts++;
      if (v.alert) alerts++;
    }
  }
  parentPort!.postMessage({ type: 'done', verdicts, alerts, matchMs: performance.now() - t1 });
});
