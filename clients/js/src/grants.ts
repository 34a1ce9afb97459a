/**
 * A grant the receivers need (watching a chat, following users' presence): sent on every new connection, and again
 * with a fresh one before it expires, until released. The answer frame settles the caller's promise.
 */
export class HeldGrant<Answer> {
  private renewal: ReturnType<typeof setTimeout> | null = null;
  private released = false;
  private waiters: { resolve: (answer: Answer) => void; reject: (error: unknown) => void; timer: ReturnType<typeof setTimeout> }[] = [];

  constructor(
    /** Gets a fresh grant and sends its frame on the current socket; resolves with the grant's expiry (epoch ms). */
    private readonly send: () => Promise<number>,
    private readonly now: () => number,
    private readonly renewBeforeMs: number,
    private readonly answerTimeoutMs = 10_000,
  ) {}

  /** Resolves with the answer to the next frame sent. */
  answer(): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => this.settle((w) => w.reject(new Error('no answer from the receiver'))), this.answerTimeoutMs);
      this.waiters.push({ resolve, reject, timer });
    });
  }

  /** Sends now (a new connection, or a first use) and keeps it renewed. */
  sendNow(): void {
    this.stopRenewing();
    if (this.released) return;
    this.send()
      .then((expiresAt) => {
        if (this.released) return;
        // Renew ahead of expiry, but never later than halfway, so a short-lived grant is not missed.
        const left = expiresAt - this.now();
        this.renewal = setTimeout(() => this.sendNow(), Math.max(1_000, Math.min(left - this.renewBeforeMs, left / 2)));
      })
      .catch((error: unknown) => this.failed(error));
  }

  answered(answer: Answer): void {
    this.settle((w) => w.resolve(answer));
  }

  failed(error: unknown): void {
    this.settle((w) => w.reject(error));
  }

  /** Never sent again; a pending caller is told. */
  release(): void {
    this.released = true;
    this.stopRenewing();
    this.failed(new Error('released'));
  }

  stopRenewing(): void {
    if (this.renewal) clearTimeout(this.renewal);
    this.renewal = null;
  }

  private settle(how: (waiter: (typeof this.waiters)[number]) => void): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      clearTimeout(waiter.timer);
      how(waiter);
    }
  }
}
