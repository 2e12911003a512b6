import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router-dom';
import { Provider } from 'urql';
import { adminClient } from './api';
import { rememberLanguage, type Language } from './i18n/i18n';
import { CALLBACK_PATH, completeSignIn, signInConfig } from './oidc';
import { Shell } from './shell';
import { keepSession, SessionContext, storedSession, type Session } from './session';
import { SignInPage } from './sign-in.page';
import { nonce } from './style-nonce';

/** Language, locale, sign-in and the admin API client around the console. */
export function Root() {
  const { i18n } = useTranslation();
  const [session, setSession] = useState<Session | null>(() => storedSession());
  const [expired, setExpired] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const language = i18n.language as Language;

  const signIn = useCallback((next: Session | null) => {
    keepSession(next);
    setSession(next);
    setExpired(false);
  }, []);
  const signOut = useCallback(() => signIn(null), [signIn]);
  const lapse = useCallback(() => {
    keepSession(null);
    setSession(null);
    setExpired(true);
  }, []);
  // Back from the identity provider: redeem the code, then leave the callback address.
  useEffect(() => {
    if (location.pathname !== CALLBACK_PATH) return;
    void signInConfig()
      .then((config) => (config.oidc ? completeSignIn(config.oidc) : Promise.reject(new Error('no OIDC issuer configured'))))
      .then(signIn, (error: Error) => setFailure(error.message))
      .finally(() => history.replaceState(null, '', '/console/'));
  }, [signIn]);
  const client = useMemo(() => (session ? adminClient(session.token, lapse) : null), [session, lapse]);
  const switchLanguage = useCallback(() => {
    const next: Language = language === 'en' ? 'zh-CN' : 'en';
    rememberLanguage(next);
    void i18n.changeLanguage(next);
  }, [i18n, language]);

  return (
    // No space inserted between two Chinese characters of a button: screen readers would spell 登 录 out.
    // Secondary and placeholder text darker than Ant Design's defaults, for WCAG AA contrast (4.5:1).
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      csp={nonce ? { nonce } : undefined}
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          colorPrimary: '#1f5fa8',
          colorLink: '#1f5fa8',
          colorError: '#c0111f',
          colorTextSecondary: '#595959',
          colorTextDescription: '#595959',
          colorTextTertiary: '#595959',
          colorTextPlaceholder: '#6b6b6b',
        },
      }}
    >
      <AntApp>
        <BrowserRouter basename="/console">
          {session && client ? (
            <SessionContext.Provider value={{ session, signOut }}>
              <Provider value={client}>
                <Shell onSwitchLanguage={switchLanguage} onExpired={lapse} />
              </Provider>
            </SessionContext.Provider>
          ) : (
            <SignInPage expired={expired} failure={failure} onSignedIn={signIn} onSwitchLanguage={switchLanguage} />
          )}
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
