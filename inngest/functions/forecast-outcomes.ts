import { systemCtx } from '@/lib/context';
import { recordForecastOutcomes } from '@/lib/forecasts/record-forecast-outcomes';
import { inngest } from '../client';
import { inngestSteps, type Steps } from '../steps';

/** Daily at 05:40 UTC. */
export const FORECAST_OUTCOMES_CRON = '40 5 * * *';

const system = systemCtx('forecast outcomes');

/**
 * Records the 7- and 30-day outcomes of stored forecasts whose deliverable's post has the data
 * (lib/forecasts/record-forecast-outcomes). Each outcome is recorded once: safe to re-run anywhere.
 */
export async function forecastOutcomes(step: Steps) {
  return step.run('record forecast outcomes', () => recordForecastOutcomes({ ctx: system, input: {} }));
}

/** {@link forecastOutcomes}, daily under Inngest. */
export const forecastOutcomesFunction = inngest.createFunction(
  { id: 'forecast-outcomes', retries: 2, triggers: [{ cron: FORECAST_OUTCOMES_CRON }] },
  ({ step }) => forecastOutcomes(inngestSteps(step)),
);
