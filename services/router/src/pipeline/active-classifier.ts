import type { TaskClassifier } from '@routewise/classifier';

/** Holds the classifier in use; a newer version is swapped in while requests keep flowing. */
export class ActiveClassifier {
  private classifier: TaskClassifier | null = null;
  private readonly listeners: ((classifier: TaskClassifier) => void)[] = [];

  current(): TaskClassifier | null {
    return this.classifier;
  }

  swap(classifier: TaskClassifier): void {
    this.classifier = classifier;
    for (const listener of this.listeners) listener(classifier);
  }

  onSwap(listener: (classifier: TaskClassifier) => void): void {
    this.listeners.push(listener);
  }
}
