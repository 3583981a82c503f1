// The --database-url suite (external-suite.ts) against PostgreSQL 16, started from npm (pg16).
import { defineExternalSuite } from './external-suite.js'

defineExternalSuite(16)
