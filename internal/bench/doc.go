// Package bench measures the provider the way users run it: the real
// terraform binary drives a freshly built provider (through a dev_overrides
// CLI configuration) against an in-process emulator, and the emulator's
// counters say how many API calls each phase cost. It backs `make bench`
// (scripts/bench.sh → cmd/hwcloud-bench), which prints markdown tables.
//
// Wall times include Terraform's own start-up and are meant for comparing
// runs on one machine; call counts are exact and machine-independent.
package bench
