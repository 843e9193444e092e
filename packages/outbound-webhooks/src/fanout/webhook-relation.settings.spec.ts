import {
  includedRelations,
  matchSettingsOf,
  relationsWanted,
} from './webhook-relation.settings';
import { buildTestEvent } from './test-event.factory';

const rec = (uuid: string, salary: number) => ({
  uuid,
  objectName: 'vacancy',
  properties: { salary },
  createdAt: null,
  updatedAt: null,
});

describe('relation settings of a webhook', () => {
  const settings = matchSettingsOf({
    filter: { groups: [{ items: { relation: 'owner', operator: 'IS_SET' } }] },
    includeRelations: ['Applied_To', 'owner', 'notes'],
    relationFilters: {
      applied_to: {
        groups: [
          {
            items: { property: 'salary', operator: 'GREATER_THAN', value: 50 },
          },
        ],
      },
    },
    relationLimit: 2,
  });

  it('loads filtered relations uncapped and plain included ones capped', () => {
    expect(relationsWanted(settings)).toEqual([
      { name: 'owner' },
      { name: 'applied_to' },
      { name: 'notes', limit: 2 },
    ]);
  });

  it('loads * uncapped when any relation has a filter, so the cap comes after it', () => {
    const star = (relationFilters: Record<string, unknown> | null) =>
      matchSettingsOf({
        filter: null,
        includeRelations: ['*'],
        relationFilters,
        relationLimit: 1,
      });
    const salaryOver50 = {
      groups: [
        { items: { property: 'salary', operator: 'GREATER_THAN', value: 50 } },
      ],
    };
    expect(relationsWanted(star({ applied_to: salaryOver50 }))).toEqual([
      { name: '*' },
    ]);
    expect(relationsWanted(star(null))).toEqual([{ name: '*', limit: 1 }]);
    expect(
      includedRelations(star({ applied_to: salaryOver50 }), {
        applied_to: [rec('a', 10), rec('b', 60)],
      }),
    ).toEqual({ applied_to: [rec('b', 60)] });
  });

  it('includes each listed relation filtered and cut at the limit', () => {
    expect(
      includedRelations(settings, {
        applied_to: [rec('a', 10), rec('b', 60), rec('c', 70), rec('d', 80)],
        owner: [rec('o1', 0), rec('o2', 0), rec('o3', 0)],
      }),
    ).toEqual({
      applied_to: [rec('b', 60), rec('c', 70)],
      owner: [rec('o1', 0), rec('o2', 0)],
      notes: [],
    });
  });

  it('includes nothing when the webhook lists no relations', () => {
    expect(
      includedRelations(
        matchSettingsOf({
          filter: null,
          includeRelations: null,
          relationFilters: null,
          relationLimit: null,
        }),
        { owner: [rec('o', 1)] },
      ),
    ).toBeNull();
  });

  it('refuses an invalid stored relation filter, naming it', () => {
    expect(() =>
      matchSettingsOf({
        filter: null,
        includeRelations: ['x'],
        relationFilters: { x: { groups: [{ items: [{ property: 'a' }] }] } },
        relationLimit: null,
      }),
    ).toThrow(
      expect.objectContaining({
        field: 'relationFilters.x.groups[0].items[0].operator',
      }),
    );
  });
});

describe('buildTestEvent', () => {
  it('makes a concrete event for a concrete topic', () => {
    expect(buildTestEvent('record.candidate.created', 'c1', 7)).toMatchObject({
      type: 'RecordCreated',
      topic: 'record.candidate.created',
      companyUuid: 'c1',
      occurredAt: 7,
      record: { objectName: 'candidate' },
    });
  });

  it('replaces wildcards and `all` with concrete values', () => {
    expect(buildTestEvent('record.*.all', 'c1').topic).toBe(
      'record.record.created',
    );
    expect(
      buildTestEvent('record.vacancy.relation_created', 'c1'),
    ).toMatchObject({
      topic: 'record.vacancy.relation_created.related_to',
      relation: { name: 'related_to' },
    });
    expect(buildTestEvent('invoice.*', 'c1')).toMatchObject({
      type: 'CustomEvent',
      topic: 'invoice.test',
      record: null,
    });
  });
});
