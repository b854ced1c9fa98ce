import sanitizeHtml from 'sanitize-html';
import { decodeHTML } from 'entities';

// Description cleanup: one sanitized HTML string for display and one plain text string that
// every extractor reads. Inputs can be plain text, HTML, or HTML escaped twice (Greenhouse).

/** Analysis never looks past this many characters: bounded work for any input. */
export const MAX_ANALYSIS_CHARS = 200_000;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'iframe', 'svg'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow' }) },
};

const TAG_LIKE = /<\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?\/?>/g;
const ESCAPED_TAG = /&lt;\/?(?:p|div|br|ul|ol|li|strong|b|em|h[1-6]|span|a)(?:\s|\/|&gt;)/gi;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

export function looksLikeHtml(s: string): boolean {
  const m = s.slice(0, 20_000).match(TAG_LIKE);
  return m !== null && m.length >= 1;
}

/** "&lt;p&gt;Hello&lt;/p&gt;" → "<p>Hello</p>" when the text is HTML escaped once more. */
export function unescapeIfDoubleEscaped(s: string): string {
  const head = s.slice(0, 20_000);
  const escaped = head.match(ESCAPED_TAG)?.length ?? 0;
  const real = head.match(TAG_LIKE)?.length ?? 0;
  return escaped >= 1 && escaped > real ? decodeHTML(s) : s;
}

export interface CleanDescription {
  html: string;
  text: string;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain text to minimal HTML: blank-line paragraphs, single newlines as <br>. */
function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => para.trim())
    .filter((para) => para.length > 0)
    .map((para) => `<p>${escapeText(para).replace(/\n/g, '<br />')}</p>`)
    .join('\n');
}

const BLOCK_BREAK = /<(?:\/?(?:p|div|ul|ol|h[1-6]|tr|table|section|article|header|footer|blockquote)|br\s*\/?)(?:\s[^<>]*)?>/gi;

/** Sanitized (allow-listed) HTML to text: block elements become newlines, list items bullets. */
export function htmlToText(html: string): string {
  return decodeHTML(
    html
      .replace(/<li(?:\s[^<>]*)?>/gi, '\n• ')
      .replace(/<\/li>/gi, '\n')
      .replace(BLOCK_BREAK, '\n')
      .replace(/<[^<>]*>/g, ''),
  );
}

export function tidyText(s: string): string {
  return s
    .replace(CONTROL, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Text for the extractors only: straight quotes, and words glued by flattened HTML
 * ("requiredCoding Specialist", "ResponsibilitiesPerform") pulled apart.
 */
export function analysisText(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    // One character plus a short look-ahead per match keeps these linear (a greedy "[a-z]{3,}"
    // is quadratic on long words); the two letters before are checked by hand.
    .replace(/[a-z](?=[A-Z][a-z]{2})/g, (m, at: number, s: string) => (isLetters(s, at - 2, at, true) ? `${m} ` : m))
    .replace(/[A-Za-z](?=\d{1,2}\+? ?(?:years?|yrs?)\b)/g, (m, at: number, s: string) => (isLetters(s, at - 2, at, false) ? `${m} ` : m));
}

function isLetters(s: string, from: number, to: number, lowerOnly: boolean): boolean {
  if (from < 0) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    const lower = c >= 97 && c <= 122;
    if (!(lower || (!lowerOnly && c >= 65 && c <= 90))) return false;
  }
  return true;
}

export function cleanDescription(input: string): CleanDescription {
  const bounded = input.length > MAX_ANALYSIS_CHARS * 2 ? input.slice(0, MAX_ANALYSIS_CHARS * 2) : input;
  const unescaped = unescapeIfDoubleEscaped(bounded.replace(/\u0000/g, ''));
  if (!looksLikeHtml(unescaped)) {
    const text = tidyText(decodeHTML(unescaped)).slice(0, MAX_ANALYSIS_CHARS);
    return { html: textToHtml(text), text };
  }
  const html = sanitizeHtml(unescaped, SANITIZE).trim();
  const text = tidyText(htmlToText(html)).slice(0, MAX_ANALYSIS_CHARS);
  return { html, text };
}
