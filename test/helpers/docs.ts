// The user documentation whose examples the tests run: the README and every
// docs page except the generated API reference (test/unit/api-docs checks that one).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

/** Paths relative to the checkout, README first. */
export const DOC_PAGES: readonly string[] = ['README.md', ...readdirSync(join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md') && f !== 'API.md').sort().map((f) => `docs/${f}`)];
