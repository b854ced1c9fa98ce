import { z } from 'zod';
import { PermanentError, type FetchedResponse, type RawPostingInput } from '@himatch/core';
import { parseJsonLdPage } from './jsonld-site.source.ts';
import { ResultBuilder, requireString } from '../util/collect.ts';
import { toIso } from '../util/dates.ts';
import { parseXmlBody, xmlText } from '../util/parse.ts';
import { request } from '../util/request.ts';
import { isObj, joinNonEmpty, list, obj, str, type Obj } from '../util/values.ts';
import type { AdapterResult, SourceAdapter } from '../types.ts';

const configSchema = z.object({
  /** The RSS 2.0 or Atom feed. */
  feedUrl: z.string().url(),
  /** Fetch an item's page for JSON-LD when the feed's description is shorter than this. */
  minDescriptionChars: z.number().int().min(0).default(200),
  fetchDetailPages: z.boolean().default(true),
  employer: z.string().optional(),
});
export type FeedConfig = z.infer<typeof configSchema>;

type FeedItem = RawPostingInput & { externalId: string };

/** RSS <item>: guid (else link) is the id. */
function mapRssItem(item: Obj, employer: string | null): FeedItem {
  const link = xmlText(list(item.link)[0]);
  return {
    externalId: requireString(xmlText(item.guid) ?? link, 'guid or link'),
    title: requireString(xmlText(item.title), 'title'),
    description: xmlText(item['content:encoded']) ?? xmlText(item.description) ?? '',
    employer,
    url: link,
    applyUrl: link,
    postedAt: toIso(xmlText(item.pubDate)) ?? toIso(xmlText(item['dc:date'])),
    department: xmlText(list(item.category)[0]),
  };
}

// Job feeds (Paycor's "newton:" namespace and the like) add prefixed elements; read
// the common ones by local name.
function extension(entry: Obj, localName: string): string | null {
  for (const [key, value] of Object.entries(entry)) {
    if (key.includes(':') && key.split(':')[1] === localName) return xmlText(value);
  }
  return null;
}

function atomLink(entry: Obj): string | null {
  const links = list(entry.link).filter(isObj);
  const alternate = links.find((l) => (str(l['@_rel']) ?? 'alternate') === 'alternate') ?? links[0];
  return alternate ? str(alternate['@_href']) : null;
}

/** Atom <entry>: id (else the alternate link) is the id. */
function mapAtomEntry(entry: Obj, employer: string | null): FeedItem {
  const link = atomLink(entry);
  const city = extension(entry, 'location') ?? extension(entry, 'city');
  const region = extension(entry, 'state');
  const postalCode = extension(entry, 'postal_code') ?? extension(entry, 'postalcode');
  const country = extension(entry, 'country');
  const hasPlace = [city, region, postalCode, country].some((v) => v !== null);
  return {
    externalId: requireString(xmlText(entry.id) ?? link, 'id or link'),
    title: requireString(xmlText(entry.title), 'title'),
    description: xmlText(entry.content) ?? xmlText(entry.summary) ?? '',
    employer,
    location: joinNonEmpty([city, region], ', '),
    locations: hasPlace ? [{ city, region, postalCode, country }] : undefined,
    salaryText: extension(entry, 'salary'),
    department: extension(entry, 'department') ?? str(obj(list(entry.category)[0])['@_term']),
    url: link,
    applyUrl: link,
    postedAt: toIso(xmlText(entry.published)) ?? toIso(xmlText(entry.updated)),
  };
}

function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, ' ').replace(/&[#\w]+;/g, ' ').replace(/\s+/g, ' ').trim().length;
}

function feedItems(response: FetchedResponse): { items: unknown[]; map: (item: Obj, employer: string | null) => FeedItem } {
  const doc = parseXmlBody(response.body, 'feed');
  if ('rss' in doc) return { items: list(obj(obj(doc.rss).channel).item), map: mapRssItem };
  if ('feed' in doc) return { items: list(obj(doc.feed).entry), map: mapAtomEntry };
  if ('rdf:RDF' in doc) return { items: list(obj(doc['rdf:RDF']).item), map: mapRssItem };
  throw new PermanentError('unparseable', 'feed: neither RSS nor Atom');
}

/**
 * Items with a thin description become detail requests for their page; the item's own
 * fields ride along in meta so the page's JSON-LD is merged over them under the feed's id.
 */
function parseFeed(response: FetchedResponse, config: FeedConfig): AdapterResult {
  const { items, map } = feedItems(response);
  const builder = new ResultBuilder(response.url);
  const requested = new Set<string>();
  for (const raw of items) {
    builder.add(raw, (item) => {
      const posting = map(obj(item), config.employer ?? null);
      const thin = visibleLength(posting.description ?? '') < config.minDescriptionChars;
      if (!(config.fetchDetailPages && thin && posting.url)) return posting;
      if (!requested.has(posting.externalId)) {
        requested.add(posting.externalId);
        // Not skipped when known: RSS items carry no update time, so only the page tells
        // whether the job changed (the crawler revalidates it with ETag/Last-Modified).
        builder.next.push(request({ url: posting.url, role: 'detail', step: 'page', externalId: posting.externalId, meta: { feedItem: posting } }));
      }
      return null;
    }, (item) => xmlText(obj(item).guid) ?? xmlText(obj(item).id));
  }
  return builder.result();
}

/** An item's page: its JSON-LD over the feed's fields; the feed item alone if none. */
function parseItemPage(response: FetchedResponse, config: FeedConfig): AdapterResult {
  const feedItem = obj(response.request.meta.feedItem) as Partial<RawPostingInput>;
  const externalId = response.request.externalId;
  const page = parseJsonLdPage(response, { externalId, employer: config.employer });
  const builder = new ResultBuilder(response.url);
  builder.failures.push(...page.failures);
  const [first] = page.postings;
  if (first) builder.addPosting({ ...feedItem, ...withoutEmpty(first), title: first.title, externalId: externalId ?? first.externalId });
  else if (typeof feedItem.title === 'string') builder.addPosting({ ...(feedItem as RawPostingInput), externalId: externalId ?? undefined });
  else builder.fail(externalId, 'item page has no JobPosting and the feed item was not carried');
  return builder.result();
}

function withoutEmpty<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as Partial<T>;
}

export const feedAdapter: SourceAdapter<FeedConfig> = {
  kind: 'rss',
  configSchema,
  start(config) {
    return [request({ url: config.feedUrl, role: 'list', step: 'feed' })];
  },
  parse(response, config) {
    return response.request.step === 'page' ? parseItemPage(response, config) : parseFeed(response, config);
  },
};
