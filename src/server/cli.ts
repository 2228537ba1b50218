import type { Command } from 'commander';

/** The review app's `serve` command: registered on the CLI here. */
export function registerServeCommand(_program: Command): void {}
