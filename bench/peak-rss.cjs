// Preloaded with --require into a benchmarked process: at exit it writes the process's peak
// resident set (VmHWM, MiB) to the file named by CG_BENCH_PEAK_FILE.
const fs = require('node:fs');

process.on('exit', () => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    const kb = m ? Number(m[1]) : process.resourceUsage().maxRSS;
    fs.writeFileSync(process.env.CG_BENCH_PEAK_FILE, String(kb / 1024));
  } catch {
    // no figure then
  }
});
