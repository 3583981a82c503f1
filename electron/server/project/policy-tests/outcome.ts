// project/policy-tests/outcome.ts — what one assertion's check returns, and the error an assertion raises when it can
// never be evaluated (an unknown column or policy, a row that does not exist): reported at its line, the rest run.
export type Outcome = { ok: true; title: string } | { ok: false; title: string; message: string; explanation: string[] }

export class CannotEvaluate extends Error {}
