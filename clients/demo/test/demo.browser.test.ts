import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStack } from '../../js/test/stack.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const SHOTS = resolve(HERE, '../target/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WAIT = { timeout: 20_000 };

let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  if (!existsSync(resolve(HERE, '../dist/index.html'))) {
    throw new Error('the demo is not built: npm run build (the Maven build does it before the tests)');
  }
  mkdirSync(SHOTS, { recursive: true });
  stack = await LocalStack.start({}, { demo: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // No background traffic: this machine's network is closed, and the test needs none of it.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A browser window signed in as the user, pinned to receiver N (the SDK moves to the other if it fails). */
async function signedIn(userId: string, receiver: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${userId}] page error: ${error.message}`));
  await page.goto(`${stack.demo}?receiver=${receiver}`);
  await page.getByTestId('user-id').fill(userId);
  await page.getByTestId('sign-in').click();
  await expect.poll(() => page.getByTestId('connection').getAttribute('data-state'), WAIT).toBe('connected');
  return page;
}

function chatItem(page: Page, name: string) {
  return page.getByTestId('chat-item').filter({ hasText: name });
}

async function contents(page: Page): Promise<string[]> {
  return page.getByTestId('messages').getByTestId('content').allTextContents();
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('send').click();
}

describe('the demo chat in a real browser', () => {
  it('two people chat across receivers: messages, edits, deletes, ticks, typing, presence, unread, paging, and a receiver killed under one of them', async () => {
    const alice = await signedIn('alice', 1);
    const bob = await signedIn('bob', 2);

    // alice starts a chat with bob; it appears in bob's list live.
    await alice.getByTestId('new-chat-name').fill('Lunch');
    await alice.getByTestId('new-chat-members').fill('bob');
    await alice.getByTestId('new-chat').click();
    await chatItem(bob, 'Lunch').waitFor(WAIT);
    await chatItem(bob, 'Lunch').click();
    await alice.getByTestId('chat').waitFor(WAIT);

    // Presence: each sees the other online in the chat's header.
    await alice.locator('.chat-header [data-testid="presence"][data-user="bob"][data-online="true"]').waitFor(WAIT);
    await bob.locator('.chat-header [data-testid="presence"][data-user="alice"][data-online="true"]').waitFor(WAIT);

    // Typing shows on the other side, across receivers (once both watch the chat).
    await alice.locator('[data-testid="chat"][data-watching="true"]').waitFor(WAIT);
    await bob.locator('[data-testid="chat"][data-watching="true"]').waitFor(WAIT);
    await alice.getByTestId('composer').pressSequentially('Hel');
    await expect.poll(() => bob.getByTestId('typing').textContent(), WAIT).toBe('alice is typing…');

    await alice.getByTestId('composer').fill('Hello bob');
    await alice.getByTestId('send').click();
    await expect.poll(() => contents(bob), WAIT).toEqual(['Hello bob']);
    await expect.poll(() => bob.getByTestId('typing').textContent(), WAIT).toBe('');
    // bob has the chat open: delivered, then read by all (blue ticks) on alice's side.
    await expect.poll(() => alice.getByTestId('tick').first().getAttribute('data-state'), WAIT).toBe('read');

    await send(bob, 'Hi alice, 12:30?');
    await expect.poll(() => contents(alice), WAIT).toEqual(['Hello bob', 'Hi alice, 12:30?']);

    // Edit and delete reach the other side.
    await alice.getByTestId('message').first().getByTestId('edit').click();
    await alice.getByTestId('edit-input').fill('Hello bob!');
    await alice.getByTestId('save').click();
    await expect.poll(() => contents(bob), WAIT).toEqual(['Hello bob!', 'Hi alice, 12:30?']);
    await bob.locator('.message .edited').first().waitFor(WAIT);
    await send(alice, 'oops, wrong chat');
    await expect.poll(() => contents(bob), WAIT).toContain('oops, wrong chat');
    await alice.getByTestId('message').filter({ hasText: 'oops, wrong chat' }).getByTestId('delete').click();
    await expect.poll(() => bob.locator('.message .deleted').count(), WAIT).toBe(1);
    await expect.poll(() => contents(bob), WAIT).toEqual(['Hello bob!', 'Hi alice, 12:30?']);

    // A second chat with 40 messages (sent through the API): an unread badge and a live preview on bob's list,
    // then history that pages as bob scrolls up.
    const token = await stack.token('alice');
    const api = async (method: string, path: string, body: unknown) => {
      const answer = await fetch(`${stack.senders[1]}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(answer.ok).toBe(true);
      return (await answer.json()) as { id: string };
    };
    const standup = await api('POST', '/api/v1/chats', { name: 'Standup', memberIds: ['bob'] });
    for (let i = 1; i <= 40; i++) {
      await api('POST', `/api/v1/chats/${standup.id}/messages`, { content: `update ${i}` });
    }
    await expect.poll(() => chatItem(bob, 'Standup').getByTestId('unread').textContent(), WAIT).toBe('40');
    await expect.poll(() => chatItem(bob, 'Standup').getByTestId('chat-preview').textContent(), WAIT).toBe('alice: update 40');
    await chatItem(bob, 'Standup').click();
    await expect.poll(() => contents(bob), WAIT).toHaveLength(30);
    await bob.getByTestId('messages').evaluate((list) => (list.scrollTop = 0));
    await expect.poll(async () => (await contents(bob))[0], WAIT).toBe('update 1');
    expect(await contents(bob)).toEqual(Array.from({ length: 40 }, (_, i) => `update ${i + 1}`));
    await expect.poll(() => chatItem(bob, 'Standup').getByTestId('unread').count(), WAIT).toBe(0);
    await chatItem(bob, 'Lunch').click();
    await expect.poll(() => contents(bob), WAIT).toEqual(['Hello bob!', 'Hi alice, 12:30?']);

    await alice.screenshot({ path: resolve(SHOTS, 'alice.png') });
    await bob.screenshot({ path: resolve(SHOTS, 'bob.png') });

    // bob's receiver dies; alice goes on sending; bob's page shows every message without a reload.
    const killedAt = Date.now();
    stack.kill('receiver-2');
    const missed = Array.from({ length: 5 }, (_, i) => `while you were away ${i + 1}`);
    for (const text of missed) {
      await send(alice, text);
    }
    await expect
      .poll(() => contents(bob), { timeout: 30_000 })
      .toEqual(['Hello bob!', 'Hi alice, 12:30?', ...missed]);
    const shownAfterMs = Date.now() - killedAt;
    await expect.poll(() => bob.getByTestId('connection').getAttribute('data-state'), WAIT).toBe('connected');
    await expect.poll(() => chatItem(bob, 'Lunch').getByTestId('unread').count(), WAIT).toBe(0); // read: it is open
    console.log(`bob's page showed the ${missed.length} messages sent after his receiver was killed ${shownAfterMs} ms after the kill`);
    await bob.screenshot({ path: resolve(SHOTS, 'bob-after-receiver-kill.png') });

    // Both windows side by side, bob typing a reply: the picture in the README.
    await bob.locator('[data-testid="chat"][data-watching="true"]').waitFor(WAIT); // again, on the other receiver
    await bob.getByTestId('composer').pressSequentially('See you at 12:30');
    await expect.poll(() => alice.getByTestId('typing').textContent(), WAIT).toBe('bob is typing…');
    const shots = await Promise.all([alice.screenshot(), bob.screenshot()]);
    const board = await (await browser.newContext({ viewport: { width: 2220, height: 740 } })).newPage();
    await board.setContent(
      `<body style="margin:0;background:#d0d7de;display:flex;gap:20px;padding:10px">${shots
        .map((png) => `<img style="box-shadow:0 2px 8px #0003" src="data:image/png;base64,${png.toString('base64')}">`)
        .join('')}</body>`,
    );
    await board.screenshot({ path: resolve(SHOTS, 'demo.png') });
  });
});
