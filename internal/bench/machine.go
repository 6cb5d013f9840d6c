package bench

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Machine describes where the benchmarks ran, for the README.
type Machine struct {
	Date      time.Time
	NProc     int
	CPUModel  string
	OS, Arch  string
	GoVersion string
	Terraform string // first line of `terraform version`
}

// DescribeMachine gathers the facts; unknown ones are "unknown", never an error.
func DescribeMachine(ctx context.Context, terraformBin string) Machine {
	m := Machine{
		Date: time.Now().UTC(), NProc: runtime.NumCPU(), OS: runtime.GOOS, Arch: runtime.GOARCH,
		GoVersion: runtime.Version(), CPUModel: "unknown", Terraform: "unknown",
	}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		if model := cpuModel(f); model != "" {
			m.CPUModel = model
		}
		_ = f.Close()
	}
	out, err := exec.CommandContext(ctx, terraformBin, "version").Output()
	if err == nil {
		if first, _, _ := strings.Cut(string(out), "\n"); first != "" {
			m.Terraform = strings.TrimSpace(first)
		}
	}
	return m
}

// cpuModel reads the first "model name" of a /proc/cpuinfo listing.
func cpuModel(r io.Reader) string {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(key) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return ""
}

// Table renders the machine facts.
func (m Machine) Table() Table {
	t := Table{Title: "Machine", Header: []string{"fact", "value"}}
	t.AddRow("date (UTC)", m.Date.Format("2006-01-02 15:04"))
	t.AddRow("CPU", m.CPUModel)
	t.AddRow("nproc", strconv.Itoa(m.NProc))
	t.AddRow("OS/arch", m.OS+"/"+m.Arch)
	t.AddRow("Go", m.GoVersion)
	t.AddRow("Terraform", m.Terraform)
	return t
}
