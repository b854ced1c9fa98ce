import type { BoardInfo, SamplePosting } from '@himatch/samples';
import type { Catalog } from './catalog.ts';
import { json, type Reply, type Settings } from './http.ts';
import { greenhouseId } from './formats/greenhouse.ts';
import { leverId } from './formats/lever.ts';
import { ashbyId } from './formats/ashby.ts';
import { smartRecruitersId } from './formats/smartrecruiters.ts';
import { WORKDAY_SITE, workdayPath } from './formats/workday.ts';
import { usajobsId } from './formats/usajobs.ts';
import { indeedReference } from './formats/feeds.ts';
import { BROKEN_PAGE_ID } from './formats/jsonld-site.ts';
import { icimsId, icimsPath } from './formats/icims.ts';

// /_boards (source configs for the CLI demo) and /_truth (ground truth for eval/tests).
// The crawler never reads either.

export const USAJOBS_EMAIL = 'demo@himatch.invalid';

export function sourceConfig(board: BoardInfo, base: string, settings: Settings): Record<string, unknown> {
  switch (board.kind) {
    case 'jsonld-site': return { baseUrl: base, employer: 'Mercy Valley Health', jobPathPattern: '^/careers/jobs/' };
    case 'greenhouse': return { baseUrl: `${base}/greenhouse`, boardToken: board.slug };
    case 'lever': return { baseUrl: `${base}/lever`, site: board.slug };
    case 'ashby': return { baseUrl: `${base}/ashby`, board: board.slug };
    case 'smartrecruiters': return { baseUrl: `${base}/smartrecruiters`, company: board.slug };
    case 'workday': return { baseUrl: `${base}/workday`, tenant: board.slug, site: WORKDAY_SITE };
    case 'icims': return { baseUrl: `${base}/icims`, sitemapUrl: `${base}/icims/sitemap.xml` };
    case 'usajobs': return { baseUrl: `${base}/usajobs`, apiKey: settings.usajobsApiKey, userAgentEmail: USAJOBS_EMAIL, series: ['0675', '0669', '0640', '0671'], resultsPerPage: 25 };
    case 'rss': return { feedUrl: board.variant === 'atom' ? `${base}/feeds/atom/${board.slug}.atom` : `${base}/feeds/rss/${board.slug}.xml` };
    default: return { feedUrl: `${base}/feeds/indeed/${board.slug}.xml` };
  }
}

/** The id and URL a crawler is expected to record for this posting on this board. */
export function externalRef(board: BoardInfo, p: SamplePosting, base: string): { externalId: string; url: string } {
  switch (board.kind) {
    case 'jsonld-site': return { externalId: p.requisitionId, url: `${base}/careers/jobs/${encodeURIComponent(p.id)}` };
    case 'greenhouse': return { externalId: String(greenhouseId(p)), url: `${base}/greenhouse/v1/boards/${board.slug}/jobs/${greenhouseId(p)}` };
    case 'lever': return { externalId: leverId(p), url: `${base}/lever/v0/postings/${board.slug}/${leverId(p)}` };
    case 'ashby': return { externalId: ashbyId(p), url: `${base}/ashby/jobs/${board.slug}/${ashbyId(p)}` };
    case 'smartrecruiters': return { externalId: smartRecruitersId(p), url: `${base}/smartrecruiters/v1/companies/${board.slug}/postings/${smartRecruitersId(p)}` };
    case 'workday': return { externalId: workdayPath(p), url: `${base}/workday/wday/cxs/${board.slug}/${WORKDAY_SITE}${workdayPath(p)}` };
    case 'icims': return { externalId: icimsId(p), url: `${base}${icimsPath(p)}?in_iframe=1` };
    case 'usajobs': return { externalId: usajobsId(p), url: `${base}/usajobs/job/${usajobsId(p)}` };
    case 'indeed-xml': return { externalId: indeedReference(p), url: `${base}/feeds/jobs/${encodeURIComponent(p.id)}` };
    default: return { externalId: board.variant === 'atom' ? `urn:harborpoint:job:${p.id}` : p.id, url: `${base}/feeds/jobs/${encodeURIComponent(p.id)}` };
  }
}

export function boardsReply(catalog: Catalog, base: string, settings: Settings): Reply {
  const boards = catalog.boards.map((b) => ({
    key: b.key, kind: b.kind, name: b.name, postings: catalog.byBoard[b.key]?.length ?? 0, config: sourceConfig(b, base, settings),
  }));
  const gh = catalog.boards.find((b) => b.kind === 'greenhouse');
  const quirks = gh ? ['rate-limited', 'slow', 'garbage'].map((q) => ({
    key: `${gh.key}-${q}`, kind: gh.kind, name: `${gh.name} [${q}]`, quirk: q,
    config: sourceConfig(gh, `${base}/quirks/${q}`, settings),
  })) : [];
  // A Lever board whose first page answers and every later page is a 500.
  const lever = catalog.boards.find((b) => b.kind === 'lever');
  if (lever) {
    quirks.push({
      key: `${lever.key}-broken-paging`, kind: lever.kind, name: `${lever.name} [broken-paging]`, quirk: 'broken-paging',
      config: { ...sourceConfig(lever, `${base}/quirks/broken-paging`, settings), pageSize: 5 },
    });
  }
  return json(200, { seed: catalog.options.seed, generation: catalog.options.generation, boards, quirks });
}

export function truthReply(catalog: Catalog, base: string): Reply {
  const placement = new Map(catalog.placements.map((p) => [p.postingId, p.boards]));
  const postings = catalog.postings.map((p) => {
    const boards = placement.get(p.id) ?? [];
    const refs = boards.map((key) => {
      const board = catalog.boards.find((b) => b.key === key);
      return board ? { board: key, kind: board.kind, ...externalRef(board, p, base) } : null;
    }).filter((r) => r !== null);
    const { descriptionHtml: _omit, ...rest } = p;
    return { ...rest, boards, refs };
  });
  return json(200, {
    seed: catalog.options.seed, count: catalog.options.count, generation: catalog.options.generation, now: catalog.options.now,
    postings, dropped: catalog.dropped, changed: catalog.changed,
    malformed: [{ board: 'mercy-valley', url: `${base}/careers/jobs/${BROKEN_PAGE_ID}`, reason: 'broken JSON-LD' }],
  });
}
