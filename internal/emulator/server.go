package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server is an Emulator listening on a real socket.
type Server struct {
	URL string // base URL, e.g. http://127.0.0.1:41234
	// MetadataURL is the base URL of the ECS metadata listener
	// (Options.MetadataListen), "" when there is none.
	MetadataURL string
	Addr        string // host:port actually bound
	Emulator    *Emulator

	srv      *http.Server
	meta     *http.Server
	done     chan error
	stopOnce sync.Once
	stopErr  error
}

// Start runs a new emulator on 127.0.0.1 with a free port.
func Start(opts Options) (*Server, error) { return StartOn("127.0.0.1:0", opts) }

// StartOn runs a new emulator on addr.
func StartOn(addr string, opts Options) (*Server, error) {
	e, err := New(opts)
	if err != nil {
		return nil, err
	}
	return Serve(addr, e)
}

// Serve runs an existing emulator (for example one from LoadState) on addr.
func Serve(addr string, e *Emulator) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("emulator: listening on %s: %w", addr, err)
	}
	s := &Server{
		URL:      "http://" + ln.Addr().String(),
		Addr:     ln.Addr().String(),
		Emulator: e,
		srv:      &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second},
		done:     make(chan error, 1),
	}
	if addr := e.opts.MetadataListen; addr != "" {
		mln, err := net.Listen("tcp", addr)
		if err != nil {
			_ = ln.Close()
			return nil, fmt.Errorf("emulator: metadata listener on %s: %w", addr, err)
		}
		s.MetadataURL = "http://" + mln.Addr().String()
		s.meta = &http.Server{Handler: e.MetadataHandler(), ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = s.meta.Serve(mln) }()
	}
	go func() {
		err := s.srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	return s, nil
}

// Close stops the server at once, dropping open connections. Calling Close
// or Shutdown again returns the first result.
func (s *Server) Close() error {
	return s.stop(func() error { return s.srv.Close() })
}

// Shutdown stops accepting requests and waits for those in flight (bounded
// by ctx), then drops whatever is left.
func (s *Server) Shutdown(ctx context.Context) error {
	return s.stop(func() error {
		err := s.srv.Shutdown(ctx)
		if err != nil {
			_ = s.srv.Close()
		}
		return err
	})
}

func (s *Server) stop(halt func() error) error {
	s.stopOnce.Do(func() {
		if s.meta != nil {
			_ = s.meta.Close()
		}
		err := halt()
		if serveErr := <-s.done; err == nil {
			err = serveErr
		}
		s.stopErr = err
	})
	return s.stopErr
}
