/**
 * Listening to the seller's queue for as long as the service worker lives: one long poll after the
 * other, the next one started the moment the last one ends, so an order change reaches the inbox
 * about as fast as SQS hands it over (it answers a waiting long poll as soon as a message arrives).
 *
 * Only one round runs at a time (two receives in parallel would only split the same messages), and
 * "Check now" never starts a second one beside it. It joins the round under way instead: a long poll
 * that has not answered yet means the queue had nothing to hand out since it started, so after a short
 * wait with nothing back the answer is "nothing new" and the round keeps listening. Cancelling the round
 * would be no faster and worse: a cancelled receive may already have taken messages, which SQS then
 * hides for their visibility timeout.
 *
 * A failed round stops the loop; whoever owns it (the background's alarm) starts it again later, so a
 * queue that keeps failing costs one request per alarm, not a tight loop. No browser API here.
 */

export interface PollLoopOptions<R> {
  /** One round: receive (waiting up to `waitTimeSeconds`), store, delete. */
  round(waitTimeSeconds: number, signal: AbortSignal): Promise<R>;
  /** The long poll of the rounds the loop runs on its own (SQS allows 0–20). */
  waitTimeSeconds: number;
  /** The wait of the round "Check now" starts when none is under way. */
  checkWaitTimeSeconds: number;
  /** How long "Check now" waits for the round under way before it answers with `empty`. */
  joinMs: number;
  /** What "nothing new" is. */
  empty: R;
  /** A round failed (not stopped by `stop`): the loop has stopped. */
  onStopped?(error: unknown): void;
  /** Injected for tests; setTimeout by default. */
  delay?(ms: number): Promise<void>;
}

export interface PollLoop<R> {
  /** Starts listening unless it already does. */
  start(): void;
  /** Stops listening; the round under way is cancelled (only when the queue is disconnected). */
  stop(): void;
  /** Whether a round is under way. */
  readonly listening: boolean;
  /**
   * The round under way's result if it ends within `joinMs`, else `empty`; with no round under way a
   * short one now, after which the loop listens again. Rejects with the round's failure.
   */
  checkNow(): Promise<R>;
}

const realDelay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createPollLoop<R>(options: PollLoopOptions<R>): PollLoop<R> {
  const delay = options.delay ?? realDelay;
  let active = false;
  let current: Promise<R> | undefined;
  let controller: AbortController | undefined;

  /** Starts a round; the next one is started in the same step that ends this one, so `current` is never stale. */
  function next(waitTimeSeconds: number): Promise<R> {
    const own = new AbortController();
    controller = own;
    const tracked = options.round(waitTimeSeconds, own.signal).then(
      (result) => {
        // A round that was stopped (and maybe replaced since) starts nothing.
        if (current === tracked) {
          if (active) next(options.waitTimeSeconds);
          else current = undefined;
        }
        return result;
      },
      (error: unknown) => {
        if (current === tracked) current = undefined;
        if (!own.signal.aborted) {
          active = false;
          options.onStopped?.(error);
        }
        throw error;
      },
    );
    current = tracked;
    // Failures reach onStopped and whoever joined; nobody else is waiting for them.
    tracked.catch(() => undefined);
    return tracked;
  }

  return {
    start() {
      active = true;
      if (!current) next(options.waitTimeSeconds);
    },

    stop() {
      active = false;
      current = undefined;
      controller?.abort(new Error('The inbox stopped listening.'));
    },

    get listening() {
      return current !== undefined;
    },

    async checkNow() {
      const running = current;
      if (!running) {
        active = true;
        return next(options.checkWaitTimeSeconds);
      }
      const joined = await Promise.race([running.then((result) => ({ result })), delay(options.joinMs).then(() => undefined)]);
      return joined ? joined.result : options.empty;
    },
  };
}
