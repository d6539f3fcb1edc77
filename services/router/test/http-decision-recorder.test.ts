import { FeedbackServiceEndpoint, HttpDecisionRecorder, type DecisionRecord } from '@routewise/router';
import { createLogger } from '@routewise/telemetry';
import { startFakeFeedbackService } from '@routewise/test-support';

const decision = (requestId: string) => ({ requestId }) as DecisionRecord;

describe('HttpDecisionRecorder', () => {
  it('holds at most bufferLimit decisions while the service is unreachable and counts what it drops', async () => {
    const recorder = new HttpDecisionRecorder({
      feedback: new FeedbackServiceEndpoint('http://127.0.0.1:1', 'rw-internal-unused-token'),
      logger: createLogger({ name: 'test', level: 'silent' }),
      bufferLimit: 3,
      flushIntervalMs: 60_000,
      closeTimeoutMs: 0,
    });
    for (const id of ['a', 'b', 'c', 'd', 'e']) recorder.record(decision(id));
    expect(await recorder.flush(true)).toBe(false);
    expect(recorder.stats()).toMatchObject({ buffered: 3, dropped: 2, sent: 0, failedAttempts: 1 });
    expect(recorder.isPending('c')).toBe(true);
    expect(recorder.isPending('d')).toBe(false);
    await recorder.close();
  });

  it('sends in batches of batchSize, oldest first', async () => {
    const service = await startFakeFeedbackService();
    const recorder = new HttpDecisionRecorder({
      feedback: new FeedbackServiceEndpoint(service.url, service.internalToken),
      logger: createLogger({ name: 'test', level: 'silent' }),
      batchSize: 4,
      flushIntervalMs: 60_000,
    });
    try {
      for (let index = 0; index < 10; index++) recorder.record(decision(`r${index}`));
      expect(await recorder.flush(true)).toBe(true);
      expect(service.batches.slice(-3)).toEqual([4, 4, 2]);
      expect([...service.decisions.keys()].slice(-10)).toEqual(Array.from({ length: 10 }, (_, index) => `r${index}`));
      expect(recorder.stats()).toMatchObject({ buffered: 0, sent: 10, dropped: 0 });
    } finally {
      await recorder.close();
      await service.stop();
    }
  });
});
