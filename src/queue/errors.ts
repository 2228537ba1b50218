/**
 * Failures of the queue's commands that are the user's to fix (a bad address, Redis unreachable or refusing
 * us): the CLI prints the message as its one `error:` line and exits 2, before anything is written. Kept free
 * of bullmq/ioredis so the CLI can know them without loading either.
 */
export class QueueCommandError extends Error {
  readonly exitCode = 2;
}

/** Redis cannot be reached, refuses the password or the TLS handshake, or is too old. */
export class QueueUnreachableError extends QueueCommandError {}
