import { PasswordForm } from '@/components/settings/password-form';
import { ActionForm, FormField } from '@/components/ui/action-form';
import { Field, Input } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { NOTIFICATION_KINDS, type NotificationKind } from '@/lib/notifications/notify';
import { getEmailPreferences } from '@/lib/notifications/update-email-preferences';
import { changePasswordAction, emailPreferencesAction, signOutEverywhereAction, updateProfileAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Account settings' };

export default async function AccountSettingsPage() {
  const ctx = await getRequestCtx();
  const { actor } = ctx;
  const prefs = await getEmailPreferences({ ctx, input: undefined });
  return (
    <>
      <PageHeader title="Account settings" description={actor!.email} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Panel title="Profile">
          <ActionForm action={updateProfileAction} className="space-y-4" testId="profile-form">
            <FormField name="name" label="Name" htmlFor="name">
              <Input id="name" name="name" defaultValue={actor!.name} required />
            </FormField>
            <Field label="Email" htmlFor="email" hint="Your sign-in email cannot be changed yet.">
              <Input id="email" value={actor!.email} disabled readOnly />
            </Field>
            <SubmitButton>Save profile</SubmitButton>
          </ActionForm>
        </Panel>
        <Panel title="Password" description="Changing it signs you out everywhere.">
          <PasswordForm action={changePasswordAction} email={actor!.email} />
        </Panel>
        <Panel
          title="Sessions"
          description="Lost a device, or signed in on a shared computer? End every session of your account, on every device, this one included."
          className="lg:col-span-2"
        >
          <ActionForm action={signOutEverywhereAction} testId="sign-out-everywhere" confirm="Sign out on every device, this one included?">
            <SubmitButton variant="secondary" pendingLabel="Signing out…">
              Sign out everywhere
            </SubmitButton>
          </ActionForm>
        </Panel>
        <Panel
          title="Email notifications"
          description="In-app notifications are always kept; choose what also comes by email."
          className="lg:col-span-2"
        >
          <div id="notifications" />
          <ActionForm action={emailPreferencesAction} className="space-y-3" testId="email-preferences">
            <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
              {(Object.entries(NOTIFICATION_KINDS) as [NotificationKind, string][]).map(([kind, label]) => (
                <li key={kind}>
                  <label className="flex items-start gap-2 text-sm text-gray-700">
                    <input
                      type="checkbox"
                      name="enabled"
                      value={kind}
                      defaultChecked={prefs[kind]}
                      className="mt-0.5 rounded border-gray-300"
                    />
                    {label}
                  </label>
                </li>
              ))}
            </ul>
            <SubmitButton>Save email preferences</SubmitButton>
          </ActionForm>
        </Panel>
      </div>
    </>
  );
}
