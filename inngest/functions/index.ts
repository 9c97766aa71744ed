import type { InngestFunction } from 'inngest';
import { runImportFunction } from './run-import';

/** Every Inngest function of the app, served by app/api/inngest/route.ts. */
export const functions: InngestFunction.Any[] = [runImportFunction];
