/**
 * A stand-in for `ask`: each operation answered by a test-supplied function, every call recorded.
 * An answer may throw an AskError, as the real one does when the background refuses.
 */
import { vi } from 'vitest';
import { AskError, type ask as askFn } from '../../../lib/ask';
import type { Explained, Operation, Req, Res } from '../../../lib/protocol';

export type Answers = { [O in Operation]?: (req: Req<O>) => Res<O> | Promise<Res<O>> };

export function fakeAsk(answers: Answers) {
  const calls: { op: Operation; req: unknown }[] = [];
  const ask = vi.fn(async (op: Operation, req: unknown) => {
    calls.push({ op, req });
    const answer = answers[op] as ((req: unknown) => unknown) | undefined;
    if (!answer) throw new Error(`unexpected ask(${op})`);
    return answer(req);
  }) as unknown as typeof askFn;
  return { ask, calls, ops: () => calls.map((c) => c.op) };
}

export function refusal(key: string, extra: Partial<Explained> = {}): AskError {
  return new AskError({ key, substitutions: [], ...extra });
}
