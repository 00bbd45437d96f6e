typedef struct sess { int sent; } sess;
sess *sess_new(void);
void sess_free(sess *s);
int sess_send(sess *s, int n);
