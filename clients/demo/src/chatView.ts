import type { Chat, Message, PresenceState, Receipts, SwitchboardClient } from '@switchboard/client';
import { dot } from './chatList.js';
import { h, timeOf } from './dom.js';

const PAGE = 30;

/**
 * One open chat: its history (older pages load as you scroll up), live messages in seq order, edit and delete of
 * your own, ticks (✓ sent, ✓✓ delivered to all, blue ✓✓ read by all), who is typing, and the members' presence.
 */
export class ChatView {
  readonly element: HTMLElement;
  private readonly messages = new Map<number, Message>();
  private readonly list = h('ol', { class: 'messages', 'data-testid': 'messages' });
  private readonly typingLine = h('div', { class: 'typing', 'data-testid': 'typing' });
  private readonly header = h('header', { class: 'chat-header' });
  private readonly input = h('input', {
    class: 'composer-input',
    'data-testid': 'composer',
    placeholder: 'Write a message',
    maxlength: '4000',
    autocomplete: 'off',
  });
  private readonly typists = new Set<string>();
  private receipts: Receipts = { deliveredToAllSeq: 0, readByAllSeq: 0 };
  private chat: Chat | null = null;
  private hasOlder = false;
  private loadingOlder = false;
  private readTimer: ReturnType<typeof setTimeout> | null = null;
  private editing: string | null = null;

  constructor(
    readonly chatId: string,
    private readonly client: SwitchboardClient,
    private readonly me: string,
    private readonly presence: Map<string, PresenceState>,
    private readonly onError: (error: unknown) => void,
    /** The chat's unread count after this view marked it read. */
    private readonly onRead: (unreadCount: number) => void,
  ) {
    this.list.addEventListener('scroll', () => {
      if (this.list.scrollTop < 40) void this.loadOlder();
    });
    this.input.addEventListener('input', () => this.client.typing(this.chatId, this.input.value.length > 0));
    this.input.addEventListener('blur', () => this.client.typing(this.chatId, false));
    const composer = h(
      'form',
      {
        class: 'composer',
        onsubmit: (event: Event) => {
          event.preventDefault();
          this.send();
        },
      },
      this.input,
      h('button', { type: 'submit', 'data-testid': 'send' }, 'Send'),
    );
    this.element = h('section', { class: 'chat', 'data-testid': 'chat', 'data-chat-id': chatId }, this.header, this.list, this.typingLine, composer);
  }

  /** Reads the chat and its newest page, and starts watching it (typing). */
  async open(): Promise<string[]> {
    this.chat = await this.client.chats.get(this.chatId);
    const page = await this.client.history(this.chatId, { beforeSeq: this.chat.lastSeq + 1, limit: PAGE });
    this.receipts = page.receipts ?? this.receipts;
    this.take(page.messages, page.hasMore);
    this.render(true);
    this.client
      .watch(this.chatId)
      .then(() => (this.element.dataset.watching = 'true'))
      .catch(() => undefined); // typing off on the deployment: no indicator
    this.markRead();
    this.input.focus();
    return (this.chat.memberIds ?? []).filter((id) => id !== this.me);
  }

  close(): void {
    this.client.unwatch(this.chatId);
    if (this.readTimer) clearTimeout(this.readTimer);
  }

  messageAdded(message: Message): void {
    this.typists.delete(message.senderId);
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 60;
    this.messages.set(message.seq, message);
    this.render(atBottom || message.senderId === this.me);
    this.markRead();
  }

  messageUpdated(message: Message): void {
    if (!this.messages.has(message.seq)) return;
    this.messages.set(message.seq, message);
    this.render(false);
  }

  messageDeleted(seq: number): void {
    const message = this.messages.get(seq);
    if (!message) return;
    this.messages.set(seq, { ...message, deleted: true, content: null });
    this.render(false);
  }

  ticks(receipts: Receipts): void {
    this.receipts = {
      deliveredToAllSeq: Math.max(this.receipts.deliveredToAllSeq, receipts.deliveredToAllSeq),
      readByAllSeq: Math.max(this.receipts.readByAllSeq, receipts.readByAllSeq),
    };
    this.render(false);
  }

  /** Someone read: the read-by-all tick may have moved. */
  async readChanged(): Promise<void> {
    this.ticks(await this.client.receipts(this.chatId));
  }

  typing(userId: string, typing: boolean): void {
    if (userId === this.me) return;
    if (typing) this.typists.add(userId);
    else this.typists.delete(userId);
    const names = [...this.typists];
    this.typingLine.textContent =
      names.length === 0 ? '' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`;
  }

  presenceChanged(): void {
    this.renderHeader();
  }

  private send(): void {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = '';
    this.client.typing(this.chatId, false);
    this.client.send(this.chatId, text).catch(this.onError);
  }

  private async loadOlder(): Promise<void> {
    if (!this.hasOlder || this.loadingOlder) return;
    this.loadingOlder = true;
    try {
      const before = this.list.scrollHeight;
      const oldest = Math.min(...this.messages.keys()); // loaded only when there are older ones, so never empty
      const page = await this.client.history(this.chatId, { beforeSeq: oldest, limit: PAGE });
      this.take(page.messages, page.hasMore);
      this.render(false);
      this.list.scrollTop += this.list.scrollHeight - before; // stay where the reader was
    } catch (error) {
      this.onError(error);
    } finally {
      this.loadingOlder = false;
    }
  }

  private take(messages: Message[], hasMore: boolean): void {
    for (const message of messages) {
      if (!this.messages.has(message.seq)) this.messages.set(message.seq, message);
    }
    this.hasOlder = hasMore && messages.length > 0;
  }

  private markRead(): void {
    if (this.readTimer || document.visibilityState !== 'visible') return;
    this.readTimer = setTimeout(() => {
      this.readTimer = null;
      const newest = Math.max(0, ...this.messages.keys());
      if (newest > 0) {
        this.client
          .markRead(this.chatId, newest)
          .then((answer) => this.onRead(answer.unreadCount))
          .catch(() => undefined);
      }
    }, 300);
  }

  private render(scrollToBottom: boolean): void {
    this.renderHeader();
    const ordered = [...this.messages.values()].sort((a, b) => a.seq - b.seq);
    this.list.replaceChildren(
      ...(this.hasOlder ? [h('li', { class: 'older' }, 'Scroll up for older messages')] : []),
      ...ordered.map((message) => this.renderMessage(message)),
    );
    if (scrollToBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  private renderHeader(): void {
    const others = (this.chat?.memberIds ?? []).filter((id) => id !== this.me);
    this.header.replaceChildren(
      h('h2', {}, this.chat?.name ?? '…'),
      h(
        'div',
        { class: 'members' },
        ...others.map((id) => h('span', { class: 'member' }, dot(id, this.presence.get(id)), id)),
      ),
    );
  }

  private renderMessage(message: Message): HTMLElement {
    const mine = message.senderId === this.me;
    const body = message.deleted
      ? h('span', { class: 'deleted' }, 'Message deleted')
      : this.editing === message.id
        ? this.editor(message)
        : h('span', { class: 'content', 'data-testid': 'content' }, message.content ?? `[${message.contentType}]`);
    return h(
      'li',
      {
        class: `message${mine ? ' mine' : ''}`,
        'data-testid': 'message',
        'data-seq': String(message.seq),
      },
      mine ? null : h('span', { class: 'author' }, message.senderId),
      body,
      h(
        'span',
        { class: 'meta' },
        message.editedAt && !message.deleted ? h('span', { class: 'edited' }, 'edited') : null,
        timeOf(message.createdAt),
        mine ? this.tick(message.seq) : null,
      ),
      mine && !message.deleted && this.editing !== message.id
        ? h(
            'span',
            { class: 'actions' },
            h('button', { class: 'link', 'data-testid': 'edit', onclick: () => this.startEdit(message.id) }, 'Edit'),
            h(
              'button',
              {
                class: 'link',
                'data-testid': 'delete',
                onclick: () => this.client.delete(this.chatId, message.id).catch(this.onError),
              },
              'Delete',
            ),
          )
        : null,
    );
  }

  private tick(seq: number): HTMLElement {
    const [mark, state] =
      seq <= this.receipts.readByAllSeq
        ? ['✓✓', 'read']
        : seq <= this.receipts.deliveredToAllSeq
          ? ['✓✓', 'delivered']
          : ['✓', 'sent'];
    return h('span', { class: `tick ${state}`, 'data-testid': 'tick', 'data-state': state, title: state }, mark);
  }

  private startEdit(id: string): void {
    this.editing = id;
    this.render(false);
    this.list.querySelector<HTMLInputElement>('[data-testid="edit-input"]')?.focus();
  }

  private editor(message: Message): HTMLElement {
    const field = h('input', { class: 'edit-input', 'data-testid': 'edit-input', value: message.content ?? '' });
    return h(
      'form',
      {
        class: 'edit',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const content = field.value.trim();
          this.editing = null;
          if (content && content !== message.content) {
            this.client.edit(this.chatId, message.id, content).catch(this.onError);
          }
          this.render(false);
        },
      },
      field,
      h('button', { type: 'submit', 'data-testid': 'save' }, 'Save'),
    );
  }
}
