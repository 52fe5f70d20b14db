package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"github.com/newsalert/newsalert/feeds"
)

// A lead key names a report by the start of its lead, in lower case,
// punctuation and spacing aside. A retention pass keeps it, with the
// title, among a pruned item's keys, so that an aggregator's late re-post
// of the report — at its own address, under its own GUID, often with a
// date of its own — is known (see repostOfPruned). Within the story
// window the clustering joins such a copy to its story; later no window
// reaches it.
const (
	leadKeyMin   = 40  // a lead shorter than this, in letters and spaces, names no report
	leadKeyRunes = 120 // re-posts keep the start of a lead and add to its end
)

// leadKey returns the item's lead key, or "" when its lead is too short
// to name one report.
func leadKey(it feeds.Item) string {
	lead := []rune(plainWords(it.Summary))
	if len(lead) < leadKeyMin {
		return ""
	}
	if len(lead) > leadKeyRunes {
		lead = lead[:leadKeyRunes]
	}
	sum := sha256.Sum256([]byte(string(lead)))
	return hex.EncodeToString(sum[:16])
}

// plainWords is s's words (letters and digits) in lower case, one space
// apart.
func plainWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// repostOfPruned reports whether an item titled title re-posts one of the
// pruned reports that opened with its lead, whose titles are listed (a JSON
// array): the same title, maybe edited in its words but with the same
// numbers (feeds.SameTitle). A lead alone is not enough: a live blog or a
// newsletter opens every issue alike, and numbers its issues.
func repostOfPruned(title, pruned string) (bool, error) {
	if pruned == "" || pruned == "[]" {
		return false, nil
	}
	var titles []string
	if err := json.Unmarshal([]byte(pruned), &titles); err != nil {
		return false, fmt.Errorf("titles of pruned reports: %w", err)
	}
	for _, t := range titles {
		if feeds.SameTitle(t, title) {
			return true, nil
		}
	}
	return false, nil
}

// keepLeads gives the pruned items that where selects their lead keys
// and titles among their kept keys (seen_keys), before they are deleted.
// The key is worked out here, when an item is pruned, rather than when it
// is stored: items stored before there were lead keys get one too.
func keepLeads(ctx context.Context, tx *sql.Tx, where string, args ...any) error {
	type lead struct{ key, title, lead string }
	var leads []lead
	rows, err := tx.QueryContext(ctx, `SELECT key, title, summary FROM items `+where, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var it feeds.Item
		if err := rows.Scan(&it.Key, &it.Title, &it.Summary); err != nil {
			rows.Close()
			return err
		}
		if k := leadKey(it); k != "" {
			leads = append(leads, lead{it.Key, it.Title, k})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, l := range leads {
		if _, err := tx.ExecContext(ctx, `UPDATE seen_keys SET lead_key = ?, title = ? WHERE key = ?`, l.lead, l.title, l.key); err != nil {
			return fmt.Errorf("keep lead of %s: %w", l.key, err)
		}
	}
	return nil
}
