import { Logger } from '@nestjs/common';
import { resolveWebhooksOptions } from '../options/resolve-webhooks-options';
import type { DeliveryOutcomeWriter } from '../persistence/delivery-outcome.writer';
import { PartialOutcomeWriteError } from '../persistence/settled-outcomes.writer';
import type { DeliveryOutcome } from './delivery-outcome.interface';
import { DeliveryOutcomeRecorder } from './delivery-outcome.recorder';

function outcome(uuid: string, webhookUuid: string): DeliveryOutcome {
  return {
    delivery: { uuid, webhookUuid } as DeliveryOutcome['delivery'],
    attemptNumber: 1,
    result: null,
    verdict: 'RELEASED',
    nextAttemptAt: null,
    lastError: null,
  };
}

/** A writer failing its first call with `firstError`, then writing. */
function writerFailingOnce(firstError: Error) {
  const calls: string[][] = [];
  const writer = {
    write: (outcomes: DeliveryOutcome[]) => {
      calls.push(outcomes.map((o) => o.delivery.uuid));
      if (calls.length === 1) return Promise.reject(firstError);
      return Promise.resolve({
        applied: new Set(outcomes.map((o) => o.delivery.uuid)),
        disabledWebhooks: [],
      });
    },
  };
  return { calls, writer: writer as unknown as DeliveryOutcomeWriter };
}

async function recordAll(
  writer: DeliveryOutcomeWriter,
  outcomes: DeliveryOutcome[],
): Promise<Array<boolean | string>> {
  const recorder = new DeliveryOutcomeRecorder(
    resolveWebhooksOptions({ batchSize: 10 }),
    writer,
  );
  return Promise.all(
    outcomes.map((o) =>
      recorder.record(o).catch((error: Error) => error.constructor.name),
    ),
  );
}

describe('DeliveryOutcomeRecorder', () => {
  beforeAll(() => Logger.overrideLogger(false));

  const batch = [outcome('d1', 'w1'), outcome('d2', 'w2'), outcome('d3', 'w1')];

  it('after a failed batch write, writes each webhook’s outcomes apart', async () => {
    const { calls, writer } = writerFailingOnce(new Error('lock timeout'));
    expect(await recordAll(writer, batch)).toEqual([true, true, true]);
    expect(calls).toEqual([['d1', 'd2', 'd3'], ['d1', 'd3'], ['d2']]);
  });

  it('after a write that partly took effect, writes nothing again (no attempt twice on record)', async () => {
    const { calls, writer } = writerFailingOnce(
      new PartialOutcomeWriteError(new Error('second statement failed')),
    );
    expect(await recordAll(writer, batch)).toEqual([
      'PartialOutcomeWriteError',
      'PartialOutcomeWriteError',
      'PartialOutcomeWriteError',
    ]);
    expect(calls).toEqual([['d1', 'd2', 'd3']]);
  });

  it('flushed(timeout) says false while a write still waits, true once done', async () => {
    let finish: () => void = () => undefined;
    const writer = {
      write: (outcomes: DeliveryOutcome[]) =>
        new Promise((resolve) => {
          finish = () =>
            resolve({
              applied: new Set(outcomes.map((o) => o.delivery.uuid)),
              disabledWebhooks: [],
            });
        }),
    } as unknown as DeliveryOutcomeWriter;
    const recorder = new DeliveryOutcomeRecorder(
      resolveWebhooksOptions({ batchSize: 10 }),
      writer,
    );
    const recorded = recorder.record(outcome('d1', 'w1'));
    expect(await recorder.flushed(30)).toBe(false);
    finish();
    expect(await recorded).toBe(true);
    expect(await recorder.flushed(30)).toBe(true);
  });
});
