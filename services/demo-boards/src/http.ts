import type { IncomingMessage } from 'node:http';
import type { Catalog } from './catalog.ts';

export interface Settings {
  readonly crawlDelay: number;
  readonly slowMs: number;
  readonly rateLimitFirst: number;
  readonly usajobsApiKey: string;
  /** Postings of the /bench JSON-LD site (0 = off). */
  readonly benchCount: number;
}

export interface Ctx {
  readonly req: IncomingMessage;
  readonly url: URL;
  /** Regex capture groups of the matched route, URI-decoded. */
  readonly params: readonly string[];
  readonly body: string;
  readonly catalog: Catalog;
  /** Public base URL of this server, without a trailing slash. */
  readonly base: string;
  readonly settings: Settings;
}

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type Handler = (ctx: Ctx) => Reply;

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  readonly handler: Handler;
}

export const route = (method: Route['method'], pattern: RegExp, handler: Handler): Route => ({ method, pattern, handler });

export function json(status: number, data: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(data) };
}

export function xml(body: string, contentType = 'application/xml; charset=utf-8'): Reply {
  return { status: 200, headers: { 'content-type': contentType }, body };
}

export function html(status: number, body: string): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

export function text(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body };
}

export const notFoundHtml = (): Reply => html(404, '<!doctype html><title>Not found</title><h1>Job not found</h1><p>This job is no longer available.</p>');

export function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name) ?? url.searchParams.get(name.toLowerCase());
  const value = raw === null ? NaN : Number.parseInt(raw, 10);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}
