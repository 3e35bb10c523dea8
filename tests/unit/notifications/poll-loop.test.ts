import { describe, expect, it } from 'vitest';
import { createPollLoop } from '../../../lib/notifications/poll-loop';

/** Rounds that end when the test says so; `delay` (the join wait) too. */
function harness(joinMs = 700) {
  const rounds: { wait: number; signal: AbortSignal; end(r: number): void; fail(e: Error): void }[] = [];
  const joins: (() => void)[] = [];
  const stopped: unknown[] = [];
  const loop = createPollLoop<number>({
    round: (wait, signal) =>
      new Promise<number>((resolve, reject) => {
        rounds.push({ wait, signal, end: resolve, fail: reject });
        signal.addEventListener('abort', () => reject(signal.reason));
      }),
    waitTimeSeconds: 20,
    checkWaitTimeSeconds: 1,
    joinMs,
    empty: 0,
    onStopped: (e) => stopped.push(e),
    delay: () => new Promise<void>((resolve) => joins.push(resolve)),
  });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { loop, rounds, joins, stopped, tick };
}

describe('the poll loop', () => {
  it('starts the next long poll the moment one ends, and never two at once', async () => {
    const { loop, rounds, tick } = harness();
    loop.start();
    loop.start();
    expect(rounds.map((r) => r.wait)).toEqual([20]);
    rounds[0]!.end(0);
    await tick();
    expect(rounds.map((r) => r.wait)).toEqual([20, 20]);
    rounds[1]!.end(3);
    await tick();
    expect(rounds).toHaveLength(3);
    expect(loop.listening).toBe(true);
  });

  it('"Check now" joins the round under way and answers with what it brought', async () => {
    const { loop, rounds, tick } = harness();
    loop.start();
    const answer = loop.checkNow();
    rounds[0]!.end(2);
    expect(await answer).toBe(2);
    await tick();
    expect(rounds).toHaveLength(2); // no round of its own
  });

  it('"Check now" on a round that brings nothing within the join wait answers "nothing new"; the round goes on', async () => {
    const { loop, rounds, joins, tick } = harness();
    loop.start();
    const answer = loop.checkNow();
    await tick();
    joins[0]!();
    expect(await answer).toBe(0);
    expect(rounds).toHaveLength(1);
    expect(rounds[0]!.signal.aborted).toBe(false);
  });

  it('a failed round stops the loop and says so; "Check now" then polls briefly at once and listens again', async () => {
    const { loop, rounds, stopped, tick } = harness();
    loop.start();
    rounds[0]!.fail(new Error('queue gone'));
    await tick();
    expect(stopped).toHaveLength(1);
    expect(loop.listening).toBe(false);
    const answer = loop.checkNow();
    expect(rounds.map((r) => r.wait)).toEqual([20, 1]);
    rounds[1]!.end(1);
    expect(await answer).toBe(1);
    await tick();
    expect(rounds.map((r) => r.wait)).toEqual([20, 1, 20]);
  });

  it('"Check now" shares the failure of the round it joined', async () => {
    const { loop, rounds } = harness();
    loop.start();
    const answer = loop.checkNow();
    rounds[0]!.fail(new Error('throttled'));
    await expect(answer).rejects.toThrow('throttled');
  });

  it('stop cancels the round under way without calling it a failure, and starts nothing after it', async () => {
    const { loop, rounds, stopped, tick } = harness();
    loop.start();
    loop.stop();
    await tick();
    expect(rounds[0]!.signal.aborted).toBe(true);
    expect(stopped).toEqual([]);
    expect(rounds).toHaveLength(1);
    expect(loop.listening).toBe(false);
  });
});
