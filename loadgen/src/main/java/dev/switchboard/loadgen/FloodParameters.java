package dev.switchboard.loadgen;

/**
 * The abusive user of the {@code flood} workload: one account that makes {@code chats} chats of {@code members}
 * (made-up) members each, then sends {@code rate} messages per second of {@code bytes} bytes into the first
 * {@code targets} of them, {@code concurrency} requests at a time, while the bystanders' latency is measured.
 */
public record FloodParameters(int chats, int members, int targets, double rate, int bytes, int concurrency) {}
