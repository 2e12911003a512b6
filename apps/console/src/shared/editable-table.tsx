import { App, Button, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiProblem } from '../api';
import { EntityForm, type FieldSpec } from './entity-form';

/**
 * A list an administrator keeps (the registry's, the working calendar):
 * its rows, and adding, changing and (where `remove` is given) removing
 * one, each through the API, which validates and records it. `save` and
 * `remove` answer the API's problem, or null, and what the change made
 * (`done`, shown as a message).
 */
export function EditableTable<Row extends object>({
  id,
  rows,
  rowKey,
  columns,
  fields,
  blank,
  valuesOf,
  save,
  remove,
  readOnly,
}: {
  id: string;
  rows: readonly Row[];
  rowKey: keyof Row & string;
  columns: ColumnsType<Row>;
  fields: readonly FieldSpec[];
  blank: Record<string, unknown>;
  valuesOf: (row: Row) => Record<string, unknown>;
  save: (values: Record<string, unknown>, editing: boolean) => Promise<{ problem: ApiProblem | null; done?: string }>;
  remove?: (row: Row) => Promise<{ problem: ApiProblem | null; done?: string }>;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Row | null>(null);
  const [open, setOpen] = useState(false);
  const initial = useMemo(() => (editing ? valuesOf(editing) : blank), [editing, valuesOf, blank]);

  const report = ({ problem, done }: { problem: ApiProblem | null; done?: string }) => {
    if (problem) void message.error(problem.message);
    else if (done) void message.success(done);
  };
  const actions: ColumnsType<Row> = readOnly
    ? []
    : [
        {
          title: t('registry.actions'),
          key: 'actions',
          render: (_: unknown, row: Row) => (
            <Space>
              <Button
                size="small"
                onClick={() => {
                  setEditing(row);
                  setOpen(true);
                }}
              >
                {t('grants.edit')}
              </Button>
              {remove && (
                <Popconfirm
                  title={t('registry.removeConfirm', { name: String(row[rowKey]) })}
                  okText={t('registry.remove')}
                  cancelText={t('common.cancel')}
                  onConfirm={async () => report(await remove(row))}
                >
                  <Button size="small" danger>
                    {t('registry.remove')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          ),
        },
      ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {!readOnly && (
        <Button
          type="primary"
          onClick={() => {
            setEditing(null);
            setOpen(true);
          }}
        >
          {t('registry.add')}
        </Button>
      )}
      <Table rowKey={rowKey} size="small" dataSource={[...rows]} pagination={rows.length > 20 ? { pageSize: 20 } : false} columns={[...columns, ...actions]} />
      <EntityForm
        id={id}
        title={editing ? t('grants.edit') : t('registry.add')}
        open={open}
        fields={fields}
        initial={initial}
        editing={editing !== null}
        onClose={() => setOpen(false)}
        onSave={async (values) => {
          const outcome = await save(values, editing !== null);
          if (!outcome.problem) report(outcome);
          return outcome.problem;
        }}
      />
    </Space>
  );
}
