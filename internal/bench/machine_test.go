package bench

import (
	"context"
	"strings"
	"testing"
)

func TestCPUModel(t *testing.T) {
	cpuinfo := "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n"
	if got := cpuModel(strings.NewReader(cpuinfo)); got != "AMD EPYC 7B13" {
		t.Errorf("cpuModel = %q", got)
	}
	if got := cpuModel(strings.NewReader("processor : 0\n")); got != "" {
		t.Errorf("cpuModel without a model line = %q, want empty", got)
	}
}

func TestDescribeMachineWithoutTerraform(t *testing.T) {
	m := DescribeMachine(context.Background(), "/nonexistent/terraform")
	if m.Terraform != "unknown" || m.NProc < 1 || m.GoVersion == "" || m.CPUModel == "" {
		t.Errorf("DescribeMachine = %+v", m)
	}
	md := m.Table().Markdown()
	for _, want := range []string{"| nproc |", "| CPU |", "| date (UTC) |", "| Terraform | unknown |"} {
		if !strings.Contains(md, want) {
			t.Errorf("machine table lacks %q:\n%s", want, md)
		}
	}
}
