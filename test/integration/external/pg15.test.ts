// The --database-url suite (external-suite.ts) against PostgreSQL 15, started from npm (pg15).
import { defineExternalSuite } from './external-suite.js'

defineExternalSuite(15)
