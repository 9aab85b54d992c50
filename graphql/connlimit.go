package graphql

import (
	"net"
	"net/http"
	"sync"
)

// ConnLimit caps the connections an http.Server holds: in all, and from
// any one client (an IPv4 address, or an IPv6 /64, as sign-in's bounds
// count them), so that one client opening connections cannot take every
// one of them. Past either cap a new connection is closed as it comes,
// before a byte of it is read. Set ConnState as the server's ConnState;
// the zero value works.
type ConnLimit struct {
	Max       int // connections in all; 0 means 1024
	PerClient int // connections from one client; 0 means 256

	mu       sync.Mutex
	open     map[net.Conn]string // the connections let in, by client
	byClient map[string]int
}

// ConnState counts connections as they open and close, closing one past
// a cap.
func (l *ConnLimit) ConnState(c net.Conn, st http.ConnState) {
	switch st {
	case http.StateNew:
		if !l.admit(c) {
			c.Close() // the server sees it closed: StateClosed, not counted
		}
	case http.StateClosed, http.StateHijacked:
		l.mu.Lock()
		if client, ok := l.open[c]; ok {
			delete(l.open, c)
			if l.byClient[client]--; l.byClient[client] == 0 {
				delete(l.byClient, client)
			}
		}
		l.mu.Unlock()
	}
}

func (l *ConnLimit) admit(c net.Conn) bool {
	max, per := l.Max, l.PerClient
	if max <= 0 {
		max = 1024
	}
	if per <= 0 {
		per = 256
	}
	client := clientOf(c.RemoteAddr().String())
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.open) >= max || l.byClient[client] >= per {
		return false
	}
	if l.open == nil {
		l.open, l.byClient = map[net.Conn]string{}, map[string]int{}
	}
	l.open[c] = client
	l.byClient[client]++
	return true
}
