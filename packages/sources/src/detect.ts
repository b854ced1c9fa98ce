import type { DocumentFormat } from './types.ts';
import { isObj, type Obj } from './util/values.ts';

/** Best-effort sniffing of a saved response for `--format auto`; null when unsure. */
export function detectFormat(body: string): DocumentFormat | null {
  const text = body.trimStart().replace(/^\uFEFF/, '');
  if (text.startsWith('{') || text.startsWith('[')) return detectJson(text);
  if (!text.startsWith('<')) return null;
  const head = text.slice(0, 5000);
  if (/<rss[\s>]|<rdf:RDF[\s>]/.test(head)) return 'rss';
  if (/<feed[\s>]/.test(head)) return 'atom';
  if (/<source[\s>]/.test(head) && /<job[\s>]/.test(text)) return 'indeed-xml';
  if (/application\/ld\+json/i.test(text)) {
    return /icims\.com\/jobs\/\d+|\/jobs\/\d+\/[^"]*\?in_iframe=1/i.test(text) ? 'icims' : 'jsonld';
  }
  return null;
}

function detectJson(text: string): DocumentFormat | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(value)) {
    const first = value.find(isObj);
    if (!first) return null;
    if ('text' in first && ('categories' in first || 'hostedUrl' in first)) return 'lever';
    return isJsonLd(first) ? 'jsonld' : null;
  }
  return isObj(value) ? detectJsonObject(value) : null;
}

function detectJsonObject(value: Obj): DocumentFormat | null {
  if ('SearchResult' in value) return 'usajobs';
  if ('jobPostings' in value || 'jobPostingInfo' in value) return 'workday';
  if ('totalFound' in value || 'jobAd' in value) return 'smartrecruiters';
  if (Array.isArray(value.jobs)) {
    const first = value.jobs.find(isObj);
    if ('apiVersion' in value || (first && ('jobUrl' in first || 'descriptionHtml' in first))) return 'ashby';
    return 'greenhouse';
  }
  return isJsonLd(value) ? 'jsonld' : null;
}

function isJsonLd(value: Obj): boolean {
  return '@type' in value || '@graph' in value || '@context' in value;
}
