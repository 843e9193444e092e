import { In } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { WebhookEntity } from '../entities/webhook.entity';
import { groupBy } from '../collections/group-by';
import { errorMessage } from '../errors/error-message';
import type { ClaimedEventRow } from './fan-out-event.store';

/** The webhooks of each company, or why they could not be read. */
export type CompanyWebhooks = Map<string, WebhookEntity[] | Error>;

function unreadable(company: string, error: unknown): Error {
  return new Error(
    `the webhooks of company ${company} could not be read: ` +
      errorMessage(error),
  );
}

/**
 * Enabled, ACTIVE webhooks of the events' companies, by company. A
 * company whose webhooks cannot be read (a row written around the API,
 * its filter not JSON) gets the error instead, so only its own events
 * wait: the others' webhooks are read company by company then.
 */
export async function readCompanyWebhooks(
  events: ClaimedEventRow[],
  manager: EntityManager,
): Promise<CompanyWebhooks> {
  const companies = [...new Set(events.map((row) => row.company_uuid))];
  try {
    const webhooks = await findWebhooks(companies, manager);
    return groupBy(webhooks, (webhook) => webhook.companyUuid);
  } catch (error) {
    if (companies.length === 1) {
      return new Map([[companies[0], unreadable(companies[0], error)]]);
    }
  }
  const found: CompanyWebhooks = new Map();
  for (const company of companies) {
    try {
      const own = await findWebhooks([company], manager);
      found.set(company, own);
    } catch (error) {
      found.set(company, unreadable(company, error));
    }
  }
  return found;
}

function findWebhooks(
  companies: string[],
  manager: EntityManager,
): Promise<WebhookEntity[]> {
  return manager.getRepository(WebhookEntity).find({
    where: { companyUuid: In(companies), enabled: true, status: 'ACTIVE' },
    order: { createdAt: 'ASC', uuid: 'ASC' },
  });
}
