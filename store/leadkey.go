package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/newsalert/newsalert/text"
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

// leadKey returns the lead key of an item whose summary is summary, or ""
// when its lead is too short to name one report.
func leadKey(summary string) string {
	lead := []rune(strings.Join(text.Words(summary), " "))
	if len(lead) < leadKeyMin {
		return ""
	}
	if len(lead) > leadKeyRunes {
		lead = lead[:leadKeyRunes]
	}
	sum := sha256.Sum256([]byte(string(lead)))
	return hex.EncodeToString(sum[:16])
}

// repostOfPruned reports whether an item titled title re-posts one of the
// pruned reports that opened with its lead, whose titles are listed (a JSON
// array): the same title, maybe edited in its words but with the same
// numbers (text.SameTitle). A lead alone is not enough: a live blog or a
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
		if text.SameTitle(t, title) {
			return true, nil
		}
	}
	return false, nil
}

// keepKeys keeps the keys of the items that where selects (about to be
// pruned) in seen_keys: key, canonical link and story, and — where the
// lead names the report — its lead key and title. The lead key is worked
// out here, when an item is pruned, rather than when it is stored: items
// stored before there were lead keys get one too.
func keepKeys(ctx context.Context, tx *sql.Tx, where string, args ...any) error {
	type kept struct {
		key, link, title, lead string
		story, seen            int64
	}
	var all []kept
	rows, err := tx.QueryContext(ctx, `SELECT key, canonical_link, story_id, first_seen, title, summary FROM items `+where, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var k kept
		var summary string
		if err := rows.Scan(&k.key, &k.link, &k.story, &k.seen, &k.title, &summary); err != nil {
			rows.Close()
			return err
		}
		if k.lead = leadKey(summary); k.lead == "" {
			k.title = "" // kept only to tell re-posts of a lead apart
		}
		all = append(all, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	insert, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO seen_keys (key, canonical_link, story_id, first_seen, lead_key, title)
		VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insert.Close()
	for _, k := range all {
		if _, err := insert.ExecContext(ctx, k.key, k.link, k.story, k.seen, k.lead, k.title); err != nil {
			return fmt.Errorf("keep the keys of %s: %w", k.key, err)
		}
	}
	return nil
}
