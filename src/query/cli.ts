import type { Command } from 'commander';

/** Analyst query commands (`query coverage|indicator|office|flags|sql`): registered on the CLI here. */
export function registerQueryCommands(_program: Command): void {}
