import { readRouterEnvironment, type RouterEnvironment } from '@routewise/config';
import { loadEmbedderStack, type LoadedEmbedder } from '@routewise/router';
import { createLogger } from '@routewise/telemetry';

/** The same embedder the router would load with this environment (local folder, model id, or the fallback). */
export async function loadScriptEmbedder(): Promise<{ environment: RouterEnvironment; loaded: LoadedEmbedder }> {
  const environment = readRouterEnvironment();
  const loaded = await loadEmbedderStack(environment, createLogger({ name: 'routewise-script', level: 'warn' }));
  return { environment, loaded };
}
