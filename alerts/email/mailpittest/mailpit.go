// Package mailpittest reaches the Mailpit SMTP servers .ci/run starts, for
// tests that send real e-mail: where they listen (from the environment),
// and Mailpit's HTTP API to read what arrived and to make the server
// refuse mail for a while (its "chaos" triggers).
package mailpittest

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"
)

// Server is one running Mailpit.
type Server struct {
	Host string
	Port int
	// API is the base URL of Mailpit's HTTP API.
	API string
	// RootCAs trust the server's test certificate.
	RootCAs            *x509.CertPool
	CAFile             string
	Username, Password string
}

// Kinds of server .ci/run starts.
const (
	StartTLS = "STARTTLS" // STARTTLS required, AUTH
	TLS      = "TLS"      // implicit TLS, AUTH, used by one package only (chaos is global)
	Plain    = "PLAIN"    // no TLS, no AUTH: a local relay
)

// Get returns the server of kind, or skips the test with how to get one
// when the environment does not name a running one.
func Get(tb testing.TB, kind string) *Server {
	tb.Helper()
	addr := os.Getenv("NEWSALERT_TEST_SMTP_" + kind)
	api := os.Getenv("NEWSALERT_TEST_SMTP_" + kind + "_API")
	if addr == "" || api == "" {
		tb.Skipf("no Mailpit: set NEWSALERT_TEST_SMTP_%s and _API (.ci/run starts Mailpit and sets them)", kind)
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		tb.Fatalf("NEWSALERT_TEST_SMTP_%s=%q: %v", kind, addr, err)
	}
	s := &Server{Host: host, API: api, CAFile: os.Getenv("NEWSALERT_TEST_SMTP_CA"),
		Username: os.Getenv("NEWSALERT_TEST_SMTP_USER"), Password: os.Getenv("NEWSALERT_TEST_SMTP_PASSWORD")}
	s.Port, _ = strconv.Atoi(port)
	if conn, err := net.DialTimeout("tcp", addr, 2*time.Second); err != nil {
		tb.Skipf("no Mailpit answers on %s (%v); .ci/run starts one", addr, err)
	} else {
		conn.Close()
	}
	pem, err := os.ReadFile(s.CAFile)
	if err != nil {
		tb.Fatalf("NEWSALERT_TEST_SMTP_CA: %v", err)
	}
	s.RootCAs = x509.NewCertPool()
	s.RootCAs.AppendCertsFromPEM(pem)
	return s
}

// Address is a person at Mailpit.
type Address struct{ Name, Address string }

// Message is a message as Mailpit shows it.
type Message struct {
	ID, MessageID, Subject string
	From                   Address
	To                     []Address
	Text, HTML             string
}

// MessagesTo returns the messages for address, newest first.
func (s *Server) MessagesTo(ctx context.Context, address string) ([]Message, error) {
	var list struct{ Messages []Message }
	q := url.Values{"query": {"to:" + address}}
	if err := s.call(ctx, http.MethodGet, "/api/v1/search?"+q.Encode(), nil, &list); err != nil {
		return nil, err
	}
	out := make([]Message, 0, len(list.Messages))
	for _, m := range list.Messages {
		var full Message
		if err := s.call(ctx, http.MethodGet, "/api/v1/message/"+m.ID, nil, &full); err != nil {
			return nil, err
		}
		out = append(out, full)
	}
	return out, nil
}

// Headers returns a message's headers.
func (s *Server) Headers(ctx context.Context, id string) (map[string][]string, error) {
	var h map[string][]string
	return h, s.call(ctx, http.MethodGet, "/api/v1/message/"+id+"/headers", nil, &h)
}

// WaitMessages polls until address has n messages or timeout passes.
func (s *Server) WaitMessages(ctx context.Context, address string, n int, timeout time.Duration) ([]Message, error) {
	deadline := time.Now().Add(timeout)
	for {
		msgs, err := s.MessagesTo(ctx, address)
		if err != nil || len(msgs) >= n || time.Now().After(deadline) {
			return msgs, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// RefuseRecipients makes the server answer code (e.g. 451) to every
// RCPT TO until AcceptAll.
func (s *Server) RefuseRecipients(ctx context.Context, code int) error {
	return s.chaos(ctx, code, 100)
}

// AcceptAll ends RefuseRecipients.
func (s *Server) AcceptAll(ctx context.Context) error { return s.chaos(ctx, 451, 0) }

func (s *Server) chaos(ctx context.Context, code, probability int) error {
	body := map[string]any{"Recipient": map[string]int{"ErrorCode": code, "Probability": probability}}
	return s.call(ctx, http.MethodPut, "/api/v1/chaos", body, nil)
}

func (s *Server) call(ctx context.Context, method, path string, body, out any) error {
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.API+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("mailpit %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("mailpit %s %s: %s", method, path, resp.Status)
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// HTMLCheck is Mailpit's check of a message's HTML against what e-mail
// clients support (caniemail.com's data): percentages of the features
// found, weighted, that clients support fully, partly or not at all; and
// the features found short of full support.
type HTMLCheck struct {
	Total struct {
		Tests, Nodes                    int
		Supported, Partial, Unsupported float64
	}
	Warnings []struct {
		Slug, Title string
		Score       struct{ Found int }
	}
}

// HTMLCheck runs Mailpit's HTML check on message id.
func (s *Server) HTMLCheck(ctx context.Context, id string) (HTMLCheck, error) {
	var c HTMLCheck
	return c, s.call(ctx, http.MethodGet, "/api/v1/message/"+id+"/html-check", nil, &c)
}
