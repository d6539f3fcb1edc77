import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ArtifactDirectory,
  LogisticRegressionTaskClassifier,
  describeTask,
  digestOfExamples,
  rawFeatures,
  parseClassifierArtifact,
  trainTaskClassifier,
  type LabeledExample,
} from '@routewise/classifier';
import { HashedNgramEmbedder } from '@routewise/embedder';
import { TASK_LABELS, type TaskLabel } from '@routewise/taxonomy';

/** A tiny, clearly separable training set: each label has its own vocabulary. */
const VOCABULARY: Record<TaskLabel, string[]> = {
  classify: ['label this ticket as billing or bug', 'tag the sentiment positive negative', 'categorize these reviews into buckets', 'extract the fields as JSON from this invoice'],
  chat: ['hey how are you doing today', 'what causes rainbows in the sky', 'any tips for sleeping better', 'tell me about your weekend plans'],
  code: ['write a python function to reverse a list', 'fix this javascript null error in my loop', 'regex to match an email address', 'sql query joining orders and users'],
  code_hard: ['refactor these twelve modules to dependency injection', 'migrate the whole monolith to services', 'design the architecture of a distributed queue', 'port the entire codebase from python two'],
  summarize: ['summarize the following report in bullets', 'give me the key points of this article', 'tldr of the meeting transcript below', 'according to the passage why did sales fall'],
  creative: ['write a poem about the autumn sea', 'draft a warm wedding toast for my sister', 'brainstorm names for a coffee shop', 'short story about a lonely robot'],
  reasoning: ['prove that the square root of two is irrational', 'a train leaves at three at sixty miles per hour', 'how many ways to seat five people in a row', 'solve for x when two x plus three equals eleven'],
};

function examples(): LabeledExample[] {
  return TASK_LABELS.flatMap((label) =>
    VOCABULARY[label].flatMap((text, index) =>
      ['', ' please', ' thanks a lot', ' quickly'].map((suffix, variant) => ({
        id: `${label}-${index}-${variant}`,
        label,
        messages: [{ role: 'user', content: `${text}${suffix}` }],
      })),
    ),
  );
}

describe('trainTaskClassifier', () => {
  const embedder = new HashedNgramEmbedder({ dimension: 128 });
  const options = { numSteps: 200, learningRate: 1, wordDimension: 64, holdoutFraction: 0.2 };
  let artifact: Awaited<ReturnType<typeof trainTaskClassifier>>;

  beforeAll(async () => {
    artifact = await trainTaskClassifier(examples(), embedder, options);
  });

  it('produces a valid artifact that records its embedder, data digest, settings and metrics', () => {
    expect(() => parseClassifierArtifact(JSON.parse(JSON.stringify(artifact)))).not.toThrow();
    expect(artifact.embedder).toEqual({ id: 'hashed-ngram-v1:128', kind: 'hashed-ngram', dimension: 128 });
    expect(artifact.trainingData.digest).toBe(digestOfExamples(examples()));
    expect(artifact.trainingData.examples).toBe(112);
    expect(artifact.hyperparameters).toEqual({ numSteps: 200, learningRate: 1 });
    expect(artifact.metrics.holdout.examples).toBeGreaterThan(0);
    // one weight per feature: 128 embedding + 64 hashed words + shape features + the bias column
    const weights = (artifact.model.classifiers[0] as { weights: number[][] }).weights[0]!;
    expect(weights).toHaveLength(128 + 64 + artifact.features.shapeFeatures.length + 1);
  });

  it('classifies unseen phrasings of each task, with probabilities that sum to one', async () => {
    const classifier = new LogisticRegressionTaskClassifier(artifact);
    const probes: [string, TaskLabel][] = [
      ['can you write a python function that sorts a list', 'code'],
      ['write a short poem about the sea', 'creative'],
      ['summarize the following article in three bullets', 'summarize'],
      ['prove that the cube root of three is irrational', 'reasoning'],
    ];
    for (const [text, expected] of probes) {
      const description = describeTask([{ role: 'user', content: text }]);
      const [embedding] = await embedder.embed([description.text]);
      const prediction = classifier.classify({ embedding: embedding!, description });
      expect(prediction.task).toBe(expected);
      const total = Object.values(prediction.probabilities).reduce((sum, value) => sum + value, 0);
      expect(total).toBeCloseTo(1, 9);
      expect(prediction.confidence).toBe(Math.max(...Object.values(prediction.probabilities)));
    }
  });

  it("computes the same probabilities per request as ml-logistic-regression's own testScores", async () => {
    const classifier = new LogisticRegressionTaskClassifier(artifact);
    const layout = { embeddingDimension: 128, wordDimension: 64, shapeFeatureCount: artifact.features.shapeFeatures.length };
    for (const text of ['label these tickets please', 'a story about a robot', 'hello there friend']) {
      const description = describeTask([{ role: 'user', content: text }]);
      const [embedding] = await embedder.embed([description.text]);
      const single = classifier.classify({ embedding: embedding!, description });
      const [viaPackage] = classifier.classifyRows([rawFeatures({ embedding: embedding!, description }, layout)]);
      for (const label of TASK_LABELS) expect(single.probabilities[label]).toBeCloseTo(viaPackage!.probabilities[label], 9);
    }
  });

  it('leaves its artifact as plain JSON', () => {
    const before = JSON.stringify(artifact);
    new LogisticRegressionTaskClassifier(artifact);
    expect(JSON.stringify(structuredClone(artifact))).toBe(before);
  });

  it('refuses an embedding of the wrong size', () => {
    const classifier = new LogisticRegressionTaskClassifier(artifact);
    expect(() => classifier.classify({ embedding: new Float32Array(64), description: describeTask([{ role: 'user', content: 'hi' }]) })).toThrow(/expects 128/);
  });

  it('needs every label in the training data', async () => {
    await expect(trainTaskClassifier(examples().filter((example) => example.label !== 'chat'), embedder, options)).rejects.toThrow(/no examples of: chat/);
  });

  it('is found again on disk only for the same embedder and data', () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'routewise-artifacts-'));
    try {
      const store = new ArtifactDirectory(directory);
      store.save(artifact);
      expect(store.findNewest('hashed-ngram-v1:128', artifact.trainingData.digest)?.version).toBe(artifact.version);
      expect(store.findNewest('hashed-ngram-v1:128', 'sha256:other')).toBeNull();
      expect(store.findNewest('local:other-model@abc')).toBeNull();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
