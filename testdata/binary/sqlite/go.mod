module example.com/sqliteapp

go 1.19

require (
	github.com/confluentinc/confluent-kafka-go/v2 v2.3.0
	github.com/mattn/go-sqlite3 v1.14.22
)

replace github.com/mattn/go-sqlite3 => ./third_party/go-sqlite3

replace github.com/confluentinc/confluent-kafka-go/v2 => ./third_party/confluent-kafka-go
