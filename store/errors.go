package store

import (
	"errors"
	"fmt"
)

// Op is what the cache was doing when it failed.
type Op int

const (
	OpOpen    Op = iota + 1 // opening, creating or migrating the file (Path)
	OpLocate                // finding the user cache directory
	OpRead                  // reading Entity
	OpWrite                 // writing Entity
	OpCorrupt               // a stored Entity could not be decoded
	opEnd                   // keep last: Ops lists what comes before
)

// Ops lists every operation, so the UI's texts can be checked for all.
func Ops() []Op {
	out := make([]Op, 0, opEnd-1)
	for o := Op(1); o < opEnd; o++ {
		out = append(out, o)
	}
	return out
}

var opNames = [opEnd]string{"", "open", "locate", "read", "write", "decode"}

// Entity is what was being read or written.
type Entity int

const (
	EntityCatalog     Entity = iota + 1 // the catalog; ID names one API when known
	EntityDoc                           // an API's OpenAPI document (ID)
	EntityRequests                      // the synced request list; ID names one when known
	EntityRequest                       // a request's cached detail (ID)
	EntityDraft                         // a wizard draft (ID)
	EntitySession                       // the signed-in session
	EntityCredentials                   // the cached credential list
	EntitySettings                      // sync cursors and settings
	EntityNotices                       // the cached announcements and maintenance window
	entityEnd                           // keep last: Entities lists what comes before
)

// Entities lists every entity, so the UI's texts can be checked for all.
func Entities() []Entity {
	out := make([]Entity, 0, entityEnd-1)
	for e := Entity(1); e < entityEnd; e++ {
		out = append(out, e)
	}
	return out
}

var entityNames = [entityEnd]string{"", "catalog", "OpenAPI document", "requests", "request detail",
	"draft", "session", "credentials", "settings", "notices"}

// Error is a cache failure: the operation, on what, and the file. Error()
// is English developer text; the TUI words it for people.
type Error struct {
	Op     Op
	Entity Entity // zero for OpOpen and OpLocate
	ID     string // the API, request or draft, when one is known
	Path   string // the cache file (empty for OpLocate)
	Err    error
}

func (e *Error) Error() string {
	s := "cache: "
	if e.Op > 0 && e.Op < opEnd {
		s += opNames[e.Op]
	} else {
		s += fmt.Sprintf("op %d", e.Op)
	}
	if e.Entity > 0 && e.Entity < entityEnd {
		s += " " + entityNames[e.Entity]
	}
	if e.ID != "" {
		s += " " + e.ID
	}
	if e.Path != "" {
		s += " (" + e.Path + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// fail wraps *err (when set and not already a cache error) for a method
// of s; used with defer, so every return of the method is covered.
func (s *Store) fail(err *error, op Op, entity Entity, id string) {
	var se *Error
	if *err == nil || errors.As(*err, &se) {
		return
	}
	*err = &Error{Op: op, Entity: entity, ID: id, Path: s.path, Err: *err}
}
