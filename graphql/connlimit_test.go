package graphql

import (
	"net"
	"net/http"
	"net/netip"
	"testing"
)

type fakeConn struct {
	net.Conn
	remote net.Addr
	closed bool
}

func (c *fakeConn) RemoteAddr() net.Addr { return c.remote }
func (c *fakeConn) Close() error         { c.closed = true; return nil }

func TestConnLimit(t *testing.T) {
	l := &ConnLimit{Max: 4, PerClient: 2}
	var held []*fakeConn
	open := func(addr string) *fakeConn {
		c := &fakeConn{remote: net.TCPAddrFromAddrPort(netip.MustParseAddrPort(addr))}
		l.ConnState(c, http.StateNew)
		if !c.closed {
			held = append(held, c)
		} else {
			l.ConnState(c, http.StateClosed) // as the server reports it
		}
		return c
	}
	for _, tc := range []struct {
		addr   string
		closed bool
	}{
		{"192.0.2.1:1000", false},
		{"192.0.2.1:1001", false},
		{"192.0.2.1:1002", true}, // its client's cap
		{"[2001:db8::1]:1000", false},
		{"[2001:db8::2]:1000", false}, // the same /64: one client
		{"[2001:db8::3]:1000", true},
		{"192.0.2.2:1000", true}, // the global cap
	} {
		if c := open(tc.addr); c.closed != tc.closed {
			t.Errorf("%s: closed %v, want %v", tc.addr, c.closed, tc.closed)
		}
	}
	l.ConnState(held[0], http.StateClosed)
	if c := open("192.0.2.2:1001"); c.closed {
		t.Error("no room after a connection closed")
	}
	if c := open("192.0.2.1:1003"); c.closed == false {
		t.Error("the global cap is full again, yet a connection was let in")
	}
}
