/** A message as the contract gives it (sender-service Message). */
export interface Message {
  id: string;
  chatId: string;
  seq: number;
  senderId: string;
  content: string | null;
  contentType: string;
  clientMessageId: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
}

/** A chat as the contract gives it. */
export interface Chat {
  id: string;
  name: string;
  memberIds?: string[];
  createdBy: string;
  createdAt: string;
  lastSeq: number;
  historyVisibility: string;
  [field: string]: unknown;
}

/** A chat's newest message as the chat list shows it. */
export interface MessagePreview {
  id: string;
  chatId: string;
  seq: number;
  senderId: string;
  contentType: string;
  /** The first 200 characters of a `text` message; null for other content types and for deleted messages. */
  preview: string | null;
  truncated: boolean;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
}

/** A line of the chat list (GET /api/v1/chats). */
export interface ChatSummary extends Chat {
  memberCount: number;
  /** At most 5 members other than the caller. */
  memberPreview: string[];
  role: string;
  lastMessage: MessagePreview | null;
  unreadCount: number;
}

/** The chat's ticks: up to which seq every member got, and read, its messages. */
export interface Receipts {
  deliveredToAllSeq: number;
  readByAllSeq: number;
}

/** `GET /api/v1/chats/{chatId}/receipts`: the chat's ticks and the caller's own marks. */
export interface ChatReceipts extends Receipts {
  chatId: string;
  lastSeq: number;
  myLastDeliveredSeq: number;
  myLastReadSeq: number;
}

/** A followed user's presence: online while they hold a connection on any receiver. */
export interface PresenceState {
  userId: string;
  online: boolean;
  lastSeenAt: string | null;
}

export interface MessagePage {
  messages: Message[];
  hasMore: boolean;
  receipts?: Receipts;
}

/** What `message` handlers get: a new, edited or deleted message, per chat in seq order, each once. */
export type MessageChange =
  | { kind: 'added'; message: Message }
  | { kind: 'updated'; message: Message }
  | { kind: 'deleted'; chatId: string; id: string; seq: number };

export type ChatChange = { kind: 'added' | 'updated'; chat: Chat } | { kind: 'removed'; chatId: string };

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** The events a client emits, by name, with what their handlers get. */
export interface ClientEvents {
  message: MessageChange;
  chat: ChatChange;
  unread: { chatId: string; userId: string; unreadCount: number };
  read: { chatId: string; userId: string; lastReadSeq: number; readAt: string };
  delivered: {
    chatId: string;
    deliveredToAllSeq: number;
    readByAllSeq: number;
    marks: { userId: string; lastDeliveredSeq: number; lastReadSeq: number }[];
    /** Marks that moved but did not fit in the event (a very large chat): read the chat's receipts for them. */
    marksOmitted: number;
  };
  /** Someone typing in a watched chat; `typing: false` when they stop, send a message, or their `until` passes. */
  typing: { chatId: string; userId: string; typing: boolean; until: string | null };
  /** A followed user's state: after each follow (and reconnect), then as they come and go. */
  presence: PresenceState;
  state: ConnectionState;
  /** An `error` frame from the receiver (a refused frame: `forbidden`, `rate_limited`, ...). */
  error: { code: string; detail: string };
}

/** The parts of a WebSocket the client uses: the browser's and Node 22's `WebSocket`, and `ws`, all fit. */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** A problem+json answer the client cannot fix by retrying. */
export class SwitchboardError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(
      `HTTP ${status}: ${
        problem && typeof problem === 'object' && 'detail' in problem ? String((problem as { detail: unknown }).detail) : 'request failed'
      }`,
    );
    this.name = 'SwitchboardError';
  }
}
