// The --database-url suite (external-suite.ts) against PostgreSQL 18, started from npm (pg18).
import { defineExternalSuite } from './external-suite.js'

defineExternalSuite(18)
