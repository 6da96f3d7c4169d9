#!/usr/bin/env node
// A shim: the CLI lives in dist/ (built by `npm install` / `npm run build`).
import('../dist/cg.mjs').catch((err) => {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist')) {
    process.stderr.write('error: cg is not built; run `npm install` (or `npm run build`) in its folder\n');
    process.exit(2);
  }
  throw err;
});
