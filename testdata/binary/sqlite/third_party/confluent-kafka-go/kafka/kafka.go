//go:build cgo

// A stand-in for confluent-kafka-go's kafka package, which wraps librdkafka through cgo.
package kafka

/*
static int rd_kafka_version(void) { return 0x020300ff; }
*/
import "C"

func LibraryVersion() int { return int(C.rd_kafka_version()) }
