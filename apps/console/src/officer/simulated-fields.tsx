import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';

/** What the console shows of each simulated field. */
export const SIMULATED_FIELD = graphql(`
  fragment SimulatedFieldParts on SimulatedFieldModel {
    path
    coordinate
    outcome
    mask
    denial
    rules
  }
`);

/** A field as a simulation decided it. */
export interface SimulatedField {
  path: string;
  coordinate: string;
  outcome: string;
  mask?: string | null;
  denial?: string | null;
  rules: string[];
}

/** The fields of a simulated operation: outcome (and why not), mask, and the deciding rules. */
export function SimulatedFields({ rows }: { rows: readonly SimulatedField[] }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="path"
      size="small"
      pagination={false}
      dataSource={[...rows]}
      columns={[
        { title: t('field.coordinate'), dataIndex: 'coordinate' },
        { title: t('exchanges.outcome'), dataIndex: 'outcome', render: (outcome: string, row) => `${outcome}${row.denial ? ` (${row.denial})` : ''}` },
        { title: t('exchanges.mask'), dataIndex: 'mask', render: (mask: string | null) => mask ?? '—' },
        { title: t('exchanges.rule'), dataIndex: 'rules', render: (rules: string[]) => rules.join(', ') },
      ]}
    />
  );
}
