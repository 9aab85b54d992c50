package delivery

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/csv"
	"github.com/apache/arrow/go/v17/arrow/flight"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/ipfs/go-cid"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/desci-platform/desci/datasets"
	"github.com/desci-platform/desci/notary"
)

// ErrNotExtract is returned for a ticket to something that is not an
// extract.
var ErrNotExtract = errors.New("delivery: not an extract")

// Formats a download may ask for.
const (
	FormatFile   = "file"   // the notarized bytes, as they are
	FormatStream = "arrows" // Arrow IPC stream
	FormatCSV    = "csv"    // CSV, converted if the extract is not CSV
)

// Options configure a Server. Store and Tickets are required.
type Options struct {
	// Store holds the extracts.
	Store *notary.Store
	// Tickets checks download tickets.
	Tickets *Tickets
	// Record, if set, is told of every download that was served, with the
	// rows sent (0 for FormatFile, which is sent as bytes); an error from
	// it is logged into the response only as a failure to record.
	Record func(ctx context.Context, g Grant, format string, rows int64) error
	// Mem allocates batches; nil means the Go allocator.
	Mem memory.Allocator
	// Notice, if set, says what a holder should know about an extract
	// before using it (a consent revoked since it was made); a download
	// carries it in the Desci-Notice header. Empty means nothing.
	Notice func(ctx context.Context, extract cid.Cid) string
}

// A Server serves extracts by ticket over HTTP (ServeHTTP) and Arrow
// Flight (it is a flight.FlightServer: register it with
// flight.NewFlightServer().RegisterFlightService).
type Server struct {
	flight.BaseFlightServer
	o Options
}

var _ flight.FlightServer = (*Server)(nil)
var _ http.Handler = (*Server)(nil)

// NewServer returns a server of o's extracts.
func NewServer(o Options) *Server {
	if o.Mem == nil {
		o.Mem = memory.NewGoAllocator()
	}
	return &Server{o: o}
}

// extract is an opened, authorized extract.
type extract struct {
	grant Grant
	name  string // the file name, whose extension says its format
	file  *notary.FileReader
}

func (s *Server) open(ctx context.Context, ticket string) (*extract, error) {
	g, err := s.o.Tickets.Authorize(ticket)
	if err != nil {
		return nil, err
	}
	m, err := s.o.Store.Manifest(ctx, g.Extract)
	if err != nil {
		return nil, err
	}
	if m.Kind != notary.KindExtract || m.Content == nil || len(m.Content.Files) != 1 {
		return nil, fmt.Errorf("%w: %s is a %s", ErrNotExtract, g.Extract, m.Kind)
	}
	f, err := s.o.Store.OpenFile(ctx, m.Content.Root)
	if err != nil {
		return nil, err
	}
	return &extract{grant: g, name: path.Base(m.Content.Files[0].Path), file: f}, nil
}

// records streams the extract's batches to f.
func (s *Server) records(e *extract, f func(arrow.Record) error) (int64, error) {
	r, err := datasets.Open(e.file, e.file.Size(), datasets.CSVOptions{Name: e.name, Mem: s.o.Mem})
	if err != nil {
		return 0, err
	}
	defer r.Release()
	var rows int64
	for r.Next() {
		rec := r.Record()
		if err := f(rec); err != nil {
			return rows, err
		}
		rows += rec.NumRows()
	}
	return rows, r.Err()
}

func (s *Server) record(ctx context.Context, g Grant, format string, rows int64) error {
	if s.o.Record == nil {
		return nil
	}
	return s.o.Record(ctx, g, format, rows)
}

// ServeHTTP serves GET /extracts/CID?format=file|arrows|csv with the
// ticket as "Authorization: Bearer TICKET" (or ?ticket=). The CID in the
// path must be the ticket's.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "GET only", http.StatusMethodNotAllowed)
		return
	}
	ticket := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if ticket == "" {
		ticket = r.URL.Query().Get("ticket")
	}
	e, err := s.open(r.Context(), ticket)
	if err != nil {
		http.Error(w, err.Error(), httpStatus(err))
		return
	}
	defer e.file.Close()
	if want := path.Base(r.URL.Path); want != e.grant.Extract.String() {
		http.Error(w, "delivery: the ticket is for another extract", http.StatusForbidden)
		return
	}
	if s.o.Notice != nil {
		if n := s.o.Notice(r.Context(), e.grant.Extract); n != "" {
			w.Header().Set("Desci-Notice", n)
		}
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = FormatFile
	}
	var rows int64
	switch format {
	case FormatFile:
		w.Header().Set("Content-Type", contentType(e.name))
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", e.name))
		http.ServeContent(w, r, e.name, e.grant.Expires, io.NewSectionReader(e.file, 0, e.file.Size()))
	case FormatStream:
		w.Header().Set("Content-Type", "application/vnd.apache.arrow.stream")
		var iw *ipc.Writer
		rows, err = s.records(e, func(rec arrow.Record) error {
			if iw == nil {
				iw = ipc.NewWriter(w, ipc.WithSchema(rec.Schema()), ipc.WithAllocator(s.o.Mem))
			}
			return iw.Write(rec)
		})
		if iw != nil {
			err = errors.Join(err, iw.Close())
		}
	case FormatCSV:
		w.Header().Set("Content-Type", "text/csv")
		var cw *csv.Writer
		rows, err = s.records(e, func(rec arrow.Record) error {
			if cw == nil {
				cw = csv.NewWriter(w, rec.Schema(), csv.WithHeader(true), csv.WithNullWriter(""))
			}
			return cw.Write(rec)
		})
		if cw != nil {
			err = errors.Join(err, cw.Flush())
		}
	default:
		http.Error(w, fmt.Sprintf("delivery: format %q (want file, arrows or csv)", format), http.StatusBadRequest)
		return
	}
	if err != nil {
		// Headers are gone; a truncated body is what the client sees.
		return
	}
	s.record(r.Context(), e.grant, format, rows)
}

func contentType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".parquet":
		return "application/vnd.apache.parquet"
	case ".arrow":
		return "application/vnd.apache.arrow.file"
	case ".csv":
		return "text/csv"
	}
	return "application/octet-stream"
}

func httpStatus(err error) int {
	switch {
	case errors.Is(err, ErrBadTicket):
		return http.StatusUnauthorized
	case errors.Is(err, ErrExpiredTicket):
		return http.StatusUnauthorized
	case errors.Is(err, ErrNotExtract):
		return http.StatusBadRequest
	case errors.Is(err, notary.ErrNotFound):
		return http.StatusNotFound
	}
	return http.StatusInternalServerError
}

// DoGet streams the extract a ticket grants as Arrow record batches.
func (s *Server) DoGet(tkt *flight.Ticket, stream flight.FlightService_DoGetServer) error {
	ctx := stream.Context()
	e, err := s.open(ctx, string(tkt.GetTicket()))
	if err != nil {
		return status.Error(grpcCode(err), err.Error())
	}
	defer e.file.Close()
	var fw *flight.Writer
	rows, err := s.records(e, func(rec arrow.Record) error {
		if fw == nil {
			fw = flight.NewRecordWriter(stream, ipc.WithSchema(rec.Schema()), ipc.WithAllocator(s.o.Mem))
		}
		return fw.Write(rec)
	})
	if fw != nil {
		err = errors.Join(err, fw.Close())
	}
	if err != nil {
		return status.Error(codes.Internal, err.Error())
	}
	return s.record(ctx, e.grant, "flight", rows)
}

func grpcCode(err error) codes.Code {
	switch {
	case errors.Is(err, ErrBadTicket), errors.Is(err, ErrExpiredTicket):
		return codes.Unauthenticated
	case errors.Is(err, ErrNotExtract):
		return codes.InvalidArgument
	case errors.Is(err, notary.ErrNotFound):
		return codes.NotFound
	}
	return codes.Internal
}

// Ticket returns a Flight ticket for a ticket string.
func Ticket(ticket string) *flight.Ticket { return &flight.Ticket{Ticket: []byte(ticket)} }

// Flight discovery: a client that lists or describes flights before it
// reads them (pyarrow's list_flights and get_flight_info, ADBC, Dremio-style
// tools) sees exactly the extracts of the tickets it presents, and nothing
// else: there is no public catalogue. A ticket is presented as gRPC
// metadata "authorization: Bearer TICKET", as the command of a CMD
// descriptor, or, for ListFlights, one per line of the criteria's
// expression (gRPC clients other than Go's send one authorization value
// at most: more tickets go in the criteria). Discovery is not a download
// and is not recorded.

// GetFlightInfo describes the extract a ticket grants: a CMD descriptor
// whose command is the ticket, or a PATH descriptor ["extracts", CID]
// with the ticket for that CID in the metadata. The one endpoint's ticket
// is the ticket itself, redeemable here by DoGet until it expires.
func (s *Server) GetFlightInfo(ctx context.Context, d *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	ticket, err := descriptorTicket(ctx, d)
	if err != nil {
		return nil, err
	}
	return s.flightInfo(ctx, ticket, d)
}

// GetSchema is the schema part of GetFlightInfo.
func (s *Server) GetSchema(ctx context.Context, d *flight.FlightDescriptor) (*flight.SchemaResult, error) {
	info, err := s.GetFlightInfo(ctx, d)
	if err != nil {
		return nil, err
	}
	return &flight.SchemaResult{Schema: info.Schema}, nil
}

// ListFlights sends one FlightInfo per ticket presented, in the order
// presented. A bad or expired ticket fails the call, naming its position:
// a holder should know which of theirs no longer works.
func (s *Server) ListFlights(c *flight.Criteria, stream flight.FlightService_ListFlightsServer) error {
	ctx := stream.Context()
	tickets := metadataTickets(ctx)
	for _, line := range strings.Split(string(c.GetExpression()), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			tickets = append(tickets, line)
		}
	}
	if len(tickets) == 0 {
		return status.Error(codes.Unauthenticated, "delivery: no ticket: present each as metadata \"authorization: Bearer TICKET\" or one per line in the criteria")
	}
	if len(tickets) > maxListed {
		return status.Errorf(codes.InvalidArgument, "delivery: %d tickets, at most %d a call", len(tickets), maxListed)
	}
	for i, t := range tickets {
		info, err := s.flightInfo(ctx, t, nil)
		if err != nil {
			st, _ := status.FromError(err)
			return status.Errorf(st.Code(), "ticket %d of %d: %s", i+1, len(tickets), st.Message())
		}
		if err := stream.Send(info); err != nil {
			return err
		}
	}
	return nil
}

// maxListed bounds the tickets one ListFlights call opens.
const maxListed = 1000

// flightInfo describes the extract of an authorized ticket; d, if set,
// is the descriptor asked for, which the info echoes.
func (s *Server) flightInfo(ctx context.Context, ticket string, d *flight.FlightDescriptor) (*flight.FlightInfo, error) {
	e, err := s.open(ctx, ticket)
	if err != nil {
		return nil, status.Error(grpcCode(err), err.Error())
	}
	defer e.file.Close()
	if d != nil && d.Type == flight.DescriptorPATH && (len(d.Path) != 2 || d.Path[1] != e.grant.Extract.String()) {
		return nil, status.Error(codes.PermissionDenied, "delivery: the ticket is for another extract")
	}
	r, err := datasets.Open(e.file, e.file.Size(), datasets.CSVOptions{Name: e.name, Mem: s.o.Mem})
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	schema := r.Schema()
	r.Release()
	if d == nil {
		d = &flight.FlightDescriptor{Type: flight.DescriptorPATH, Path: []string{"extracts", e.grant.Extract.String()}}
	}
	return &flight.FlightInfo{
		Schema:           flight.SerializeSchema(schema, s.o.Mem),
		FlightDescriptor: d,
		Endpoint: []*flight.FlightEndpoint{{
			Ticket:         Ticket(ticket),
			ExpirationTime: timestamppb.New(e.grant.Expires),
		}},
		TotalRecords: -1, // known only by reading every batch
		TotalBytes:   -1,
	}, nil
}

// descriptorTicket finds the ticket a descriptor is asked with.
func descriptorTicket(ctx context.Context, d *flight.FlightDescriptor) (string, error) {
	switch d.GetType() {
	case flight.DescriptorCMD:
		return string(d.Cmd), nil
	case flight.DescriptorPATH:
		if len(d.Path) != 2 || d.Path[0] != "extracts" {
			return "", status.Errorf(codes.InvalidArgument, "delivery: path %q (want [extracts CID])", d.Path)
		}
		t := metadataTickets(ctx)
		if len(t) != 1 {
			return "", status.Errorf(codes.Unauthenticated, "delivery: a path descriptor needs one ticket as metadata \"authorization: Bearer TICKET\" (got %d)", len(t))
		}
		return t[0], nil
	}
	return "", status.Error(codes.InvalidArgument, "delivery: a descriptor is CMD (the ticket) or PATH [extracts CID]")
}

// metadataTickets are the tickets in the call's authorization metadata.
func metadataTickets(ctx context.Context) []string {
	md, _ := metadata.FromIncomingContext(ctx)
	var out []string
	for _, v := range md.Get("authorization") {
		if t, ok := strings.CutPrefix(v, "Bearer "); ok && t != "" {
			out = append(out, t)
		}
	}
	return out
}
