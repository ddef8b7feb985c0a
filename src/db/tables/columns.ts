import type { ColumnType } from 'kysely'

/** Column kinds shared by the table interfaces. Numeric columns come back from pg as strings. */
export type Numeric = ColumnType<string, number | string, number | string>
export type NullableNumeric = ColumnType<
  string | null,
  number | string | null,
  number | string | null
>
export type Timestamp = ColumnType<Date, Date | string, Date | string>
export type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>
export type DateColumn = ColumnType<string, string, string>
/** jsonb: written as JSON text, read parsed. */
export type Json<T> = ColumnType<T, string, string>
/** jsonb with a database default. */
export type JsonWithDefault<T> = ColumnType<T, string | undefined, string>
/** Array column with a database default ('{}'). */
export type ArrayWithDefault<T> = ColumnType<T[], T[] | undefined, T[]>
