package emulator

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxBodyBytes bounds what a request may send; the largest legitimate body
// (a CTS notification with 1000 operations) is far smaller.
const maxBodyBytes = 1 << 20

// call is one request on its way through a handler.
type call struct {
	r         *http.Request
	body      []byte
	params    pathParams
	query     url.Values
	now       time.Time
	requestID string
	route     *route
	delay     time.Duration // visibility delay for writes made by this call
}

func (c *call) invalid(format string, args ...any) *apiError {
	return badRequest(c.route.svc.invalid, fmt.Sprintf(format, args...))
}

func (c *call) decode(dst any) error {
	if err := decodeStrict(c.body, dst); err != nil {
		return badRequest(c.route.svc.malformed, err.Error())
	}
	return nil
}

// ServeHTTP serves IAM, CSMS and CTS at once (routing by path) and the
// unauthenticated control API under /_emulator/. Connection-level faults
// (reset, lost responses) need a ResponseWriter that can be hijacked, as a
// real server's can; with any other they abort the handler with
// http.ErrAbortHandler.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	w.Header().Set("X-Request-Id", requestID)
	if strings.HasPrefix(r.URL.Path, controlPrefix) {
		e.serveControl(w, r)
		return
	}
	status, op := e.serveAPI(w, r, requestID)
	e.logf("%s %s -> %s op=%s request_id=%s", r.Method, r.URL.Path, status, op, requestID)
}

// serveAPI returns the outcome for the log line.
func (e *Emulator) serveAPI(w http.ResponseWriter, r *http.Request, requestID string) (string, string) {
	rt, params, allowed := matchRoute(r.Method, r.URL.EscapedPath())
	if rt == nil {
		e.counters.add("")
		if len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			writeReply(w, errorReply(shapeGateway, http.StatusMethodNotAllowed, "APIG.0101", "method "+r.Method+" is not allowed on this path", requestID))
			return "405", ""
		}
		writeReply(w, errorReply(shapeGateway, http.StatusNotFound, "APIG.0101", "the API does not exist or has not been published", requestID))
		return "404", ""
	}
	body, readErr := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	op := rt.op
	if rt.opFromBody != nil && readErr == nil {
		op = rt.opFromBody(body)
	}
	e.counters.add(op)

	in := e.faults.decide(op, e.now())
	if in.latency > 0 {
		select {
		case <-time.After(in.latency):
		case <-r.Context().Done():
			return "canceled", op
		}
	}
	if in.kind != "" {
		return e.injectFault(w, in, requestID), op
	}

	if err := e.authenticate(withBodyToken(r, rt, body), body, params.project, rt.pattern[1] == "{p}"); err != nil {
		writeReply(w, errorReply(shapeGateway, http.StatusUnauthorized, "APIG.0301", "Incorrect IAM authentication information: "+err.Error(), requestID))
		return "401", op
	}

	c := &call{r: r, body: body, params: params, now: e.serviceNow(), requestID: requestID, route: rt, delay: e.faults.visibilityDelay()}
	rep := e.dispatch(c, readErr)
	// The call is processed first (a valid write is applied), then its answer is
	// lost, whatever it was: a network loses refusals as well as successes.
	if e.faults.takeLose(op) {
		abortConnection(w)
		return "lost", op
	}
	writeReply(w, rep)
	return fmt.Sprint(rep.status), op
}

// dispatch checks what every route shares (body presence and type, query
// parameters) and runs the handler under the store lock.
func (e *Emulator) dispatch(c *call, readErr error) reply {
	rt := c.route
	fail := func(err error) reply {
		var ae *apiError
		if !errors.As(err, &ae) {
			ae = &apiError{http.StatusInternalServerError, rt.svc.invalid, "internal error"}
		}
		return errorReply(rt.svc.shape, ae.status, ae.code, ae.msg, c.requestID)
	}
	switch {
	case readErr != nil:
		return fail(badRequest(rt.svc.malformed, "the request body could not be read"))
	case len(c.body) > maxBodyBytes:
		return fail(badRequest(rt.svc.malformed, "the request body is too large"))
	case !rt.hasBody && len(c.body) > 0:
		return fail(badRequest(rt.svc.malformed, "this operation takes no request body"))
	case rt.hasBody:
		mt, _, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			return fail(badRequest(rt.svc.malformed, "Content-Type must be application/json"))
		}
	}
	q, err := url.ParseQuery(c.r.URL.RawQuery)
	if err != nil {
		return fail(c.invalid("the query string is malformed"))
	}
	for k, vs := range q {
		if !containsString(rt.query, k) {
			return fail(c.invalid("unknown query parameter %q", k))
		}
		if len(vs) > 1 {
			return fail(c.invalid("query parameter %q is given more than once", k))
		}
	}
	c.query = q

	e.mu.Lock()
	defer e.mu.Unlock()
	if e.fireDueExpiries(c.now) { // what expired since the last call is notified before this one is served
		e.notifyChanged()
	}
	rep, err := rt.handle(e, c)
	if err != nil {
		return fail(err)
	}
	if c.r.Method != http.MethodGet && rep.status < 300 {
		e.notifyChanged()
	}
	return rep
}

func (e *Emulator) injectFault(w http.ResponseWriter, in injection, requestID string) string {
	switch in.kind {
	case FaultReset:
		abortConnection(w)
		return "reset"
	case FaultThrottle:
		w.Header().Set("Retry-After", in.retryAfter)
		writeReply(w, errorReply(shapeGateway, http.StatusTooManyRequests, "APIG.0308", "The request is throttled.", requestID))
		return "429"
	default:
		status := map[string]int{Fault500: 500, Fault502: 502, Fault503: 503, Fault504: 504}[in.kind]
		writeReply(w, errorReply(shapeGateway, status, "EMULATOR.FAULT", "injected fault: "+http.StatusText(status), requestID))
		return in.kind
	}
}

// abortConnection closes the connection without a response (RST where
// possible), as a crashed gateway or a lost reply would.
func abortConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // net/http's documented way to abort a response
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
