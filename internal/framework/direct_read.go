package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// DataSourceWithDirectRead is a data source whose ReadDataSource the
// provider's protocol server answers by calling DirectRead instead of the
// framework: for results so large that the framework's copies and walks of
// the state would cost several times the read itself. Schemas, validation
// and configuration stay with the framework. data is the configured
// provider, nil before configuration.
type DataSourceWithDirectRead interface {
	DirectRead(ctx context.Context, data *ProviderData, req *tfprotov6.ReadDataSourceRequest) *tfprotov6.ReadDataSourceResponse
}

// ProtocolDiagnostics converts diagnostics the way the framework does for
// diagnostics without an attribute path.
func ProtocolDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		severity := tfprotov6.DiagnosticSeverityWarning
		if d.Severity() == diag.SeverityError {
			severity = tfprotov6.DiagnosticSeverityError
		}
		out = append(out, &tfprotov6.Diagnostic{Severity: severity, Summary: d.Summary(), Detail: d.Detail()})
	}
	return out
}
