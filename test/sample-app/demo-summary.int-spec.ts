import type { DemoPlan } from '../../sample-app/src/demo/demo-expectation.interface';
import type { ReceivedRequest } from '../../sample-app/src/demo/demo-receiver';
import {
  formatSummary,
  summarize,
} from '../../sample-app/src/demo/demo-summary';
import { topicOfBody } from '../../sample-app/src/demo/topic-of-body';

const plan: DemoPlan = {
  expectations: [{ hook: 'a', topic: 'record.candidate.created', count: 1 }],
  checks: [],
};

function request(overrides: Partial<ReceivedRequest>): ReceivedRequest {
  return {
    hook: 'a',
    webhookId: 'msg_1',
    topic: 'record.candidate.created',
    verified: true,
    status: 204,
    body: {},
    ...overrides,
  };
}

describe('demo summary', () => {
  it('passes when each expected delivery arrived once, verified', () => {
    const summary = summarize(plan, [request({ status: 503 }), request({})]);
    expect(summary.ok).toBe(true);
    expect(summary.rows).toEqual([
      {
        webhook: 'a',
        topic: 'record.candidate.created',
        expected: 1,
        arrived: 1,
        verified: 1,
      },
    ]);
  });

  it('fails when a delivery is missing', () => {
    expect(summarize(plan, []).ok).toBe(false);
    expect(summarize(plan, [request({ status: 503 })]).ok).toBe(false);
  });

  it('fails when a request did not verify', () => {
    const summary = summarize(plan, [
      request({ verified: false, status: 400 }),
    ]);
    expect(summary.ok).toBe(false);
    expect(formatSummary(summary)).toContain('MISSING');
  });

  it('fails on an unexpected delivery, of another topic or a second id', () => {
    const other = summarize(plan, [
      request({}),
      request({ webhookId: 'msg_2', topic: 'record.candidate.updated' }),
    ]);
    expect(other.ok).toBe(false);
    expect(formatSummary(other)).toContain('UNEXPECTED');
    expect(
      summarize(plan, [request({}), request({ webhookId: 'msg_2' })]).ok,
    ).toBe(false);
  });

  it('fails when a content check fails', () => {
    const checked: DemoPlan = {
      ...plan,
      checks: [{ hook: 'a', description: 'never', passes: () => false }],
    };
    expect(summarize(checked, [request({})]).failedChecks).toEqual(['a never']);
  });

  it('reads the topic of LEGACY/RAW and USER_FRIENDLY bodies', () => {
    expect(topicOfBody({ topic: 'record.x.created' })).toBe('record.x.created');
    expect(
      topicOfBody({
        event: { type: 'property_changed', propertyName: 'stage' },
        record: { record: { objectName: 'candidate' } },
      }),
    ).toBe('record.candidate.property_changed.stage');
    expect(
      topicOfBody({
        event: { type: 'Created' },
        record: { record: { objectName: 'candidate' } },
      }),
    ).toBe('record.candidate.created');
    expect(topicOfBody(null)).toBe('?');
  });
});
