import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, type MessageChange } from '../src/index.js';
import { Backoff } from '../src/backoff.js';
import { fakeFetch, fakeSockets, json, message, messageAdded, settle } from './fakes.js';

const CHAT = 'chat-1';

function stack(options: { chatLastSeq?: () => number; history?: (afterSeq: number) => number[]; token?: string | (() => Promise<string>) } = {}) {
  const opened = fakeSockets();
  const sockets = opened.sockets;
  const { fetch, calls } = fakeFetch((call) => {
    if (call.url.includes('/api/v1/chats?')) {
      return json(200, { chats: [{ id: CHAT, lastSeq: options.chatLastSeq ? options.chatLastSeq() : 0 }], nextCursor: null });
    }
    const history = /\/messages\?afterSeq=(\d+)/.exec(call.url);
    if (history) {
      const seqs = (options.history ?? (() => []))(Number(history[1]));
      return json(200, { messages: seqs.map((seq) => message(CHAT, seq)), hasMore: false });
    }
    return json(404, { detail: 'no route in the fake' });
  });
  const client = createClient({
    senders: ['http://s1', 'http://s2'],
    receivers: ['ws://r1/ws', 'ws://r2/ws'],
    token: options.token ?? 'token-1',
    fetch,
    random: () => 0,
    webSocketFactory: opened.webSocketFactory,
  });
  const changes: MessageChange[] = [];
  client.on('message', (change) => changes.push(change));
  /** Connects, welcomed on the first socket, with the first catch-up done (real timers). */
  const connect = async () => {
    const connected = client.connect();
    await settle();
    sockets[0].welcome();
    await connected;
    await settle();
  };
  return { client, sockets, calls, changes, connect, seqs: () => changes.map((c) => (c.kind === 'added' ? c.message.seq : -1)) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('messages', () => {
  it('hands out each message once, in seq order, filling a gap from history', async () => {
    const s = stack({ history: (after) => [2, 3, 4].filter((seq) => seq > after) });
    await s.connect();

    s.sockets[0].frame(messageAdded(CHAT, 1));
    s.sockets[0].frame(messageAdded(CHAT, 1, 'another-event-id-same-seq'));
    s.sockets[0].frame(messageAdded(CHAT, 1)); // the same event again
    s.sockets[0].frame(messageAdded(CHAT, 4)); // 2 and 3 were missed
    await settle();
    s.sockets[0].frame(messageAdded(CHAT, 3)); // late copy of a filled one
    await settle();

    expect(s.seqs()).toEqual([1, 2, 3, 4]);
    expect(s.calls.some((c) => c.url.includes('afterSeq=1'))).toBe(true);
  });

  it('reads what every moved chat missed after a resync', async () => {
    let lastSeq = 4;
    const s = stack({ chatLastSeq: () => lastSeq, history: (after) => [5, 6, 7].filter((seq) => seq > after) });
    await s.connect();
    s.sockets[0].frame(messageAdded(CHAT, 5));
    await settle();

    lastSeq = 7; // 6 and 7 were sent while this receiver's subscription was down
    s.sockets[0].frame({ type: 'resync', reason: 'subscription-restored' });
    await settle();
    await s.client.catchUp();

    expect(s.seqs()).toEqual([5, 6, 7]);
  });
});

describe('connection', () => {
  it('reconnects to the next receiver with jittered backoff and catches up', async () => {
    vi.useFakeTimers();
    const s = stack();
    const states: string[] = [];
    s.client.on('state', (state) => states.push(state));
    const connected = s.client.connect();
    await vi.advanceTimersByTimeAsync(0);
    s.sockets[0].welcome();
    await connected;

    s.sockets[0].drop();
    expect(s.client.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(249);
    expect(s.sockets).toHaveLength(1); // random() = 0: half of the first 500 ms
    await vi.advanceTimersByTimeAsync(1);
    expect(s.sockets).toHaveLength(2);
    expect(s.sockets[1].url).toBe('ws://r2/ws?access_token=token-1');
    s.sockets[1].welcome();
    await vi.advanceTimersByTimeAsync(0);

    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    expect(s.calls.filter((c) => c.url.includes('/api/v1/chats?'))).toHaveLength(2);
    s.client.close();
    expect(s.client.state).toBe('offline');
  });

  it('backs off doubling up to the cap, with jitter between half and all of it', () => {
    const high = new Backoff(500, 4000, () => 1);
    expect([high.next(), high.next(), high.next(), high.next(), high.next()]).toEqual([500, 1000, 2000, 4000, 4000]);
    const low = new Backoff(500, 4000, () => 0);
    expect([low.next(), low.next()]).toEqual([250, 500]);
  });

  it('renews the token in band before it expires', async () => {
    vi.useFakeTimers();
    let issued = 0;
    const s = stack({ token: async () => `token-${++issued}` });
    const connected = s.client.connect();
    await vi.advanceTimersByTimeAsync(0);
    s.sockets[0].welcome({ tokenExpiresAt: new Date(Date.now() + 90_000).toISOString() });
    await connected;

    await vi.advanceTimersByTimeAsync(30_000); // 60 s before expiry
    expect(s.sockets[0].sent).toContainEqual({ type: 'auth', token: 'token-2' });
    s.client.close();
  });
});

describe('sends', () => {
  it('retries a lost answer, a 503 and a 429 with one clientMessageId, naming the connection', async () => {
    vi.useFakeTimers();
    let attempt = 0;
    const opened = fakeSockets();
    const sockets = opened.sockets;
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url.includes('/api/v1/chats?')) return json(200, { chats: [], nextCursor: null });
      attempt++;
      if (attempt === 1) return new TypeError('network down');
      if (attempt === 2) return json(503, { detail: 'database' }, { 'Retry-After': '1' });
      if (attempt === 3) return json(429, { detail: 'slow down' }, { 'Retry-After': '2' });
      return json(201, { ...message(CHAT, 9), clientMessageId: (call.body as { clientMessageId: string }).clientMessageId });
    });
    const client = createClient({
      senders: ['http://s1', 'http://s2'],
      receivers: ['ws://r1/ws'],
      token: 't',
      fetch,
      random: () => 0,
      webSocketFactory: opened.webSocketFactory,
    });
    const connected = client.connect();
    await vi.advanceTimersByTimeAsync(0);
    sockets[0].welcome();
    await connected;

    const sent = client.send(CHAT, 'hello');
    await vi.advanceTimersByTimeAsync(10_000);
    const stored = await sent;

    const sends = calls.filter((c) => c.method === 'POST' && c.url.endsWith('/messages'));
    expect(sends).toHaveLength(4);
    expect(new Set(sends.map((c) => (c.body as { clientMessageId: string }).clientMessageId)).size).toBe(1);
    const senders = sends.map((c) => c.url.slice(0, 9));
    expect(senders.every((url, i) => i === 0 || url !== senders[i - 1])).toBe(true); // each retry on the other sender
    expect(sends[0].headers['Switchboard-Origin-Connection']).toBe('conn-ws://r1/ws?access_token=t');
    expect(stored.seq).toBe(9);
    client.close();
  });

  it('queues sends made while offline and sends them in order once connected', async () => {
    const order: string[] = [];
    const opened = fakeSockets();
    const sockets = opened.sockets;
    const { fetch } = fakeFetch((call) => {
      if (call.url.includes('/api/v1/chats?')) return json(200, { chats: [], nextCursor: null });
      order.push((call.body as { content: string }).content);
      return json(201, message(CHAT, order.length));
    });
    const client = createClient({
      senders: ['http://s1'],
      receivers: ['ws://r1/ws'],
      token: 't',
      fetch,
      webSocketFactory: opened.webSocketFactory,
    });
    const first = client.send(CHAT, 'first');
    const second = client.send(CHAT, 'second');
    await settle();
    expect(order).toEqual([]);

    void client.connect();
    await settle();
    sockets[0].welcome();
    await Promise.all([first, second]);

    expect(order).toEqual(['first', 'second']);
    client.close();
  });

  it('does not retry an answer the client must fix', async () => {
    const opened = fakeSockets();
    const sockets = opened.sockets;
    const { fetch, calls } = fakeFetch((call) =>
      call.url.includes('/api/v1/chats?')
        ? json(200, { chats: [], nextCursor: null })
        : json(413, { detail: 'content is larger than 16384 bytes' }),
    );
    const client = createClient({
      senders: ['http://s1'],
      receivers: ['ws://r1/ws'],
      token: 't',
      fetch,
      webSocketFactory: opened.webSocketFactory,
    });
    const connected = client.connect();
    await settle();
    sockets[0].welcome();
    await connected;

    await expect(client.send(CHAT, 'x'.repeat(20_000))).rejects.toThrow('HTTP 413: content is larger than 16384 bytes');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    client.close();
  });
});
