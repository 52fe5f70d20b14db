package alerts

import (
	"encoding/json"
	"fmt"
	"time"
)

// Message is the content of one outbox entry: an alert about an item, which
// each channel renders in its own way, or a text already rendered for its
// channel (a part of a digest, a reply of the bot).
type Message struct {
	// Alert is the item alerted about, when Text is nil. It is embedded so
	// that the entries queued before messages had kinds still decode.
	Alert
	// Text is a rendered message.
	Text *Text `json:"text,omitempty"`
	// TimeZone is the IANA zone of the reader, for showing times.
	TimeZone string `json:"tz,omitempty"`
	// Lang is the reader's language (i18n); an entry queued without one
	// is read in English.
	Lang string `json:"lang,omitempty"`
	// ReplyTo is the receipt of the message this one replies to (see
	// ReceiptSender): the earlier alert a follow-up follows, found when it
	// is sent. It is not stored.
	ReplyTo string `json:"-"`
	// Edit, when set, makes the message a new text for the alert sent to
	// the same destination about Edit.ItemKey (see Editor): its story grew.
	Edit *Edit `json:"edit,omitempty"`
}

// Edit names the alert a message replaces.
type Edit struct {
	ItemKey string `json:"item_key"`
}

// Text is a message rendered for a channel: HTML (Telegram's subset), and
// the same words as plain text, for when the HTML is refused.
type Text struct {
	// Subject is the e-mail subject (other channels have none).
	Subject string `json:"subject,omitempty"`
	// ID identifies the message for good: an e-mail sent again after a
	// lost reply keeps its Message-ID, so mail clients show it once.
	ID    string `json:"id,omitempty"`
	HTML  string `json:"html,omitempty"`
	Plain string `json:"plain"`
	// Buttons are rows of buttons shown under the message, where the
	// channel has them (Telegram's inline keyboard).
	Buttons [][]Button `json:"buttons,omitempty"`
}

// Button is a button under a message: pressing it sends Data back.
type Button struct {
	Label string `json:"label"`
	Data  string `json:"data"`
}

// Location is the message's time zone; UTC when unset or unknown.
func (m Message) Location() *time.Location {
	if m.TimeZone == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(m.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// PlainText is the message as plain text.
func (m Message) PlainText() string {
	if m.Text != nil {
		return m.Text.Plain
	}
	return m.Alert.Lines(m.Lang, m.Location()).Plain()
}

// Encode is the message as stored in the outbox.
func (m Message) Encode() ([]byte, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode message: %w", err)
	}
	return b, nil
}

// DecodeMessage reads a stored message.
func DecodeMessage(b []byte) (Message, error) {
	var m Message
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("decode message: %w", err)
	}
	return m, nil
}
