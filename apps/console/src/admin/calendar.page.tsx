import { Space, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { ConsoleCalendarQuery } from '../gql/graphql';
import { hasRole, useSession } from '../session';
import { EditableTable } from '../shared/editable-table';
import { useRegistryOutcome } from './registry-outcome';

const CALENDAR = graphql(`
  query ConsoleCalendar {
    calendarYears {
      year
      holidays
      workdays
      source
      updatedBy
      updatedAt
    }
  }
`);

const PUT_YEAR = graphql(`
  mutation ConsolePutCalendarYear($input: CalendarYearInput!) {
    putCalendarYear(input: $input) {
      year
    }
  }
`);

type Year = ConsoleCalendarQuery['calendarYears'][number];
const dates = (value: unknown) => ((value as string[] | undefined) ?? []).map((day) => day.trim()).filter(Boolean);

/**
 * The working calendar the workflow's deadlines are counted by: each year's
 * public holidays and make-up working days (调休). Administrators add a
 * year when the State Council publishes it, or correct one; officers read it.
 */
export default function CalendarPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [{ data }, refetch] = useQuery({ query: CALENDAR });
  const [, putYear] = useMutation(PUT_YEAR);
  const changed = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const { outcome } = useRegistryOutcome(changed);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('calendar.title')}
      </Typography.Title>
      <EditableTable<Year>
        id="calendar"
        rows={data?.calendarYears ?? []}
        rowKey="year"
        readOnly={!hasRole(session, 'administrator')}
        columns={[
          { title: t('calendar.year'), dataIndex: 'year' },
          { title: t('calendar.holidays'), dataIndex: 'holidays', render: (days: string[]) => days.join(', ') },
          { title: t('calendar.workdays'), dataIndex: 'workdays', render: (days: string[]) => days.join(', ') },
          { title: t('calendar.source'), dataIndex: 'source' },
          { title: t('policy.actor'), dataIndex: 'updatedBy' },
        ]}
        fields={[
          { name: 'year', label: t('calendar.year'), kind: 'number', key: true },
          { name: 'holidays', label: t('calendar.holidays'), kind: 'tags', placeholder: 'YYYY-MM-DD' },
          { name: 'workdays', label: t('calendar.workdays'), kind: 'tags', placeholder: 'YYYY-MM-DD' },
          { name: 'source', label: t('calendar.source'), placeholder: '国办发明电〔2026〕…' },
        ]}
        blank={{ holidays: [], workdays: [] }}
        valuesOf={(row) => ({ year: row.year, holidays: row.holidays, workdays: row.workdays, source: row.source })}
        save={async (values) =>
          outcome(
            await putYear({
              input: {
                year: typeof values.year === 'number' ? values.year : 0,
                holidays: dates(values.holidays),
                workdays: dates(values.workdays),
                source: typeof values.source === 'string' && values.source.trim() ? values.source.trim() : null,
              },
            }),
            (found) => t('calendar.saved', { year: found.putCalendarYear.year }),
          )
        }
      />
    </Space>
  );
}
