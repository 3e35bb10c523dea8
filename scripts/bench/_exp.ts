import { callMetrics } from './calls';
import { textTable } from './stats';
const t0 = Date.now();
const m = await callMetrics();
console.log(textTable(m));
console.log(JSON.stringify(m.map(x => x.details)).slice(0, 3000));
console.log((Date.now() - t0) / 1000, 's');
