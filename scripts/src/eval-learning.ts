import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadPublicExamples } from '@routewise/classifier';
import type { RetrainReport } from '@routewise/retraining';
import { fixed, formatTable } from './console-table';
import { startFakeFallbackLlm } from './evaluation/learning-fake-llm';
import { prepareEvaluationSet, scoreClassifier, type EvaluationRow } from './evaluation/learning-measure';
import { parseLearningOptions, seededRandom, shuffled, type LearningOptions } from './evaluation/learning-options';
import { curveSvg, curveTable, goalLine, type CurvePoint } from './evaluation/learning-report';
import { startLearningStack, type LearningStack } from './evaluation/learning-stack';
import { sharedDataDirectory } from './evaluation/shared-data';

/**
 * `pnpm eval:learning [--source NAME] [--stream N] [--every N] [--accuracy P] [--seed N]`: the router teaching itself
 * from its fallback LLM on a source it never saw.
 *
 * The source's prompts are shuffled; the first `--stream` are sent one by one to a real router's POST /v1/route, the
 * rest are the evaluation set. Router and feedback service run in this process with the source excluded from seed
 * training; a loopback fake Anthropic server stands in for the fallback LLM and answers each prompt's gold label
 * with probability `--accuracy` (no real provider is called). After every `--every` prompts the router's decisions
 * are delivered, the feedback service retrains (POST /v1/retrain: fallback-labeled decisions become training
 * examples) and, once the router serves what was promoted, the router's classifier is scored on the evaluation set:
 * - accuracy: share of evaluation prompts whose predicted label is one of their accepted labels;
 * - fallback share: share whose confidence is below the router's threshold for that classifier (the prompts the
 *   router would pay the fallback LLM for).
 * The seed classifier is scored once before streaming: the curve's first point. Writes docs/learning-curve.{md,svg}.
 */
const REPO_ROOT = path.resolve(__dirname, '../..');
const MODEL_DIRECTORY = process.env['EMBEDDING_MODEL_DIR'] ?? path.resolve(REPO_ROOT, '../shared/models/routewise-static-en-64');

async function main(): Promise<void> {
  const options = parseLearningOptions(process.argv.slice(2));
  // The streamed source is left out of training, so its training cap does not apply: all of its prompts are used.
  const publicExamples = loadPublicExamples(sharedDataDirectory(), { cap: Number.POSITIVE_INFINITY });
  const sources = [...new Set(publicExamples.map((example) => example.source))];
  if (!sources.includes(options.source)) throw new Error(`unknown source '${options.source}' (public sources found in ${sharedDataDirectory()}: ${sources.join(', ') || 'none'})`);
  const prompts = shuffled(publicExamples.filter((example) => example.source === options.source), seededRandom(options.seed));
  if (options.stream >= prompts.length) {
    throw new Error(`${options.source} has ${prompts.length} prompts: --stream ${options.stream} leaves no evaluation set (use --stream ${prompts.length - 1} or fewer)`);
  }
  const streamed = prompts.slice(0, options.stream);
  const evaluation = prompts.slice(options.stream);

  const fakeLlm = await startFakeFallbackLlm(streamed, options.accuracy, seededRandom(options.seed + 1));
  log(`seed classifier without ${options.source} (trained once, then cached in .data/eval-learning/classifiers) …`);
  let stack: LearningStack | null = null;
  try {
    stack = await startLearningStack({
      repoRoot: REPO_ROOT,
      sharedData: sharedDataDirectory(),
      modelDirectory: MODEL_DIRECTORY,
      excludedSource: options.source,
      fallbackLlmUrl: fakeLlm.url,
      seedCache: path.join(REPO_ROOT, '.data/eval-learning/classifiers'),
      onSeedProgress: (stage, done, total) => process.stderr.write(`\r  ${stage} ${done}/${total}   `),
    });
    log(`\nrouter ${stack.routerUrl}, feedback service ${stack.feedbackUrl}, stand-in LLM ${fakeLlm.url}`);
    const rows = await prepareEvaluationSet(evaluation, stack.embedder);
    const points: CurvePoint[] = [{ streamed: 0, fallbackLabels: 0, promoted: 'seed', ...measure(stack, rows) }];
    const retrains: { streamed: number; report: RetrainReport }[] = [];
    let recordedAsLlm = 0;

    for (const [index, prompt] of streamed.entries()) {
      const decision = await routeOnce(stack.routerUrl, String(prompt.messages.at(-1)!.content));
      if (decision.source === 'llm') recordedAsLlm += 1;
      const count = index + 1;
      if (count % options.every !== 0 && count !== streamed.length) continue;
      await stack.deliverDecisions(count);
      log(`${count} streamed, ${fakeLlm.statistics().answered} fallback labels: retraining …`);
      const report = await retrain(stack);
      retrains.push({ streamed: count, report });
      log(`  ${report.decision}: ${report.reason} (${fixed(report.timingsMs.total / 1000, 1)} s)`);
      if (report.decision === 'promote') await waitForRouterVersion(stack.routerUrl, report.candidate.version);
      points.push({ streamed: count, fallbackLabels: fakeLlm.statistics().answered, promoted: report.decision === 'promote' ? 'yes' : 'no', ...measure(stack, rows) });
    }

    const llm = fakeLlm.statistics();
    const table = curveTable(points);
    const goal = goalLine(points);
    const setting = `source ${options.source}: ${streamed.length} streamed, ${evaluation.length} evaluated; retrain every ${options.every}; stand-in LLM accuracy ${options.accuracy}; seed ${options.seed}`;
    const labels = `stand-in LLM: ${llm.answered} labels (${llm.wrong} wrong, ${llm.unmatched} unmatched requests); ${recordedAsLlm} decisions recorded with route source llm (the others had their model picked by a rule or learned routing; retraining learns their LLM label too when it differs from the classifier's)`;
    console.log(`\n${setting}\n${labels}\n\n${table}\n\n${goal}\n\n${retrainTable(retrains)}`);
    writeDocs(options, setting, labels, table, goal, retrainTable(retrains), points);
  } finally {
    await stack?.close();
    await fakeLlm.close();
  }
}

/** The router's classifier right now, scored on the evaluation set with the threshold the router applies to it. */
function measure(stack: LearningStack, rows: readonly EvaluationRow[]): Pick<CurvePoint, 'version' | 'accuracy' | 'fallbackShare'> {
  const classifier = stack.runtime.activeClassifier.current()!;
  return { version: classifier.version, ...scoreClassifier(classifier, stack.runtime.pipeline.fallbackThreshold(classifier), rows) };
}

async function routeOnce(routerUrl: string, content: string): Promise<{ source: string; task: string }> {
  const response = await fetch(`${routerUrl}/v1/route`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content }] }),
  });
  if (!response.ok) throw new Error(`POST /v1/route answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { source: string; task: string };
}

async function retrain(stack: LearningStack): Promise<RetrainReport> {
  const response = await fetch(`${stack.feedbackUrl}/v1/retrain`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: stack.adminAuthorization },
    body: '{}',
  });
  if (!response.ok) throw new Error(`POST /v1/retrain answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as RetrainReport;
}

/** Waits until the router's /readyz names `version` (its classifier poller swapped it in). */
async function waitForRouterVersion(routerUrl: string, version: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const readiness = (await (await fetch(`${routerUrl}/readyz`)).json()) as { classifier?: { version?: string } | null };
    if (readiness.classifier?.version === version) return;
    if (Date.now() > deadline) throw new Error(`the router still serves ${readiness.classifier?.version} 30 s after ${version} was promoted`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Per retrain: what it trained on, both holdout scores and the promotion decision. */
function retrainTable(retrains: readonly { streamed: number; report: RetrainReport }[]): string {
  return formatTable(
    ['after', 'fallback examples (train/holdout)', 'baseline', 'baseline macro-F1', 'candidate macro-F1', 'decision', 'seconds'],
    retrains.map(({ streamed, report }) => {
      const fallback = report.examples.bySource.fallback_llm;
      return [streamed, `${fallback.train}/${fallback.holdout}`, report.baseline.kind, fixed(report.baseline.metrics.macroF1, 4), fixed(report.candidate.metrics.macroF1, 4), report.decision, fixed(report.timingsMs.total / 1000, 1)];
    }),
  );
}

function writeDocs(options: LearningOptions, setting: string, labels: string, table: string, goal: string, retrains: string, points: readonly CurvePoint[]): void {
  const docs = path.join(REPO_ROOT, 'docs');
  mkdirSync(docs, { recursive: true });
  writeFileSync(path.join(docs, 'learning-curve.svg'), curveSvg(points, `Learning from the fallback LLM on ${options.source}`));
  const markdown = [
    '# Learning curve: the router teaching itself from its fallback LLM',
    '',
    `Written by \`pnpm eval:learning\` (scripts/src/eval-learning.ts). ${setting}.`,
    '',
    'The source is left out of the seed classifier. Its prompts are streamed through `POST /v1/route`; when the',
    'classifier is unsure, the router asks the fallback LLM (a loopback stand-in answering the gold label with the',
    'given probability) and records the label. After each batch the feedback service retrains on those labels and',
    'the router swaps in what was promoted. Each row scores the classifier the router then serves, alone, on the',
    "source's prompts that were not streamed: accuracy (prediction among the accepted labels) and fallback share",
    '(confidence below the threshold the router applies).',
    '',
    labels,
    '',
    table,
    '',
    goal,
    '',
    '## Retrains',
    '',
    retrains,
    '',
    '![learning curve](learning-curve.svg)',
    '',
  ];
  writeFileSync(path.join(docs, 'learning-curve.md'), markdown.join('\n'));
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

main().catch((error: unknown) => {
  console.error(`eval:learning failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
