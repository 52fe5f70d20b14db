// Package metrics exposes what the daemon does as Prometheus metrics, and
// serves them with health and readiness probes.
package metrics

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Outbox is the part of the store the outbox gauges read at each scrape.
type Outbox interface {
	OutboxDepth(ctx context.Context) (pending int, oldest time.Time, err error)
}

// Metrics are newsalert's metrics, in a registry of their own.
type Metrics struct {
	registry *prometheus.Registry

	polls        *prometheus.CounterVec
	items        *prometheus.CounterVec
	matches      *prometheus.CounterVec
	joins        *prometheus.CounterVec
	followUps    prometheus.Counter
	sends        *prometheus.CounterVec
	sendCounts   sendCounts // the same counts, for /status
	sendSeconds  *prometheus.HistogramVec
	rulesReloads *prometheus.CounterVec
	unsubscribes *prometheus.CounterVec
	lastPoll     prometheus.Gauge
	lastPollAt   atomic.Int64 // unix nanoseconds, for readiness
	now          func() time.Time
}

// New returns the metrics, with the outbox gauges read from outbox and
// times read from now.
func New(outbox Outbox, now func() time.Time) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		now:      now,
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsalert_feed_polls_total",
			Help: "Polls of each feed by result: ok, not_modified or error."}, []string{"feed", "result"}),
		items: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsalert_feed_items_total",
			Help: "Items read from each feed (new or not)."}, []string{"feed"}),
		matches: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsalert_matches_total",
			Help: "New items that matched each topic."}, []string{"topic"}),
		joins: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsalert_story_joins_total",
			Help: "New items that joined an earlier item's story, by what joined them: words or meaning."}, []string{"by"}),
		followUps: prometheus.NewCounter(prometheus.CounterOpts{Name: "newsalert_follow_ups_total",
			Help: "Alerts queued as follow-ups of an earlier alert: about a near story, or joined to its story by a score short of sure."}),
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsalert_sends_total",
			Help: "Delivery attempts by channel, result and reason. Result: sent; sent_unrecorded (accepted, but the store could not record it: sending pauses until it can); retry; failed; auth_failed (the server refused the channel's credentials: the channel is held, its messages kept). Reason, for one not accepted: transient, rate_limited, rejected, gone, moved or auth_failed."}, []string{"channel", "result", "reason"}),
		sendSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "newsalert_send_duration_seconds",
			Help: "Time to send one message, rate-limit waits included.", Buckets: prometheus.ExponentialBuckets(0.01, 2, 12)},
			[]string{"channel"}),
		rulesReloads: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsalert_rules_reloads_total",
			Help: "Reloads of the rules (and config) by result: ok or error."}, []string{"result"}),
		unsubscribes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "newsalert_unsubscribe_requests_total",
			Help: "Requests to /unsubscribe by result: shown (the page that asks to confirm), unsubscribed, refused (400: the token is malformed or its signature wrong, the reason) or error."},
			[]string{"result", "reason"}),
		lastPoll: prometheus.NewGauge(prometheus.GaugeOpts{Name: "newsalert_last_poll_timestamp_seconds",
			Help: "When the last poll of any feed finished."}),
	}
	m.registry.MustRegister(m.polls, m.items, m.matches, m.joins, m.followUps, m.sends, m.sendSeconds, m.rulesReloads, m.unsubscribes, m.lastPoll,
		&outboxCollector{outbox: outbox, now: now},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Unsubscribe counts a request to /unsubscribe (email.EndpointOptions.Observe).
func (m *Metrics) Unsubscribe(result, reason string) {
	m.unsubscribes.WithLabelValues(result, reason).Inc()
}

// Polled records a poll of feed: its result and how many items it read.
func (m *Metrics) Polled(feed, result string, items int) {
	m.polls.WithLabelValues(feed, result).Inc()
	m.items.WithLabelValues(feed).Add(float64(items))
	now := m.now()
	m.lastPoll.Set(float64(now.UnixNano()) / 1e9)
	m.lastPollAt.Store(now.UnixNano())
}

// Matched records a new item that matched topic.
func (m *Metrics) Matched(topic string) { m.matches.WithLabelValues(topic).Inc() }

// Joined records a new item that joined an earlier item's story, by its
// words or by its meaning.
func (m *Metrics) Joined(byMeaning bool) {
	by := "words"
	if byMeaning {
		by = "meaning"
	}
	m.joins.WithLabelValues(by).Inc()
}

// FollowedUp records alerts queued as follow-ups.
func (m *Metrics) FollowedUp(alerts int) { m.followUps.Add(float64(alerts)) }

// Sent records a delivery attempt on channel: its result, why it was not
// accepted ("" when it was), and its duration.
func (m *Metrics) Sent(channel, result, reason string, took time.Duration) {
	m.sends.WithLabelValues(channel, result, reason).Inc()
	m.sendCounts.add(channel, result, reason)
	m.sendSeconds.WithLabelValues(channel).Observe(took.Seconds())
}

// Reloaded records a reload of the rules or config.
func (m *Metrics) Reloaded(ok bool) {
	result := "ok"
	if !ok {
		result = "error"
	}
	m.rulesReloads.WithLabelValues(result).Inc()
}

// outboxCollector reads the outbox's depth and age at each scrape.
type outboxCollector struct {
	outbox Outbox
	now    func() time.Time
}

var (
	outboxPending = prometheus.NewDesc("newsalert_outbox_pending", "Deliveries waiting in the outbox.", nil, nil)
	outboxOldest  = prometheus.NewDesc("newsalert_outbox_oldest_pending_age_seconds",
		"Age of the oldest delivery waiting in the outbox (0 when none).", nil, nil)
)

func (c *outboxCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- outboxPending
	ch <- outboxOldest
}

func (c *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	pending, oldest, err := c.outbox.OutboxDepth(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(outboxPending, err)
		return
	}
	age := 0.0
	if !oldest.IsZero() {
		age = c.now().Sub(oldest).Seconds()
	}
	ch <- prometheus.MustNewConstMetric(outboxPending, prometheus.GaugeValue, float64(pending))
	ch <- prometheus.MustNewConstMetric(outboxOldest, prometheus.GaugeValue, age)
}

// SendCounts are newsalert_sends_total's counts for channel since the
// start: sends by result ("sent", "retry", …), and attempts not accepted
// by reason ("transient", "rate_limited", …).
func (m *Metrics) SendCounts(channel string) (byResult, byReason map[string]int) {
	return m.sendCounts.of(channel)
}

type sendCounts struct {
	mu       sync.Mutex
	byResult map[[2]string]int
	byReason map[[2]string]int
}

func (c *sendCounts) add(channel, result, reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byResult == nil {
		c.byResult, c.byReason = map[[2]string]int{}, map[[2]string]int{}
	}
	c.byResult[[2]string{channel, result}]++
	if reason != "" {
		c.byReason[[2]string{channel, reason}]++
	}
}

func (c *sendCounts) of(channel string) (byResult, byReason map[string]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	byResult, byReason = map[string]int{}, map[string]int{}
	for k, n := range c.byResult {
		if k[0] == channel {
			byResult[k[1]] = n
		}
	}
	for k, n := range c.byReason {
		if k[0] == channel {
			byReason[k[1]] = n
		}
	}
	return byResult, byReason
}
