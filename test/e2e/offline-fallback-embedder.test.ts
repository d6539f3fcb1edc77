import { startTestRouter, type TestRouter } from '@routewise/test-support';

/** Offline with no usable model folder, the router still starts, on the built-in hashed featurizer, and says so. */
describe('router without an embedding model', () => {
  let router: TestRouter;

  beforeAll(async () => {
    // A classifier is trained at start for the fallback featurizer; on the original seven prompt files alone (1,863
    // prompts, no public sets) that takes a minute instead of several.
    const newerFiles = ['chat-conversation', 'chat-knowledge', 'classify-extraction', 'code-hard-systems', 'code-snippets', 'creative-writing', 'reasoning-problems', 'summarize-documents'];
    router = await startTestRouter({
      environment: {
        EMBEDDING_MODEL_DIR: '/nonexistent/model-folder',
        ROUTEWISE_SHARED_DATA: '',
        ROUTEWISE_EXCLUDE_SOURCES: newerFiles.map((file) => `routewise_prompts/${file}`).join(','),
      },
    });
  }, 600_000);
  afterAll(() => router.close());

  it('reports the fallback in /readyz and logs it loudly', async () => {
    const readiness = (await (await fetch(`${router.url}/readyz`)).json()) as { status: string; embedder: { id: string; kind: string; fallback: boolean; warning: string } };
    expect(readiness.status).toBe('ready');
    expect(readiness.embedder).toMatchObject({ kind: 'hashed-ngram', fallback: true });
    expect(readiness.embedder.warning).toContain('/nonexistent/model-folder');
    expect(router.logs()).toContain('EMBEDDER FALLBACK');
  });

  it('trained a classifier for that featurizer and routes with it', async () => {
    const response = await fetch(`${router.url}/v1/route`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'Write a Python function that reverses a linked list.' }] }),
    });
    const decision = (await response.json()) as { task: string; embedder: string };
    expect(decision.embedder).toMatch(/^hashed-ngram-v1:/);
    expect(decision.task).toBe('code');
  });
});
