// rest/sql/sql-params.ts — collects the values of one statement: each value becomes `$n`, never SQL text.
import { ApiError } from '../../errors.js'

/** PostgreSQL's wire protocol counts a statement's parameters in 16 bits: past this, Bind fails (08P01). */
export const MAX_STATEMENT_PARAMS = 65_535

export interface Sql {
  text: string
  values: unknown[]
}

export class Params {
  readonly values: unknown[] = []

  add(value: unknown): string {
    if (this.values.length >= MAX_STATEMENT_PARAMS) {
      throw new ApiError(400, 'PGRST100', `the request needs more than ${MAX_STATEMENT_PARAMS} values in one statement, the most PostgreSQL accepts`, undefined, 'split it into several requests, or use in.(…) lists, which travel as one value')
    }
    this.values.push(value)
    return `$${this.values.length}`
  }
}
