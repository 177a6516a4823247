// Loaded into a measured process (node --import): samples its V8 heap in use and, at exit, writes the peak (bytes)
// to the file RADAR_PEAK_HEAP_FILE names.
import { writeFileSync } from 'node:fs';

const file = process.env.RADAR_PEAK_HEAP_FILE;
if (file) {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  setInterval(sample, 50).unref();
  process.on('exit', () => {
    sample();
    writeFileSync(file, String(peak));
  });
}
