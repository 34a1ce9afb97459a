/**
 * Where the client's token comes from: a fixed string, or a function asked for a fresh one whenever the one held is
 * within `refreshBeforeMs` of its `exp` (read from the JWT, never verified here: the services verify it).
 */
export class TokenSource {
  private current: string | null = null;

  constructor(
    private readonly source: string | (() => Promise<string>),
    private readonly refreshBeforeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (typeof this.source === 'string') {
      return this.source;
    }
    if (this.current === null || this.expiresAt(this.current) - this.now() < this.refreshBeforeMs) {
      this.current = await this.source();
    }
    return this.current;
  }

  /** A fresh one from the function, whatever the one held says. */
  async fresh(): Promise<string> {
    if (typeof this.source === 'string') {
      return this.source;
    }
    this.current = await this.source();
    return this.current;
  }

  /** The token's `exp` in epoch milliseconds; infinity when it has none or is not a JWT. */
  expiresAt(token: string): number {
    const payload = token.split('.')[1];
    if (!payload) {
      return Number.POSITIVE_INFINITY;
    }
    try {
      const json = JSON.parse(decodeBase64Url(payload)) as { exp?: number };
      return typeof json.exp === 'number' ? json.exp * 1000 : Number.POSITIVE_INFINITY;
    } catch {
      return Number.POSITIVE_INFINITY;
    }
  }
}

function decodeBase64Url(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}
