import { sendTimeMetrics } from './send-time';
import { textTable } from './stats';
const t0 = Date.now();
const m = [...await sendTimeMetrics()];
console.log(textTable(m));
for (const x of m) console.log(x.id, x.samples.map(s => s.toFixed(2)).join(' '));
console.log((Date.now() - t0) / 1000, 's');
