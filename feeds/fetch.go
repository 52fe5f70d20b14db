package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// DefaultMaxBytes caps a feed body; a larger one fails instead of being read on.
const DefaultMaxBytes = 10 << 20

// Fetcher downloads feeds with conditional GET.
type Fetcher struct {
	client    *http.Client
	userAgent string
	maxBytes  int64
}

// NewFetcher returns a Fetcher that identifies itself with userAgent, gives
// up on a feed after timeout, and refuses bodies over maxBytes (0 means
// DefaultMaxBytes).
func NewFetcher(userAgent string, timeout time.Duration, maxBytes int64) *Fetcher {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
	}
	return &Fetcher{
		client:    &http.Client{Transport: transport, Timeout: timeout},
		userAgent: userAgent,
		maxBytes:  maxBytes,
	}
}

// Validators are the cache validators from the last successful fetch.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is the outcome of one fetch.
type Response struct {
	StatusCode  int
	NotModified bool
	Body        []byte
	ContentType string
	Validators  Validators
}

// StatusError is a non-success HTTP status from a feed server.
type StatusError struct {
	Code   int
	Status string
}

func (e *StatusError) Error() string { return "HTTP " + e.Status }

// ErrTooLarge is returned when a feed body exceeds the size cap.
var ErrTooLarge = errors.New("body exceeds the size limit")

// Fetch GETs url, sending the validators so that an unchanged feed costs a
// 304 and no parse. The error names what went wrong but not the URL: the
// caller knows which feed it asked for.
func (f *Fetcher) Fetch(ctx context.Context, url string, v Validators) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("bad request: %w", err)
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out := &Response{StatusCode: resp.StatusCode, ContentType: resp.Header.Get("Content-Type")}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		out.Validators = v
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return out, &StatusError{Code: resp.StatusCode, Status: resp.Status}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		return out, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > f.maxBytes {
		return out, fmt.Errorf("%w of %d bytes", ErrTooLarge, f.maxBytes)
	}
	out.Body = body
	out.Validators = Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	return out, nil
}
