package alerts

import (
	"context"
	"fmt"
	"io"
	"sync"
)

// ConsoleSender writes alerts as text to a writer (standard output in
// `poll` and `demo`).
type ConsoleSender struct {
	mu sync.Mutex
	w  io.Writer
}

// NewConsoleSender returns a sender that writes to w.
func NewConsoleSender(w io.Writer) *ConsoleSender { return &ConsoleSender{w: w} }

// Send writes the message as plain text; the address is ignored.
func (c *ConsoleSender) Send(_ context.Context, _ string, m Message) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, err := fmt.Fprintln(c.w, m.PlainText())
	return err
}
