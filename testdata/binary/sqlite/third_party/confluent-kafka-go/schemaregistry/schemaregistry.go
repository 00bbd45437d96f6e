// A stand-in for confluent-kafka-go's schemaregistry package: pure Go, no cgo.
package schemaregistry

import "strings"

func URL(base string) string { return strings.TrimSuffix(base, "/") + "/subjects" }
