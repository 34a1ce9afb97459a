import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, type ClientEvents } from '../src/index.js';
import { fakeFetch, fakeSockets, json } from './fakes.js';

const CHAT = 'chat-1';

/** A client against fakes whose grants last `grantMs`; records what it emits. */
function live(grantMs = 600_000) {
  const opened = fakeSockets();
  const sockets = opened.sockets;
  let grants = 0;
  const { fetch, calls } = fakeFetch((call) => {
    if (call.url.includes('/api/v1/chats?')) return json(200, { chats: [], nextCursor: null });
    if (call.url.endsWith(`/chats/${CHAT}/grant`)) {
      return json(200, { chatId: CHAT, grant: `grant-${++grants}`, expiresAt: new Date(Date.now() + grantMs).toISOString() });
    }
    if (call.url.endsWith('/chats/not-mine/grant')) return json(404, { detail: 'not a member' });
    if (call.url.endsWith('/presence/grant')) {
      const userIds = (call.body as { userIds: string[] }).userIds;
      return json(200, { userIds, grant: `presence-${++grants}`, expiresAt: new Date(Date.now() + grantMs).toISOString() });
    }
    return json(404, { detail: 'no route in the fake' });
  });
  const client = createClient({
    senders: ['http://s1'],
    receivers: ['ws://r1/ws', 'ws://r2/ws'],
    token: 'token-1',
    fetch,
    random: () => 0,
    webSocketFactory: opened.webSocketFactory,
  });
  const typing: ClientEvents['typing'][] = [];
  const presence: ClientEvents['presence'][] = [];
  client.on('typing', (change) => typing.push(change));
  client.on('presence', (state) => presence.push(state));
  const connect = async () => {
    const connected = client.connect();
    await vi.advanceTimersByTimeAsync(0);
    sockets[sockets.length - 1].welcome();
    await connected;
    await vi.advanceTimersByTimeAsync(0);
  };
  const sent = (type: string) => sockets.flatMap((s) => s.sent).filter((frame) => frame.type === type);
  return { client, sockets, calls, typing, presence, connect, sent };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('watching a chat and typing', () => {
  it('watches with a grant, renews it before it expires and watches again after a reconnect', async () => {
    vi.useFakeTimers();
    const s = live(120_000);
    await s.connect();
    const watched = s.client.watch(CHAT);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.sockets[0].sent).toContainEqual({ type: 'watch', chatId: CHAT, grant: 'grant-1' });
    s.sockets[0].frame({ type: 'watching', chatId: CHAT, expiresAt: 'later' });
    await watched;

    await vi.advanceTimersByTimeAsync(60_000); // halfway through a 2-minute grant
    expect(s.sockets[0].sent).toContainEqual({ type: 'watch', chatId: CHAT, grant: 'grant-2' });

    s.sockets[0].drop();
    await vi.advanceTimersByTimeAsync(250);
    s.sockets[1].welcome();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.sockets[1].sent).toContainEqual({ type: 'watch', chatId: CHAT, grant: 'grant-3' });

    s.client.unwatch(CHAT);
    expect(s.sockets[1].sent).toContainEqual({ type: 'unwatch', chatId: CHAT });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(s.sent('watch')).toHaveLength(3); // released: never renewed again
    s.client.close();
  });

  it('rejects a watch the user may not make', async () => {
    vi.useFakeTimers();
    const s = live();
    await s.connect();
    await expect(s.client.watch('not-mine')).rejects.toThrow(/404/);
    s.client.close();
  });

  it('sends "typing" at most every 2 s, and a stop only after a start', async () => {
    vi.useFakeTimers();
    const s = live();
    await s.connect();
    s.client.typing(CHAT); // not watched: nothing
    const watched = s.client.watch(CHAT);
    await vi.advanceTimersByTimeAsync(0);
    s.client.typing(CHAT); // watch not confirmed yet: held until it is
    expect(s.sent('typing')).toEqual([]);
    s.sockets[0].frame({ type: 'watching', chatId: CHAT, expiresAt: 'later' });
    await watched;
    await vi.advanceTimersByTimeAsync(2_000);

    for (let i = 0; i < 10; i++) {
      s.client.typing(CHAT); // keystrokes, 0.5 s apart
      await vi.advanceTimersByTimeAsync(500);
    }
    s.client.typing(CHAT, false);
    s.client.typing(CHAT, false);
    // the held one when the watch was confirmed, then one per 2 s of keystrokes, then one stop
    expect(s.sent('typing').map((frame) => frame.typing)).toEqual([true, true, true, true, false]);
    s.client.close();
  });

  it("shows a typist until their until, a stop or their message, whichever comes first", async () => {
    vi.useFakeTimers();
    const s = live();
    await s.connect();
    const typingEvent = (userId: string, typing: boolean) => ({
      type: 'event',
      event: 'typing',
      id: `t-${userId}-${Date.now()}-${typing}`,
      chatId: CHAT,
      data: { chatId: CHAT, userId, typing, until: typing ? new Date(Date.now() + 6_000).toISOString() : null },
    });
    s.sockets[0].frame(typingEvent('bob', true));
    s.sockets[0].frame(typingEvent('carol', true));
    s.sockets[0].frame(typingEvent('dave', true));
    await vi.advanceTimersByTimeAsync(1_000);
    s.sockets[0].frame(typingEvent('carol', false));
    s.sockets[0].frame({
      type: 'event',
      event: 'messageAdded',
      id: 'm1',
      chatId: CHAT,
      data: { id: 'm1', chatId: CHAT, seq: 1, senderId: 'dave', content: 'hi', contentType: 'text' },
    });
    expect(s.typing.filter((t) => !t.typing).map((t) => t.userId)).toEqual(['carol', 'dave']);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(s.typing.filter((t) => !t.typing).map((t) => t.userId)).toEqual(['carol', 'dave']);
    await vi.advanceTimersByTimeAsync(1); // bob's until passed; his stop never came
    expect(s.typing.filter((t) => !t.typing).map((t) => t.userId)).toEqual(['carol', 'dave', 'bob']);
    s.client.close();
  });
});

describe('presence', () => {
  it('follows users, hands out their state and changes, and follows again after a reconnect', async () => {
    vi.useFakeTimers();
    const s = live();
    await s.connect();
    const followed = s.client.presence.follow(['bob', 'carol', 'bob']);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.calls.find((c) => c.url.endsWith('/presence/grant'))?.body).toEqual({ userIds: ['bob', 'carol'] });
    expect(s.sockets[0].sent).toContainEqual({ type: 'presence', grant: 'presence-1' });
    const now = [
      { userId: 'bob', online: true, lastSeenAt: null },
      { userId: 'carol', online: false, lastSeenAt: '2026-12-06T10:00:00Z' },
    ];
    s.sockets[0].frame({ type: 'presence', expiresAt: 'later', users: now });
    expect(await followed).toEqual(now);

    const changed = (userId: string, online: boolean) => ({
      type: 'event',
      event: 'presenceChanged',
      id: `p-${userId}-${online}`,
      chatId: null,
      data: { userId, online, lastSeenAt: online ? null : '2026-12-06T11:00:00Z' },
    });
    s.sockets[0].frame(changed('bob', false));
    s.sockets[0].frame(changed('mallory', true)); // not followed: not handed out
    expect(s.presence.map((p) => `${p.userId}:${p.online}`)).toEqual(['bob:true', 'carol:false', 'bob:false']);

    s.sockets[0].drop();
    await vi.advanceTimersByTimeAsync(250);
    s.sockets[1].welcome();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.sockets[1].sent).toContainEqual({ type: 'presence', grant: 'presence-2' });

    s.client.presence.unfollow();
    s.sockets[1].frame(changed('carol', true));
    expect(s.presence).toHaveLength(3);
    s.client.close();
  });
});

describe('delivery acknowledgements', () => {
  it("acknowledges others' messages, one call per chat for the highest seq, and never the user's own", async () => {
    vi.useFakeTimers();
    const s = live();
    await s.connect(); // welcomed as alice
    const added = (seq: number, senderId: string) => ({
      type: 'event',
      event: 'messageAdded',
      id: `m${seq}`,
      chatId: CHAT,
      data: { id: `m${seq}`, chatId: CHAT, seq, senderId, content: 'x', contentType: 'text' },
    });
    s.sockets[0].frame(added(1, 'bob'));
    s.sockets[0].frame(added(2, 'bob'));
    s.sockets[0].frame(added(3, 'carol'));
    await vi.advanceTimersByTimeAsync(250);
    s.sockets[0].frame(added(4, 'alice'));
    await vi.advanceTimersByTimeAsync(1_000);
    const acks = s.calls.filter((c) => c.url.endsWith('/delivered'));
    expect(acks.map((c) => c.body)).toEqual([{ upToSeq: 3 }]);
    s.client.close();
  });
});
