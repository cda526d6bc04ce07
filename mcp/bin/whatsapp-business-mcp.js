#!/usr/bin/env node
'use strict';
require('../dist/src/cli.js')
  .main(process.argv.slice(2))
  .catch((error) => {
    process.stderr.write(`whatsapp-business-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
