#include "textflag.h"

// func lockRuntime(l uintptr)
TEXT ·lockRuntime(SB), NOSPLIT, $8-8
	MOVQ	l+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·lock(SB) // want LN006
	RET
