import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { MessageKey } from './i18n/messages';
import { hasRole, useSession } from './session';

// One chunk per screen: a person downloads only the screens their role opens.
const DashboardPage = lazy(() => import('./auditor/dashboard.page'));
const ExchangesPage = lazy(() => import('./auditor/exchanges.page'));
const CatalogPage = lazy(() => import('./officer/catalog.page'));
const GrantsPage = lazy(() => import('./officer/grants.page'));
const ApplicationsPage = lazy(() => import('./officer/applications.page'));
const CorrectionsPage = lazy(() => import('./officer/corrections.page'));
const NotificationsPage = lazy(() => import('./shared/notifications.page'));
const SystemsPage = lazy(() => import('./admin/systems.page'));
const SupergraphPage = lazy(() => import('./admin/supergraph.page'));
const UsagePage = lazy(() => import('./officer/usage.page'));
const SubjectsPage = lazy(() => import('./auditor/subjects.page'));
const RegistryPage = lazy(() => import('./admin/registry.page'));
const PolicyPage = lazy(() => import('./shared/policy.page'));
const CalendarPage = lazy(() => import('./admin/calendar.page'));
const SimulatePage = lazy(() => import('./officer/simulate.page'));
const ReceiptsPage = lazy(() => import('./auditor/receipts.page'));

interface Screen {
  path: string;
  label: MessageKey;
  roles: string[];
  element: React.ReactNode;
}

const SCREENS: Screen[] = [
  // An auditor lands on the search (the charts of the overview load only when opened).
  { path: 'exchanges', label: 'nav.exchanges', roles: ['auditor'], element: <ExchangesPage /> },
  { path: 'dashboard', label: 'nav.dashboard', roles: ['auditor'], element: <DashboardPage /> },
  { path: 'receipts', label: 'nav.receipts', roles: ['auditor'], element: <ReceiptsPage /> },
  { path: 'subjects', label: 'nav.subjects', roles: ['auditor', 'officer'], element: <SubjectsPage /> },
  { path: 'catalog', label: 'nav.catalog', roles: ['officer', 'administrator'], element: <CatalogPage /> },
  { path: 'usage', label: 'nav.usage', roles: ['officer'], element: <UsagePage /> },
  { path: 'grants', label: 'nav.grants', roles: ['officer', 'administrator', 'auditor'], element: <GrantsPage /> },
  { path: 'simulate', label: 'nav.simulate', roles: ['officer', 'administrator', 'auditor'], element: <SimulatePage /> },
  { path: 'policy', label: 'nav.policy', roles: ['officer', 'administrator', 'auditor'], element: <PolicyPage /> },
  { path: 'applications', label: 'nav.applications', roles: ['officer', 'administrator', 'auditor'], element: <ApplicationsPage /> },
  { path: 'corrections', label: 'nav.corrections', roles: ['officer', 'administrator', 'auditor'], element: <CorrectionsPage /> },
  { path: 'systems', label: 'nav.systems', roles: ['administrator'], element: <SystemsPage /> },
  { path: 'registry', label: 'nav.registry', roles: ['administrator', 'auditor'], element: <RegistryPage /> },
  { path: 'supergraph', label: 'nav.supergraph', roles: ['administrator'], element: <SupergraphPage /> },
  { path: 'calendar', label: 'nav.calendar', roles: ['administrator', 'officer'], element: <CalendarPage /> },
  { path: 'notifications', label: 'nav.notifications', roles: ['officer', 'administrator', 'auditor'], element: <NotificationsPage /> },
];

/** The signed-in console: the screens the person's role has, nothing else; the session ends when its token does. */
export function Shell({ onSwitchLanguage, onExpired }: { onSwitchLanguage: () => void; onExpired: () => void }) {
  const { t } = useTranslation();
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = SCREENS.filter((screen) => hasRole(session, ...screen.roles));
  const current = location.pathname.split('/')[1] ?? '';

  useEffect(() => {
    const timer = setTimeout(onExpired, Math.max(0, Date.parse(session.expiresAt) - Date.now()));
    return () => clearTimeout(timer);
  }, [session.expiresAt, onExpired]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={220} theme="light" breakpoint="lg" collapsedWidth={64}>
        <nav aria-label={t('app.title')}>
          <Typography.Title level={1} style={{ fontSize: 16, padding: '16px 16px 8px', margin: 0 }}>
            {t('app.title')}
          </Typography.Title>
          <Menu mode="inline" selectedKeys={[current]} items={screens.map((screen) => ({ key: screen.path, label: t(screen.label) }))} onClick={({ key }) => navigate(`/${key}`)} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 16, paddingInline: 24 }}>
          <Space>
            <Typography.Text strong>{session.person.name}</Typography.Text>
            <Typography.Text type="secondary">{session.person.roles.map((role) => t(`role.${role}` as MessageKey)).join(' · ')}</Typography.Text>
            <Typography.Text type="secondary">{t('app.sessionEnds', { time: new Date(session.expiresAt).toLocaleTimeString() })}</Typography.Text>
          </Space>
          <Button onClick={onSwitchLanguage}>{t('app.language')}</Button>
          <Button onClick={signOut}>{t('app.signOut')}</Button>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <Suspense fallback={<Spin aria-label={t('common.loading')} />}>
              <Routes>
                {screens.map((screen) => (
                  <Route key={screen.path} path={`/${screen.path}/*`} element={screen.element} />
                ))}
                <Route path="*" element={<Navigate to={`/${screens[0]?.path ?? 'notifications'}`} replace />} />
              </Routes>
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
