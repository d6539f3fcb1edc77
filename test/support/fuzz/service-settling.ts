import { probe } from './http-probe';
import type { ProcessMemory } from './process-memory';
import type { ServiceProcess } from './service-process';

/** Waits until the router's decision buffer is empty (it ships to the feedback service every quarter second); says what /readyz last said. */
export async function decisionsShipped(router: ServiceProcess, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let decisions = 'unknown';
  while (Date.now() < deadline) {
    const readiness = await probe(router.port, '/readyz', 2_000);
    if (readiness?.status === 200) {
      const counts = (JSON.parse(readiness.body) as { decisions?: { buffered: number } | null }).decisions;
      decisions = JSON.stringify(counts);
      if (!counts || counts.buffered === 0) return decisions;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return decisions;
}

/**
 * The process's memory once it stopped moving (two readings half a second apart within 5 MB, or after
 * `timeoutMs`): right after start the feedback service still holds what training the seed classifier used, and a
 * baseline taken then would hide growth.
 */
export async function settledMemory(service: ServiceProcess, timeoutMs: number): Promise<ProcessMemory | null> {
  const deadline = Date.now() + timeoutMs;
  let previous = service.memory();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const current = service.memory();
    if (previous === null || current === null || Math.abs(current.rssBytes - previous.rssBytes) < 5 * 1024 * 1024) return current;
    previous = current;
  }
  return previous;
}
