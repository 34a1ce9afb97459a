import { createClient, type SwitchboardClient } from '@switchboard/client';

/** What the local stack tells the page (/config.json): its senders' and receivers' ports. */
interface StackConfig {
  senderPorts: number[];
  receiverPorts: number[];
}

const USER_KEY = 'switchboard-demo-user';

/**
 * The stack's URLs, on the page's own host name. `?receiver=N` (1-based) puts receiver N first, to pin a window to
 * a receiver; the client still moves to the others when it fails.
 */
export async function stackUrls(): Promise<{ senders: string[]; receivers: string[] }> {
  const config = (await (await fetch('/config.json')).json()) as StackConfig;
  const host = location.hostname;
  const first = Number(new URLSearchParams(location.search).get('receiver') ?? '1') - 1;
  const receivers = config.receiverPorts.map((port) => `ws://${host}:${port}/ws`);
  const senders = config.senderPorts.map((port) => `http://${host}:${port}`);
  const rotate = <T>(list: T[], by: number) => list.slice(by % list.length).concat(list.slice(0, by % list.length));
  return { senders: rotate(senders, Math.max(0, first)), receivers: rotate(receivers, Math.max(0, first)) };
}

/** Signs in as a dev user: tokens come from the stack's dev token endpoint (the local stack has it on). */
export async function signIn(userId: string): Promise<SwitchboardClient> {
  const urls = await stackUrls();
  const token = async () => {
    const answer = await fetch(`${urls.senders[0]}/api/v1/dev/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId, ttlSeconds: 3600 }),
    });
    if (!answer.ok) throw new Error(`dev token refused: HTTP ${answer.status}`);
    return ((await answer.json()) as { token: string }).token;
  };
  await token(); // fail here, on the sign-in form, when the user id is refused
  sessionStorage.setItem(USER_KEY, userId);
  return createClient({ ...urls, token });
}

export function rememberedUser(): string | null {
  return sessionStorage.getItem(USER_KEY);
}

export function forgetUser(): void {
  sessionStorage.removeItem(USER_KEY);
}
