package hwc

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// redacted replaces every secret value in log lines and error snippets.
const redacted = "***"

// secretHeaders never appear in logs with their values.
var secretHeaders = map[string]bool{
	"authorization":    true,
	"x-auth-token":     true,
	"x-security-token": true,
	"x-subject-token":  true,
}

// secretBodyFields are JSON fields whose values are secret material (CSMS
// secret values); they are masked wherever they occur in a logged body.
var secretBodyFields = map[string]bool{
	"secret_string": true,
	"secret_binary": true,
}

// maxLoggedBody caps the size of a body in TRACE logs.
const maxLoggedBody = 64 << 10

// scrub replaces the client's credential values anywhere in s.
func (c *Client) scrub(s string) string {
	for _, secret := range c.allSecrets() {
		s = strings.ReplaceAll(s, secret, redacted)
	}
	return s
}

// allSecrets are the configured credential values and those a renewing
// credentials provider obtained since (assumed agencies, ECS metadata).
func (c *Client) allSecrets() []string {
	obtained := c.ObtainedSecrets()
	if len(obtained) == 0 {
		return c.secrets
	}
	return append(append([]string(nil), c.secrets...), obtained...)
}

// ObtainedSecrets are the secret keys and security tokens the client's
// renewing credentials provider obtained so far (assumed agencies, ECS
// metadata): none for static credentials. Logs outside the client mask them too.
func (c *Client) ObtainedSecrets() []string {
	if l, ok := c.cfg.Credentials.(secretLister); ok {
		return l.Secrets()
	}
	return nil
}

// loggableHeaders renders headers for TRACE logs, sorted, with secret ones
// reduced to their presence.
func (c *Client) loggableHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for name, values := range h {
		if secretHeaders[strings.ToLower(name)] {
			out[name] = redacted
			continue
		}
		sorted := append([]string(nil), values...)
		sort.Strings(sorted)
		out[name] = c.scrub(strings.Join(sorted, ", "))
	}
	return out
}

// loggableBody renders a body for TRACE logs: JSON with secret fields masked,
// anything else as text; credentials scrubbed either way. A body that cannot
// be parsed as JSON is still scrubbed of credentials, and its secret fields
// (if it is broken JSON) cannot be located, so only its size is logged.
func (c *Client) loggableBody(body []byte) string {
	if len(body) == 0 {
		return ""
	}
	if len(body) > maxLoggedBody {
		return "(" + strconv.Itoa(len(body)) + " bytes, too large to log)"
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil || dec.More() {
		if looksLikeJSON(body) {
			return "(" + strconv.Itoa(len(body)) + " bytes of malformed JSON, not logged)"
		}
		return c.scrub(strings.ToValidUTF8(string(body), "\uFFFD"))
	}
	masked, err := json.Marshal(maskSecretFields(v))
	if err != nil {
		return "(" + strconv.Itoa(len(body)) + " bytes, not loggable)"
	}
	return c.scrub(string(masked))
}

func looksLikeJSON(body []byte) bool {
	t := bytes.TrimSpace(body)
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// maskSecretFields walks decoded JSON and replaces the values of secret fields.
func maskSecretFields(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if secretBodyFields[strings.ToLower(k)] {
				t[k] = redacted
				continue
			}
			t[k] = maskSecretFields(val)
		}
	case []any:
		for i, val := range t {
			t[i] = maskSecretFields(val)
		}
	}
	return v
}
