import { Alert, Button, Card, Form, Layout, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signInConfig, startSignIn, type SignInConfig } from './oidc';
import type { Session } from './session';

interface DemoPerson {
  id: string;
  name: string;
  roles: string[];
  department: string | null;
}

/** Sign-in: at the configured OIDC issuer (code + PKCE); in development (`npm start`), also a clearly marked picker of the demo people. */
export function SignInPage({
  expired,
  failure,
  onSignedIn,
  onSwitchLanguage,
}: {
  expired: boolean;
  failure: string | null;
  onSignedIn: (session: Session) => void;
  onSwitchLanguage: () => void;
}) {
  const { t } = useTranslation();
  const [config, setConfig] = useState<SignInConfig | null>(null);
  const [people, setPeople] = useState<DemoPerson[] | null>(null);
  const [user, setUser] = useState<string>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    void signInConfig().then(async (found) => {
      setConfig(found);
      const response = found.devSignIn ? await fetch('/console/api/dev-people') : null;
      setPeople(response?.ok ? ((await response.json()) as DemoPerson[]) : []);
    });
  }, []);

  async function submit() {
    const response = await fetch('/console/api/dev-session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
    const person = people?.find((candidate) => candidate.id === user);
    if (!response.ok || !person) return setFailed(true);
    const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: string };
    onSignedIn({ token, expiresAt, person });
  }

  return (
    <Layout style={{ minHeight: '100vh', alignItems: 'center', justifyContent: 'center' }}>
      <main>
        <Card style={{ width: 520 }}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
                {t('app.title')}
              </Typography.Title>
              <Button onClick={onSwitchLanguage}>{t('app.language')}</Button>
            </Space>
            {expired && <Alert type="warning" title={t('signIn.expired')} />}
            {failure && <Alert type="error" title={`${t('common.error')}: ${failure}`} />}
            {config?.oidc && (
              <Button type="primary" size="large" onClick={() => void startSignIn(config.oidc!)}>
                {t('signIn.oidc')}
              </Button>
            )}
            {config && !config.oidc && people !== null && people.length === 0 && <Alert type="info" title={t('signIn.unavailable')} />}
            {people !== null && people.length > 0 && (
              <Form layout="vertical" onFinish={() => void submit()}>
                <Alert type="warning" showIcon title={t('signIn.dev')} style={{ marginBottom: 16 }} />
                <Form.Item label={t('signIn.pick')} htmlFor="sign-in-person">
                  <Select
                    id="sign-in-person"
                    aria-label={t('signIn.pick')}
                    value={user}
                    onChange={setUser}
                    showSearch
                    options={people.map((person) => ({
                      value: person.id,
                      label: `${person.name} (${person.id}) — ${person.roles.map((role) => t(`role.${role}` as 'role.auditor')).join(', ')}`,
                    }))}
                  />
                </Form.Item>
                {failed && <Alert type="error" title={t('common.error')} style={{ marginBottom: 16 }} />}
                <Button type="primary" htmlType="submit" disabled={!user}>
                  {t('signIn.submit')}
                </Button>
              </Form>
            )}
          </Space>
        </Card>
      </main>
    </Layout>
  );
}
