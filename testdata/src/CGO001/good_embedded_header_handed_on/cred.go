package cred

/*
#include <stdlib.h>

typedef struct credential {
	int kind;
	void (*release)(struct credential *);
} credential;

// A credential type that embeds the common header as its first member.
typedef struct token_credential {
	credential parent;
	char *user;
} token_credential;

static void token_release(credential *c) {
	token_credential *t = (token_credential *)c;
	free(t->user);
	free(t);
}

static void token_init(token_credential *t) {
	t->parent.kind = 2;
	t->parent.release = token_release;
}

static void credential_release(credential *c) { c->release(c); }
*/
import "C"

import "unsafe"

// Credential owns a C credential; Free releases the whole block through its header.
type Credential struct {
	ptr *C.credential
}

// NewToken allocates the larger struct and keeps it through a pointer to its header field:
// &tok.parent is the same block, so storing it hands the allocation to the Credential.
func NewToken(user string) *Credential {
	tok := (*C.token_credential)(C.calloc(1, C.size_t(unsafe.Sizeof(C.token_credential{}))))
	tok.user = C.CString(user)
	C.token_init(tok)
	c := &Credential{}
	c.ptr = &tok.parent
	return c
}

// Free releases the credential through the function its header names.
func (c *Credential) Free() {
	C.credential_release(c.ptr)
	c.ptr = nil
}
