import { Backoff } from './backoff.js';
import { Http } from './http.js';
import { ChatTimeline, RecentIds } from './timeline.js';
import { TokenSource } from './tokens.js';
import type {
  Chat,
  ChatSummary,
  ClientEvents,
  ConnectionState,
  Message,
  MessagePage,
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
  /** For tests: the random source of the jitter and the clock. */
  random?: () => number;
  now?: () => number;
}

type Handler<K extends keyof ClientEvents> = (value: ClientEvents[K]) => void;

const HISTORY_PAGE = 100;

/**
 * The client half of Switchboard's contract (docs/guarantees.md): one socket to a receiver, reconnecting with
 * jittered backoff to the next; after every reconnect, a `resync` or a gap in a chat's seq, the missed messages are
 * read from history (the chat list says which chats moved); every message is handed out once, per chat in seq
 * order; sends are idempotent (a clientMessageId made here) and retried, queued while offline and sent in order.
 */
export class SwitchboardClient {
  private readonly options: Required<Omit<ClientOptions, 'backoff' | 'webSocketFactory' | 'fetch'>> & {
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
    this.setState('offline');
  }

  /** Sends a message; resolves with the stored one. Queued while offline, sent in order, retried with one id. */
  send(chatId: string, content: string, options: { contentType?: string } = {}): Promise<Message> {
    const clientMessageId = randomId();
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
        this.backoff.reset();
        this.scheduleRefresh(frame.tokenExpiresAt as string | undefined);
        this.setState('connected');
        void this.catchUp(); // first connect: learn where each chat is; reconnect: read what was missed
        this.everConnected = true;
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
        this.emit('unread', { chatId: String(data.chatId), unreadCount: Number(data.unreadCount) });
        break;
      case 'messageReadUpdated':
        this.emit('read', data as unknown as ClientEvents['read']);
        break;
      case 'messageDeliveredUpdated':
        this.emit('delivered', data as unknown as ClientEvents['delivered']);
        break;
      case 'typing':
        this.emit('typing', data as unknown as ClientEvents['typing']);
        break;
      case 'presenceChanged':
        this.emit('presence', data as unknown as ClientEvents['presence']);
        break;
      default:
        break;
    }
  }

  private onClosed(socket: WebSocketLike): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.connectionId = null;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
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

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
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
