// Package store persists newsalert's state in one SQLite file: feed state,
// seen items, matches and the outbox of deliveries. Everything that must
// survive a restart lives here.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/stories"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Store is an open SQLite database.
type Store struct {
	db   *sql.DB
	read *sql.DB          // readers beside the writer: health, metrics, /status
	now  func() time.Time // stamps the rows written without a time of their own
	lock *writerLock      // held by the writer (OpenWriter), else nil

	// The word counts that weigh story similarity (wordcounts.go).
	dfOnce    sync.Once
	dfErr     error
	dfMu      sync.Mutex
	df        *stories.DocFreq
	dfDirty   map[uint32]bool // counts changed since they were last written
	dfPending int             // items counted since then

	// subs caches the subscribers, moves the destinations' moves: the
	// pipeline asks for them at every feed result. Any change clears them.
	subs  cache[[]Subscriber]
	moves cache[map[string]string]

	// candStmt, knownStmt and bandsStmt are prepared once, at Open,
	// outside any transaction: the store's one connection is busy inside
	// them.
	candStmt, knownStmt, bandsStmt *sql.Stmt
}

// migrations are applied in order; PRAGMA user_version records how many
// have run, so each runs once.
var migrations = []string{
	`CREATE TABLE feeds (
		url                TEXT PRIMARY KEY,
		etag               TEXT NOT NULL DEFAULT '',
		last_modified      TEXT NOT NULL DEFAULT '',
		last_attempt       INTEGER NOT NULL DEFAULT 0,
		last_success       INTEGER NOT NULL DEFAULT 0,
		last_status        INTEGER NOT NULL DEFAULT 0,
		last_error         TEXT NOT NULL DEFAULT '',
		consecutive_errors INTEGER NOT NULL DEFAULT 0,
		total_errors       INTEGER NOT NULL DEFAULT 0,
		items_last_poll    INTEGER NOT NULL DEFAULT 0
	);
	CREATE TABLE items (
		key        TEXT PRIMARY KEY,
		feed_url   TEXT NOT NULL,
		feed_name  TEXT NOT NULL,
		guid       TEXT NOT NULL,
		title      TEXT NOT NULL,
		link       TEXT NOT NULL,
		summary    TEXT NOT NULL,
		published  INTEGER NOT NULL,
		first_seen INTEGER NOT NULL
	);
	CREATE INDEX items_feed ON items(feed_url);
	CREATE TABLE matches (
		item_key   TEXT NOT NULL REFERENCES items(key) ON DELETE CASCADE,
		topic      TEXT NOT NULL,
		why        TEXT NOT NULL,
		regions    TEXT NOT NULL,
		matched_at INTEGER NOT NULL,
		PRIMARY KEY (item_key, topic)
	);
	CREATE INDEX matches_time ON matches(matched_at);
	CREATE TABLE outbox (
		id           INTEGER PRIMARY KEY,
		destination  TEXT NOT NULL,
		item_key     TEXT NOT NULL,
		payload      BLOB NOT NULL,
		status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
		attempts     INTEGER NOT NULL DEFAULT 0,
		last_error   TEXT NOT NULL DEFAULT '',
		next_attempt INTEGER NOT NULL,
		created_at   INTEGER NOT NULL,
		sent_at      INTEGER NOT NULL DEFAULT 0,
		UNIQUE (destination, item_key)
	);
	CREATE INDEX outbox_due ON outbox(status, next_attempt);`,

	`ALTER TABLE feeds ADD COLUMN fetch_url TEXT NOT NULL DEFAULT '';
	ALTER TABLE feeds ADD COLUMN body_hash TEXT NOT NULL DEFAULT '';
	ALTER TABLE feeds ADD COLUMN next_poll INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE feeds ADD COLUMN disabled TEXT NOT NULL DEFAULT '';
	ALTER TABLE items ADD COLUMN canonical_link TEXT NOT NULL DEFAULT '';
	ALTER TABLE items ADD COLUMN date_estimated INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX items_canonical_link ON items(canonical_link);`,

	`ALTER TABLE items ADD COLUMN story_id INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE items ADD COLUMN fingerprint BLOB;
	CREATE INDEX items_story ON items(story_id);
	CREATE INDEX items_first_seen ON items(first_seen);
	CREATE TABLE stories (
		id         INTEGER PRIMARY KEY,
		first_item TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		sources    INTEGER NOT NULL DEFAULT 1
	);
	CREATE TABLE story_bands (
		band     INTEGER NOT NULL,
		item_key TEXT NOT NULL,
		at       INTEGER NOT NULL
	);
	CREATE INDEX story_bands_band ON story_bands(band, at);
	CREATE INDEX story_bands_at ON story_bands(at);
	CREATE TABLE story_alerts (
		destination      TEXT NOT NULL,
		topic            TEXT NOT NULL,
		story_id         INTEGER NOT NULL,
		sources_at_alert INTEGER NOT NULL,
		PRIMARY KEY (destination, topic, story_id)
	);
	CREATE TABLE seen_keys (
		key            TEXT PRIMARY KEY,
		canonical_link TEXT NOT NULL,
		story_id       INTEGER NOT NULL,
		first_seen     INTEGER NOT NULL
	);
	CREATE INDEX seen_keys_link ON seen_keys(canonical_link);
	CREATE TABLE word_df (
		word INTEGER PRIMARY KEY,
		n    INTEGER NOT NULL
	);`,

	`CREATE TABLE subscribers (
		destination TEXT PRIMARY KEY,
		name        TEXT NOT NULL DEFAULT '',
		kind        TEXT NOT NULL DEFAULT '',
		mode        TEXT NOT NULL DEFAULT 'immediate' CHECK (mode IN ('immediate', 'digest', 'both')),
		digest_at   TEXT NOT NULL DEFAULT '',
		timezone    TEXT NOT NULL DEFAULT '',
		muted_until INTEGER NOT NULL DEFAULT 0,
		active      INTEGER NOT NULL DEFAULT 1,
		reason      TEXT NOT NULL DEFAULT '',
		last_digest INTEGER NOT NULL DEFAULT 0,
		created_at  INTEGER NOT NULL
	);
	CREATE TABLE subscriptions (
		destination TEXT NOT NULL REFERENCES subscribers(destination) ON DELETE CASCADE ON UPDATE CASCADE,
		topic       TEXT NOT NULL,
		since       INTEGER NOT NULL,
		PRIMARY KEY (destination, topic)
	);
	CREATE TABLE destination_moves (
		old_destination TEXT PRIMARY KEY,
		new_destination TEXT NOT NULL,
		moved_at        INTEGER NOT NULL
	);
	CREATE TABLE settings (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);`,

	`ALTER TABLE subscribers ADD COLUMN digest_sent_until INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE outbox ADD COLUMN period_end INTEGER NOT NULL DEFAULT 0;`,

	// meaning: the item's sentence embedding (package semantic), made
	// when a later item first needed it.
	`ALTER TABLE items ADD COLUMN meaning BLOB;`,

	// receipt: the channel's id for a sent message (a Telegram
	// message_id), which a follow-up replies to.
	`ALTER TABLE outbox ADD COLUMN receipt TEXT NOT NULL DEFAULT '';`,

	// near_story: the story an item that joined none was near, with
	// follow-ups on (digests list it under that story).
	`ALTER TABLE items ADD COLUMN near_story INTEGER NOT NULL DEFAULT 0;`,

	// unsure_join: the item joined its story by a score short of sure,
	// with follow-ups on (digests list it as related, with its headline).
	`ALTER TABLE items ADD COLUMN unsure_join INTEGER NOT NULL DEFAULT 0;`,

	// joined_by: how an item joined its story ("words" or "meaning"; ""
	// for a story's first report); story_score: the words' score with it
	// (the cosine, by meaning), or for a first report near another story
	// the words' score with that — for `newsalert stories`.
	`ALTER TABLE items ADD COLUMN joined_by TEXT NOT NULL DEFAULT '';
	ALTER TABLE items ADD COLUMN story_score REAL NOT NULL DEFAULT 0;`,

	// follow_ups: how a chat wants follow-ups ("quiet", "thread", "off";
	// "" for the deployment's stories.follow_ups).
	`ALTER TABLE subscribers ADD COLUMN follow_ups TEXT NOT NULL DEFAULT '';`,

	// lead_key: the start of a pruned report's lead, hashed (see leadKey),
	// kept with its title so that a late re-post elsewhere is known.
	`ALTER TABLE seen_keys ADD COLUMN lead_key TEXT NOT NULL DEFAULT '';
	ALTER TABLE seen_keys ADD COLUMN title TEXT NOT NULL DEFAULT '';
	CREATE INDEX seen_keys_lead ON seen_keys(lead_key);`,

	// claimed_until: a digest part is being sent until then (see
	// ClaimDelivery): a newer digest does not supersede it meanwhile.
	`ALTER TABLE outbox ADD COLUMN claimed_until INTEGER NOT NULL DEFAULT 0;`,

	// The band index covers the item key: finding candidates reads the
	// index alone, not a table row per band entry (docs/performance.md).
	`DROP INDEX story_bands_band;
	CREATE INDEX story_bands_band ON story_bands(band, at, item_key);`,

	// language: the language a chat is spoken to in (i18n).
	`ALTER TABLE subscribers ADD COLUMN language TEXT NOT NULL DEFAULT '';`,

	// email_optouts: the e-mail addresses that unsubscribed (optouts.go).
	`CREATE TABLE email_optouts (
		address TEXT PRIMARY KEY,
		at      INTEGER NOT NULL
	);`,

	// named: the regions the item's own words name (JSON), not its feed's
	// tags: what alerts and digests show as its countries.
	`ALTER TABLE matches ADD COLUMN named TEXT NOT NULL DEFAULT '[]';`,

	// last_post_id: the newest post of a Telegram channel seen, from which
	// the next poll pages back.
	`ALTER TABLE feeds ADD COLUMN last_post_id INTEGER NOT NULL DEFAULT 0;`,

	// dated_by_poll: an item without a date of its own that a poll found
	// soon after the one before (feeds.Item.DatedByPoll): its first_seen
	// dates it.
	`ALTER TABLE items ADD COLUMN dated_by_poll INTEGER NOT NULL DEFAULT 0;`,
}

// Open opens (creating if needed) the SQLite database at path and brings
// its schema up to date. now is the clock that stamps the rows written
// without a time of their own (queued messages, a chat gone).
func Open(ctx context.Context, path string, now func() time.Time) (*Store, error) {
	if err := checkLocation(path); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	q := url.Values{}
	// A 16 MiB page cache keeps a process that records a 50,000-item feed
	// under 150 MB; 64 MiB was faster in a huge store but took 220 MB
	// (docs/operations.md, "Large feeds").
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)", "cache_size(-16384)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// One connection writes: SQLite allows one writer at a time anyway, and
	// a single connection never meets SQLITE_BUSY from itself. Readers on
	// connections of their own answer while it is busy (WAL lets them).
	db.SetMaxOpenConns(1)
	read, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=query_only(1)")
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	read.SetMaxOpenConns(2)
	s := &Store{db: db, read: read, now: now}
	if err := s.prepareWhenFree(ctx); err != nil {
		db.Close()
		read.Close()
		return nil, fmt.Errorf("open store %s: %w", path, explain(err))
	}
	return s, nil
}

// prepareWhenFree prepares the store, trying again while another opener
// holds it: SQLite answers SQLITE_BUSY at once, without waiting out
// busy_timeout, to a connection that finds a new file being switched to WAL.
func (s *Store) prepareWhenFree(ctx context.Context) error {
	const tries = 100
	for try := 1; ; try++ {
		err := s.prepare(ctx)
		if err == nil || !isBusy(err) || try == tries {
			return err
		}
		if clock.Sleep(ctx, time.Duration(try)*time.Millisecond) != nil {
			return err
		}
	}
}

// prepare brings the schema up to date and prepares the statements used
// inside transactions.
func (s *Store) prepare(ctx context.Context) (err error) {
	if err := s.migrate(ctx); err != nil {
		return err
	}
	if s.candStmt, err = s.db.PrepareContext(ctx, candidatesSQL); err != nil {
		return err
	}
	if s.bandsStmt, err = s.db.PrepareContext(ctx, recordBandsSQL); err != nil {
		return err
	}
	s.knownStmt, err = s.db.PrepareContext(ctx, knownSQL)
	return err
}

// Close writes what is pending and closes the database.
func (s *Store) Close() error {
	err := s.flushWords(context.Background())
	s.candStmt.Close()
	s.bandsStmt.Close()
	s.knownStmt.Close()
	// The readers first: the writer, closing last, checkpoints the WAL.
	if rerr := s.read.Close(); err == nil {
		err = rerr
	}
	if cerr := s.db.Close(); err == nil {
		err = cerr
	}
	if lerr := s.lock.release(); err == nil {
		err = lerr
	}
	return err
}

// migrate applies the missing migrations, each in an immediate transaction
// that reads the version it starts from: two processes opening a new store
// at once take turns instead of applying the same step twice.
func (s *Store) migrate(ctx context.Context) error {
	for {
		var applied bool
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			var version int
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
				return fmt.Errorf("read schema version: %w", err)
			}
			if version > len(migrations) {
				return fmt.Errorf("schema version %d is newer than this program knows (%d)", version, len(migrations))
			}
			if version == len(migrations) {
				return nil
			}
			if _, err := tx.ExecContext(ctx, migrations[version]); err != nil {
				return fmt.Errorf("migration %d: %w", version+1, err)
			}
			applied = true
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version+1))
			return err
		})
		if err != nil || !applied {
			return err
		}
	}
}

// integrityCheck runs PRAGMA integrity_check and returns its verdict ("ok"
// when the file is sound).
func (s *Store) integrityCheck(ctx context.Context) (string, error) {
	var verdict string
	err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&verdict)
	return verdict, err
}

func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// millis stores a time as Unix milliseconds; the zero time is 0.
func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// Ping checks that the database answers a read, while it writes too.
func (s *Store) Ping(ctx context.Context) error {
	var version int
	if err := s.read.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&version); err != nil {
		return fmt.Errorf("ping: %w", err) // the caller says it is the store
	}
	return nil
}
