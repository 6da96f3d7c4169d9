import type { ChalkInstance } from 'chalk';
import type { Report } from '../result.js';

export const REPORTERS = ['text', 'json', 'junit', 'tap', 'github'] as const;
export type ReporterName = (typeof REPORTERS)[number];

/** The report in one format; each reporter loads only when asked for. */
export async function render(name: ReporterName, r: Report, color: ChalkInstance): Promise<string> {
  switch (name) {
    case 'text':
      return (await import('./text.js')).renderText(r, color);
    case 'json':
      return (await import('./json.js')).renderJson(r);
    case 'junit':
      return (await import('./junit.js')).renderJunit(r);
    case 'tap':
      return (await import('./tap.js')).renderTap(r);
    case 'github':
      return (await import('./github.js')).renderGithub(r);
  }
}
