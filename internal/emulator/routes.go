package emulator

import (
	"net/http"
	"net/url"
	"strings"
)

// service holds the error conventions of one API family.
type service struct {
	shape     errorShape
	malformed string // code for a body that is not the documented JSON
	invalid   string // code for a bad parameter value
}

var (
	svcIAM        = service{shapeFlat, "IAM.0003", "IAM.0003"}
	svcCSMSEvents = service{shapeNested, "CSMS.0004", "CSMS.0002"} // the event API pages show the nested shape
	svcCSMS       = service{shapeFlat, "CSMS.0004", "CSMS.0002"}
	svcCTS        = service{shapeFlat, "CTS.0003", "CTS.0003"}
)

// svcCSMSResourceInstances: ListResourceInstances answers its errors nested,
// as its API page shows, although the other secret routes answer flat.
var svcCSMSResourceInstances = service{shapeNested, "CSMS.0004", "CSMS.0002"}

type handlerFunc func(e *Emulator, c *call) (reply, error)

// route is one operation. In pattern, "{p}" is the project id, "{v}" the
// first variable segment (event name, secret name or id, notification type)
// and "{w}" the second (version id, stage name, tag key).
type route struct {
	method  string
	pattern []string
	op      string
	svc     service
	hasBody bool     // its handler is wrapped in withBody, which decodes the body
	query   []string // accepted query parameters
	handle  handlerFunc
	// opFromBody names the operation from the body (ListResourceInstances vs CountResourceInstances).
	opFromBody func(body []byte) string
	// bodyToken finds a token in the body that authenticates a call carrying
	// neither X-Auth-Token nor a signature (IAM's token method takes token.id).
	bodyToken func(body []byte) string
}

var routes = []route{
	{method: http.MethodGet, pattern: seg("v3/projects"), op: OpIAMListProjects, svc: svcIAM, query: []string{"name"}, handle: (*Emulator).listProjects},
	{method: http.MethodPost, pattern: seg("v3.0/OS-CREDENTIAL/securitytokens"), op: OpIAMAssumeRole, svc: svcIAM, hasBody: true, handle: withBody((*Emulator).securityTokens), opFromBody: securityTokensOp, bodyToken: securityTokensBodyToken},
	{method: http.MethodPost, pattern: seg("v5/agencies/assume"), op: OpSTSAssumeAgency, svc: svcSTS, hasBody: true, handle: withBody((*Emulator).assumeAgencyV5)},
	{method: http.MethodGet, pattern: seg("v3/auth/projects"), op: OpIAMListAuthProjects, svc: svcIAM, handle: (*Emulator).listAuthProjects},
	{method: http.MethodGet, pattern: seg("v3/auth/domains"), op: OpIAMListAuthDomains, svc: svcIAM, handle: (*Emulator).listAuthDomains},

	{method: http.MethodPost, pattern: seg("v1/{p}/csms/events"), op: OpCreateSecretEvent, svc: svcCSMSEvents, hasBody: true, handle: withBody((*Emulator).createEvent)},
	{method: http.MethodGet, pattern: seg("v1/{p}/csms/events"), op: OpListSecretEvents, svc: svcCSMSEvents, query: []string{"limit", "marker"}, handle: (*Emulator).listEvents},
	{method: http.MethodGet, pattern: seg("v1/{p}/csms/events/{v}"), op: OpShowSecretEvent, svc: svcCSMSEvents, handle: (*Emulator).showEvent},
	{method: http.MethodPut, pattern: seg("v1/{p}/csms/events/{v}"), op: OpUpdateSecretEvent, svc: svcCSMSEvents, hasBody: true, handle: withBody((*Emulator).updateEvent)},
	{method: http.MethodDelete, pattern: seg("v1/{p}/csms/events/{v}"), op: OpDeleteSecretEvent, svc: svcCSMSEvents, handle: (*Emulator).deleteEvent},
	{method: http.MethodGet, pattern: seg("v1/{p}/csms/notification-records"), op: OpListNotificationRecords, svc: svcCSMSEvents, query: []string{"limit", "marker"}, handle: (*Emulator).listRecords},

	{method: http.MethodPost, pattern: seg("v1/{p}/secrets"), op: OpCreateSecret, svc: svcCSMS, hasBody: true, handle: withBody((*Emulator).createSecret)},
	{method: http.MethodGet, pattern: seg("v1/{p}/secrets"), op: OpListSecrets, svc: svcCSMS, query: []string{"limit", "marker", "event_name"}, handle: (*Emulator).listSecrets},
	{method: http.MethodGet, pattern: seg("v1/{p}/secrets/{v}"), op: OpShowSecret, svc: svcCSMS, handle: (*Emulator).showSecret},
	{method: http.MethodPut, pattern: seg("v1/{p}/secrets/{v}"), op: OpUpdateSecret, svc: svcCSMS, hasBody: true, handle: withBody((*Emulator).updateSecret)},
	{method: http.MethodDelete, pattern: seg("v1/{p}/secrets/{v}"), op: OpDeleteSecret, svc: svcCSMS, handle: (*Emulator).deleteSecret},
	{method: http.MethodPost, pattern: seg("v1/{p}/secrets/{v}/versions"), op: OpCreateSecretVersion, svc: svcCSMS, hasBody: true, handle: withBody((*Emulator).createSecretVersion)},
	{method: http.MethodGet, pattern: seg("v1/{p}/secrets/{v}/versions"), op: OpListSecretVersions, svc: svcCSMS, query: []string{"limit", "marker"}, handle: (*Emulator).listSecretVersions},
	{method: http.MethodGet, pattern: seg("v1/{p}/secrets/{v}/versions/{w}"), op: OpShowSecretVersion, svc: svcCSMS, handle: (*Emulator).showSecretVersion},
	{method: http.MethodPut, pattern: seg("v1/{p}/secrets/{v}/versions/{w}"), op: OpUpdateVersion, svc: svcCSMS, hasBody: true, handle: withBody((*Emulator).updateVersion)},
	{method: http.MethodGet, pattern: seg("v1/{p}/secrets/{v}/stages/{w}"), op: OpShowSecretStage, svc: svcCSMS, handle: (*Emulator).showSecretStage},
	{method: http.MethodPut, pattern: seg("v1/{p}/secrets/{v}/stages/{w}"), op: OpUpdateSecretStage, svc: svcCSMS, hasBody: true, handle: withBody((*Emulator).updateSecretStage)},
	{method: http.MethodDelete, pattern: seg("v1/{p}/secrets/{v}/stages/{w}"), op: OpDeleteSecretStage, svc: svcCSMS, handle: (*Emulator).deleteSecretStage},
	{method: http.MethodPost, pattern: seg("v1/{p}/secrets/{v}/scheduled-deleted-tasks/create"), op: OpScheduleSecretDeletion, svc: svcCSMS, hasBody: true, handle: withBody((*Emulator).scheduleSecretDeletion)},
	{method: http.MethodPost, pattern: seg("v1/{p}/secrets/{v}/scheduled-deleted-tasks/cancel"), op: OpRestoreSecret, svc: svcCSMS, handle: (*Emulator).restoreSecret},
	{method: http.MethodPost, pattern: seg("v1/{p}/csms/resource_instances/action"), op: OpListResourceInstances, svc: svcCSMSResourceInstances, hasBody: true, handle: withBody((*Emulator).resourceInstances), opFromBody: resourceInstancesOp},
	{method: http.MethodPost, pattern: seg("v1/{p}/csms/{v}/tags"), op: OpCreateSecretTag, svc: svcCSMS, hasBody: true, handle: withBody((*Emulator).createSecretTag)},
	{method: http.MethodGet, pattern: seg("v1/{p}/csms/{v}/tags"), op: OpListSecretTags, svc: svcCSMS, handle: (*Emulator).listSecretTags},
	{method: http.MethodPost, pattern: seg("v1/{p}/csms/{v}/tags/action"), op: OpBatchSecretTags, svc: svcCSMS, hasBody: true, handle: withBody((*Emulator).batchSecretTags)},
	// Listed after tags/action, which owns that path: a tag keyed "action" can only be deleted in a batch.
	{method: http.MethodDelete, pattern: seg("v1/{p}/csms/{v}/tags/{w}"), op: OpDeleteSecretTag, svc: svcCSMS, handle: (*Emulator).deleteSecretTag},

	{method: http.MethodPost, pattern: seg("v3/{p}/notifications"), op: OpCreateNotification, svc: svcCTS, hasBody: true, handle: withBody((*Emulator).createNotification)},
	{method: http.MethodPut, pattern: seg("v3/{p}/notifications"), op: OpUpdateNotification, svc: svcCTS, hasBody: true, handle: withBody((*Emulator).updateNotification)},
	{method: http.MethodDelete, pattern: seg("v3/{p}/notifications"), op: OpDeleteNotification, svc: svcCTS, query: []string{"notification_id"}, handle: (*Emulator).deleteNotifications},
	{method: http.MethodGet, pattern: seg("v3/{p}/notifications/{v}"), op: OpListNotifications, svc: svcCTS, query: []string{"notification_name"}, handle: (*Emulator).listNotifications},
}

// withBody adapts a handler of a route with a body: the body is decoded
// strictly before the handler runs, so a malformed body is refused with the
// service's code before any lookup, on every such route alike.
func withBody[T any](h func(e *Emulator, c *call, in T) (reply, error)) handlerFunc {
	return func(e *Emulator, c *call) (reply, error) {
		var in T
		if err := c.decode(&in); err != nil {
			return reply{}, err
		}
		return h(e, c, in)
	}
}

func seg(p string) []string { return strings.Split(p, "/") }

// pathParams are the variable parts of a matched path.
type pathParams struct{ project, value, sub string }

// matchRoute finds the route for a path. The first pattern (in table order)
// that matches the path wins, so literal segments such as "events" take
// precedence over a secret id in the same position. allowed lists the
// methods of that path when the method does not match.
func matchRoute(method, escapedPath string) (rt *route, params pathParams, allowed []string) {
	if !strings.HasPrefix(escapedPath, "/") {
		return nil, params, nil
	}
	raw := strings.Split(escapedPath[1:], "/")
	parts := make([]string, len(raw))
	for i, r := range raw {
		p, err := url.PathUnescape(r)
		if err != nil || p == "" {
			return nil, params, nil
		}
		parts[i] = p
	}
	var matched []string
	for i := range routes {
		r := &routes[i]
		pp, ok := matchPattern(r.pattern, parts)
		if !ok {
			continue
		}
		if matched != nil && strings.Join(matched, "/") != strings.Join(r.pattern, "/") {
			continue // a different, later pattern: the first one owns this path
		}
		matched = r.pattern
		if r.method == method {
			return r, pp, nil
		}
		allowed = append(allowed, r.method)
	}
	return nil, params, allowed
}

func matchPattern(pattern, parts []string) (pathParams, bool) {
	var pp pathParams
	if len(pattern) != len(parts) {
		return pp, false
	}
	for i, p := range pattern {
		switch p {
		case "{p}":
			pp.project = parts[i]
		case "{v}":
			pp.value = parts[i]
		case "{w}":
			pp.sub = parts[i]
		default:
			if p != parts[i] {
				return pp, false
			}
		}
	}
	return pp, true
}
