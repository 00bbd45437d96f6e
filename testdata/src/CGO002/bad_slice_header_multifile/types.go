package fill

type Sample struct {
	When  int64
	Label *string
}

type window [4]Sample
