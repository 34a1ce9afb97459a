import { SwitchboardClient, type ClientOptions } from './client.js';

export { SwitchboardClient, type ClientOptions, type Handler } from './client.js';
export { Backoff } from './backoff.js';
export * from './types.js';

/**
 * A client of a Switchboard deployment. Call `connect()`; subscribe with `on(...)`.
 *
 * @example
 * const client = createClient({ senders: ['http://localhost:8081'], receivers: ['ws://localhost:8091/ws'], token });
 * client.on('message', (change) => console.log(change));
 * await client.connect();
 * await client.send(chatId, 'hi');
 */
export function createClient(options: ClientOptions): SwitchboardClient {
  return new SwitchboardClient(options);
}
