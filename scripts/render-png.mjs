#!/usr/bin/env node
// SVG → PNG, for looking at cg's pictures (`cg graph ... -o g.svg`) where no SVG viewer is
// at hand. Uses @resvg/resvg-js, a development dependency: this is a tool for people
// working on cg, not part of the CLI.
//
//   node scripts/render-png.mjs in.svg out.png [--zoom 2]
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const args = process.argv.slice(2);
const zoomAt = args.indexOf('--zoom');
const zoom = zoomAt >= 0 ? Number(args.splice(zoomAt, 2)[1]) : 2;
const [input, output] = args;
if (!input || !output || !(zoom > 0)) {
  process.stderr.write('usage: node scripts/render-png.mjs in.svg out.png [--zoom 2]\n');
  process.exit(2);
}

let Resvg;
try {
  ({ Resvg } = await import('@resvg/resvg-js'));
} catch {
  process.stderr.write('error: @resvg/resvg-js is not installed (a dev dependency: npm install)\n');
  process.exit(2);
}

const svg = readFileSync(input, 'utf8');
const png = new Resvg(svg, {
  fitTo: { mode: 'zoom', value: zoom },
  background: 'white',
  // Graphviz asks for Helvetica; fall back to whatever sans-serif the system has.
  font: { loadSystemFonts: true, sansSerifFamily: 'DejaVu Sans', defaultFontFamily: 'DejaVu Sans' },
})
  .render()
  .asPng();
// Atomically: a temp file in the same folder, then rename.
const tmp = join(dirname(output), `.${basename(output)}.${process.pid}.tmp`);
writeFileSync(tmp, png);
renameSync(tmp, output);
process.stdout.write(`${output}: ${png.length} bytes\n`);
