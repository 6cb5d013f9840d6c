package csms

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

var _ resource.ResourceWithMoveState = (*csmsSecretResource)(nil)

var csmsSecretMove = framework.OfficialMove{SourceType: "huaweicloud_csms_secret", TargetType: "hwcloud_csms_secret"}

// officialCSMSSecret is huaweicloud_csms_secret as the official provider
// stores it: id = "<secret_id>/<name>", `status` for the state, create_time
// as "2006-01-02 15:04:05 UTC". Its secret_text and secret_binary hold a SHA-1
// of the value: they are deliberately not declared here, so they are never
// even decoded, let alone carried into a state that promises no trace of the
// value.
type officialCSMSSecret struct {
	ID                  string            `json:"id"`
	Name                string            `json:"name"`
	SecretID            string            `json:"secret_id"`
	Description         string            `json:"description"`
	KMSKeyID            string            `json:"kms_key_id"`
	SecretType          string            `json:"secret_type"`
	EnterpriseProjectID string            `json:"enterprise_project_id"`
	EventSubscriptions  []string          `json:"event_subscriptions"`
	Tags                map[string]string `json:"tags"`
	Status              string            `json:"status"`
	CreateTime          string            `json:"create_time"`
	Region              string            `json:"region"`
	// ExpireTime is the current version's expiry in ms; 0 is none.
	ExpireTime int64 `json:"expire_time"`
}

func (r *csmsSecretResource) MoveState(context.Context) []resource.StateMover {
	return framework.MoveFrom(csmsSecretMove, r.stateFromOfficial)
}

func (r *csmsSecretResource) stateFromOfficial(ctx context.Context, src *officialCSMSSecret, resp *resource.MoveStateResponse) any {
	secret, tags, ok := src.secret(&resp.Diagnostics)
	if !ok {
		return nil
	}
	csmsSecretMove.RecordRegion(ctx, resp.TargetPrivate, fmt.Sprintf("CSMS secret %q", secret.Name), src.Region,
		&resp.Diagnostics)
	// The Terraform-side settings start at their schema defaults, so a
	// configuration that leaves them out plans no change. secret_wo_version = 1
	// stands for the value the secret holds now: no value is sent until the
	// configuration changes it.
	m := csmsSecretModel{
		SecretWOVersion:       types.Int64Value(1),
		RecoveryWindowDays:    types.Int64Value(csmsSecretMinRecoveryDays),
		DeleteWithoutRecovery: types.BoolValue(false),
		Timeouts:              framework.MovedTimeouts(nil, &resp.Diagnostics),
	}
	// latest_version_id and updated_at are not in the official state: the
	// refresh after the move reads them. Its expire_time becomes expires_at.
	var expire *int64
	if src.ExpireTime > 0 {
		expire = &src.ExpireTime
	}
	resp.Diagnostics.Append(m.setFromService(ctx, &csmsSecretFound{Secret: *secret, Tags: tags, CurrentExpireTime: expire}, r.Data.TagPolicy())...)
	return m
}

// officialCreateTimeLayout is how the official provider prints create_time.
const officialCreateTimeLayout = "2006-01-02 15:04:05 MST"

// secret is the official state in wire form, as ShowSecret would return it,
// with the user tags. What the official state lacks (update time, the
// SYSCURRENT version) stays zero for the refresh after the move to read.
func (src officialCSMSSecret) secret(diags *diag.Diagnostics) (*hwc.Secret, map[string]string, bool) {
	// id is "<secret_id>/<name>": either half stands in for a missing attribute.
	idSecret, idName, _ := strings.Cut(src.ID, "/")
	name, secretID := src.Name, src.SecretID
	if name == "" {
		name = idName
	}
	if secretID == "" {
		secretID = idSecret
	}
	if !csmsSecretMove.RequireText("name", name, diags) {
		return nil, nil, false
	}
	if !patterns.CSMSSecretName.MatchString(name) {
		diags.AddError(fmt.Sprintf("Cannot move %s into %s: name", csmsSecretMove.SourceType, csmsSecretMove.TargetType),
			fmt.Sprintf("The secret's name %q is not a valid CSMS secret name (%s). Nothing was moved.",
				name, csmsSecretNameRule))
		return nil, nil, false
	}
	s := &hwc.Secret{
		ID:                  secretID,
		Name:                name,
		State:               src.Status,
		KMSKeyID:            src.KMSKeyID,
		Description:         src.Description,
		SecretType:          src.SecretType,
		EnterpriseProjectID: src.EnterpriseProjectID,
		EventSubscriptions:  src.EventSubscriptions,
	}
	if t, err := time.Parse(officialCreateTimeLayout, src.CreateTime); err == nil {
		s.CreateTime = t.UnixMilli()
	}
	tags := src.Tags
	if tags == nil {
		tags = map[string]string{}
	}
	return s, tags, true
}
