/**
 * `promise`, or a rejection with `${what} did not answer within N s` after `ms` milliseconds: a
 * platform's answer is never waited for without a bound. The promise itself keeps running (a client
 * without its own timeout cannot be cancelled); its late result is ignored.
 * @throws Error when the time runs out; else whatever `promise` rejects with.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
    }),
  ]);
}
