#!/usr/bin/env node
'use strict';
// The server is compiled TypeScript: in a checkout `npm start` builds it first (prestart). If it is
// missing, say what to run instead of Node's bare "Cannot find module", and exit non-zero.
let cli;
try {
  cli = require('../dist/src/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes("'../dist/src/cli.js'")) {
    process.stderr.write('whatsapp-business-mcp: the server is not built (no mcp/dist). In the repository, `npm start` builds it first; or run `npm run build`, then start again.\n');
    process.exit(1);
  }
  throw error;
}
cli.main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`whatsapp-business-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
