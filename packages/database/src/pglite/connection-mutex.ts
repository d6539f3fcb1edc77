/**
 * A first-come, first-served lock around PGlite's one connection. PGlite is a single Postgres session: while a
 * kysely transaction holds it, every other query has to wait, or it would run inside that transaction.
 */
export class ConnectionMutex {
  #locked = false;
  readonly #waiting: Array<() => void> = [];

  async lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  /** Hands the lock to the next waiter, if any, without letting a newcomer jump the queue. */
  unlock(): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#locked = false;
    else next();
  }
}
