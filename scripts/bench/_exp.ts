import { ratePacingMetrics } from './rate-pacing';
import { textTable } from './stats';
const t0 = Date.now();
const m = [...await ratePacingMetrics()];
console.log(textTable(m));
console.log(JSON.stringify(m.map(x => x.details)));
console.log((Date.now() - t0) / 1000, 's');
