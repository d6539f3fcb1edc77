import type { Embedder } from '@routewise/embedder';
import type { TaskDescription } from '@routewise/classifier';

/** Stage 3: the task text as a vector. The embedder is batched and cached (see startup/load-embedder-stack.ts). */
export async function embedTask(embedder: Embedder, description: TaskDescription): Promise<Float32Array> {
  const [embedding] = await embedder.embed([description.text]);
  if (!embedding) throw new Error('embedder returned no vector');
  return embedding;
}
