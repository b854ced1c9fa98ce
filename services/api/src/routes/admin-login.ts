// Browser login to the operator pages under /admin: a minimal form (no external assets, no
// script) that trades an operator key for a signed session cookie (see admin-session.ts).
import { createHash } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ADMIN_LOGIN_PATH, ADMIN_PATH, ADMIN_SESSION_TTL_MS, clearedSessionCookie, sameOrigin, sessionCookie, signAdminSession } from '../admin-session.ts';
import { verifyApiKey } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { DASHBOARD_PATH } from '../queue-dashboard.ts';

const STYLE = 'body{font:16px system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}'
  + 'label,input,button{display:block;width:100%;box-sizing:border-box;margin:.5rem 0}input,button{padding:.5rem}'
  + '.error{color:#b00020}form+form{margin-top:2rem}';
/** Only this stylesheet may apply; nothing else loads, nothing frames the page, forms post here only. */
const CSP = [
  "default-src 'none'", `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'",
].join('; ');
const FAILED = 'That is not an active operator key.';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function loginPage(message: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>himatch operator login</title><style>${STYLE}</style></head>
<body><h1>Queue dashboard</h1>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="${ADMIN_LOGIN_PATH}">
<label for="key">Operator API key</label>
<input id="key" name="key" type="password" autocomplete="off" spellcheck="false" required autofocus>
<button type="submit">Log in</button>
</form>
<form method="post" action="${ADMIN_PATH}/logout"><button type="submit">Log out</button></form>
</body></html>
`;
}

function sendPage(reply: FastifyReply, status: number, message: string | null): FastifyReply {
  return reply.code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', CSP)
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(loginPage(message));
}

const crossOrigin = (): HttpError => new HttpError(403, 'forbidden', 'cross-origin request refused');

/**
 * Registered in its own scope so the form-urlencoded body parser exists for these routes only:
 * the JSON API keeps refusing form posts (415), one less way to forge a request to it.
 */
export async function adminLoginRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
      done(null, parseQuery(String(body)));
    });

    scope.get(ADMIN_LOGIN_PATH, {
      config: { access: 'public' },
      schema: { tags: ['operators'], summary: 'The login form of the queue dashboard (HTML)', produces: ['text/html'] },
    }, async (_request, reply) => sendPage(reply, 200, null));

    scope.post(ADMIN_LOGIN_PATH, {
      config: { access: 'public' },
      schema: {
        tags: ['operators'],
        summary: `Log in to the queue dashboard with an operator key: sets an HttpOnly session cookie for ${ADMIN_PATH} (${ADMIN_SESSION_TTL_MS / 3_600_000} h) and redirects to ${DASHBOARD_PATH}`,
        consumes: ['application/x-www-form-urlencoded'],
        produces: ['text/html'],
        body: { type: 'object', additionalProperties: false, required: ['key'], properties: { key: { type: 'string', maxLength: 200 } } },
      },
    }, async (request, reply) => {
      if (!sameOrigin(request)) throw crossOrigin();
      const { key } = request.body as { key: string };
      let role: string;
      let keyId: string;
      try {
        ({ role, id: keyId } = await verifyApiKey(ctx.repos.apiKeys, key.trim()));
      } catch (error) {
        if (error instanceof HttpError && error.statusCode === 401) return sendPage(reply, 401, FAILED);
        throw error;
      }
      // One message for every refusal: the form does not tell a valid non-operator key apart.
      if (role !== 'operator') return sendPage(reply, 401, FAILED);
      const session = signAdminSession(ctx.sessionSecret, keyId, Date.now() + ADMIN_SESSION_TTL_MS);
      return reply.header('set-cookie', sessionCookie(request, session)).header('cache-control', 'no-store').redirect(DASHBOARD_PATH, 303);
    });

    scope.post(`${ADMIN_PATH}/logout`, {
      config: { access: 'public' },
      schema: { tags: ['operators'], summary: 'End the dashboard session (clears the cookie) and show the login form' },
    }, async (request, reply) => {
      if (!sameOrigin(request)) throw crossOrigin();
      return reply.header('set-cookie', clearedSessionCookie(request)).redirect(ADMIN_LOGIN_PATH, 303);
    });
  });
}
