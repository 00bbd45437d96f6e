package probe

import "net"

// Resolve returns the first address of host, or "" when it does not resolve.
func Resolve(host string) string {
	addrs, err := net.LookupHost(host)
	if err != nil || len(addrs) == 0 {
		return ""
	}
	return addrs[0]
}
