import type { InngestFunction } from 'inngest';
import { connectionRefreshFunction, connectionRefreshScheduleFunction } from './connection-refresh';
import { exportCsvFunction } from './export-csv';
import { forecastOutcomesFunction } from './forecast-outcomes';
import { ga4SyncFunction, ga4SyncScheduleFunction } from './ga4-sync';
import { messageDigestFunction } from './message-digest';
import { remindersDailyFunction } from './reminders-daily';
import { reportsWeeklyFunction } from './reports-weekly';
import { runImportFunction } from './run-import';
import { sendEmailFunction } from './send-email';
import { snapshotAccountFunction } from './snapshot-account';
import { snapshotScheduleFunction } from './snapshot-schedule';
import { uploadsCleanupFunction } from './uploads-cleanup';

/** Every Inngest function of the app, served by app/api/inngest/route.ts. */
export const functions: InngestFunction.Any[] = [
  runImportFunction,
  snapshotScheduleFunction,
  snapshotAccountFunction,
  remindersDailyFunction,
  reportsWeeklyFunction,
  sendEmailFunction,
  messageDigestFunction,
  exportCsvFunction,
  uploadsCleanupFunction,
  ga4SyncScheduleFunction,
  ga4SyncFunction,
  connectionRefreshScheduleFunction,
  connectionRefreshFunction,
  forecastOutcomesFunction,
];
