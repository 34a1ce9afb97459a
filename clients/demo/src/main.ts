import type { ConnectionState, PresenceState, SwitchboardClient } from '@switchboard/client';
import { ChatList } from './chatList.js';
import { ChatView } from './chatView.js';
import { h } from './dom.js';
import { forgetUser, rememberedUser, signIn } from './session.js';
import './style.css';

const root = document.getElementById('app')!;

const STATE_TEXT: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Connection lost: reconnecting…',
  offline: 'Offline',
};

function showSignIn(error?: string): void {
  const field = h('input', { 'data-testid': 'user-id', placeholder: 'alice', required: true, maxlength: '64', autocomplete: 'off' });
  const form = h(
    'form',
    {
      class: 'sign-in',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          await start(await signIn(field.value.trim()));
        } catch (failure) {
          showSignIn(String(failure instanceof Error ? failure.message : failure));
        }
      },
    },
    h('h1', {}, 'Switchboard demo chat'),
    h('p', {}, 'Sign in as any user id (dev tokens from the local stack). Open a second window as someone else.'),
    field,
    h('button', { type: 'submit', 'data-testid': 'sign-in' }, 'Sign in'),
    error ? h('p', { class: 'error', role: 'alert' }, error) : null,
  );
  root.replaceChildren(form);
  field.focus();
}

/** The signed-in app: connection banner, chat list and new-chat form, the open chat. */
async function start(client: SwitchboardClient): Promise<void> {
  const presence = new Map<string, PresenceState>();
  const banner = h('div', { class: 'banner', 'data-testid': 'connection' });
  const errors = h('div', { class: 'error', role: 'alert', 'data-testid': 'error' });
  const pane = h('main', { class: 'pane' }, h('p', { class: 'empty' }, 'Pick a chat, or start one.'));
  let view: ChatView | null = null;
  let followed = '';
  const showError = (error: unknown) => {
    errors.textContent = error instanceof Error ? error.message : String(error);
    setTimeout(() => (errors.textContent = ''), 6_000);
  };

  const setState = (state: ConnectionState) => {
    banner.textContent = STATE_TEXT[state];
    banner.dataset.state = state;
  };
  setState(client.state);
  client.on('state', setState);

  const me = () => client.user ?? '';
  let list: ChatList;

  /** Follows everyone the list and the open chat show, so that their dots are live. */
  const follow = (extra: string[] = []) => {
    const people = [...new Set([...list.people(), ...extra])].filter((id) => id !== me()).slice(0, 200);
    const key = people.sort().join(',');
    if (people.length === 0 || key === followed) return;
    followed = key;
    client.presence.follow(people).catch(() => (followed = ''));
  };

  const open = async (chatId: string) => {
    view?.close();
    view = new ChatView(chatId, client, me(), presence, showError, (unread) => list.unread(chatId, unread));
    list.open(chatId);
    pane.replaceChildren(view.element);
    try {
      follow(await view.open());
    } catch (error) {
      showError(error);
    }
  };

  const refreshList = async () => {
    list.replace(await client.chats.list());
    follow();
  };

  const newChat = (() => {
    const name = h('input', { 'data-testid': 'new-chat-name', placeholder: 'Chat name', required: true, maxlength: '100' });
    const members = h('input', { 'data-testid': 'new-chat-members', placeholder: 'Members: bob, carol', required: true });
    return h(
      'form',
      {
        class: 'new-chat',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          try {
            const ids = members.value.split(',').map((id) => id.trim()).filter(Boolean);
            const chat = await client.chats.create({ name: name.value.trim(), memberIds: ids });
            name.value = '';
            members.value = '';
            await refreshList();
            await open(chat.id);
          } catch (error) {
            showError(error);
          }
        },
      },
      name,
      members,
      h('button', { type: 'submit', 'data-testid': 'new-chat' }, 'Start chat'),
    );
  })();

  client.on('message', (change) => {
    if (change.kind === 'added') {
      if (!list.has(change.message.chatId)) void refreshList();
      list.messageAdded(change.message);
      if (view?.chatId === change.message.chatId) view.messageAdded(change.message);
    } else if (change.kind === 'updated') {
      list.messageChanged(change.message.chatId, change.message.id, change.message.content, change.message.deleted);
      if (view?.chatId === change.message.chatId) view.messageUpdated(change.message);
    } else {
      list.messageChanged(change.chatId, change.id, null, true);
      if (view?.chatId === change.chatId) view.messageDeleted(change.seq);
    }
  });
  client.on('chat', () => void refreshList().catch(showError));
  client.on('unread', ({ chatId, unreadCount }) => list.unread(chatId, unreadCount));
  client.on('delivered', (ticks) => {
    if (view?.chatId === ticks.chatId) view.ticks(ticks);
  });
  client.on('read', ({ chatId }) => {
    if (view?.chatId === chatId) void view.readChanged().catch(() => undefined);
  });
  client.on('typing', ({ chatId, userId, typing }) => {
    if (view?.chatId === chatId) view.typing(userId, typing);
  });
  client.on('presence', (state) => {
    presence.set(state.userId, state);
    list.render();
    view?.presenceChanged();
  });
  client.on('state', (state) => {
    // Back after a gap: previews and badges may have moved meanwhile (the SDK fills the messages themselves).
    if (state === 'connected') void refreshList().catch(() => undefined);
  });

  await client.connect();
  const signOut = h(
    'button',
    {
      class: 'link',
      'data-testid': 'sign-out',
      onclick: () => {
        client.close();
        forgetUser();
        showSignIn();
      },
    },
    'Sign out',
  );
  list = new ChatList(me(), presence, (chatId) => void open(chatId));
  root.replaceChildren(
    h(
      'div',
      { class: 'app' },
      h(
        'aside',
        { class: 'sidebar' },
        h('div', { class: 'me' }, h('strong', { 'data-testid': 'me' }, me()), signOut),
        banner,
        newChat,
        list.element,
      ),
      h('div', { class: 'main' }, errors, pane),
    ),
  );
  await refreshList();
}

const user = rememberedUser();
if (user) {
  signIn(user)
    .then(start)
    .catch(() => showSignIn());
} else {
  showSignIn();
}
