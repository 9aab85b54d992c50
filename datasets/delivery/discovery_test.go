package delivery

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/flight"
	flightpb "github.com/apache/arrow/go/v17/arrow/flight/gen/flight"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

// flightServer serves srv over Flight on loopback and returns a client.
func flightServer(t *testing.T, srv *Server) (string, flight.Client) {
	t.Helper()
	fs := flight.NewFlightServer()
	if err := fs.Init("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	fs.RegisterFlightService(srv)
	go fs.Serve()
	t.Cleanup(fs.Shutdown)
	client, err := flight.NewClientWithMiddleware(fs.Addr().String(), nil, nil, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return fs.Addr().String(), client
}

func bearer(ctx context.Context, tickets ...string) context.Context {
	for _, t := range tickets {
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+t)
	}
	return ctx
}

func listFlights(ctx context.Context, c flight.Client, expression string) ([]*flight.FlightInfo, error) {
	stream, err := c.ListFlights(ctx, &flight.Criteria{Expression: []byte(expression)})
	if err != nil {
		return nil, err
	}
	var out []*flight.FlightInfo
	for {
		info, err := stream.Recv()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, info)
	}
}

// TestFlightDiscovery: a discovery-first Flight client lists and describes
// the extracts of the tickets it holds, and reads them by the endpoints
// it is given; nothing is listed without a ticket.
func TestFlightDiscovery(t *testing.T) {
	st, extract, _ := extractFixture(t)
	tickets := NewTickets(nil)
	rec := &recorder{}
	srv := NewServer(Options{Store: st, Tickets: tickets, Record: rec.record})
	_, client := flightServer(t, srv)
	ctx := context.Background()
	expires := time.Now().Add(time.Hour).Truncate(time.Second)
	mine := tickets.Issue(Grant{Extract: extract, Holder: "0xabc", Expires: expires})
	theirs := tickets.Issue(Grant{Extract: extract, Holder: "0xdef", Expires: expires})
	expired := tickets.Issue(Grant{Extract: extract, Holder: "0xabc", Expires: time.Now().Add(-time.Second)})
	path := []string{"extracts", extract.String()}

	t.Run("GetFlightInfo by ticket, then DoGet by its endpoint", func(t *testing.T) {
		info, err := client.GetFlightInfo(ctx, &flight.FlightDescriptor{Type: flight.DescriptorCMD, Cmd: []byte(mine)})
		if err != nil {
			t.Fatal(err)
		}
		schema, err := flight.DeserializeSchema(info.Schema, memory.DefaultAllocator)
		if err != nil {
			t.Fatal(err)
		}
		if len(info.Endpoint) != 1 || !info.Endpoint[0].ExpirationTime.AsTime().Equal(expires) || info.TotalRecords != -1 {
			t.Fatalf("info %v", info)
		}
		stream, err := client.DoGet(ctx, info.Endpoint[0].Ticket)
		if err != nil {
			t.Fatal(err)
		}
		r, err := flight.NewRecordReader(stream)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Release()
		rows := 0
		for r.Next() {
			rows += int(r.Record().NumRows())
		}
		if rows == 0 || !r.Schema().Equal(schema) {
			t.Fatalf("%d rows; DoGet's schema %s, GetFlightInfo's %s", rows, r.Schema(), schema)
		}
	})
	t.Run("GetFlightInfo and GetSchema by path", func(t *testing.T) {
		info, err := client.GetFlightInfo(bearer(ctx, mine), &flight.FlightDescriptor{Type: flight.DescriptorPATH, Path: path})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(info.FlightDescriptor.Path, path) {
			t.Fatalf("descriptor %v", info.FlightDescriptor)
		}
		sr, err := client.GetSchema(bearer(ctx, mine), &flight.FlightDescriptor{Type: flight.DescriptorPATH, Path: path})
		if err != nil || string(sr.Schema) != string(info.Schema) {
			t.Fatalf("GetSchema: %v", err)
		}
	})
	t.Run("ListFlights of the tickets held", func(t *testing.T) {
		infos, err := listFlights(bearer(ctx, mine), client, theirs)
		if err != nil || len(infos) != 2 {
			t.Fatalf("%d flights: %v", len(infos), err)
		}
		for i, want := range []string{mine, theirs} {
			if string(infos[i].Endpoint[0].Ticket.Ticket) != want || !slices.Equal(infos[i].FlightDescriptor.Path, path) {
				t.Errorf("flight %d: %v", i, infos[i])
			}
		}
		if infos, err := listFlights(ctx, client, mine+"\n"+theirs+"\n"); err != nil || len(infos) != 2 {
			t.Fatalf("by criteria: %d flights: %v", len(infos), err)
		}
	})
	for _, tc := range []struct {
		name string
		call func() error
		code codes.Code
		want string
	}{
		{"list without a ticket", func() error { _, err := listFlights(ctx, client, ""); return err }, codes.Unauthenticated, "no ticket"},
		{"list with a forged ticket", func() error {
			_, err := listFlights(bearer(ctx, mine), client, mine[:len(mine)-2]+"AA")
			return err
		}, codes.Unauthenticated, "ticket 2 of 2"},
		{"list with an expired ticket", func() error { _, err := listFlights(bearer(ctx, expired), client, ""); return err }, codes.Unauthenticated, "ticket 1 of 1"},
		{"info by a forged command", func() error {
			_, err := client.GetFlightInfo(ctx, &flight.FlightDescriptor{Type: flight.DescriptorCMD, Cmd: []byte("nope")})
			return err
		}, codes.Unauthenticated, ""},
		{"info by path without a ticket", func() error {
			_, err := client.GetFlightInfo(ctx, &flight.FlightDescriptor{Type: flight.DescriptorPATH, Path: path})
			return err
		}, codes.Unauthenticated, "one ticket"},
		{"info by another extract's path", func() error {
			_, err := client.GetFlightInfo(bearer(ctx, mine), &flight.FlightDescriptor{Type: flight.DescriptorPATH, Path: []string{"extracts", "bafkqaaa"}})
			return err
		}, codes.PermissionDenied, "another extract"},
		{"info by a bad path", func() error {
			_, err := client.GetFlightInfo(bearer(ctx, mine), &flight.FlightDescriptor{Type: flight.DescriptorPATH, Path: []string{"etc", "passwd"}})
			return err
		}, codes.InvalidArgument, "extracts CID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if status.Code(err) != tc.code || !strings.Contains(status.Convert(err).Message(), tc.want) {
				t.Fatalf("got %v, want %s %q", err, tc.code, tc.want)
			}
		})
	}
	// Discovery is not a download: only the one DoGet is recorded.
	if len(rec.seen) != 1 || !strings.HasPrefix(rec.seen[0], "0xabc flight ") {
		t.Fatalf("recorded: %v", rec.seen)
	}
}

// flightDescriptors writes Arrow's Flight.proto, as the Arrow Go module
// registers it, and what it imports, as a FileDescriptorSet.
func flightDescriptors(t *testing.T) string {
	t.Helper()
	var set descriptorpb.FileDescriptorSet
	seen := map[string]bool{}
	var add func(fd protoreflect.FileDescriptor)
	add = func(fd protoreflect.FileDescriptor) {
		if seen[fd.Path()] {
			return
		}
		seen[fd.Path()] = true
		for i := range fd.Imports().Len() {
			add(fd.Imports().Get(i).FileDescriptor)
		}
		set.File = append(set.File, protodesc.ToFileDescriptorProto(fd))
	}
	add(flightpb.File_Flight_proto)
	b, err := proto.Marshal(&set)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "flight.pb")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFlightDiscoveryFromJavaScript runs a Flight client that is not Go:
// @grpc/grpc-js from npm on Arrow's Flight.proto. It needs the tools
// scripts/test.sh installs; without them it skips, except under CI.
func TestFlightDiscoveryFromJavaScript(t *testing.T) {
	lib := filepath.Join("..", "..", "tools", "npm", "node_modules", "@grpc", "grpc-js")
	if _, err := os.Stat(lib); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("@grpc/grpc-js is not installed under tools/npm: %v", err)
		}
		t.Skip("@grpc/grpc-js not installed: run npm ci --prefix tools/npm")
	}
	if _, err := exec.LookPath("node"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is not installed")
		}
		t.Skip("node not installed")
	}
	st, extract, _ := extractFixture(t)
	tickets := NewTickets(nil)
	rec := &recorder{}
	addr, _ := flightServer(t, NewServer(Options{Store: st, Tickets: tickets, Record: rec.record}))
	expires := time.Now().Add(time.Hour).Truncate(time.Second)
	mine := tickets.Issue(Grant{Extract: extract, Holder: "0xabc", Expires: expires})
	theirs := tickets.Issue(Grant{Extract: extract, Holder: "0xdef", Expires: expires})

	out, err := exec.Command("node", filepath.Join("testdata", "flight.js"), addr, flightDescriptors(t), mine, theirs).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got struct {
		Listed []struct {
			Path         []string `json:"path"`
			SchemaBytes  int      `json:"schemaBytes"`
			Endpoints    int      `json:"endpoints"`
			TotalRecords string   `json:"totalRecords"`
			Expires      string   `json:"expires"`
		} `json:"listed"`
		ByCriteria    int      `json:"byCriteria"`
		DescribedPath []string `json:"describedPath"`
		SameSchema    bool     `json:"sameSchema"`
		Read          struct {
			Messages  int `json:"messages"`
			BodyBytes int `json:"bodyBytes"`
		} `json:"read"`
		Forged string `json:"forged"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	path := []string{"extracts", extract.String()}
	if len(got.Listed) != 2 || got.ByCriteria != 2 || !slices.Equal(got.Listed[0].Path, path) || got.Listed[0].SchemaBytes == 0 ||
		got.Listed[0].TotalRecords != "-1" || got.Listed[0].Expires != strconv.FormatInt(expires.Unix(), 10) {
		t.Fatalf("listed from JavaScript: %s", out)
	}
	if !slices.Equal(got.DescribedPath, path) || !got.SameSchema || got.Read.Messages < 2 || got.Read.BodyBytes == 0 || got.Forged != "UNAUTHENTICATED" {
		t.Fatalf("from JavaScript: %s", out)
	}
	if len(rec.seen) != 1 || !strings.HasPrefix(rec.seen[0], "0xabc flight ") {
		t.Fatalf("recorded: %v", rec.seen)
	}
}
