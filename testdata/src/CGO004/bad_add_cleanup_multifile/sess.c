#include <stdlib.h>
#include "sess.h"

sess *sess_new(void) { return calloc(1, sizeof(sess)); }
void sess_free(sess *s) { free(s); }
int sess_send(sess *s, int n) { s->sent += n; return s->sent; }
