// Package schematest holds tests of the two engines' migrations side by side
// (it has no code of its own): both migrated schemas have the same tables
// and columns, a PostgreSQL database from before the migration trees were
// brought in step upgrades to the same schema as a new one, and several
// processes opening one database at once all come up migrated.
//
// The PostgreSQL tests run when KOERS_TEST_POSTGRES names a database (CI
// sets it); each works in a schema of its own and drops it.
package schematest
