// Preloaded with --require into a benchmarked process: at exit it writes the process's peak
// resident set (VmHWM, MiB) and its CPU time (user + system, ms) as JSON to the file named by
// CG_BENCH_PEAK_FILE. CPU time says what the work cost when other load stretches wall time.
const fs = require('node:fs');

process.on('exit', () => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    const kb = m ? Number(m[1]) : process.resourceUsage().maxRSS;
    const cpu = process.cpuUsage();
    fs.writeFileSync(process.env.CG_BENCH_PEAK_FILE, JSON.stringify({ rss_mib: kb / 1024, cpu_ms: (cpu.user + cpu.system) / 1000 }));
  } catch {
    // no figures then
  }
});
