// The --database-url suite (external-suite.ts) against PostgreSQL 14, started from npm (pg14).
import { defineExternalSuite } from './external-suite.js'

defineExternalSuite(14)
