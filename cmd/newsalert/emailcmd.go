package main

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"slices"

	"github.com/newsalert/newsalert/config"
	"github.com/newsalert/newsalert/store"
)

const emailAbout = `Manage the e-mail addresses that unsubscribed through their digest's link:

  newsalert email unsubscribed            list them, with when
  newsalert email resubscribe ADDRESS     send ADDRESS its digests again

An address that unsubscribed gets no digest, whatever the config says,
until it is resubscribed (when its owner asks to be). It is safe while the
daemon runs: the next digest due is sent.`

func runEmail(ctx context.Context, env cmdEnv, args []string) error {
	fs := newFlags("email unsubscribed | resubscribe ADDRESS", emailAbout, env.stderr)
	configPath := fs.String("config", config.DefaultPath, "config `file`")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	want := map[string]int{"unsubscribed": 1, "resubscribe": 2}
	if n, ok := want[first(words)]; !ok || len(words) != n {
		fs.Usage()
		return errUsage
	}
	action := words[0]
	_, st, err := loadStore(ctx, *configPath, env.now)
	if err != nil {
		return err
	}
	defer st.Close()
	if action == "unsubscribed" {
		return listOptedOut(ctx, env, st)
	}
	address := words[1]
	was, err := st.OptIn(ctx, address)
	if err != nil {
		return err
	}
	if !was {
		return fmt.Errorf("%s had not unsubscribed (see newsalert email unsubscribed)", address)
	}
	fmt.Fprintf(env.stdout, "resubscribed %s: it gets its digests again\n", address)
	return nil
}

func listOptedOut(ctx context.Context, env cmdEnv, st *store.Store) error {
	out, err := st.OptedOut(ctx)
	if err != nil {
		return err
	}
	for _, addr := range slices.Sorted(maps.Keys(out)) {
		fmt.Fprintf(env.stdout, "%s\tunsubscribed %s\n", addr, out[addr].UTC().Format("2006-01-02 15:04 MST"))
	}
	return nil
}

// parseInterspersed parses flags anywhere among args and returns the
// other words.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, errUsageOr(err)
		}
		if fs.NArg() == 0 {
			return words, nil
		}
		words = append(words, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func first(words []string) string {
	if len(words) == 0 {
		return ""
	}
	return words[0]
}
