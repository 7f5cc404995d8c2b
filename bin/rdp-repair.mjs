#!/usr/bin/env node
// The installed command: runs the CLI bundle that `npm run build` makes from hosts/cli/rdp-repair.ts.
import { main } from '../dist/cli/rdp-repair.mjs';

process.exitCode = await main(process.argv.slice(2));
