import type { FormatInput } from './webhook-formatter.interface';

const CANDIDATE = {
  uuid: '7b0e1c9a-3f57-4d2b-9a51-0c1f7e3d2a10',
  objectName: 'candidate',
  properties: {
    firstname: 'Ada',
    email: 'ada@example.com',
    score: 87,
    tags: ['python', 'remote'],
    availableFrom: '2025-03-01T00:00:00.000Z',
  },
  createdAt: 1735689600000,
  updatedAt: 1735776000000,
};

/** The input every shipped format renders for its example body. */
export const EXAMPLE_FORMAT_INPUT: FormatInput = {
  deliveryId: 'msg_2f1d3c4b5a6978877665544332211000',
  event: {
    type: 'RecordUpdated',
    topic: 'record.candidate.updated',
    companyUuid: '0f5c2a8e-1111-4a4a-9b9b-123456789abc',
    occurredAt: 1735776000000,
    correlationId: 'req-42',
    user: {
      uuid: 'a1b2c3d4-0000-4000-8000-000000000001',
      email: 'recruiter@example.com',
      firstname: 'Grace',
      lastname: 'Hopper',
    },
    record: CANDIDATE,
    previous: {
      ...CANDIDATE,
      properties: { ...CANDIDATE.properties, score: 80 },
      updatedAt: 1735689600000,
    },
  },
  record: CANDIDATE,
  webhookTopic: 'record.candidate.updated',
  matchedTopic: 'record.candidate.updated',
  webhook: { uuid: '5e6f7a8b-2222-4c4c-8d8d-abcdefabcdef', appUuid: null },
  relations: null,
  company: { uuid: '0f5c2a8e-1111-4a4a-9b9b-123456789abc', name: 'Acme' },
};
