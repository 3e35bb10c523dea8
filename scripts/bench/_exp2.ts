import { openSession, openComposer, pdf } from './session';
import { attachTimed, sendTimed } from './composer-probes';
const s = await openSession();
const files = [pdf('proof-a.pdf', 5_000_000, 11), pdf('proof-b.pdf', 5_000_000, 12)];
for (let r = 0; r < 3; r++) {
  const { order, frame } = await openComposer(s, 'confirmCustomizationDetails');
  await order.write('Here is the proof.');
  await attachTimed(frame, order, files);
  await new Promise(r => setTimeout(r, 300));
  const mark = (await s.log()).length;
  const w0 = Date.now();
  const sent = await sendTimed(frame, order);
  const w1 = Date.now();
  const log = (await s.log()).slice(mark);
  console.log('sent', sent.toFixed(0), 'wall', w1 - w0);
  for (const e of log) console.log('  ', (Date.parse((e as any).time) - w0), e.service, e.operation, e.method, e.status, (e as any).durationMs);
  await order.page.close();
}
await s.close();
