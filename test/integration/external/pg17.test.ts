// The --database-url suite (external-suite.ts) against PostgreSQL 17, started from npm (pg17).
import { defineExternalSuite } from './external-suite.js'

defineExternalSuite(17)
