import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PermanentError } from '@himatch/core';

/** The whole body as JSON, or PermanentError('unparseable') naming what went wrong. */
export function parseJsonBody(body: string, what: string): unknown {
  if (body.trim() === '') throw new PermanentError('unparseable', `${what}: empty body`);
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new PermanentError('unparseable', `${what}: not JSON (${detail})`);
  }
}

// Elements that may repeat, by path; forcing arrays spares every caller the one-or-many
// check. By path because a name repeats in one format and not in another (Indeed's
// <job><url> is one value, a sitemap's <urlset><url> is a list).
const REPEATED = new Set([
  'urlset.url', 'sitemapindex.sitemap', 'source.job', 'rss.channel.item', 'rdf:RDF.item',
  'rss.channel.item.category', 'feed.entry', 'feed.entry.link', 'feed.entry.category',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value a string: reference numbers like "0675" or "28463379" are ids.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  jPath: true,
  isArray: (_name, jPath) => typeof jPath === 'string' && REPEATED.has(jPath),
});

/** A parsed XML document, or PermanentError('unparseable'). */
export function parseXmlBody(body: string, what: string): Record<string, unknown> {
  const text = body.trim();
  if (text === '') throw new PermanentError('unparseable', `${what}: empty body`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new PermanentError('unparseable', `${what}: not well-formed XML (${valid.err.msg}, line ${valid.err.line})`);
  }
  return parser.parse(text) as Record<string, unknown>;
}

/** The text of a parsed XML node: a string, or the #text of an element with attributes. */
export function xmlText(node: unknown): string | null {
  if (typeof node === 'string') return node.trim() === '' ? null : node.trim();
  if (typeof node === 'object' && node !== null && '#text' in node) {
    const text = (node as Record<string, unknown>)['#text'];
    return typeof text === 'string' && text.trim() !== '' ? text.trim() : null;
  }
  return null;
}
