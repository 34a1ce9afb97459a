import { SwitchboardError } from './types.js';
import type { TokenSource } from './tokens.js';

export interface HttpOptions {
  senders: string[];
  tokens: TokenSource;
  fetch: typeof fetch;
  maxAttempts: number;
  sleep: (ms: number) => Promise<void>;
  backoffMs: (attempt: number) => number;
}

/**
 * REST calls to the senders. A call that may be repeated safely (every read, and a send, which carries its
 * clientMessageId) is retried on a lost connection, 503 and 429, waiting as long as `Retry-After` says (or the
 * backoff), on the next sender each time. Any other error answer is a {@link SwitchboardError}.
 */
export class Http {
  private next = 0;

  constructor(private readonly options: HttpOptions) {}

  async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let lastError: unknown = null;
    for (let attempt = 0; attempt < this.options.maxAttempts; attempt++) {
      const base = this.options.senders[this.next++ % this.options.senders.length];
      let response: Response;
      try {
        response = await this.options.fetch(base + path, {
          method,
          headers: {
            Authorization: `Bearer ${await this.options.tokens.get()}`,
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        lastError = error; // lost connection, refused, DNS: try again, elsewhere
        await this.options.sleep(this.options.backoffMs(attempt));
        continue;
      }
      if (response.status === 503 || response.status === 429) {
        lastError = new SwitchboardError(response.status, await problemOf(response));
        const retryAfter = Number(response.headers.get('Retry-After'));
        await this.options.sleep(
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : this.options.backoffMs(attempt),
        );
        continue;
      }
      if (!response.ok) {
        throw new SwitchboardError(response.status, await problemOf(response));
      }
      return (response.status === 204 ? undefined : await response.json()) as T;
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }
}

async function problemOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}
