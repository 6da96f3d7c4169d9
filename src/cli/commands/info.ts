import { defineCommand, json } from '../command.js';

export const info = defineCommand({
  name: 'info',
  args: [],
  description: 'version, Node, and which kernel backend runs and why',
  options: { ...json() },
  examples: [
    'cg info',
    'cg info --json',
  ],
});
