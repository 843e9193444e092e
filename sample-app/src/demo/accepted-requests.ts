import type { ReceivedRequest } from './demo-receiver';

/** Requests to `hook` that verified and were accepted, one per webhook-id. */
export function acceptedRequests(
  requests: ReceivedRequest[],
  hook: string,
): ReceivedRequest[] {
  const seen = new Set<string>();
  return requests.filter((r) => {
    if (r.hook !== hook || r.status !== 204 || seen.has(r.webhookId)) {
      return false;
    }
    seen.add(r.webhookId);
    return true;
  });
}
