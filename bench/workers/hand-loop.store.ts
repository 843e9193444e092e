import Database from 'better-sqlite3';
import { createPool } from 'mysql2/promise';
import { Pool } from 'pg';
import type { BenchDatabaseLocation } from '../support/bench-database';

/** One job of the hand-written loop: a pre-rendered body to POST. */
export interface HandJob {
  id: string;
  body: string;
}

/**
 * The table of the hand-written baseline and its two statements: claim a
 * batch with a lease (`FOR UPDATE SKIP LOCKED` where the database has it)
 * and mark a batch done in one statement.
 */
export interface HandJobStore {
  claim(limit: number, nowMs: number, leaseUntilMs: number): Promise<HandJob[]>;
  complete(ids: string[]): Promise<void>;
  close(): Promise<void>;
}

export const HAND_JOBS_DDL = [
  `CREATE TABLE bench_jobs (id varchar(36) PRIMARY KEY, body text NOT NULL,
     status varchar(16) NOT NULL, next_attempt_at bigint NOT NULL,
     attempts int NOT NULL DEFAULT 0)`,
  `CREATE INDEX idx_bench_jobs_due ON bench_jobs (status, next_attempt_at)`,
];

/** Opens the store of the given database. */
export function openHandJobStore(
  location: BenchDatabaseLocation,
  connections: number,
): HandJobStore {
  if (location.kind === 'postgres') return pgStore(location.url, connections);
  if (location.kind === 'mariadb') return mysqlStore(location.url, connections);
  return sqliteStore(location.url);
}

function pgStore(url: string, max: number): HandJobStore {
  const pool = new Pool({ connectionString: url, max });
  return {
    async claim(limit, nowMs, leaseUntilMs) {
      const { rows } = await pool.query<HandJob>(
        `UPDATE bench_jobs j SET next_attempt_at = $1, attempts = j.attempts + 1
           FROM (SELECT id FROM bench_jobs
                  WHERE status = 'PENDING' AND next_attempt_at <= $2
                  ORDER BY next_attempt_at LIMIT $3
                  FOR UPDATE SKIP LOCKED) c
          WHERE j.id = c.id RETURNING j.id, j.body`,
        [leaseUntilMs, nowMs, limit],
      );
      return rows;
    },
    async complete(ids) {
      await pool.query(
        `UPDATE bench_jobs SET status = 'DONE' WHERE id = ANY($1)`,
        [ids],
      );
    },
    close: () => pool.end(),
  };
}

function mysqlStore(url: string, connectionLimit: number): HandJobStore {
  const pool = createPool({ uri: url, connectionLimit });
  return {
    async claim(limit, nowMs, leaseUntilMs) {
      const connection = await pool.getConnection();
      try {
        await connection.beginTransaction();
        const [rows] = await connection.query(
          `SELECT id, body FROM bench_jobs
            WHERE status = 'PENDING' AND next_attempt_at <= ?
            ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED`,
          [nowMs, limit],
        );
        const jobs = rows as HandJob[];
        if (jobs.length > 0) {
          await connection.query(
            `UPDATE bench_jobs SET next_attempt_at = ?, attempts = attempts + 1
              WHERE id IN (?)`,
            [leaseUntilMs, jobs.map((j) => j.id)],
          );
        }
        await connection.commit();
        return jobs;
      } catch (error) {
        await connection.rollback();
        // InnoDB may pick a claim as a deadlock victim: claim again later.
        if ((error as { errno?: number }).errno === 1213) return [];
        throw error;
      } finally {
        connection.release();
      }
    },
    async complete(ids) {
      await pool.query(
        `UPDATE bench_jobs SET status = 'DONE' WHERE id IN (?)`,
        [ids],
      );
    },
    close: () => pool.end(),
  };
}

function sqliteStore(file: string): HandJobStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  const claim = db.prepare(
    `UPDATE bench_jobs SET next_attempt_at = ?, attempts = attempts + 1
      WHERE id IN (SELECT id FROM bench_jobs
                    WHERE status = 'PENDING' AND next_attempt_at <= ?
                    ORDER BY next_attempt_at LIMIT ?)
      RETURNING id, body`,
  );
  const complete = db.prepare(
    `UPDATE bench_jobs SET status = 'DONE'
      WHERE id IN (SELECT value FROM json_each(?))`,
  );
  return {
    claim: async (limit, nowMs, leaseUntilMs) =>
      claim.all(leaseUntilMs, nowMs, limit) as HandJob[],
    complete: async (ids) => {
      complete.run(JSON.stringify(ids));
    },
    close: async () => {
      db.close();
    },
  };
}
