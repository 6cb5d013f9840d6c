package csms

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/framework"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/patterns"
)

// csmsEventResource manages a CSMS secret event: which secret events are
// sent to which SMN topic.
type csmsEventResource struct {
	framework.IdentifiedResourceBase
}

// NewCSMSEventResource is the constructor the provider registers.
func NewCSMSEventResource() resource.Resource {
	return &csmsEventResource{IdentifiedResourceBase: framework.NewIdentifiedResourceBase("csms_event", csmsEventIdentity)}
}

// csmsEventIdentity: CSMS keys events by name within a project.
var csmsEventIdentity = framework.ProjectIdentity{
	TypeName: "hwcloud_csms_event",
	Key:      "name",
	KeyDesc:  "Event name, unique in the project.",
	ValidKey: patterns.CSMSEventName.MatchString,
	KeyRule:  "1-64 letters, digits, _ or -",
}

func (r *csmsEventResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan csmsEventModel
	if !r.Ready(&resp.Diagnostics, req.Plan.Get(ctx, &plan)) {
		return
	}
	ctx, cancel := r.WriteContext(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()
	body, diags := plan.createRequest(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	eventBatcher(r.Data).Invalidate(body.Name)
	ev, err := r.create(ctx, body)
	if err != nil {
		addCSMSEventCreateError(&resp.Diagnostics, body.Name, err)
		return
	}
	state, diags := flattenCSMSEvent(ctx, ev, plan.Timeouts)
	// Save even when flattening complained: the event exists and must not be orphaned.
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	resp.Diagnostics.Append(r.SetIdentity(ctx, resp.Identity, ev.Name)...)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(framework.MarkCreated(ctx, resp.Private)...)
}

func (r *csmsEventResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state csmsEventModel
	if !r.Ready(&resp.Diagnostics, req.State.Get(ctx, &state)) {
		return
	}
	name := state.name()
	ctx, ok := r.StartRead(ctx, req, resp, name)
	if !ok {
		return
	}
	ev, ok := framework.ReadFound(ctx, req, resp, eventBatcher(r.Data).Finder(name,
		func(ctx context.Context) (*hwc.SecretEvent, error) { return r.Data.Client.ShowSecretEvent(ctx, name) }),
		"CSMS event", map[string]any{"name": name}, fmt.Sprintf("Cannot read CSMS event %q", name))
	if !ok {
		return
	}
	newState, diags := flattenCSMSEvent(ctx, ev, state.Timeouts)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, newState)...)
}

func (r *csmsEventResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state csmsEventModel
	if !r.Ready(&resp.Diagnostics, req.Plan.Get(ctx, &plan), req.State.Get(ctx, &state)) {
		return
	}
	// Every path that saves state needs one, and a name change is a replacement, never an update.
	resp.Diagnostics.Append(r.SetIdentity(ctx, resp.Identity, state.name())...)
	body, changed, diags := updateRequest(ctx, plan, state)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !changed {
		// Only Terraform-side settings (timeouts) changed: nothing to send.
		state.Timeouts = plan.Timeouts
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		return
	}
	ctx, cancel := r.WriteContext(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	name := state.name()
	eventBatcher(r.Data).Invalidate(name)
	ev, err := r.Data.Client.UpdateSecretEvent(ctx, name, body)
	if err != nil {
		hint := "The event was not changed. Fix the cause above and run terraform apply again."
		if errors.Is(err, hwc.ErrNotFound) {
			hint = "The event was deleted outside Terraform. Run terraform apply again: the refresh notices it " +
				"is gone and plans to create it."
		}
		framework.AddAPIError(&resp.Diagnostics, fmt.Sprintf("Cannot update CSMS event %q", name), err, hint)
		return
	}
	newState, diags := flattenCSMSEvent(ctx, ev, plan.Timeouts)
	resp.Diagnostics.Append(resp.State.Set(ctx, newState)...)
	resp.Diagnostics.Append(diags...)
	// A changed object can be briefly invisible too; give the next read the same grace as after a create.
	resp.Diagnostics.Append(framework.MarkCreated(ctx, resp.Private)...)
}

func (r *csmsEventResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state csmsEventModel
	if !r.Ready(&resp.Diagnostics, req.State.Get(ctx, &state)) {
		return
	}
	name := state.name()
	r.DeleteWithin(ctx, state.Timeouts.Delete, &resp.Diagnostics, func(ctx context.Context) error {
		eventBatcher(r.Data).Invalidate(name)
		return r.Data.Client.DeleteSecretEvent(ctx, name)
	}, func(ctx context.Context, err error) { r.addDeleteError(ctx, &resp.Diagnostics, name, err) })
}

func (r *csmsEventResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.ImportByKey(ctx, req, resp, "CSMS event")
}

func (m csmsEventModel) name() string {
	if n := m.Name.ValueString(); n != "" {
		return n
	}
	return m.ID.ValueString()
}

// csmsEventExistsError is a create refused because the name is taken.
type csmsEventExistsError struct {
	name, eventID string
	cause         error
}

func (e *csmsEventExistsError) Error() string {
	return fmt.Sprintf("a CSMS event named %q already exists: %v", e.name, e.cause)
}

func (e *csmsEventExistsError) Unwrap() error { return e.cause }

// create posts the event. A lost answer (and a refusal after it) is resolved
// by createWithRecovery. Any other refusal (4xx) is checked against the name:
// the duplicate-name code is not documented, so "refused, and the name
// exists" is what identifies a duplicate.
func (r *csmsEventResource) create(ctx context.Context, body hwc.CreateSecretEventRequest) (*hwc.SecretEvent, error) {
	client := r.Data.Client
	ev, err := framework.CreateWithRecovery(ctx, framework.CreateOp[*hwc.SecretEvent]{
		Create: func(ctx context.Context) (*hwc.SecretEvent, error) { return client.CreateSecretEvent(ctx, body) },
		Lookup: func(ctx context.Context) (*hwc.SecretEvent, bool, error) {
			ev, err := client.ShowSecretEvent(ctx, body.Name)
			if errors.Is(err, hwc.ErrNotFound) {
				return nil, false, nil
			}
			return ev, err == nil, err
		},
		Matches: func(found *hwc.SecretEvent) bool { return eventMatches(found, body) },
		Object:  fmt.Sprintf("CSMS event %q", body.Name),
		Import:  csmsEventImportCommand(body.Name),
		Retry:   r.Data.CreateRetry,
		// The duplicate-name code is undocumented; after an ambiguous attempt, a refusal
		// of the very body that was accepted before can only mean the name is taken.
		IsDuplicate: hwc.IsRefused,
	})
	if err == nil || !hwc.IsRefused(err) {
		// Only a refusal of the request itself can mean "name taken"; throttling cannot.
		return ev, err
	}
	existing, lookupErr := client.ShowSecretEvent(ctx, body.Name)
	if lookupErr != nil {
		// Not a duplicate (or we cannot tell): the service's own answer says more.
		return nil, err
	}
	return nil, &csmsEventExistsError{name: body.Name, eventID: existing.EventID, cause: err}
}

func addCSMSEventCreateError(diags *diag.Diagnostics, name string, err error) {
	var exists *csmsEventExistsError
	if errors.As(err, &exists) {
		framework.AddAPIError(diags, fmt.Sprintf("CSMS event %q already exists", name), exists.cause,
			fmt.Sprintf("A CSMS event named %q (event_id %s) already exists in this project. To manage it with "+
				"Terraform, import it:\n\n  %s\n\nor choose another name.", name, exists.eventID,
				csmsEventImportCommand(name)))
		return
	}
	framework.AddAPIError(diags, fmt.Sprintf("Cannot create CSMS event %q", name), err,
		"Check the settings the error names. If it is temporary (throttling, a server error), run terraform "+
			"apply again.")
}

// addDeleteError explains a refused delete; the usual cause, secrets that
// still subscribe to the event, has no documented code, so it is checked.
func (r *csmsEventResource) addDeleteError(ctx context.Context, diags *diag.Diagnostics, name string, err error) {
	summary := fmt.Sprintf("Cannot delete CSMS event %q", name)
	if !hwc.IsRefused(err) {
		// Lost, failed or throttled: nothing says the subscribers are the cause.
		framework.AddAPIError(diags, summary, err, "The event still exists. Run terraform destroy (or apply) again.")
		return
	}
	subscribers, more := r.subscribers(ctx, name)
	if len(subscribers) == 0 {
		framework.AddAPIError(diags, summary, err, "The event still exists. Fix the cause above and try again.")
		return
	}
	list := strings.Join(subscribers, ", ")
	if more {
		list += " and more"
	}
	framework.AddAPIError(diags, summary+": secrets still subscribe to it", err,
		fmt.Sprintf("The event is still subscribed by these secrets: %s. An event cannot be deleted while a "+
			"secret subscribes to it. Remove %q from those secrets' event subscriptions (or delete the secrets), "+
			"then run terraform destroy again.", list, name))
}

// subscribers lists (the first page of) secrets subscribed to the event.
// The service filters by event_name; the check here guards against a
// service that ignored the filter.
func (r *csmsEventResource) subscribers(ctx context.Context, name string) (names []string, more bool) {
	secrets, page, err := r.Data.Client.ListSecrets(ctx, 50, "", name)
	if err != nil {
		tflog.Debug(ctx, "cannot list the secrets subscribed to the event", map[string]any{"error": err.Error()})
		return nil, false
	}
	for _, s := range secrets {
		for _, ev := range s.EventSubscriptions {
			if ev == name {
				names = append(names, s.Name)
				break
			}
		}
	}
	return names, page.NextMarker != ""
}

func csmsEventImportCommand(name string) string {
	return fmt.Sprintf("terraform import hwcloud_csms_event.<name> %s", name)
}

// csmsEventMove is the move from the official provider's type: a `moved` block's state
// becomes the model a read of the same object gives.
var csmsEventMove = framework.OfficialMove{SourceType: "huaweicloud_csms_event", TargetType: "hwcloud_csms_event"}

// officialCSMSEvent is huaweicloud_csms_event as the official provider stores
// it: the notification target flattened into three attributes, the state as
// `status`, and `id` equal to the name.
type officialCSMSEvent struct {
	ID                     string   `json:"id"`
	Name                   string   `json:"name"`
	EventID                string   `json:"event_id"`
	EventTypes             []string `json:"event_types"`
	Status                 string   `json:"status"`
	NotificationTargetType string   `json:"notification_target_type"`
	NotificationTargetID   string   `json:"notification_target_id"`
	NotificationTargetName string   `json:"notification_target_name"`
	Region                 string   `json:"region"`
}

func (r *csmsEventResource) MoveState(context.Context) []resource.StateMover {
	return framework.MoveFrom(csmsEventMove, r.stateFromOfficial)
}

func (r *csmsEventResource) stateFromOfficial(ctx context.Context, src *officialCSMSEvent, resp *resource.MoveStateResponse) any {
	ev, ok := src.event(&resp.Diagnostics)
	if !ok {
		return nil
	}
	csmsEventMove.RecordRegion(ctx, resp.TargetPrivate, fmt.Sprintf("CSMS event %q", ev.Name), src.Region, &resp.Diagnostics)
	// The state takes the shape a read of the same event gives; created_at and
	// updated_at are not in the official state and stay null until the refresh
	// that follows the move reads them.
	state, diags := flattenCSMSEvent(ctx, ev, framework.MovedTimeouts(nil, &resp.Diagnostics))
	resp.Diagnostics.Append(diags...)
	return state
}

// event is the official state in wire form, as ShowSecretEvent would return it.
func (src officialCSMSEvent) event(diags *diag.Diagnostics) (*hwc.SecretEvent, bool) {
	name := src.Name
	if name == "" {
		name = src.ID // id is the name in the official state
	}
	if !csmsEventMove.RequireText("name", name, diags) {
		return nil, false
	}
	if src.Status != csmsEventStateEnabled && src.Status != csmsEventStateDisabled {
		diags.AddError(fmt.Sprintf("Cannot move %s into %s: status", csmsEventMove.SourceType, csmsEventMove.TargetType),
			fmt.Sprintf("The state of CSMS event %q has status = %q; it must be %q or %q (it becomes enabled = "+
				"true or false). Nothing was moved. Run `terraform apply -refresh-only` with the huaweicloud "+
				"provider so it reads the event again, or remove the moved block and import the event.", name,
				src.Status, csmsEventStateEnabled, csmsEventStateDisabled))
		return nil, false
	}
	return &hwc.SecretEvent{
		Name:       name,
		EventID:    src.EventID,
		EventTypes: src.EventTypes,
		State:      src.Status,
		Notification: hwc.EventNotification{
			TargetType: src.NotificationTargetType,
			TargetID:   src.NotificationTargetID,
			TargetName: src.NotificationTargetName,
		},
	}, true
}
