import type { WebSocketLike } from '../src/types.js';

/** A socket the test drives: what the client sent, and frames or a close from the "server". */
export class FakeSocket implements WebSocketLike {
  readonly sent: Record<string, unknown>[] = [];
  closed = false;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason?: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(): void {
    this.closed = true;
  }

  frame(frame: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  welcome(extra: Record<string, unknown> = {}): void {
    this.frame({ type: 'welcome', connectionId: `conn-${this.url}`, userId: 'alice', ...extra });
  }

  drop(): void {
    this.onclose?.({ code: 1006 });
  }
}

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that answers from a route table and records every call. */
export function fakeFetch(route: (call: Call) => Response | Promise<Response> | Error): {
  fetch: typeof fetch;
  calls: Call[];
} {
  const calls: Call[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const answer = await route(call);
    if (answer instanceof Error) {
      throw answer;
    }
    return answer;
  }) as typeof fetch;
  return { fetch: fetchImpl, calls };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function message(chatId: string, seq: number): Record<string, unknown> {
  return {
    id: `m-${chatId}-${seq}`,
    chatId,
    seq,
    senderId: 'bob',
    content: `message ${seq}`,
    contentType: 'text',
    clientMessageId: null,
    createdAt: '2026-12-06T10:00:00.000Z',
    editedAt: null,
    deleted: false,
  };
}

export function messageAdded(chatId: string, seq: number, eventId = `e-${chatId}-${seq}`): Record<string, unknown> {
  return { type: 'event', event: 'messageAdded', id: eventId, chatId, data: message(chatId, seq) };
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await Promise.resolve();
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A webSocketFactory that records every socket the client opens. */
export function fakeSockets(): { sockets: FakeSocket[]; webSocketFactory: (url: string) => FakeSocket } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    webSocketFactory: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
  };
}
