/**
 * `npm run admin:create -- --email ops@example.com [--name "Ops"] [--password ...]`
 * Creates a platform admin. Without --password it prompts (input hidden on a terminal).
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { createAdmin } from '@/lib/accounts/create-admin';
import { AppError } from '@/lib/errors';
import { withDatabase } from './open-db';
import { systemCtx } from '@/lib/context';

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
});

if (!values.email) {
  console.error('Usage: npm run admin:create -- --email <email> [--name <name>] [--password <password>]');
  process.exit(2);
}

async function promptPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    // Hide typed characters.
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    let prompted = false;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (!prompted) {
        write.call(rl, s);
        prompted = true;
      }
    };
  }
  const answer = await rl.question('Password for the new admin (at least 10 characters): ');
  rl.close();
  if (process.stdin.isTTY) process.stdout.write('\n');
  return answer;
}

const password = values.password ?? (await promptPassword());

await withDatabase(async () => {
  try {
    const { userId } = await createAdmin({
      ctx: systemCtx('scripts/admin-create'),
      input: { email: values.email!, name: values.name ?? values.email!.split('@')[0], password },
    });
    console.log(`Admin ${values.email!.toLowerCase()} created (id ${userId}).`);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`Could not create the admin: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
});
