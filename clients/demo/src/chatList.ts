import type { ChatSummary, Message, PresenceState } from '@switchboard/client';
import { h, timeOf } from './dom.js';

/** The chat list: latest activity first, a preview of each chat's newest message, unread badges, presence dots. */
export class ChatList {
  readonly element = h('ul', { class: 'chat-list', 'data-testid': 'chat-list' });
  private chats = new Map<string, ChatSummary>();
  private openChatId: string | null = null;

  constructor(
    private readonly me: string,
    private readonly presence: Map<string, PresenceState>,
    private readonly onOpen: (chatId: string) => void,
  ) {}

  replace(chats: ChatSummary[]): void {
    this.chats = new Map(chats.map((chat) => [chat.id, chat]));
    this.render();
  }

  /** Every user the list shows a dot for (the other members of each chat, as far as the list knows them). */
  people(): string[] {
    return [...new Set([...this.chats.values()].flatMap((chat) => chat.memberPreview ?? []))];
  }

  has(chatId: string): boolean {
    return this.chats.has(chatId);
  }

  messageAdded(message: Message): void {
    const chat = this.chats.get(message.chatId);
    if (!chat) return;
    chat.lastSeq = Math.max(chat.lastSeq, message.seq);
    chat.lastMessage = {
      id: message.id,
      chatId: message.chatId,
      seq: message.seq,
      senderId: message.senderId,
      contentType: message.contentType,
      preview: message.content,
      truncated: false,
      createdAt: message.createdAt,
      editedAt: message.editedAt,
      deleted: message.deleted,
    };
    this.render();
  }

  messageChanged(chatId: string, id: string, content: string | null, deleted: boolean): void {
    const last = this.chats.get(chatId)?.lastMessage;
    if (last && last.id === id) {
      last.preview = content;
      last.deleted = deleted;
      this.render();
    }
  }

  unread(chatId: string, count: number): void {
    const chat = this.chats.get(chatId);
    if (chat) {
      chat.unreadCount = count;
      this.render();
    }
  }

  open(chatId: string | null): void {
    this.openChatId = chatId;
    this.render();
  }

  render(): void {
    const activity = (chat: ChatSummary) => chat.lastMessage?.createdAt ?? chat.createdAt;
    const ordered = [...this.chats.values()].sort((a, b) => activity(b).localeCompare(activity(a)));
    this.element.replaceChildren(
      ...ordered.map((chat) => {
        const others = chat.memberPreview ?? [];
        const peer = others.length === 1 ? others[0] : null;
        const last = chat.lastMessage;
        const preview = !last
          ? 'No messages yet'
          : last.deleted
            ? 'Message deleted'
            : `${last.senderId === this.me ? 'You' : last.senderId}: ${last.preview ?? `[${last.contentType}]`}`;
        return h(
          'li',
          {
            class: `chat-item${chat.id === this.openChatId ? ' open' : ''}`,
            'data-testid': 'chat-item',
            'data-chat-id': chat.id,
            onclick: () => this.onOpen(chat.id),
          },
          h(
            'div',
            { class: 'chat-line' },
            peer ? dot(peer, this.presence.get(peer)) : null,
            h('span', { class: 'chat-name' }, chat.name),
            last ? h('span', { class: 'chat-time' }, timeOf(last.createdAt)) : null,
          ),
          h(
            'div',
            { class: 'chat-line' },
            h('span', { class: 'chat-preview', 'data-testid': 'chat-preview' }, preview),
            chat.unreadCount > 0 ? h('span', { class: 'badge', 'data-testid': 'unread' }, String(chat.unreadCount)) : null,
          ),
        );
      }),
    );
  }
}

/** A presence dot: green online, grey offline or unknown (with when last seen). */
export function dot(userId: string, state: PresenceState | undefined): HTMLElement {
  const online = state?.online === true;
  const title = online
    ? 'online'
    : state?.lastSeenAt
      ? `last seen ${new Date(state.lastSeenAt).toLocaleString()}`
      : 'offline';
  return h('span', {
    class: `dot ${online ? 'online' : 'offline'}`,
    title,
    'data-testid': 'presence',
    'data-user': userId,
    'data-online': String(online),
  });
}
