/**
 * When an empty field asks for its value. Right after the seller tries to submit, every empty field says
 * what to enter; once they edit a field (even back to empty) or the form changes under them, the request
 * is stale and goes away. A filled field is always checked as they type, which is a different rule.
 */
import { signal } from '@preact/signals';

export function createAttemptTracker<F extends string>() {
  const pending = signal<ReadonlySet<F>>(new Set());
  return {
    /** The seller tried to submit with these fields (the empty ones are asked for). */
    attempt(fields: readonly F[]) {
      pending.value = new Set(fields);
    },
    edited(field: F) {
      if (!pending.value.has(field)) return;
      const next = new Set(pending.value);
      next.delete(field);
      pending.value = next;
    },
    reset() {
      pending.value = new Set();
    },
    /** The "enter a value" key when the field is empty and was asked for; undefined otherwise. */
    askFor(field: F, value: string, key: string): string | undefined {
      return value.trim() === '' && pending.value.has(field) ? key : undefined;
    },
  };
}
