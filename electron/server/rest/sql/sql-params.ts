// rest/sql/sql-params.ts — collects the values of one statement: each value becomes `$n`, never SQL text.
export interface Sql {
  text: string
  values: unknown[]
}

export class Params {
  readonly values: unknown[] = []

  add(value: unknown): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}
