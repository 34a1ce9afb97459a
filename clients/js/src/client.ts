import { Backoff } from './backoff.js';
import { HeldGrant } from './grants.js';
import { Http } from './http.js';
import { ChatTimeline, RecentIds } from './timeline.js';
import { TokenSource } from './tokens.js';
import { Typists } from './typists.js';
import type {
  Chat,
  ChatReceipts,
  ChatSummary,
  ClientEvents,
  ConnectionState,
  Message,
  MessagePage,
  PresenceState,
  WebSocketLike,
} from './types.js';

export interface ClientOptions {
  /** Sender base URLs, e.g. `http://localhost:8081`; calls go round them. */
  senders: string[];
  /** Receiver WebSocket URLs, e.g. `ws://localhost:8091/ws`; a reconnect tries the next. */
  receivers: string[];
  /** The access token, or a function that returns a fresh one (asked again before the held one expires). */
  token: string | (() => Promise<string>);
  /** How to open a WebSocket; default the platform's `WebSocket` (browsers, Node 22+). Node 20: wrap `ws`. */
  webSocketFactory?: (url: string) => WebSocketLike;
  /** Default the platform's `fetch`. */
  fetch?: typeof fetch;
  /** Reconnect and retry backoff (jittered, doubling): first wait and cap, in milliseconds. Default 500 and 30,000. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Attempts of a retried REST call (lost connections, 503, 429). Default 5. */
  maxAttempts?: number;
  /** Renew the token this long before it expires (in band on the socket, and for REST). Default 60,000 ms. */
  refreshBeforeMs?: number;
  /**
   * Tell the senders that messages from others reached this device (`markDelivered`, batched per chat within
   * 250 ms), so that their authors see them delivered. Default true.
   */
  acknowledgeDelivery?: boolean;
  /** For tests: the random source of the jitter and the clock. */
  random?: () => number;
  now?: () => number;
}

export type Handler<K extends keyof ClientEvents> = (value: ClientEvents[K]) => void;

const HISTORY_PAGE = 100;
/** A typist's "typing" goes out at most this often (the receivers publish one per 3 s; a peer shows it for 6 s). */
const TYPING_RESEND_MS = 2_000;

/**
 * The client half of Switchboard's contract (docs/guarantees.md): one socket to a receiver, reconnecting with
 * jittered backoff to the next; after every reconnect, a `resync` or a gap in a chat's seq, the missed messages are
 * read from history (the chat list says which chats moved); every message is handed out once, per chat in seq
 * order; sends are idempotent (a clientMessageId made here) and retried, queued while offline and sent in order.
 */
export class SwitchboardClient {
  private readonly options: Required<Omit<ClientOptions, 'backoff' | 'webSocketFactory' | 'fetch' | 'acknowledgeDelivery'>> & {
    webSocketFactory: (url: string) => WebSocketLike;
  };
  private readonly handlers = new Map<keyof ClientEvents, Set<(value: unknown) => void>>();
  private readonly timelines = new Map<string, ChatTimeline>();
  private readonly seenEvents = new RecentIds(10_000);
  private readonly tokens: TokenSource;
  private readonly http: Http;
  private readonly backoff: Backoff;
  private socket: WebSocketLike | null = null;
  private receiverIndex = 0;
  private currentState: ConnectionState = 'offline';
  private closedByUs = true;
  private everConnected = false;
  private connectionId: string | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private sendQueue: Promise<unknown> = Promise.resolve();
  private catchingUp: Promise<void> = Promise.resolve();
  private connectedWaiters: (() => void)[] = [];
  private readonly watches = new Map<string, HeldGrant<void>>();
  private following: { userIds: Set<string>; grant: HeldGrant<PresenceState[]> } | null = null;
  private readonly typists: Typists;
  private readonly typingSentAt = new Map<string, number>();
  /** Chats the receiver confirmed watching on this connection; typing before that would be refused. */
  private readonly watching = new Set<string>();
  /** Typing asked for before the watch was confirmed: sent when it is. */
  private readonly typingBeforeWatch = new Set<string>();
  private readonly acknowledgeDelivery: boolean;
  private readonly toAcknowledge = new Map<string, number>();
  private acknowledgeTimer: ReturnType<typeof setTimeout> | null = null;
  private userId: string | null = null;

  constructor(options: ClientOptions) {
    if (options.senders.length === 0 || options.receivers.length === 0) {
      throw new Error('createClient needs at least one sender and one receiver URL');
    }
    const random = options.random ?? Math.random;
    const now = options.now ?? Date.now;
    this.options = {
      senders: options.senders.map((url) => url.replace(/\/+$/, '')),
      receivers: options.receivers,
      token: options.token,
      maxAttempts: options.maxAttempts ?? 5,
      refreshBeforeMs: options.refreshBeforeMs ?? 60_000,
      random,
      now,
      webSocketFactory:
        options.webSocketFactory ??
        ((url) => {
          const Platform = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
          if (!Platform) {
            throw new Error('no WebSocket on this platform (Node 20): pass webSocketFactory, e.g. url => new WebSocket(url) from "ws"');
          }
          return new Platform(url);
        }),
    };
    this.backoff = new Backoff(options.backoff?.initialMs ?? 500, options.backoff?.maxMs ?? 30_000, random);
    this.tokens = new TokenSource(options.token, this.options.refreshBeforeMs, now);
    const retryBackoff = new Backoff(options.backoff?.initialMs ?? 500, options.backoff?.maxMs ?? 30_000, random);
    this.http = new Http({
      senders: this.options.senders,
      tokens: this.tokens,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      maxAttempts: this.options.maxAttempts,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      backoffMs: () => retryBackoff.next(),
    });
    this.typists = new Typists((change) => this.emit('typing', change), now);
    this.acknowledgeDelivery = options.acknowledgeDelivery ?? true;
  }

  /** The signed-in user, as the receiver's welcome said; null before the first connection. */
  get user(): string | null {
    return this.userId;
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** Subscribes a handler; returns the function that unsubscribes it. */
  on<K extends keyof ClientEvents>(name: K, handler: Handler<K>): () => void {
    const set = this.handlers.get(name) ?? new Set();
    set.add(handler as (value: unknown) => void);
    this.handlers.set(name, set);
    return () => set.delete(handler as (value: unknown) => void);
  }

  /** Opens the socket (and keeps it open, reconnecting, until {@link close}); resolves once connected. */
  async connect(): Promise<void> {
    this.closedByUs = false;
    if (this.currentState === 'offline') {
      this.setState('connecting');
      this.open();
    }
    await this.whenConnected();
  }

  /** Closes the socket and stops reconnecting. */
  close(): void {
    this.closedByUs = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'client closed');
    this.connectionLost();
    this.setState('offline');
  }

  /** Sends a message; resolves with the stored one. Queued while offline, sent in order, retried with one id. */
  send(chatId: string, content: string, options: { contentType?: string } = {}): Promise<Message> {
    const clientMessageId = randomId();
    this.typingSentAt.delete(chatId); // peers take the message as the end of the typing
    return this.enqueue(async () => {
      await this.whenConnected();
      const message = await this.http.call<Message>(
        'POST',
        `/api/v1/chats/${chatId}/messages`,
        { content, contentType: options.contentType ?? 'text', clientMessageId },
        this.connectionId ? { 'Switchboard-Origin-Connection': this.connectionId } : {},
      );
      // This connection is excluded from its own messageAdded: the answer takes its place in the chat's order.
      this.arrived(message);
      return message;
    });
  }

  edit(chatId: string, messageId: string, content: string): Promise<Message> {
    return this.enqueue(() =>
      this.http.call<Message>('PATCH', `/api/v1/chats/${chatId}/messages/${messageId}`, { content }),
    );
  }

  delete(chatId: string, messageId: string): Promise<void> {
    return this.enqueue(() => this.http.call<void>('DELETE', `/api/v1/chats/${chatId}/messages/${messageId}`));
  }

  markRead(chatId: string, upToSeq: number): Promise<{ lastReadSeq: number; unreadCount: number }> {
    return this.http.call('POST', `/api/v1/chats/${chatId}/read`, { upToSeq });
  }

  markDelivered(chatId: string, upToSeq: number): Promise<{ lastDeliveredSeq: number; lastReadSeq: number }> {
    return this.http.call('POST', `/api/v1/chats/${chatId}/delivered`, { upToSeq });
  }

  /** The chat's ticks: up to which seq every member got, and read, its messages; and the caller's own marks. */
  receipts(chatId: string): Promise<ChatReceipts> {
    return this.http.call('GET', `/api/v1/chats/${chatId}/receipts`);
  }

  /**
   * Watches a chat: its `typing` events come to this client, and {@link typing} may be used in it. Held until
   * {@link unwatch}: renewed before the grant expires and sent again after every reconnect. Resolves when a receiver
   * answers; rejects when the user may not (not a member, or typing is off on the deployment: HTTP 404) or when no
   * answer comes within 10 s (the watch is still held and sent on the next connection).
   */
  watch(chatId: string): Promise<void> {
    let held = this.watches.get(chatId);
    if (!held) {
      held = new HeldGrant<void>(() => this.sendWatch(chatId), this.options.now, this.options.refreshBeforeMs);
      this.watches.set(chatId, held);
    }
    const answered = held.answer();
    if (this.currentState === 'connected') held.sendNow();
    return answered;
  }

  unwatch(chatId: string): void {
    const held = this.watches.get(chatId);
    if (!held) return;
    held.release();
    this.watches.delete(chatId);
    this.watching.delete(chatId);
    this.typingBeforeWatch.delete(chatId);
    this.typingSentAt.delete(chatId);
    this.socket?.send(JSON.stringify({ type: 'unwatch', chatId }));
  }

  /**
   * Says the user is typing in a watched chat (call it on every keystroke: it goes out at most every 2 s), or, with
   * `false`, that they stopped. Sending a message also ends it for the peers.
   */
  typing(chatId: string, typing = true): void {
    if (!this.watches.has(chatId) || !this.socket || this.currentState !== 'connected') return;
    if (!this.watching.has(chatId)) {
      if (typing) this.typingBeforeWatch.add(chatId);
      else this.typingBeforeWatch.delete(chatId);
      return;
    }
    const last = this.typingSentAt.get(chatId);
    if (typing) {
      if (last !== undefined && this.options.now() - last < TYPING_RESEND_MS) return;
      this.typingSentAt.set(chatId, this.options.now());
    } else {
      if (last === undefined) return;
      this.typingSentAt.delete(chatId);
    }
    this.socket.send(JSON.stringify({ type: 'typing', chatId, typing }));
  }

  readonly presence = {
    /**
     * Follows exactly these users' presence (1 to 200 who share a chat with the user; replaces what was followed):
     * resolves with their state now, and `presence` events follow as they come and go. Held like a watch: renewed,
     * and sent again after every reconnect (with each user's state then, as `presence` events).
     */
    follow: (userIds: string[]): Promise<PresenceState[]> => {
      this.following?.grant.release();
      const ids = [...new Set(userIds)];
      const grant = new HeldGrant<PresenceState[]>(
        () => this.sendFollow(ids),
        this.options.now,
        this.options.refreshBeforeMs,
      );
      this.following = { userIds: new Set(ids), grant };
      const answered = grant.answer();
      if (this.currentState === 'connected') grant.sendNow();
      return answered;
    },
    /** Stops following: no more `presence` events. */
    unfollow: (): void => {
      this.following?.grant.release();
      this.following = null;
    },
  };

  history(chatId: string, page: { afterSeq?: number; beforeSeq?: number; limit?: number } = {}): Promise<MessagePage> {
    const query = new URLSearchParams();
    if (page.afterSeq !== undefined) query.set('afterSeq', String(page.afterSeq));
    if (page.beforeSeq !== undefined) query.set('beforeSeq', String(page.beforeSeq));
    query.set('limit', String(page.limit ?? 50));
    return this.http.call('GET', `/api/v1/chats/${chatId}/messages?${query}`);
  }

  readonly chats = {
    /** Every chat of the user, latest activity first (all pages). */
    list: async (): Promise<ChatSummary[]> => {
      const all: ChatSummary[] = [];
      let cursor: string | null = null;
      do {
        const page: { chats: ChatSummary[]; nextCursor: string | null } = await this.http.call(
          'GET',
          `/api/v1/chats?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        all.push(...page.chats);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
    get: (chatId: string): Promise<Chat> => this.http.call('GET', `/api/v1/chats/${chatId}`),
    create: (chat: { name: string; memberIds: string[]; historyVisibility?: string }): Promise<Chat> =>
      this.http.call('POST', '/api/v1/chats', chat),
    update: (
      chatId: string,
      change: { name?: string; addMemberIds?: string[]; removeMemberIds?: string[]; roles?: Record<string, string> },
    ): Promise<Chat> => this.http.call('PATCH', `/api/v1/chats/${chatId}`, change),
  };

  /** Reads what every chat missed since the last message handed out, in order; resolves when done. */
  catchUp(): Promise<void> {
    this.catchingUp = this.catchingUp.then(() => this.readMissed()).catch(() => undefined);
    return this.catchingUp;
  }

  private async readMissed(): Promise<void> {
    for (const chat of await this.chats.list()) {
      const timeline = this.timelines.get(chat.id);
      if (!timeline) {
        this.timelines.set(chat.id, new ChatTimeline(chat.lastSeq));
      } else if (chat.lastSeq > timeline.lastSeq) {
        await this.fill(chat.id, timeline);
      }
    }
  }

  private async fill(chatId: string, timeline: ChatTimeline): Promise<void> {
    let more = true;
    while (more) {
      const page = await this.history(chatId, { afterSeq: timeline.lastSeq, limit: HISTORY_PAGE });
      for (const message of page.messages) {
        this.deliverMessage(message);
      }
      more = page.hasMore && page.messages.length > 0;
    }
  }

  /** A message from the socket or a send's answer: handed out if next, read with the missing ones if ahead. */
  private arrived(message: Message): void {
    const timeline = this.timelines.get(message.chatId);
    if (!timeline) {
      this.deliverMessage(message);
      return;
    }
    switch (timeline.classify(message)) {
      case 'deliver':
        this.deliverMessage(message);
        break;
      case 'fill':
        this.catchingUp = this.catchingUp.then(() => this.fill(message.chatId, timeline)).catch(() => undefined);
        break;
      case 'skip':
        break;
    }
  }

  private deliverMessage(message: Message): void {
    const timeline = this.timelines.get(message.chatId);
    if (timeline && message.seq <= timeline.lastSeq) {
      return;
    }
    this.timelines.set(message.chatId, timeline ?? new ChatTimeline(message.seq));
    this.timelines.get(message.chatId)!.delivered(message.seq);
    this.emit('message', { kind: 'added', message });
    if (this.acknowledgeDelivery && this.userId !== null && message.senderId !== this.userId) {
      this.acknowledge(message.chatId, message.seq);
    }
  }

  /** Batches delivery acknowledgements: one call per chat, for the highest seq, per 250 ms. */
  private acknowledge(chatId: string, seq: number): void {
    this.toAcknowledge.set(chatId, Math.max(seq, this.toAcknowledge.get(chatId) ?? 0));
    this.acknowledgeTimer ??= setTimeout(() => {
      this.acknowledgeTimer = null;
      const due = [...this.toAcknowledge];
      this.toAcknowledge.clear();
      for (const [chat, upToSeq] of due) {
        this.markDelivered(chat, upToSeq).catch(() => undefined); // the next message acknowledges this one too
      }
    }, 250);
  }

  private open(): void {
    const url = this.options.receivers[this.receiverIndex % this.options.receivers.length];
    this.tokens
      .get()
      .then((token) => {
        if (this.closedByUs) return;
        const separator = url.includes('?') ? '&' : '?';
        const socket = this.options.webSocketFactory(`${url}${separator}access_token=${encodeURIComponent(token)}`);
        this.socket = socket;
        socket.onmessage = (event) => this.onFrame(socket, String(event.data));
        socket.onclose = () => this.onClosed(socket);
        socket.onerror = () => undefined; // a close follows
      })
      .catch(() => this.scheduleReconnect());
  }

  private sendWatch(chatId: string): Promise<number> {
    return this.sendGrant(this.http.call('GET', `/api/v1/chats/${chatId}/grant`), (grant) => ({ type: 'watch', chatId, grant }));
  }

  private sendFollow(userIds: string[]): Promise<number> {
    return this.sendGrant(this.http.call('POST', '/api/v1/presence/grant', { userIds }), (grant) => ({
      type: 'presence',
      grant,
    }));
  }

  /** Sends a fresh grant in its frame on the current socket; resolves with the grant's expiry (epoch ms). */
  private async sendGrant(
    issued: Promise<{ grant: string; expiresAt: string }>,
    frame: (grant: string) => Record<string, unknown>,
  ): Promise<number> {
    const answer = await issued;
    this.socket?.send(JSON.stringify(frame(answer.grant)));
    return Date.parse(answer.expiresAt);
  }

  private onFrame(socket: WebSocketLike, text: string): void {
    if (socket !== this.socket) return;
    let frame: Record<string, unknown>;
    try {
      frame = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    switch (frame.type) {
      case 'welcome':
        this.connectionId = String(frame.connectionId);
        this.userId = typeof frame.userId === 'string' ? frame.userId : this.userId;
        this.backoff.reset();
        this.scheduleRefresh(frame.tokenExpiresAt as string | undefined);
        this.setState('connected');
        void this.catchUp(); // first connect: learn where each chat is; reconnect: read what was missed
        this.everConnected = true;
        this.watches.forEach((held) => held.sendNow());
        this.following?.grant.sendNow();
        break;
      case 'watching': {
        const chatId = String(frame.chatId);
        const held = this.watches.get(chatId);
        if (!held) break;
        this.watching.add(chatId);
        held.answered();
        if (this.typingBeforeWatch.delete(chatId)) this.typing(chatId, true);
        break;
      }
      case 'presence': {
        const users = (frame.users ?? []) as PresenceState[];
        this.following?.grant.answered(users);
        users.forEach((user) => this.emitPresence(user));
        break;
      }
      case 'error':
        this.emit('error', { code: String(frame.code), detail: String(frame.detail ?? '') });
        break;
      case 'authenticated':
        this.scheduleRefresh(frame.tokenExpiresAt as string | undefined);
        break;
      case 'resync':
        void this.catchUp();
        break;
      case 'event':
        this.onEvent(frame);
        break;
      default:
        break;
    }
  }

  private onEvent(frame: Record<string, unknown>): void {
    if (typeof frame.id === 'string' && !this.seenEvents.add(frame.id)) {
      return;
    }
    const data = frame.data as Record<string, unknown>;
    switch (frame.event) {
      case 'messageAdded':
        this.typists.messageFrom(String(data.chatId), String(data.senderId));
        this.arrived(data as unknown as Message);
        break;
      case 'messageUpdated':
        this.emit('message', { kind: 'updated', message: data as unknown as Message });
        break;
      case 'messageDeleted':
        this.emit('message', {
          kind: 'deleted',
          chatId: String(data.chatId),
          id: String(data.id),
          seq: Number(data.seq),
        });
        break;
      case 'chatAdded':
        this.emit('chat', { kind: 'added', chat: data as unknown as Chat });
        break;
      case 'chatUpdated': {
        const chat = data as unknown as Chat & { removedMemberIds?: string[] };
        this.emit('chat', { kind: 'updated', chat });
        break;
      }
      case 'unreadCountUpdated':
        this.emit('unread', {
          chatId: String(data.chatId),
          userId: String(data.userId),
          unreadCount: Number(data.unreadCount),
        });
        break;
      case 'messageReadUpdated':
        this.emit('read', data as unknown as ClientEvents['read']);
        break;
      case 'messageDeliveredUpdated':
        this.emit('delivered', data as unknown as ClientEvents['delivered']);
        break;
      case 'typing':
        this.typists.changed(data as unknown as ClientEvents['typing']);
        break;
      case 'presenceChanged':
        this.emitPresence(data as unknown as PresenceState);
        break;
      default:
        break;
    }
  }

  private emitPresence(user: PresenceState): void {
    if (this.following?.userIds.has(user.userId)) this.emit('presence', user);
  }

  private onClosed(socket: WebSocketLike): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.connectionId = null;
    this.connectionLost();
    if (this.closedByUs) {
      this.setState('offline');
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closedByUs) return;
    this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    this.receiverIndex++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, this.backoff.next());
  }

  /** Renews the token in band before it expires, so that the connection outlives it. */
  private scheduleRefresh(expiresAt: string | undefined): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (!expiresAt || typeof this.options.token === 'string') return;
    const delay = Math.max(0, Date.parse(expiresAt) - this.options.now() - this.options.refreshBeforeMs);
    this.refreshTimer = setTimeout(() => {
      this.tokens
        .fresh()
        .then((token) => this.socket?.send(JSON.stringify({ type: 'auth', token })))
        .catch(() => undefined);
    }, delay);
  }

  private enqueue<T>(call: () => Promise<T>): Promise<T> {
    const result = this.sendQueue.then(call);
    this.sendQueue = result.catch(() => undefined);
    return result;
  }

  private whenConnected(): Promise<void> {
    if (this.currentState === 'connected') return Promise.resolve();
    return new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  private setState(state: ConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.emit('state', state);
    if (state === 'connected') {
      const waiters = this.connectedWaiters;
      this.connectedWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  /** What a connection held is gone with it: watches and follows are sent again on the next; typists are unknown. */
  private connectionLost(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    this.watches.forEach((held) => held.stopRenewing());
    this.following?.grant.stopRenewing();
    this.typingSentAt.clear();
    this.watching.clear();
    this.typingBeforeWatch.clear();
    this.typists.clear();
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.acknowledgeTimer) clearTimeout(this.acknowledgeTimer);
    this.acknowledgeTimer = null;
    this.toAcknowledge.clear();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.reconnectTimer = null;
    this.refreshTimer = null;
  }

  private emit<K extends keyof ClientEvents>(name: K, value: ClientEvents[K]): void {
    for (const handler of this.handlers.get(name) ?? []) {
      try {
        handler(value);
      } catch {
        // A handler's failure is the application's; the client goes on.
      }
    }
  }
}

function randomId(): string {
  return globalThis.crypto.randomUUID();
}
