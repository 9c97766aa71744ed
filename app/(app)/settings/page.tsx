import { PasswordForm } from '@/components/settings/password-form';
import { ActionForm, FormField } from '@/components/ui/action-form';
import { Field, Input } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { SubmitButton } from '@/components/ui/submit-button';
import { getRequestCtx } from '@/lib/auth/request-context';
import { changePasswordAction, updateProfileAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function AccountSettingsPage() {
  const { actor } = await getRequestCtx();
  return (
    <>
      <PageHeader title="Account settings" description={actor!.email} />
      <div className="grid gap-6 lg:grid-cols-2">
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
      </div>
    </>
  );
}
