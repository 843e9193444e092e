import { randomBytes } from 'node:crypto';
import { SEED } from '../seed/seed-data';

/** A webhook the demo creates through the REST API. */
export interface DemoWebhook {
  /** Also the receiver path: `/hooks/<name>`. */
  name: string;
  company: 'acme' | 'globex';
  topic: string;
  webhookFormat: 'LEGACY' | 'USER_FRIENDLY' | 'RAW';
  secret: string;
  filter?: unknown;
  includeRelations?: string[];
  /** Created with `POST /api/v2/webhooks/apps/{appUuid}`. */
  appUuid?: string;
  /** The receiver answers 503 to this many requests first. */
  outageRequests?: number;
}

const whsec = () => `whsec_${randomBytes(24).toString('base64')}`;

/** The demo's webhooks: every format, a filter, relations, an app, two companies. */
export function demoWebhooks(): DemoWebhook[] {
  return [
    {
      name: 'new-candidates',
      company: 'acme',
      topic: 'record.candidate.created',
      webhookFormat: 'LEGACY',
      secret: whsec(),
    },
    {
      name: 'dutch-candidate-updates',
      company: 'acme',
      topic: 'record.candidate.updated',
      webhookFormat: 'USER_FRIENDLY',
      secret: whsec(),
      filter: {
        groups: [
          { items: [{ property: 'country', operator: 'EQUALS', value: 'NL' }] },
        ],
      },
    },
    {
      name: 'stage-changes',
      company: 'acme',
      topic: 'record.candidate.property_changed.stage',
      webhookFormat: 'RAW',
      // Any string of 8+ characters works too; it signs as its UTF-8 bytes.
      secret: `plain-demo-secret-${randomBytes(8).toString('hex')}`,
    },
    {
      name: 'vacancy-applications',
      company: 'acme',
      topic: 'record.vacancy.relation_created',
      webhookFormat: 'USER_FRIENDLY',
      secret: whsec(),
      includeRelations: ['applied_to'],
    },
    {
      name: 'archived-anything',
      company: 'acme',
      topic: 'record.*.archived',
      webhookFormat: 'LEGACY',
      secret: whsec(),
      outageRequests: 2,
    },
    {
      name: 'vacancy-everything',
      company: 'acme',
      topic: 'record.vacancy.all',
      webhookFormat: 'LEGACY',
      secret: whsec(),
    },
    {
      name: 'demo-app-careers-form',
      company: 'acme',
      topic: 'record.candidate.formsubmission.careers',
      webhookFormat: 'USER_FRIENDLY',
      secret: whsec(),
      appUuid: SEED.apps.demoApp.uuid,
    },
    {
      name: 'globex-new-candidates',
      company: 'globex',
      topic: 'record.candidate.created',
      webhookFormat: 'LEGACY',
      secret: whsec(),
    },
  ];
}
