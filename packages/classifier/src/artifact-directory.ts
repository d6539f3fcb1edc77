import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { classifierArtifactSchema, type ClassifierArtifact } from './classifier-artifact';

/** Classifier artifacts saved as `<version>.json` in one folder (by default `$ROUTEWISE_DATA_DIR/classifiers`). */
export class ArtifactDirectory {
  constructor(readonly directory: string) {}

  /** The newest artifact built with this embedder (and, when given, from exactly this training data). */
  findNewest(embedderId: string, trainingDigest?: string): ClassifierArtifact | null {
    let files: string[];
    try {
      files = readdirSync(this.directory).filter((name) => name.endsWith('.json'));
    } catch {
      return null;
    }
    const matching = files
      .map((name) => this.readQuietly(path.join(this.directory, name)))
      .filter((artifact): artifact is ClassifierArtifact => artifact !== null)
      .filter((artifact) => artifact.embedder.id === embedderId)
      .filter((artifact) => trainingDigest === undefined || artifact.trainingData.digest === trainingDigest)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return matching[0] ?? null;
  }

  /** Writes atomically (temp file, then rename) so a reader never sees half a file. */
  save(artifact: ClassifierArtifact): string {
    mkdirSync(this.directory, { recursive: true });
    const file = path.join(this.directory, `${artifact.version}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(artifact));
    renameSync(temporary, file);
    return file;
  }

  private readQuietly(file: string): ClassifierArtifact | null {
    try {
      const parsed = classifierArtifactSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
