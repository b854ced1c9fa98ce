import { describe, expect, it } from 'vitest';
import { generatePostings } from './generate.ts';
import { boardAssignment } from './boards.ts';
import { mutate, mutateWithLog } from './mutate.ts';
import { STAFFING_AGENCIES } from './employers.ts';

describe('boardAssignment', () => {
  const postings = generatePostings({ seed: 5, count: 600 });
  const assignment = boardAssignment(postings, 5);

  it('puts most postings on one board and about 8% on two', () => {
    const originals = assignment.placements.filter((p) => !p.postingId.endsWith('-r'));
    expect(originals).toHaveLength(600);
    const doubles = originals.filter((p) => p.boards.length === 2);
    expect(doubles.length / 600).toBeGreaterThan(0.04);
    expect(doubles.length / 600).toBeLessThan(0.13);
    expect(doubles.every((p) => p.boards[0] !== p.boards[1])).toBe(true);
  });

  it('sends federal jobs to USAJOBS and Mercy Valley jobs to the JSON-LD site', () => {
    const usajobs = new Set(assignment.byBoard['usajobs']?.map((p) => p.id));
    for (const p of postings.filter((q) => q.truth.federal)) expect(usajobs.has(p.id)).toBe(true);
    expect(assignment.byBoard['mercy-valley']?.every((p) => p.employer === 'Mercy Valley Health')).toBe(true);
  });

  it('creates staffing-agency reposts of real HIT jobs under another employer', () => {
    expect(assignment.reposts.length).toBeGreaterThan(0);
    for (const repost of assignment.reposts) {
      const original = postings.find((p) => p.id === repost.truth.repostOf);
      expect(original?.truth.isHit).toBe(true);
      expect(STAFFING_AGENCIES).toContain(repost.employer);
      expect(repost.title).toBe(original?.title);
      expect(repost.id).not.toBe(original?.id);
    }
  });

  it('keeps a surviving posting on the same boards after a mutation', () => {
    const later = boardAssignment(mutate(postings, { generation: 1, seed: 5 }), 5);
    const before = new Map(assignment.placements.map((p) => [p.postingId, p.boards]));
    for (const placement of later.placements) expect(placement.boards).toEqual(before.get(placement.postingId));
  });
});

describe('mutate', () => {
  const postings = generatePostings({ seed: 11, count: 300 });

  it('changes nothing at generation 0', () => {
    expect(mutate(postings, { generation: 0 })).toEqual(postings);
  });

  it('drops and edits a few postings deterministically', () => {
    const { postings: next, log } = mutateWithLog(postings, { generation: 1, seed: 11 });
    expect(log.dropped.length).toBeGreaterThan(2);
    expect(log.changed.length).toBeGreaterThan(5);
    expect(next.length).toBe(postings.length - log.dropped.length);
    expect(mutate(postings, { generation: 1, seed: 11 })).toEqual(next);
    for (const id of log.changed) {
      const before = postings.find((p) => p.id === id);
      const after = next.find((p) => p.id === id);
      expect(after).not.toEqual(before);
      if (before?.salary && after?.salary) {
        expect(after.salary.max).toBeGreaterThan(before.salary.max);
        expect(after.descriptionHtml).not.toBe(before.descriptionHtml);
        expect(after.truth.salary).toEqual(after.salary);
      }
    }
  });

  it('accumulates disappearances over generations', () => {
    const one = mutateWithLog(postings, { generation: 1, seed: 11 }).log.dropped;
    const two = mutateWithLog(postings, { generation: 2, seed: 11 }).log.dropped;
    expect(two.length).toBeGreaterThan(one.length);
    expect(two.slice(0, one.length)).toEqual(one);
  });
});
