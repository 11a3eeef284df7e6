// Build step: prints the man page generated from the command tables.
import { CLI } from './commands.js';
import { manPage } from './man.js';
import { VERSION } from './main.js';

process.stdout.write(manPage(CLI, VERSION));
