import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type SwitchboardClient } from '../src/index.js';
import { LocalStack, RedisServer } from './stack.js';

/**
 * The SDK against a real Switchboard started here: two senders, two receivers, embedded Redis and PostgreSQL.
 * Node 20 has no WebSocket of its own: `ws` stands in through webSocketFactory.
 */
let stack: LocalStack;
let redis: RedisServer;

beforeAll(async () => {
  redis = await RedisServer.start(); // the system's redis-server, so that a test can stop and start it
  stack = await LocalStack.start({ REDIS_URL: redis.url });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await redis?.stop();
}, 60_000);

function client(userId: string, receivers: string[], options: { ttlSeconds?: number; refreshBeforeMs?: number } = {}) {
  return createClient({
    senders: stack.senders,
    receivers,
    token: () => stack.token(userId, options.ttlSeconds),
    refreshBeforeMs: options.refreshBeforeMs,
    webSocketFactory: (url) => new WebSocket(url) as never,
    backoff: { initialMs: 200, maxMs: 2000 },
  });
}

function collect(c: SwitchboardClient): number[] {
  const seqs: number[] = [];
  c.on('message', (change) => {
    if (change.kind === 'added') seqs.push(change.message.seq);
  });
  return seqs;
}

async function until(condition: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('against a real stack', () => {
  it('two clients on different receivers exchange messages through different senders', async () => {
    const alice = client('alice.sdk1', [stack.receivers[0]]);
    const bob = client('bob.sdk1', [stack.receivers[1]]);
    const bobGot = collect(bob);
    const aliceGot = collect(alice);
    await alice.connect();
    await bob.connect();
    const chat = await alice.chats.create({ name: 'sdk', memberIds: ['bob.sdk1'] });
    await until(() => bob.state === 'connected');

    await alice.send(chat.id, 'hi bob');
    await bob.send(chat.id, 'hi alice');
    await until(() => bobGot.length === 2 && aliceGot.length === 2);

    expect(bobGot).toEqual([1, 2]);
    expect(aliceGot).toEqual([1, 2]);
    alice.close();
    bob.close();
  }, 60_000);

  it('a receiver killed mid-traffic: the client moves to the other and ends with every message once, in order', async () => {
    const alice = client('alice.sdk2', [stack.receivers[0]]);
    const bob = client('bob.sdk2', [stack.receivers[1], stack.receivers[0]]);
    const bobGot = collect(bob);
    await alice.connect();
    await bob.connect();
    const chat = await alice.chats.create({ name: 'sdk', memberIds: ['bob.sdk2'] });

    const sending = (async () => {
      for (let i = 1; i <= 40; i++) {
        await alice.send(chat.id, `m${i}`);
      }
    })();
    await until(() => bobGot.length >= 10);
    const killedAt = Date.now();
    stack.kill('receiver-2');
    await sending;
    await until(() => bobGot.length >= 40);
    const shownAfter = Date.now() - killedAt;
    console.log(`receiver killed -> all 40 messages shown ${shownAfter} ms later (SDK reconnect and catch-up)`);

    expect(bobGot).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(bob.state).toBe('connected');
    alice.close();
    bob.close();
  }, 90_000);

  it('a token that expires during the connection is renewed in band without a disconnect', async () => {
    const carol = client('carol.sdk3', [stack.receivers[0]], { ttlSeconds: 12, refreshBeforeMs: 9_000 });
    const states: string[] = [];
    carol.on('state', (state) => states.push(state));
    await carol.connect();

    await new Promise((r) => setTimeout(r, 16_000)); // past the first token's expiry and its clock skew

    expect(carol.state).toBe('connected');
    expect(states).toEqual(['connecting', 'connected']);
    carol.close();
  }, 60_000);

  it('Redis stopped and started: the receivers say resync and the client catches up with what was sent meanwhile', async () => {
    const alice = client('alice.sdk4', [stack.receivers[0]]);
    const bob = client('bob.sdk4', [stack.receivers[1], stack.receivers[0]]); // receiver 2 may have been killed
    const bobGot = collect(bob);
    await alice.connect();
    await bob.connect();
    const chat = await alice.chats.create({ name: 'sdk', memberIds: ['bob.sdk4'] });
    await alice.send(chat.id, 'before');
    await until(() => bobGot.length === 1);

    await redis.stop();
    for (let i = 2; i <= 4; i++) {
      await alice.send(chat.id, `while Redis was away ${i}`); // stored; the outbox publishes them later
    }
    await redis.start();
    await until(() => bobGot.length >= 4, 60_000);

    expect(bobGot).toEqual([1, 2, 3, 4]);
    alice.close();
    bob.close();
  }, 120_000);
});
