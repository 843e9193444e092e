import { SEED } from '../seed/seed-data';
import type { DemoPlan } from './demo-expectation.interface';
import { jsonField } from './json-field';

/**
 * What the tour's changes must deliver, per webhook and topic, and the
 * content checks on top. Anything else that arrives fails the demo.
 */
export function demoPlan(adaUuid: string): DemoPlan {
  const relationTopic = 'record.vacancy.relation_created.applied_to';
  return {
    expectations: [
      { hook: 'new-candidates', topic: 'record.candidate.created', count: 2 },
      {
        hook: 'dutch-candidate-updates',
        topic: 'record.candidate.updated',
        count: 1,
      },
      {
        hook: 'stage-changes',
        topic: 'record.candidate.property_changed.stage',
        count: 2,
      },
      { hook: 'vacancy-applications', topic: relationTopic, count: 1 },
      {
        hook: 'archived-anything',
        topic: 'record.candidate.archived',
        count: 1,
      },
      { hook: 'archived-anything', topic: 'record.vacancy.archived', count: 1 },
      ...[
        'created',
        'relation_created.applied_to',
        'relation_deleted.applied_to',
        'archived',
        'restored',
        'deleted',
      ].map((action) => ({
        hook: 'vacancy-everything',
        topic: `record.vacancy.${action}`,
        count: 1,
      })),
      {
        hook: 'demo-app-careers-form',
        topic: 'record.candidate.formsubmission.careers',
        count: 1,
      },
      {
        hook: 'globex-new-candidates',
        topic: 'record.candidate.created',
        count: 1,
      },
    ],
    checks: [
      {
        hook: 'vacancy-applications',
        description: 'carries Ada under relations.applied_to',
        passes: (accepted) =>
          accepted.length === 1 &&
          JSON.stringify(
            jsonField(
              jsonField(jsonField(accepted[0].body, 'record'), 'relations'),
              'applied_to',
            ) ?? null,
          ).includes(adaUuid),
      },
      {
        hook: 'demo-app-careers-form',
        description: 'names the app (appUuid)',
        passes: (accepted) =>
          accepted.length === 1 &&
          jsonField(accepted[0].body, 'appUuid') === SEED.apps.demoApp.uuid,
      },
      {
        hook: 'archived-anything',
        description: 'survived a 2-request outage (503) by retrying',
        passes: (_accepted, all) =>
          all.filter((r) => r.hook === 'archived-anything' && r.status === 503)
            .length === 2,
      },
    ],
  };
}
