import { postJson } from './http-probe';
import { decisionsShipped } from './service-settling';
import type { FuzzServices } from './start-fuzz-services';

/**
 * A few ordinary requests before the fuzz: they warm the embedder's caches (so the RSS baseline is not the cold
 * process) and return request ids the router really served, so that fuzzed feedback can find its decision.
 */
export async function warmUp(services: FuzzServices, prompts: readonly string[]): Promise<string[]> {
  const requestIds: string[] = [];
  for (const prompt of prompts.slice(0, 8)) {
    const answer = await postJson(services.router.port, '/v1/route', { model: 'auto', messages: [{ role: 'user', content: prompt }] }, 30_000);
    const requestId = answer?.status === 200 ? (JSON.parse(answer.body) as { request_id?: unknown }).request_id : undefined;
    if (typeof requestId === 'string') requestIds.push(requestId);
  }
  for (const stream of [false, true]) {
    await postJson(services.router.port, '/v1/chat/completions', { model: 'auto', stream, messages: [{ role: 'user', content: prompts[0] ?? 'hi' }] }, 30_000);
  }
  await decisionsShipped(services.router, 15_000);
  return requestIds;
}
