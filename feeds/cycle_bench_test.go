package feeds_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsalert/newsalert/clock"
	"github.com/newsalert/newsalert/feeds"
)

// The cycle benchmarks poll 1,000 feeds on a loopback server, as the issue
// asks, and compare with the bare cost of the same work: plain HTTP GETs,
// and gofeed parsing the same bodies.
const (
	cycleFeeds   = 1000
	cycleWorkers = 8
)

// benchFeed is a ~100 KB RSS feed of 50 items with HTML descriptions.
func benchFeed() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<rss version="2.0"><channel><title>Bench news</title><link>https://news.example/</link><description>bench</description>`)
	para := strings.Repeat("Security services in Bishkek said on Monday that they had detained suspects. "+
		"В Бишкеке задержаны подозреваемые в подготовке теракта, сообщили в ГКНБ. ", 9)
	for i := range 50 {
		fmt.Fprintf(&b, `<item><title>Story %d: detentions in Bishkek</title><link>https://news.example/story/%d?utm_source=rss</link>`+
			`<guid>https://news.example/story/%d</guid><pubDate>Mon, 23 Nov 2026 10:%02d:00 +0000</pubDate>`+
			`<description><![CDATA[<p>%s</p><p><a href="https://news.example/">More</a></p>]]></description></item>`, i, i, i, i%60, para)
	}
	b.WriteString(`</channel></rss>`)
	return b.Bytes()
}

// cycleServer answers every /feed/N: 304 when the request carries the
// feed's ETag and mode304 is set, else 200 with the feed. Each 200 body
// starts with a unique comment, so that no body is ever the same twice and
// every 200 is parsed.
type cycleServer struct {
	*httptest.Server
	body    []byte
	mode304 atomic.Bool
	n       atomic.Int64
}

func newCycleServer(b *testing.B) *cycleServer {
	s := &cycleServer{body: benchFeed()}
	decl := len(`<?xml version="1.0" encoding="UTF-8"?>`)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		etag := `"` + r.URL.Path + `"`
		if s.mode304.Load() && r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("ETag", etag)
		w.Write(s.body[:decl])
		io.WriteString(w, "<!-- "+strconv.FormatInt(s.n.Add(1), 10)+" -->")
		w.Write(s.body[decl:])
	}))
	b.Cleanup(s.Close)
	return s
}

func (s *cycleServer) sources() []feeds.Source {
	srcs := make([]feeds.Source, cycleFeeds)
	for i := range srcs {
		srcs[i] = feeds.Source{URL: fmt.Sprintf("%s/feed/%d", s.URL, i)}
	}
	return srcs
}

// measure runs cycle b.N times and reports CPU time and peak heap beside
// the standard figures.
func measure(b *testing.B, cycle func()) {
	b.Helper()
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	})
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		cycle()
	}
	b.StopTimer()
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	close(stop)
	wg.Wait()
	cpu := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}

func benchPoller(b *testing.B) *feeds.Poller {
	return feeds.NewPoller(feeds.NewFetcher("newsalert/bench", 30*time.Second, 0, cycleWorkers, clock.Wall), openStore(b),
		feeds.PollerOptions{Workers: cycleWorkers, PerHost: cycleWorkers}, clock.Wall, quietLog())
}

func checkCycle(b *testing.B, res []feeds.Result, notModified bool) {
	for _, r := range res {
		checkResult(b, r, notModified)
	}
}

func checkResult(b *testing.B, r feeds.Result, notModified bool) {
	if r.Err != nil || r.NotModified != notModified || (!notModified && len(r.Items) != 50) {
		b.Fatalf("%s: err %v, not modified %v, %d items", r.Source.URL, r.Err, r.NotModified, len(r.Items))
	}
}

// pollCycle is one cycle as the daemon runs it: each result is handled
// (here, checked) as it arrives and then dropped.
func pollCycle(b *testing.B, p *feeds.Poller, srcs []feeds.Source, notModified bool) {
	n := 0
	p.PollEach(context.Background(), srcs, func(r feeds.Result) error {
		checkResult(b, r, notModified)
		n++
		return nil
	})
	if n != len(srcs) {
		b.Fatalf("%d results for %d feeds", n, len(srcs))
	}
}

// BenchmarkPollCycle304 polls 1,000 feeds that all answer 304.
func BenchmarkPollCycle304(b *testing.B) {
	srv := newCycleServer(b)
	p := benchPoller(b)
	srcs := srv.sources()
	checkCycle(b, p.PollAll(context.Background(), srcs), false) // learn the ETags
	srv.mode304.Store(true)
	measure(b, func() { pollCycle(b, p, srcs, true) })
}

// BenchmarkPollCycle200 polls 1,000 feeds that all answer 200 with a new
// ~100 KB, 50-item body: fetch, decode, parse, normalise, save state.
func BenchmarkPollCycle200(b *testing.B) {
	srv := newCycleServer(b)
	p := benchPoller(b)
	srcs := srv.sources()
	measure(b, func() { pollCycle(b, p, srcs, false) })
}

// bareCycle GETs every feed with a plain client, cycleWorkers at a time,
// sending the ETag when etag is set, and hands each body to use.
func bareCycle(b *testing.B, client *http.Client, srcs []feeds.Source, etag bool, use func([]byte)) {
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range cycleWorkers {
		wg.Go(func() {
			for u := range jobs {
				req, _ := http.NewRequest(http.MethodGet, u, nil)
				if etag {
					req.Header.Set("If-None-Match", `"`+strings.TrimPrefix(u, u[:strings.Index(u, "/feed/")])+`"`)
				}
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if use != nil {
					use(body)
				}
			}
		})
	}
	for _, s := range srcs {
		jobs <- s.URL
	}
	close(jobs)
	wg.Wait()
}

func bareClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cycleWorkers}}
}

// BenchmarkBareHTTP304 is the floor for BenchmarkPollCycle304: the same
// 1,000 conditional GETs answered 304, with a plain http.Client.
func BenchmarkBareHTTP304(b *testing.B) {
	srv := newCycleServer(b)
	srv.mode304.Store(true)
	client, srcs := bareClient(), srv.sources()
	measure(b, func() { bareCycle(b, client, srcs, true, nil) })
}

// BenchmarkBareHTTP200 is the cost of just downloading the 1,000 bodies.
func BenchmarkBareHTTP200(b *testing.B) {
	srv := newCycleServer(b)
	client, srcs := bareClient(), srv.sources()
	measure(b, func() { bareCycle(b, client, srcs, false, nil) })
}

// BenchmarkBareGofeed is the floor for BenchmarkPollCycle200 that the
// issue names: gofeed, as it comes, parsing the same 1,000 bodies,
// cycleWorkers at a time, no HTTP.
func BenchmarkBareGofeed(b *testing.B) { benchGofeed(b, gofeed.NewParser) }

// BenchmarkBareGofeedNoImageScan is the like-for-like floor: gofeed set up
// as newsalert sets it up (no search for images in the item HTML).
func BenchmarkBareGofeedNoImageScan(b *testing.B) {
	benchGofeed(b, func() *gofeed.Parser {
		p := gofeed.NewParser()
		p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
		return p
	})
}

func benchGofeed(b *testing.B, newParser func() *gofeed.Parser) {
	body := benchFeed()
	measure(b, func() {
		jobs := make(chan int)
		var wg sync.WaitGroup
		for range cycleWorkers {
			wg.Go(func() {
				for range jobs {
					feed, err := newParser().Parse(bytes.NewReader(body))
					if err != nil || len(feed.Items) != 50 {
						b.Error(err)
					}
				}
			})
		}
		for i := range cycleFeeds {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
	})
}
