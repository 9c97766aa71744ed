import type { Jsonify } from 'inngest/types';

/** An event a function body sends (Inngest's shape: an optional id deduplicates it). */
export type JobEvent = { id?: string; name: string; data: Record<string, unknown> };

/**
 * The step tools a function body uses, so the same body runs under Inngest (its `step`, with
 * memoised retries) and in the embedded scheduler (inngest/embedded.ts) when no Inngest server is
 * configured. A step's result is JSON either way.
 */
export type Steps = {
  run: <T>(id: string, fn: () => Promise<T> | T) => Promise<Jsonify<T>>;
  sendEvent: (id: string, events: JobEvent[]) => Promise<void>;
};

type InngestStep = {
  run: (id: string, fn: () => unknown) => Promise<unknown>;
  sendEvent: (id: string, events: JobEvent[]) => Promise<unknown>;
};

/** Inngest's `step` as {@link Steps}. */
export function inngestSteps(step: InngestStep): Steps {
  return {
    run: (id, fn) => step.run(id, fn) as never,
    sendEvent: async (id, events) => {
      await step.sendEvent(id, events);
    },
  };
}

/**
 * Steps run in this process: each result goes through JSON as Inngest's would, and events are
 * handed to `dispatch` (the embedded scheduler runs the function each names, in turn).
 */
export function localSteps(dispatch: (events: JobEvent[]) => Promise<void>): Steps {
  return {
    run: async (_id, fn) => {
      const value = await fn();
      return (value === undefined ? undefined : JSON.parse(JSON.stringify(value))) as never;
    },
    sendEvent: (_id, events) => dispatch(events),
  };
}
