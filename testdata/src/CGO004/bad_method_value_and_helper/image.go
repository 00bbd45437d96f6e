package image

/*
#include <stdlib.h>
typedef struct pixels { int w, h; unsigned char *data; } pixels;
static pixels *pixels_new(int w, int h) {
	pixels *p = calloc(1, sizeof *p);
	p->w = w; p->h = h; p->data = calloc((size_t)w * h, 1);
	return p;
}
static void pixels_free(pixels *p) { free(p->data); free(p); }
static int pixels_width(const pixels *p) { return p->w; }
static int pixels_sum(const pixels *p, int row) { return p->data[row * p->w]; }
*/
import "C"

import (
	rt "runtime"
	"unsafe"
)

type Image struct {
	px   *C.pixels
	name string
}

func New(w, h int) *Image {
	img := &Image{px: C.pixels_new(C.int(w), C.int(h))}
	rt.SetFinalizer(img, (*Image).release)
	return img
}

func (img *Image) release() {
	destroy(unsafe.Pointer(img.px))
}

func destroy(p unsafe.Pointer) {
	C.pixels_free((*C.pixels)(p))
}

// Width is a plain function: img's last use is the field load.
func Width(img *Image) int {
	return int(C.pixels_width(img.px)) // want CGO004
}

// RowSum loads the handle first and calls C later.
func (img *Image) RowSum(row int) int {
	px := img.px
	if row < 0 {
		return 0
	}
	return int(C.pixels_sum(px, C.int(row))) // want CGO004
}
