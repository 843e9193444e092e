import type { DataSource } from 'typeorm';

interface EventRow {
  uuid: string;
  topic: string;
  company_uuid: string;
}

/** Reads the outbox: which events a request added. */
export class EventLog {
  private seen = new Set<string>();

  constructor(private readonly dataSource: DataSource) {}

  /** Marks every event stored so far as seen. */
  async mark(): Promise<void> {
    for (const row of await this.rows()) this.seen.add(row.uuid);
  }

  /** Runs `action` and returns the sorted topics of the events it added. */
  async added(action: () => Promise<unknown>): Promise<string[]> {
    return (await this.addedRows(action)).map((row) => row.topic).sort();
  }

  /** Runs `action` and returns the sorted companies of the events it added. */
  async addedCompanies(action: () => Promise<unknown>): Promise<string[]> {
    return (await this.addedRows(action)).map((row) => row.company_uuid).sort();
  }

  private async addedRows(action: () => Promise<unknown>): Promise<EventRow[]> {
    await this.mark();
    await action();
    return (await this.rows()).filter((row) => !this.seen.has(row.uuid));
  }

  private rows(): Promise<EventRow[]> {
    return this.dataSource.query(
      'SELECT uuid, topic, company_uuid FROM webhook_events',
    );
  }
}
