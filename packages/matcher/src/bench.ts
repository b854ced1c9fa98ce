// Timing script (not a test: shared machines are too noisy for time bounds in CI).
// Run: node packages/matcher/src/bench.ts
import { NOW, makeProfile } from './fixtures.test-support.ts';
import { prepareListing } from './prepare-listing.ts';
import { prepareProfile } from './prepare-profile.ts';
import { rankListings } from './rank.ts';
import { buildProfileIndex, matchListingAgainstProfiles } from './reverse.ts';
import { syntheticListings, syntheticProfiles } from './synthetic.test-support.ts';

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const listings = syntheticListings(50_000, 3);
const prepMs = time(() => listings.forEach(prepareListing));
const profile = prepareProfile(makeProfile({ credentials: [{ id: 'CCS' }], experience: [{ area: 'coding', years: 4 }] }), { now: NOW });
rankListings(profile, listings, { now: NOW });
const runs = Array.from({ length: 5 }, () => time(() => rankListings(profile, listings, { now: NOW, limit: 50 })));
console.log(`prepare 50k listings ${prepMs.toFixed(0)} ms; rankListings 50k: ${runs.map((r) => r.toFixed(0)).join('/')} ms`);

const profiles = syntheticProfiles(100_000, 5);
let index!: ReturnType<typeof buildProfileIndex>;
const indexMs = time(() => { index = buildProfileIndex(profiles, { now: NOW }); });
const batch = syntheticListings(200, 9);
batch.forEach(prepareListing);
let matches = 0;
const matchMs = time(() => {
  for (const listing of batch) matches += matchListingAgainstProfiles(listing, profiles, { now: NOW, index }).length;
});
console.log(`index 100k profiles ${indexMs.toFixed(0)} ms; 200 listings ${matchMs.toFixed(0)} ms, ${matches} matches (${(matchMs / 200).toFixed(1)} ms/listing)`);
