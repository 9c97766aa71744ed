import { known, unknown, type Metric } from './metric';

export type CampaignProgress = {
  /** Weighted mix of task and goal progress, [0, 1]. */
  overall: Metric;
  /** Approved deliverables ÷ all deliverables, [0, 1]. */
  task: Metric;
  /** Mean over goals with a measured actual of min(actual ÷ target, 1), [0, 1]. */
  goal: Metric;
  /** The weights actually applied (a part that is unknown gets 0 and the other part 1). */
  weights: { task: number; goal: number };
};

/**
 * Campaign progress = w × task progress + (1 − w) × goal progress, where task progress is
 * approved deliverables ÷ all deliverables (equal weights) and goal progress is the mean of each
 * goal's actual ÷ target capped at 100 %. `taskWeight` w ∈ [0, 1] is the campaign's setting.
 * A goal whose actual is unknown (never measured) is left out of the mean and named in `missing`;
 * when one part is unknown the other carries the whole weight; when both are, progress is unknown.
 * Source: Reachboard's definition (docs/metrics.md "Campaign progress"), as set in the product brief.
 */
export function campaignProgress(input: {
  taskWeight: number;
  deliverables: { approved: number; total: number };
  goals: { key: string; target: number; actual: number | null }[];
}): CampaignProgress {
  const w = Math.min(Math.max(input.taskWeight, 0), 1);
  const { approved, total } = input.deliverables;
  const task = total > 0 ? known(Math.min(approved / total, 1)) : unknown(['deliverables'], 'no deliverables yet');
  const measured = input.goals.filter((g) => g.target > 0 && g.actual !== null);
  const unmeasured = input.goals.filter((g) => g.target > 0 && g.actual === null).map((g) => g.key);
  const goal =
    measured.length > 0
      ? known(measured.reduce((s, g) => s + Math.min(g.actual! / g.target, 1), 0) / measured.length, unmeasured)
      : unknown(unmeasured.length ? unmeasured : ['goals'], unmeasured.length ? 'no goal measured yet' : 'no goals set');
  let weights = { task: w, goal: 1 - w };
  if (task.value === null && goal.value !== null) weights = { task: 0, goal: 1 };
  if (goal.value === null && task.value !== null) weights = { task: 1, goal: 0 };
  const overall =
    task.value === null && goal.value === null
      ? unknown([...task.missing, ...goal.missing], 'no deliverables and no measured goal yet')
      : known((task.value ?? 0) * weights.task + (goal.value ?? 0) * weights.goal, [...task.missing, ...goal.missing]);
  return { overall, task, goal, weights };
}
