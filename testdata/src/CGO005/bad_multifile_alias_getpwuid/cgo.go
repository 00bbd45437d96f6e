package users

/*
#include <pwd.h>
#include <sys/types.h>
*/
import "C"

type uid = C.uid_t
