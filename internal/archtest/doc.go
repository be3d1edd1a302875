// Package archtest holds no code: its test reads the import clauses of
// every non-test package of the module and fails when one breaks an
// import rule (the table in imports_test.go says which and why).
package archtest
