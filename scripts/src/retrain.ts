import path from 'node:path';
import { loadRoutewiseConfig, readFeedbackEnvironment, resolveServiceToken, type FeedbackEnvironment } from '@routewise/config';
import { createDatabase, databaseOptionsFromEnvironment, describeDatabase, migrateToLatest } from '@routewise/database';
import { loadEmbedderFromEnvironment, retrainClassifier, type RetrainReport, type RetrainStage } from '@routewise/retraining';
import { progressBar } from './progress-bar';
import { formatRetrainReport } from './retrain-report-table';

/**
 * `pnpm retrain [--dry-run]`: retrains the task classifier and promotes it only if it is no worse. With the feedback
 * service up (FEEDBACK_URL) it asks the service, which owns the database (an embedded PGlite folder has exactly one
 * owner); with the service down it opens the database itself: DATABASE_URL, or the PGlite folder.
 */
async function main(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  const environment = readFeedbackEnvironment();
  const feedbackUrl = (process.env['FEEDBACK_URL'] ?? 'http://127.0.0.1:8081').replace(/\/+$/, '');
  // The admin token from ADMIN_TOKEN, or the one `npm start` generated into the data folder.
  const adminToken = resolveServiceToken('admin', environment.ADMIN_TOKEN, environment.ROUTEWISE_DATA_DIR, { create: false })?.value;
  const report = (await serviceIsUp(feedbackUrl)) ? await retrainThroughService(feedbackUrl, adminToken, dryRun) : await retrainLocally(environment, dryRun);
  console.log(`\n${formatRetrainReport(report)}`);
}

async function serviceIsUp(feedbackUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${feedbackUrl}/healthz`, { signal: AbortSignal.timeout(1_500) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

async function retrainThroughService(feedbackUrl: string, adminToken: string | undefined, dryRun: boolean): Promise<RetrainReport> {
  console.log(`feedback service at ${feedbackUrl} is up: asking it to retrain${dryRun ? ' (dry run)' : ''} …`);
  const response = await fetch(`${feedbackUrl}/v1/retrain`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}) },
    body: JSON.stringify({ dry_run: dryRun }),
  });
  const body = (await response.json()) as RetrainReport | { error: { message: string } };
  if (!response.ok) {
    const message = 'error' in body ? body.error.message : response.statusText;
    const hint = response.status === 401 ? ' (set ADMIN_TOKEN to the service\'s admin token, or run from the folder whose .data/secrets holds it)' : '';
    throw new Error(`the feedback service answered ${response.status}: ${message}${hint}`);
  }
  return body as RetrainReport;
}

async function retrainLocally(environment: FeedbackEnvironment, dryRun: boolean): Promise<RetrainReport> {
  const databaseOptions = databaseOptionsFromEnvironment(environment);
  console.log(`no feedback service answered: opening ${describeDatabase(databaseOptions)} directly${dryRun ? ' (dry run)' : ''}`);
  const db = await createDatabase(databaseOptions);
  const loaded = await loadEmbedderFromEnvironment(environment);
  const config = loadRoutewiseConfig(environment.ROUTEWISE_CONFIG);
  try {
    await migrateToLatest(db);
    if (loaded.warning) console.warn(`EMBEDDER FALLBACK: ${loaded.warning}`);
    let lastStage: RetrainStage | null = null;
    return await retrainClassifier({
      db,
      embedder: loaded.embedder,
      trainingDirectory: environment.ROUTEWISE_TRAINING_DATA,
      publicDataDirectory: environment.ROUTEWISE_SHARED_DATA || null,
      artifactDirectory: path.resolve(environment.ROUTEWISE_DATA_DIR, 'classifiers'),
      marginMacroF1: environment.RETRAIN_MARGIN_MACRO_F1,
      fallbackLabelWeight: config.classifier.fallback_label_weight,
      targetPrecision: config.classifier.target_precision,
      dryRun,
      onProgress: (stage, done, total) => {
        if (stage !== lastStage && lastStage !== null) process.stdout.write('\n');
        lastStage = stage;
        process.stdout.write(`\r${stage.padEnd(22)} ${progressBar(total === 0 ? 1 : done / total)} ${done}/${total}`);
      },
    });
  } finally {
    process.stdout.write('\n');
    await loaded.embedder.close();
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`retrain failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
