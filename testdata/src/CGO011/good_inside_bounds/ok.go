package ok

import "unsafe"

type rec struct {
	id   int64
	name [8]byte
}

func Walk() (sum int64) {
	var arr [4]int64
	for i := 0; i < len(arr); i++ {
		sum += *(*int64)(unsafe.Add(unsafe.Pointer(&arr[0]), i*8))
	}
	sum += *(*int64)(unsafe.Add(unsafe.Pointer(&arr[0]), (len(arr)-1)*8))
	var r rec
	sum += int64(*(*byte)(unsafe.Add(unsafe.Pointer(&r), unsafe.Sizeof(r)-1)))
	p := unsafe.Pointer(uintptr(unsafe.Pointer(&r)) + unsafe.Offsetof(r.name))
	sum += int64(*(*byte)(p))
	return sum
}
