import type { Message } from './types.js';

/**
 * One chat's messages as the client has handed them out: the highest seq given, so that a message is handed out
 * once, in seq order, and a jump in seq is noticed (the messages between are then read from history).
 */
export class ChatTimeline {
  constructor(public lastSeq: number) {}

  /**
   * What to do with a message that arrived: `deliver` it (it is the next one), `skip` it (already handed out), or
   * `fill` (messages between the last one and it are missing: read history after lastSeq first).
   */
  classify(message: Pick<Message, 'seq'>): 'deliver' | 'skip' | 'fill' {
    if (message.seq <= this.lastSeq) {
      return 'skip';
    }
    return message.seq === this.lastSeq + 1 ? 'deliver' : 'fill';
  }

  delivered(seq: number): void {
    this.lastSeq = Math.max(this.lastSeq, seq);
  }
}

/** A bounded set of the most recent ids: event de-duplication without growing forever. */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly max: number) {}

  /** @returns false when the id was seen already */
  add(id: string): boolean {
    if (this.ids.has(id)) {
      return false;
    }
    this.ids.add(id);
    if (this.ids.size > this.max) {
      const oldest = this.ids.values().next().value as string;
      this.ids.delete(oldest);
    }
    return true;
  }
}
