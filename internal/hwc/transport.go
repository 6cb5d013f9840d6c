package hwc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/sdksign"
)

// LogSubsystem is the tflog subsystem the client logs to. The caller sets it
// up with tflog.NewSubsystem; without that, logging is a no-op.
const LogSubsystem = "hwc"

const (
	contentTypeJSON = "application/json;charset=UTF-8"
	// maxResponseBody bounds what is read from one response; the largest
	// legitimate answer (1000 resource instances) is far below it.
	maxResponseBody = 32 << 20
)

// request is one API call, the same for every service.
type request struct {
	method  string
	base    *url.URL   // service endpoint
	path    string     // escaped, from apiPath
	params  url.Values // query parameters; nil = none
	body    any        // marshalled to JSON; nil = no body
	project string     // sent as X-Project-Id when set (project-scoped calls)
	expect  []int      // success statuses; empty means 200
	out     any        // decoded from a successful body; nil = body ignored
	// readOnly marks a POST that only reads (a search), so it is retried like a GET.
	readOnly bool
}

// apiPath joins path segments, escaping each one, so that a strange name
// cannot change which resource a request addresses. Empty, "." and ".."
// segments are refused for the same reason.
func apiPath(segments ...string) (string, error) {
	var b strings.Builder
	for _, s := range segments {
		if s == "" || s == "." || s == ".." {
			return "", fmt.Errorf("hwc: invalid path segment %q", s)
		}
		b.WriteByte('/')
		b.WriteString(url.PathEscape(s))
	}
	return b.String(), nil
}

// do runs r with signing, retries and logging, and decodes the answer.
func (c *Client) do(ctx context.Context, r request) error {
	var body []byte
	if r.body != nil {
		var err error
		if body, err = json.Marshal(r.body); err != nil {
			return fmt.Errorf("hwc: encoding %s %s: %w", r.method, r.path, err)
		}
	}
	u, err := r.url()
	if err != nil {
		return err
	}
	where := r.method + " " + u.EscapedPath()
	expect := r.expect
	if len(expect) == 0 {
		expect = []int{http.StatusOK}
	}
	ctx = c.logContext(ctx)

	for attempt := 1; ; attempt++ {
		resp, err := c.send(ctx, r, u, body, attempt)
		method := r.method
		if r.readOnly {
			method = http.MethodGet // a read-only POST is as safe to repeat as a GET
		}
		retry := false
		switch {
		case err != nil:
			if ctxErr := ctx.Err(); ctxErr != nil {
				return fmt.Errorf("%s: %w", where, ctxErr)
			}
			retry = retryableTransportError(method, err)
			err = fmt.Errorf("%s: %w", where, err)
		case slices.Contains(expect, resp.status):
			return r.decode(where, resp.body)
		default:
			apiErr := parseErrorBody(resp.status, resp.header, resp.body)
			apiErr.Method, apiErr.Path, apiErr.Message = r.method, u.EscapedPath(), c.scrub(apiErr.Message)
			retry = retryableStatus(method, resp.status)
			err = apiErr
		}

		if !retry || attempt > c.cfg.MaxRetries {
			if attempt > 1 {
				return fmt.Errorf("%w (after %d attempts)", err, attempt)
			}
			return err
		}
		wait := c.backoff(attempt, resp.header)
		tflog.SubsystemDebug(ctx, LogSubsystem, "retrying API call", map[string]any{
			"method": r.method, "path": u.EscapedPath(), "attempt": attempt, "wait_ms": wait.Milliseconds(),
			"error": err.Error(),
		})
		if sleepErr := c.sleep(ctx, wait); sleepErr != nil {
			return fmt.Errorf("stopped waiting to retry: %w; last attempt: %w", sleepErr, err)
		}
	}
}

// url resolves the request against its endpoint, keeping the endpoint's own
// path prefix and the escaping of the segments.
func (r request) url() (*url.URL, error) {
	u := *r.base
	escaped := u.EscapedPath() + r.path
	unescaped, err := url.PathUnescape(escaped)
	if err != nil {
		return nil, fmt.Errorf("hwc: invalid path %q: %w", escaped, err)
	}
	u.Path, u.RawPath = unescaped, escaped
	u.RawQuery = encodeQuery(r.params)
	return &u, nil
}

// encodeQuery writes the query exactly as the signature canonicalises it
// (sorted, RFC 3986 escaping, space as %20), so no server can read a '+' or
// an unescaped character differently from what was signed.
func encodeQuery(params url.Values) string {
	keys := slices.Sorted(maps.Keys(params))
	var parts []string
	for _, k := range keys {
		for _, v := range slices.Sorted(slices.Values(params[k])) {
			parts = append(parts, sdksign.Escape(k)+"="+sdksign.Escape(v))
		}
	}
	return strings.Join(parts, "&")
}

func (r request) decode(where string, body []byte) error {
	if r.out == nil {
		return nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return fmt.Errorf("%s: empty response body", where)
	}
	if err := json.Unmarshal(body, r.out); err != nil {
		return fmt.Errorf("%s: decoding response: %w", where, err)
	}
	return nil
}

// answer is a response read in full (its body is closed).
type answer struct {
	status int
	header http.Header
	body   []byte
}

// send makes one signed attempt and reads the whole response body. Each
// attempt is signed anew, so a retry after a long backoff carries a fresh date.
func (c *Client) send(ctx context.Context, r request, u *url.URL, body []byte, attempt int) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), bytes.NewReader(body))
	if err == nil {
		err = c.authorize(req, r.project, body)
	}
	if err != nil {
		return answer{}, permanentError{err}
	}
	fields := map[string]any{"method": r.method, "path": u.EscapedPath(), "attempt": attempt}
	if tflog.SubsystemIsTrace(ctx, LogSubsystem) {
		tflog.SubsystemTrace(ctx, LogSubsystem, "API request", merge(fields, map[string]any{
			"query": u.RawQuery, "headers": c.loggableHeaders(req.Header), "body": c.loggableBody(body),
		}))
	}

	start := time.Now()
	resp, err := c.http.Do(req)
	var respBody []byte
	if err == nil {
		respBody, err = readBody(resp)
	}
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if err != nil {
		fields["error"] = c.scrub(err.Error())
		tflog.SubsystemDebug(ctx, LogSubsystem, "API call failed", fields)
		return answer{}, err
	}
	fields["status"] = resp.StatusCode
	fields["request_id"] = resp.Header.Get("X-Request-Id")
	tflog.SubsystemDebug(ctx, LogSubsystem, "API call", fields)
	if tflog.SubsystemIsTrace(ctx, LogSubsystem) {
		tflog.SubsystemTrace(ctx, LogSubsystem, "API response", merge(fields, map[string]any{
			"headers": c.loggableHeaders(resp.Header), "body": c.loggableBody(respBody),
		}))
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: respBody}, nil
}

// authorize sets the identity headers. X-Project-Id and X-Security-Token are
// set before signing so that the signature covers them. Content-Type goes on
// every request, a GET or an empty POST included, as Huawei's SDK and
// provider send it: a gateway that expects it is never surprised.
func (c *Client) authorize(req *http.Request, project string, body []byte) error {
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", contentTypeJSON)
	if project != "" {
		req.Header.Set("X-Project-Id", project)
	}
	if c.cfg.AuthToken != "" {
		req.Header.Set("X-Auth-Token", c.cfg.AuthToken)
		return nil
	}
	creds, err := c.cfg.Credentials.Credentials(req.Context())
	if err != nil {
		return fmt.Errorf("obtaining credentials: %w", err)
	}
	if creds.SecurityToken != "" {
		req.Header.Set("X-Security-Token", creds.SecurityToken)
	}
	return sdksign.Sign(req, body, creds.AccessKey, creds.SecretKey, c.cfg.Now())
}

func readBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBody+1))
	if err != nil {
		return nil, fmt.Errorf("reading response body: %w", err)
	}
	if len(body) > maxResponseBody {
		return nil, errors.New("response body exceeds 32 MiB")
	}
	return body, nil
}

// logContext adds the credentials as tflog masks: a second line of defence
// behind the explicit redaction of headers and bodies.
func (c *Client) logContext(ctx context.Context) context.Context {
	secrets := c.allSecrets()
	if len(secrets) == 0 {
		return ctx
	}
	ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, LogSubsystem, secrets...)
	return tflog.SubsystemMaskMessageStrings(ctx, LogSubsystem, secrets...)
}

func merge(a, b map[string]any) map[string]any {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}

// permanentError marks a failure to build or sign a request: nothing was
// sent and trying again cannot help.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// scoped starts a project-scoped request whose path is
// /{version}/{project_id}/{segments…}; the project is also sent as X-Project-Id.
func (c *Client) scoped(ctx context.Context, method string, base *url.URL, version string, segments ...string) (request, error) {
	project, err := c.projectIDFor(ctx)
	if err != nil {
		return request{}, err
	}
	path, err := apiPath(append([]string{version, project}, segments...)...)
	if err != nil {
		return request{}, err
	}
	return request{method: method, base: base, path: path, project: project}, nil
}
