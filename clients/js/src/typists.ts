import type { ClientEvents } from './types.js';

type Typing = ClientEvents['typing'];

/**
 * Who is typing where, as the `typing` events say: each typist is shown until the `until` of their last event unless
 * a stop or a message of theirs comes first. The client emits the stop itself when `until` passes (the typist's
 * stop may never come: their socket died), and on a disconnect (nothing is known until the next events).
 */
export class Typists {
  private readonly expiries = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly emit: (change: Typing) => void,
    private readonly now: () => number,
    private readonly max = 1_000,
  ) {}

  changed(change: Typing): void {
    const key = keyOf(change.chatId, change.userId);
    const shown = this.expiries.has(key);
    this.forget(key);
    if (!change.typing || !change.until) {
      if (shown) this.emit({ ...change, typing: false, until: null });
      return;
    }
    if (!shown && this.expiries.size >= this.max) {
      return; // bounded: a flood of typists is not worth memory
    }
    const delay = Math.max(0, Date.parse(change.until) - this.now());
    this.expiries.set(
      key,
      setTimeout(() => this.stopped(change.chatId, change.userId), delay),
    );
    this.emit(change);
  }

  /** A message from the typist ends their typing. */
  messageFrom(chatId: string, userId: string): void {
    if (this.expiries.has(keyOf(chatId, userId))) this.stopped(chatId, userId);
  }

  /** The connection is gone: every shown typist stops. */
  clear(): void {
    for (const key of [...this.expiries.keys()]) {
      const [chatId, userId] = key.split('\n');
      this.stopped(chatId, userId);
    }
  }

  private stopped(chatId: string, userId: string): void {
    this.forget(keyOf(chatId, userId));
    this.emit({ chatId, userId, typing: false, until: null });
  }

  private forget(key: string): void {
    const timer = this.expiries.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.expiries.delete(key);
  }
}

function keyOf(chatId: string, userId: string): string {
  return `${chatId}\n${userId}`;
}
