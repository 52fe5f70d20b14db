package main

import (
	"context"
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
	fs := newFlags("email unsubscribed|resubscribe", emailAbout, env.stderr)
	configPath := fs.String("config", config.DefaultPath, "config `file`")
	if len(args) == 0 {
		fs.Usage()
		return errUsage
	}
	action := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return errUsageOr(err)
	}
	want := map[string]int{"unsubscribed": 0, "resubscribe": 1}
	if n, ok := want[action]; !ok || fs.NArg() != n {
		fs.Usage()
		return errUsage
	}
	_, st, err := loadStore(ctx, *configPath, env.now)
	if err != nil {
		return err
	}
	defer st.Close()
	if action == "unsubscribed" {
		return listOptedOut(ctx, env, st)
	}
	address := fs.Arg(0)
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
