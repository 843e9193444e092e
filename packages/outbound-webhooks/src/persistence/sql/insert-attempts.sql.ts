/**
 * Records a batch of attempts in one multi-row INSERT (every dialect).
 *
 * Locks: nothing existing; new rows only (their primary key entries), for
 * this statement. Attempts are recorded whether or not the lease is still
 * held: every attempt that went out is on record.
 *
 * Params, per row: uuid, delivery_uuid, webhook_uuid, company_uuid,
 * attempt_number, requested_at, duration_ms, succeeded (1/0), status_code,
 * error_kind, error_message, response_body.
 */
export function insertAttempts(rowCount: number): string {
  const row = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
  return `
INSERT INTO webhook_attempts (uuid, delivery_uuid, webhook_uuid, company_uuid,
  attempt_number, requested_at, duration_ms, succeeded, status_code,
  error_kind, error_message, response_body)
VALUES ${new Array<string>(Math.max(1, rowCount)).fill(row).join(', ')}`;
}
