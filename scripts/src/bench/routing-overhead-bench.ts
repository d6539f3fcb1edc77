import path from 'node:path';
import { readRouterEnvironment } from '@routewise/config';
import { createRouterRuntime, NO_ROUTING_HEADERS } from '@routewise/router';
import { createLogger } from '@routewise/telemetry';
import { fixed, formatTable } from '../console-table';
import { loadPublicExamples } from '@routewise/classifier';
import { sharedDataDirectory } from '../evaluation/shared-data';
import { summarize } from './latency-summary';

/**
 * `pnpm bench:routing`: time of the route stages (parse → features → embed → classify → policy), no provider call,
 * in-process, one request at a time. Every prompt is unique (a counter is prepended), so the embedding cache never
 * hits; a second row shows repeated prompts, which do hit it.
 */
async function main(): Promise<void> {
  const environment = readRouterEnvironment({ ...process.env, ROUTEWISE_DATA_DIR: process.env['ROUTEWISE_DATA_DIR'] ?? path.resolve('.data') });
  const runtime = createRouterRuntime({ environment, logger: createLogger({ name: 'bench', level: 'warn' }) });
  await runtime.ready;
  const readiness = runtime.readiness();
  const body = (content: string) => ({ model: 'auto', messages: [{ role: 'user', content }] });

  const publicPrompts = loadPublicExamples(sharedDataDirectory()).map((example) => String(example.messages.at(-1)!.content));
  const shortPrompts = publicPrompts.filter((prompt) => prompt.length < 400);
  const filler = publicPrompts.filter((prompt) => prompt.length > 200).join('\n\n');
  // ~4,000 tokens: about 16,000 characters of English and code from the public sets.
  const longPrompt = (index: number) => `Request ${index}. ${filler.slice((index * 7919) % 100_000, ((index * 7919) % 100_000) + 16_000)}`;

  const measure = async (count: number, make: (index: number) => string) => {
    const samples: number[] = [];
    for (let index = 0; index < count; index++) {
      const started = performance.now();
      await runtime.pipeline.route(body(make(index)), NO_ROUTING_HEADERS);
      samples.push(performance.now() - started);
    }
    return summarize(samples);
  };

  await measure(300, (index) => `warm-up ${index} ${shortPrompts[index % shortPrompts.length]}`);
  const rows = [
    ['short prompts, unique', await measure(3000, (index) => `${index} ${shortPrompts[index % shortPrompts.length]}`)],
    ['short prompts, repeated (cache hits)', await measure(3000, (index) => shortPrompts[index % 50]!)],
    ['~4k-token prompts, unique', await measure(300, longPrompt)],
  ] as const;
  const promptTokens = (await runtime.pipeline.route(body(longPrompt(1)), NO_ROUTING_HEADERS)).features.promptTokens;

  console.log(`embedder ${readiness.embedder?.id}, classifier ${readiness.classifier?.version}; long prompt ≈ ${promptTokens} tokens; node ${process.version}`);
  console.log(formatTable(
    ['workload', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms'],
    rows.map(([name, summary]) => [name, summary.count, fixed(summary.p50), fixed(summary.p95), fixed(summary.p99), fixed(summary.mean)]),
  ));
  await runtime.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
