import { isRetryable, RetryableError } from '@himatch/core';
import type { AlertForDelivery, Repositories } from '@himatch/db';
import type { HandlerContext, PayloadOf } from '@himatch/queue';
import type { Logger } from '@himatch/runtime';
import { postAlert, type WebhookTarget } from './webhook.ts';

export interface AlertDeps {
  repos: Repositories;
  logger: Logger;
  /** null when ALERT_WEBHOOK_URL is unset: alerts are kept pending, never dropped. */
  webhook: WebhookTarget | null;
  /** The catalog's attempts for alert.deliver: the last failed one marks the alert failed. */
  maxAttempts: number;
}

/** The JSON a receiver gets: the match and the listing, no candidate data beyond the id. */
export function alertBody(a: AlertForDelivery): string {
  return JSON.stringify({
    deliveryId: a.id,
    candidateId: a.candidateId,
    listingId: a.listingId,
    title: a.title,
    employer: a.employer,
    score: Math.round(a.score * 1000) / 1000,
    eligibility: a.eligibility,
    summary: a.summary,
    url: a.applyUrl ?? a.sourceUrl,
    savedSearchId: a.savedSearchId,
  });
}

/**
 * alert.deliver: POST one pending alert to the webhook. A delivered or failed alert is a
 * no-op (redelivered jobs); a failed attempt is recorded and retried with the catalog
 * backoff; the last attempt, or an error retrying cannot fix, marks the alert failed.
 */
export async function deliverAlert(deps: AlertDeps, payload: PayloadOf<'alert.deliver'>, ctx: Pick<HandlerContext, 'attemptsMade'>): Promise<string> {
  const alert = await deps.repos.alertDelivery.getForDelivery(payload.alertId);
  if (!alert) return 'missing';
  if (alert.status !== 'pending') return `already ${alert.status}`;
  if (!deps.webhook) {
    deps.logger.warn({ alertId: alert.id }, 'ALERT_WEBHOOK_URL is not set: the alert stays pending');
    throw new RetryableError('webhook_unset', 'ALERT_WEBHOOK_URL is not set; the alert stays pending');
  }
  try {
    await postAlert(deps.webhook, alert.id, alertBody(alert));
  } catch (err) {
    const final = !isRetryable(err) || ctx.attemptsMade + 1 >= deps.maxAttempts;
    await deps.repos.alertDelivery.recordFailure(alert.id, (err as Error).message, final);
    deps.logger.warn({ alertId: alert.id, attempt: ctx.attemptsMade + 1, final, reason: (err as Error).message }, 'alert delivery failed');
    throw err;
  }
  await deps.repos.alertDelivery.markDelivered(alert.id);
  return 'delivered';
}
