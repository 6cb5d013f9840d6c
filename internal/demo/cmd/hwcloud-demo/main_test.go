package main

import "testing"

func TestParseTakesTheCLIFromHWCLOUD_TF(t *testing.T) {
	env := map[string]string{"HWCLOUD_TF": "/opt/tofu/tofu"}
	o, help, err := parse([]string{"--faults", "rate=0.1"}, func(k string) string { return env[k] })
	if err != nil || help {
		t.Fatalf("parse: help=%v err=%v", help, err)
	}
	if o.Terraform != "/opt/tofu/tofu" || o.Faults != "rate=0.1" {
		t.Errorf("Terraform = %q, Faults = %q; want /opt/tofu/tofu and rate=0.1", o.Terraform, o.Faults)
	}

	o, _, err = parse(nil, func(string) string { return "" })
	if err != nil || o.Terraform != "" {
		t.Errorf("without HWCLOUD_TF: Terraform = %q, err = %v; want empty (the demo then uses terraform)", o.Terraform, err)
	}
}
